// UUID v4 from libuuid (which reads the kernel's random source).
#include "sync/protocol/ids.h"

#include <uuid/uuid.h>

#include <cctype>

namespace ck::protocol {

std::string NewUuid() {
  uuid_t raw;
  uuid_generate_random(raw);
  char text[37];
  uuid_unparse_lower(raw, text);
  return text;
}

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::optional<std::string> NormaliseUuid(std::string_view text) {
  if (!IsUuid(text)) return std::nullopt;
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace ck::protocol

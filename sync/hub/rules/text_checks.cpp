// CheckText (text_checks.h).
#include "sync/hub/rules/text_checks.h"

#include "sync/protocol/utf8.h"

namespace ck::hub {

std::optional<std::string> CheckText(std::string_view field, std::string_view text, std::size_t max_cp,
                                     bool required) {
  const std::string f(field);
  if (!protocol::IsValidUtf8(text)) return f + ": not valid UTF-8";
  if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos) return f + ": required";
  if (protocol::CountCodepoints(text) > max_cp)
    return f + ": too long (at most " + std::to_string(max_cp) + " characters)";
  return std::nullopt;
}

}  // namespace ck::hub

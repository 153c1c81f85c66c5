// A strict UTF-8 validator (rejects overlongs, surrogates and code points past U+10FFFF).
#include "sync/protocol/utf8.h"

namespace ck::protocol {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::size_t CountCodepoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string ClipCodepoints(std::string_view s, std::size_t max_cp) {
  std::size_t cp = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && cp++ == max_cp)
      return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

Status CheckTextField(std::string_view field, const std::string& text, std::size_t min_cp, std::size_t max_cp) {
  if (!IsValidUtf8(text)) return Status::Fail(std::string(field) + ": not valid UTF-8");
  std::size_t n = CountCodepoints(text);
  if (n < min_cp) return Status::Fail(std::string(field) + ": must not be empty");
  if (n > max_cp)
    return Status::Fail(std::string(field) + ": too long (" + std::to_string(n) + " characters, at most " +
                        std::to_string(max_cp) + ")");
  return OkStatus();
}

}  // namespace ck::protocol

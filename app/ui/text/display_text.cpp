// Decoding and substitution of stored text for ImGui's 16-bit glyph range (see display_text.h).
#include "app/ui/text/display_text.h"

namespace ck::ui {
namespace {

// Decodes one code point at `i`; returns the substitute for malformed input and advances at least one byte.
char32_t DecodeOne(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return kSubstituteCodepoint;
  }
  if (i + len > s.size()) {
    ++i;
    return kSubstituteCodepoint;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kSubstituteCodepoint;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  static constexpr char32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kSubstituteCodepoint;
  return cp;
}

}  // namespace

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

DisplayText MakeDisplayText(std::string_view text) {
  DisplayText out;
  out.utf8.reserve(text.size());
  out.codepoints.reserve(text.size() / 2);
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = DecodeOne(text, i);
    if (cp == '\r') continue;  // "\r\n" and lone "\r": the "\n" (if any) carries the break
    if (cp == '\t') cp = ' ';
    if (cp < 0x20 && cp != '\n') continue;
    if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue;
    // 16-bit ImWchar: anything beyond the BMP, and the BMP's non-characters, cannot be drawn.
    if (cp > 0xFFFF || cp == 0xFFFE || cp == 0xFFFF) cp = kSubstituteCodepoint;
    out.byte_offsets.push_back(static_cast<std::uint32_t>(out.utf8.size()));
    out.codepoints.push_back(cp);
    AppendUtf8(out.utf8, cp);
  }
  out.byte_offsets.push_back(static_cast<std::uint32_t>(out.utf8.size()));
  return out;
}

std::string ToDisplayUtf8(std::string_view text) {
  return MakeDisplayText(text).utf8;
}

std::string GroupPhoneDigits(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i == 3 || i == 7) out += ' ';  // 3-4-4, as a Chinese mobile number is read aloud
    out += digits[i];
  }
  return out;
}

}  // namespace ck::ui

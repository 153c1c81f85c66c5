// Turning stored UTF-8 into text ImGui 1.86 can draw: decoded, with characters it cannot draw substituted.
//
// Debian's libimgui is built with a 16-bit ImWchar, so code points outside the Basic Multilingual Plane
// (rare name characters such as U+20BB7 𠮷, emoji) cannot be drawn. They are shown as U+3013 〓 (GETA MARK,
// the conventional Japanese/Chinese typesetting mark for "a character that cannot be printed"), never
// dropped silently and never a crash. Invalid UTF-8 gets the same mark. The stored text stays intact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ck::ui {

inline constexpr char32_t kSubstituteCodepoint = 0x3013;  // 〓

// Text ready for drawing: UTF-8 for ImGui, plus its code points and where each starts in `utf8`.
struct DisplayText {
  std::string utf8;
  std::vector<char32_t> codepoints;
  std::vector<std::uint32_t> byte_offsets;  // one per code point, plus utf8.size() at the end
};

// Decodes `text`, substitutes what cannot be drawn, turns "\r\n" into "\n", tabs into spaces, and drops
// other control characters.
DisplayText MakeDisplayText(std::string_view text);
// Only the UTF-8 of MakeDisplayText.
std::string ToDisplayUtf8(std::string_view text);

// A phone number as the resident types it, in the groups people read numbers in ("138 1234 5678"): shown in
// full while typed and on the review so a slip can be seen before sending; masked from the receipt on.
std::string GroupPhoneDigits(std::string_view digits);
// Appends UTF-8 for one code point.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace ck::ui

// UTF-8 editing for typed text: length and deletion by code point, never by byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ck::input {

std::size_t CodepointCount(std::string_view text);
// Removes the last code point (1–4 bytes); a no-op on empty text.
void PopLastCodepoint(std::string& text);
// The longest prefix of `text` holding at most `max_codepoints` code points.
std::string_view PrefixOfCodepoints(std::string_view text, std::size_t max_codepoints);

}  // namespace ck::input

// UTF-8 editing for typed text: length and deletion by code point, never by byte.
#include "app/input/utf8_edit.h"

namespace ck::input {
namespace {

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::size_t CodepointCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if (!IsContinuationByte(c)) ++count;
  }
  return count;
}

void PopLastCodepoint(std::string& text) {
  std::size_t end = text.size();
  // Step back over continuation bytes to the lead byte; stop at 4 so broken text cannot eat more.
  std::size_t steps = 0;
  while (end > 0 && steps < 4) {
    --end;
    ++steps;
    if (!IsContinuationByte(text[end])) break;
  }
  text.resize(end);
}

std::string_view PrefixOfCodepoints(std::string_view text, std::size_t max_codepoints) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(text[i])) continue;
    if (count == max_codepoints) return text.substr(0, i);
    ++count;
  }
  return text;
}

}  // namespace ck::input

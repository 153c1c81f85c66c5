// Chinese-aware line breaking: where a paragraph of mixed Chinese and Latin text may wrap, by measured width.
//
// Rules (after the usual Chinese typesetting practice, GB/T 15834 and the W3C "clreq" note):
//   - a line may break between any two CJK characters;
//   - Latin words and numbers ("17:00", "0571-8888") stay whole unless one alone is wider than a line;
//   - kinsoku: no line starts with closing punctuation (，。、；：？！）」』】》… and ASCII ,.;:?!) ),
//     and no line ends with opening punctuation (（「『【《 and ASCII ( );
//   - "\n" always breaks; spaces at a break are dropped.
// A pure function: the caller supplies the advance of each code point (the font's), so tests need no font.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace ck::ui {

// One line: code points [begin, end) of the input, trailing spaces already excluded.
struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  float width = 0.0f;
};

using AdvanceFunction = std::function<float(char32_t)>;

std::vector<LineSpan> BreakLines(std::u32string_view text, float max_width, const AdvanceFunction& advance);

// Exposed for tests and for callers that truncate.
bool IsCjk(char32_t cp);
bool IsNoLineStart(char32_t cp);
bool IsNoLineEnd(char32_t cp);

}  // namespace ck::ui

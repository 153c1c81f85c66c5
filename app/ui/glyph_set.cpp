// Building glyph sets from text and turning them into ImGui glyph ranges.
#include "app/ui/glyph_set.h"

#include "app/ui/display_text.h"

namespace ck::ui {

void GlyphSet::AddUtf8(std::string_view display_utf8) {
  for (char32_t cp : MakeDisplayText(display_utf8).codepoints) Add(cp);
}

void GlyphSet::AddImGuiRanges(const ImWchar* ranges) {
  for (; ranges[0] != 0; ranges += 2) AddRange(ranges[0], ranges[1]);
}

std::vector<ImWchar> GlyphSet::ToRanges() const {
  std::vector<ImWchar> out;
  for (char32_t c = 1; c <= 0xFFFF; ++c) {
    if (!bits_.test(c)) continue;
    char32_t end = c;
    while (end < 0xFFFF && bits_.test(end + 1)) ++end;
    out.push_back(static_cast<ImWchar>(c));
    out.push_back(static_cast<ImWchar>(end));
    c = end;
  }
  out.push_back(0);
  return out;
}

GlyphSet GlyphSet::Basic() {
  GlyphSet s;
  s.AddRange(0x20, 0x7E);
  s.AddRange(0xA0, 0xBF);      // ·, °, ×… used in notices
  s.Add(0xD7);                 // ×
  s.AddRange(0x2010, 0x2027);  // dashes, quotes, …
  s.AddRange(0x2030, 0x203B);  // ‰ ※
  s.Add(0x2103);               // ℃
  s.AddRange(0x3000, 0x303F);  // CJK punctuation, including the substitute 〓
  s.AddRange(0xFF01, 0xFF5E);  // full-width punctuation and letters
  s.Add(0xFFFD);
  return s;
}

}  // namespace ck::ui

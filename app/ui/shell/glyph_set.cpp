// Building glyph sets from text and turning them into ImGui glyph ranges.
#include "app/ui/shell/glyph_set.h"

#include "app/ui/text/display_text.h"

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
  s.AddRange('0', ':');  // digits and the colon of times
  s.Add(' ');
  s.Add(0x2026);  // …
  s.Add(0x3013);  // 〓, the documented substitute (display_text.h)
  s.Add(0xFFFD);
  // Chinese sentence punctuation, at every size: a question or heading drawn before its text reached the
  // glyph needs (the idle overlay over any screen) showed "？" as ImGui's half-width fallback "?".
  for (char32_t c : {U'，', U'。', U'、', U'？', U'！', U'：', U'；', U'（', U'）', U'“', U'”', U'‘', U'’', U'《',
                     U'》', U'·', U'—'})
    s.Add(c);
  return s;
}

GlyphSet GlyphSet::BasicWithCjkPunctuation() {
  GlyphSet s = Basic();
  s.AddRange(0x20, 0x7E);
  s.AddRange(0x3000, 0x303F);
  return s;
}

}  // namespace ck::ui

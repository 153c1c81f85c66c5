// Measuring the drawn text from the glyph quads in ImGui's draw lists.
#include "app/ui/shell/drawn_text.h"

#include <algorithm>
#include <map>
#include <utility>

namespace ck::ui {
namespace {

struct GlyphRef {
  int style;          // index into the style names
  float em_per_unit;  // em px drawn per atlas pixel of the glyph's height, at the font's own size
  float atlas_h;      // the glyph's height in the atlas at the font's size
  ImVec2 uv1;
};

}  // namespace

DrawnText MeasureDrawnText(const ImDrawData* draw_data, const KioskFonts& fonts) {
  DrawnText out;
  if (draw_data == nullptr) return out;
  static const char* const kNames[] = {"body", "title", "heading", "clock"};
  const ImFont* const styles[] = {fonts.body, fonts.title, fonts.heading, fonts.clock};
  // A glyph is found by its top-left UV; two fonts never share atlas pixels.
  std::map<std::pair<float, float>, GlyphRef> by_uv0;
  for (int s = 0; s < 4; ++s) {
    const ImFont* f = styles[s];
    if (f == nullptr) continue;
    const float em = f->FontSize * fonts.em_per_font_size;
    for (const ImFontGlyph& g : f->Glyphs) {
      const float h = g.Y1 - g.Y0;
      if (h <= 0.0f || !g.Visible) continue;
      by_uv0[{g.U0, g.V0}] = GlyphRef{s, em, h, ImVec2(g.U1, g.V1)};
    }
  }
  DrawnTextStyle acc[4];
  for (int s = 0; s < 4; ++s) acc[s].style = kNames[s];
  for (int l = 0; l < draw_data->CmdListsCount; ++l) {
    const ImDrawList* list = draw_data->CmdLists[l];
    const ImDrawVert* v = list->VtxBuffer.Data;
    const int n = list->VtxBuffer.Size;
    // ImFont::RenderText writes each glyph as 4 vertices: top-left, top-right, bottom-right, bottom-left.
    for (int i = 0; i + 3 < n; ++i) {
      const auto it = by_uv0.find({v[i].uv.x, v[i].uv.y});
      if (it == by_uv0.end()) continue;
      const GlyphRef& g = it->second;
      if (v[i + 2].uv.x != g.uv1.x || v[i + 2].uv.y != g.uv1.y) continue;
      const float drawn_h = v[i + 2].pos.y - v[i].pos.y;
      const float px = g.em_per_unit * drawn_h / g.atlas_h;
      DrawnTextStyle& a = acc[g.style];
      a.min_px = a.glyphs == 0 ? px : std::min(a.min_px, px);
      a.max_px = a.glyphs == 0 ? px : std::max(a.max_px, px);
      ++a.glyphs;
      i += 3;
    }
  }
  for (const DrawnTextStyle& a : acc) {
    if (a.glyphs == 0) continue;
    out.styles.push_back(a);
    out.min_px = out.min_px == 0.0f ? a.min_px : std::min(out.min_px, a.min_px);
  }
  return out;
}

}  // namespace ck::ui

// DrawnText: the sizes text was really drawn at in a frame, read back from ImGui's draw data.
//
// Screens pick fonts and sizes in many places; reading the finished frame's glyph quads is the one place a
// test (through the test hook or the screenshot set) can check DESIGN.md's text sizes for every screen
// without trusting what each screen meant to draw.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "app/ui/shell/font_atlas.h"

namespace ck::ui {

// One text style (body, title, heading, clock) as drawn in a frame. Sizes are character (em) pixels: the
// height of a Chinese character, what DESIGN.md's "body text ≥ 28 px" means.
struct DrawnTextStyle {
  std::string style;
  float min_px = 0.0f;
  float max_px = 0.0f;
  int glyphs = 0;
};

struct DrawnText {
  std::vector<DrawnTextStyle> styles;  // only the styles drawn, in the order body, title, heading, clock
  float min_px = 0.0f;                 // the smallest text of the frame (0 when none was drawn)
  const DrawnTextStyle* Find(std::string_view style) const {
    for (const DrawnTextStyle& s : styles)
      if (s.style == style) return &s;
    return nullptr;
  }
};

// Finds every glyph quad of `fonts` in `draw_data` (a quad whose corners carry a glyph's atlas UVs) and
// scales its atlas height to the drawn one. Text clipped at a rectangle's edge is skipped.
DrawnText MeasureDrawnText(const ImDrawData* draw_data, const KioskFonts& fonts);

}  // namespace ck::ui

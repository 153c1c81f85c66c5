// The lobby theme: high-contrast colours and touch-sized metrics, scaled from a 1920×1080 reference.
//
// DESIGN.md's rules kept here: text contrast ≥ 4.5:1 (tested), touch targets ≥ 72 px at 1080p, body text
// ≥ 28 px (≥ 40 px in large-text mode), line spacing ≥ 1.3. Hover looks the same as rest: on a touchscreen
// the pointer stays where the last finger was, so a hover colour would stick to the last tapped button.
#pragma once

#include <imgui.h>

namespace ck::ui {

struct ThemeColors {
  ImU32 background, text, text_muted, divider;
  ImU32 top_bar, top_bar_text;
  ImU32 button, button_text, button_pressed;
  ImU32 tile, tile_text, tile_hint;
  ImU32 tab, tab_text, tab_selected, tab_selected_text;
  ImU32 row, row_text;
  ImU32 urgent, urgent_text, important, important_text, pinned, pinned_text;
  ImU32 toast, toast_text;
  ImU32 qr_dark, qr_light;
};

// Character (em) sizes in pixels: the height of a Chinese character, what DESIGN.md's sizes mean. Every
// screen draws text in one of these four styles, so they are the one place text sizes are decided.
struct FontSizes {
  float body;     // notice text, row details, buttons; DESIGN.md: ≥ 28 px, ≥ 40 px in large text
  float title;    // notice titles, tabs
  float heading;  // screen titles, community name, tile labels
  float clock;    // the home screen's HH:MM (digits only)
};

struct ThemeMetrics {
  float scale;           // display height / 1080
  float top_bar_height;  // holds Home, Back, the toggles and the sync indicator
  float touch_min;       // the smallest touch target's height
  float touch_floor;     // DESIGN.md's hard minimum (72 px at 1080p): only for rows that must pack tight
  float padding;         // around screen content
  float gap;             // between neighbouring targets
  float line_spacing;    // multiple of the font size, ≥ 1.3
  float rounding;
};

struct Theme {
  ThemeColors colors;
  ThemeMetrics metrics;
  FontSizes fonts;
};

// Font sizes in pixels for a display `display_height` pixels high.
FontSizes FontSizesFor(bool large_text, float display_height);
Theme MakeTheme(bool large_text, float display_height);
// Sets ImGui's style from the theme (colours, rounding, no hover tint).
void ApplyTheme(const Theme& theme, ImGuiStyle& style);

// WCAG 2 contrast ratio of two opaque colours (1..21).
float ContrastRatio(ImU32 a, ImU32 b);

}  // namespace ck::ui

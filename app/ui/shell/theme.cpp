// Colours and metrics of the lobby theme.
#include "app/ui/shell/theme.h"

#include <algorithm>
#include <cmath>

namespace ck::ui {
namespace {

constexpr ImU32 Rgb(unsigned r, unsigned g, unsigned b) {
  return IM_COL32(r, g, b, 255);
}

float Channel(unsigned v) {
  const float c = static_cast<float>(v) / 255.0f;
  return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float Luminance(ImU32 c) {
  return 0.2126f * Channel((c >> IM_COL32_R_SHIFT) & 0xFF) +
         0.7152f * Channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
         0.0722f * Channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

}  // namespace

float ContrastRatio(ImU32 a, ImU32 b) {
  const float la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

FontSizes FontSizesFor(bool large_text, float display_height) {
  const float s = display_height / 1080.0f;
  // Rounded to whole pixels: FreeType hints to the pixel grid, fractional sizes only blur.
  auto px = [s](float v) { return std::round(v * s); };
  // The clock style also draws ticket codes: about three times body keeps a code readable from a step back.
  return large_text ? FontSizes{px(40), px(46), px(54), px(104)} : FontSizes{px(28), px(34), px(44), px(92)};
}

Theme MakeTheme(bool large_text, float display_height) {
  Theme t;
  const float s = display_height / 1080.0f;
  t.fonts = FontSizesFor(large_text, display_height);
  t.metrics.scale = s;
  t.metrics.top_bar_height = std::round((large_text ? 124.0f : 112.0f) * s);
  t.metrics.touch_min = std::round((large_text ? 88.0f : 80.0f) * s);
  t.metrics.touch_floor = std::round(72.0f * s);
  t.metrics.padding = std::round(32.0f * s);
  t.metrics.gap = std::round(20.0f * s);
  t.metrics.line_spacing = 1.45f;
  t.metrics.rounding = std::round(12.0f * s);

  ThemeColors& c = t.colors;
  c.background = Rgb(0xF7, 0xF7, 0xF2);
  c.text = Rgb(0x1A, 0x1A, 0x1A);
  c.text_muted = Rgb(0x4A, 0x4A, 0x4A);
  c.divider = Rgb(0xB0, 0xB0, 0xA8);
  c.top_bar = Rgb(0x0B, 0x3D, 0x6E);
  c.top_bar_text = Rgb(0xFF, 0xFF, 0xFF);
  c.button = Rgb(0x16, 0x5C, 0xA8);
  c.button_text = Rgb(0xFF, 0xFF, 0xFF);
  c.button_pressed = Rgb(0x0A, 0x3A, 0x70);
  c.tile = Rgb(0x16, 0x5C, 0xA8);
  c.tile_text = Rgb(0xFF, 0xFF, 0xFF);
  c.tile_hint = Rgb(0xE4, 0xEE, 0xFA);
  c.tab = Rgb(0xE2, 0xE6, 0xEC);
  c.tab_text = Rgb(0x1A, 0x1A, 0x1A);
  c.tab_selected = Rgb(0x16, 0x5C, 0xA8);
  c.tab_selected_text = Rgb(0xFF, 0xFF, 0xFF);
  c.row = Rgb(0xFF, 0xFF, 0xFF);
  c.row_text = Rgb(0x1A, 0x1A, 0x1A);
  c.urgent = Rgb(0xB0, 0x1E, 0x1E);
  c.urgent_text = Rgb(0xFF, 0xFF, 0xFF);
  c.important = Rgb(0xF2, 0x8C, 0x1B);  // orange; dark text on it, white would fail 4.5:1
  c.important_text = Rgb(0x1A, 0x1A, 0x1A);
  c.pinned = Rgb(0x1F, 0x5F, 0x3A);
  c.pinned_text = Rgb(0xFF, 0xFF, 0xFF);
  c.toast = Rgb(0x26, 0x26, 0x26);
  c.toast_text = Rgb(0xFF, 0xFF, 0xFF);
  c.qr_dark = Rgb(0x00, 0x00, 0x00);
  c.qr_light = Rgb(0xFF, 0xFF, 0xFF);
  return t;
}

void ApplyTheme(const Theme& theme, ImGuiStyle& style) {
  style = ImGuiStyle();
  const ThemeColors& c = theme.colors;
  const float r = theme.metrics.rounding;
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0.0f;
  style.ChildBorderSize = 0.0f;
  style.FrameRounding = r;
  style.ChildRounding = 0.0f;
  style.WindowRounding = 0.0f;
  style.ScrollbarSize =
      std::round(18.0f * theme.metrics.scale);  // shows where you are; dragging is by finger
  style.ScrollbarRounding = r;
  style.ItemSpacing = ImVec2(theme.metrics.gap, theme.metrics.gap);
  style.FramePadding =
      ImVec2(std::round(20.0f * theme.metrics.scale), std::round(10.0f * theme.metrics.scale));
  style.TouchExtraPadding = ImVec2(4.0f, 4.0f);
  ImVec4* col = style.Colors;
  auto v = [](ImU32 u) { return ImGui::ColorConvertU32ToFloat4(u); };
  col[ImGuiCol_WindowBg] = v(c.background);
  col[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  col[ImGuiCol_Text] = v(c.text);
  col[ImGuiCol_TextDisabled] = v(c.text_muted);
  col[ImGuiCol_Button] = v(c.button);
  col[ImGuiCol_ButtonHovered] = v(c.button);  // no hover tint: see the header comment
  col[ImGuiCol_ButtonActive] = v(c.button_pressed);
  col[ImGuiCol_ScrollbarBg] = v(c.background);
  col[ImGuiCol_ScrollbarGrab] = v(c.divider);
  col[ImGuiCol_ScrollbarGrabHovered] = v(c.divider);
  col[ImGuiCol_ScrollbarGrabActive] = v(c.text_muted);
  col[ImGuiCol_Separator] = v(c.divider);
  col[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);
}

}  // namespace ck::ui

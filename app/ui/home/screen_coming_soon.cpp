// Coming soon: the honest answer for a tile whose service arrives with a later release, with a way back.
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

void DrawComingSoonScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float panel_w = std::min(area.GetWidth() - 2 * m.padding, 1100.0f * m.scale);
  const float x = area.Min.x + (area.GetWidth() - panel_w) * 0.5f;
  const float inner = panel_w - 2 * m.padding;
  ImFont* hf = ctx.fonts.heading;
  ImFont* bf = ctx.fonts.body;
  const float heading_h = hf->FontSize * 1.3f;
  const float body_h =
      MeasureWrapped(bf, inner, ctx.tr.Get(keys::kComingSoonBody), bf->FontSize * m.line_spacing);
  const float button_h = m.touch_min * 1.2f;
  const float panel_h = m.padding * 3 + heading_h + m.gap + body_h + button_h + m.padding;
  float y = area.Min.y + std::max(m.padding, (area.GetHeight() - panel_h) * 0.5f);
  dl->AddRectFilled(ImVec2(x, y), ImVec2(x + panel_w, y + panel_h), c.row, m.rounding);
  dl->AddRect(ImVec2(x, y), ImVec2(x + panel_w, y + panel_h), c.divider, m.rounding, 0, 2.0f * m.scale);
  y += m.padding;
  DrawWrapped(dl, hf, ImVec2(x + m.padding, y), inner, ctx.tr.Get(keys::kComingSoonTitle), c.text, heading_h);
  y += heading_h + m.gap;
  y += DrawWrapped(dl, bf, ImVec2(x + m.padding, y), inner, ctx.tr.Get(keys::kComingSoonBody), c.text,
                   bf->FontSize * m.line_spacing);
  y += m.padding * 2;
  const char* back = ctx.tr(keys::kNavBack);
  const float bw = ButtonWidthFor(back, ctx.fonts.title, m.padding, 320.0f * m.scale);
  if (TouchButton(state, ctx, "coming_soon.back", back, ImVec2(x + (panel_w - bw) * 0.5f, y),
                  ImVec2(bw, button_h), ButtonStyle{c.button, c.button_text, ctx.fonts.title}))
    out.actions.push_back({ActionKind::GoBack, {}});
}

}  // namespace ck::ui

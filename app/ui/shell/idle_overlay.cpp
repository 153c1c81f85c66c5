// The "still there?" overlay: a dimmed screen, the seconds left, and a big "continue". It is its own ImGui
// window on top, so taps cannot reach the screen beneath; any touch on it counts as "still here".
#include <cmath>

#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawIdleOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 150));
  ImGui::Begin("##idle", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav);
  ImGui::PopStyleColor();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pw = std::min(io.DisplaySize.x - 2 * m.padding, 1000.0f * m.scale);
  ImFont* hf = ctx.fonts.heading;
  ImFont* tf = ctx.fonts.title;
  const float button_h = m.touch_min * 1.6f;
  const float ph = m.padding * 4 + hf->FontSize * 1.3f + tf->FontSize * 1.5f + button_h + m.gap * 2;
  const ImVec2 p((io.DisplaySize.x - pw) * 0.5f, (io.DisplaySize.y - ph) * 0.5f);
  dl->AddRectFilled(p, ImVec2(p.x + pw, p.y + ph), c.row, m.rounding * 2);
  float y = p.y + m.padding * 1.5f;
  const char* q = ctx.tr(keys::kIdleQuestion);
  const float qw = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0.0f, q).x;
  dl->AddText(hf, hf->FontSize, ImVec2(p.x + (pw - qw) * 0.5f, y), c.text, q);
  y += hf->FontSize * 1.3f + m.gap;
  const int seconds = std::max(0, static_cast<int>(std::ceil(ctx.idle_countdown_left)));
  const std::string line =
      FormatPattern(ctx.tr.Get(keys::kIdleCountdown), {{"seconds", std::to_string(seconds)}});
  const float lw = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, line.c_str()).x;
  dl->AddText(tf, tf->FontSize, ImVec2(p.x + (pw - lw) * 0.5f, y), c.text, line.c_str());
  state.shown_fields.emplace_back("idle.countdown", line);
  y += tf->FontSize * 1.5f + m.gap * 2;
  const float bw = pw - 4 * m.padding;
  if (TouchButton(state, ctx, "idle.continue", ctx.tr(keys::kIdleContinue), ImVec2(p.x + 2 * m.padding, y),
                  ImVec2(bw, button_h), ButtonStyle{c.button, c.button_text, hf}) ||
      (ImGui::IsWindowHovered() && ImGui::IsMouseReleased(0) && !ImGui::IsAnyItemActive()))
    out.actions.push_back({ActionKind::IdleContinue, {}});
  ImGui::End();
}

}  // namespace ck::ui

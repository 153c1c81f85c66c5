// The two questions asked over a dimmed screen: "still there?" (the idle countdown) and "discard this
// report?" (首页 mid-form). Each is its own ImGui window on top, so taps cannot reach the screen beneath.
#include <cmath>

#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {
namespace {

struct DialogButton {
  const char* target;
  const char* label;
  bool primary;
};

// A centred panel: a heading, wrapped lines, then buttons side by side (the first is the safe choice, so
// it is the big blue one). Returns the index of the button tapped, or -1.
int DrawDialog(UiState& state, const FrameContext& ctx, const char* window_id, const char* heading,
               const std::vector<std::string>& lines, const std::vector<DialogButton>& buttons) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 150));
  ImGui::Begin(window_id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav);
  ImGui::PopStyleColor();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pw = std::min(io.DisplaySize.x - 2 * m.padding, 1200.0f * m.scale);
  const float inner = pw - 4 * m.padding;
  ImFont* hf = ctx.fonts.heading;
  ImFont* tf = ctx.fonts.title;
  const float hh = hf->FontSize * 1.3f, lh = tf->FontSize * 1.35f;
  const float button_h = m.touch_min * 1.4f;
  float text_h = 0.0f;
  for (const std::string& l : lines) text_h += MeasureWrapped(tf, inner, l, lh);
  const float ph = m.padding * 4 + hh + m.gap + text_h + m.gap * 2 + button_h;
  const ImVec2 p((io.DisplaySize.x - pw) * 0.5f, (io.DisplaySize.y - ph) * 0.5f);
  dl->AddRectFilled(p, ImVec2(p.x + pw, p.y + ph), c.row, m.rounding * 2);
  float y = p.y + m.padding * 1.5f;
  const float qw = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0.0f, heading).x;
  dl->AddText(hf, hf->FontSize, ImVec2(p.x + (pw - std::min(qw, inner)) * 0.5f, y), c.text, heading);
  y += hh + m.gap;
  for (const std::string& l : lines) {
    const float w = std::min(inner, tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, l.c_str()).x);
    y += DrawWrapped(dl, tf, ImVec2(p.x + (pw - w) * 0.5f, y), inner, l, c.text, lh);
  }
  y += m.gap * 2;
  int tapped = -1;
  const float n = static_cast<float>(buttons.size());
  const float bw = (inner - (n - 1) * m.gap) / n;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const DialogButton& b = buttons[i];
    const ButtonStyle style = b.primary ? ButtonStyle{c.button, c.button_text, hf}
                                        : ButtonStyle{c.tab, c.tab_text, tf};
    if (TouchButton(state, ctx, b.target, b.label,
                    ImVec2(p.x + 2 * m.padding + static_cast<float>(i) * (bw + m.gap), y), ImVec2(bw, button_h),
                    style))
      tapped = static_cast<int>(i);
  }
  ImGui::End();
  return tapped;
}

}  // namespace

void DrawIdleOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const int seconds = std::max(0, static_cast<int>(std::ceil(ctx.idle_countdown_left)));
  // With a form filled in, the countdown says what will be lost, not only where the kiosk goes.
  const std::string line =
      FormatPattern(ctx.tr.Get(ctx.form_in_progress ? keys::kIdleCountdownForm : keys::kIdleCountdown),
                    {{"seconds", std::to_string(seconds)}});
  state.shown_fields.emplace_back("idle.countdown", line);
  const int tapped = DrawDialog(state, ctx, "##idle", ctx.tr(keys::kIdleQuestion), {line},
                                {{"idle.continue", ctx.tr(keys::kIdleContinue), true}});
  // Any touch on the overlay counts as "still here".
  if (tapped == 0 || (ImGui::IsMouseReleased(0) && !ImGui::IsAnyItemActive()))
    out.actions.push_back({ActionKind::IdleContinue, {}});
}

void DrawDiscardOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const bool signup = state.screen == Screen::SignupName || state.screen == Screen::SignupPhone ||
                      state.screen == Screen::SignupPeople || state.screen == Screen::SignupReview;
  const int tapped = DrawDialog(state, ctx, "##discard",
                                ctx.tr(signup ? keys::kDiscardSignupQuestion : keys::kDiscardQuestion),
                                {ctx.tr.Get(keys::kDiscardExplain)},
                                {{"discard.keep", ctx.tr(keys::kDiscardKeep), true},
                                 {"discard.confirm", ctx.tr(keys::kDiscardConfirm), false}});
  if (tapped == 0) out.actions.push_back({ActionKind::KeepForm, {}});
  if (tapped == 1) out.actions.push_back({ActionKind::DiscardForm, {}});
}

}  // namespace ck::ui

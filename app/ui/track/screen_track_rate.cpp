// Track, rating: five big score buttons, optional quick-comment chips, then a thank-you that says when the
// rating has sent the ticket back to the platform.
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawTrackRateScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const TrackState& t = state.track;
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  float y = DrawQuestion(ctx, area, area.Min.y + m.padding * 0.75f, ctx.tr.Get(keys::kRateQuestion)) + m.gap;

  // Scores: the number big, its word below, inside one button each.
  const float bw = (x1 - x0 - 4 * m.gap) / 5.0f;
  const float bh =
      std::max(m.touch_min * 2.2f, ctx.fonts.clock->FontSize * 0.6f + ctx.fonts.title->FontSize * 2.0f);
  ImFont* nf = ctx.fonts.heading;
  ImFont* wf = ctx.fonts.title;
  for (int score = 1; score <= 5; ++score) {
    const ImVec2 pos(x0 + (score - 1) * (bw + m.gap), y);
    const bool selected = t.score == score;
    const std::string empty;
    if (TouchButton(state, ctx, "rate.score." + std::to_string(score), empty.c_str(), pos, ImVec2(bw, bh),
                    ButtonStyle{selected ? c.tab_selected : c.row, c.text, nf})) {
      UiAction a{ActionKind::RateScore, {}};
      a.index = score;
      out.actions.push_back(a);
    }
    dl->AddRect(pos, ImVec2(pos.x + bw, pos.y + bh), selected ? c.tab_selected : c.divider, m.rounding, 0,
                2.0f * m.scale);
    const ImU32 fg = selected ? c.tab_selected_text : c.text;
    // Stars as drawn shapes would be decoration; the number and the word say it.
    const std::string n = std::to_string(score);
    const float nw = nf->CalcTextSizeA(nf->FontSize, FLT_MAX, 0.0f, n.c_str()).x;
    const float block = nf->FontSize * 1.2f + wf->FontSize * 1.35f;
    const float top = pos.y + (bh - block) * 0.5f;
    dl->AddText(nf, nf->FontSize, ImVec2(pos.x + (bw - nw) * 0.5f, top), fg, n.c_str());
    const std::string& word = ctx.tr.Get(keys::RateScoreKey(score));
    const float ww = std::min(bw - m.gap, wf->CalcTextSizeA(wf->FontSize, FLT_MAX, 0.0f, word.c_str()).x);
    DrawEllipsized(dl, wf, ImVec2(pos.x + (bw - ww) * 0.5f, top + nf->FontSize * 1.2f), bw - m.gap, word, fg);
  }
  y += bh + m.padding;

  ImFont* tf = ctx.fonts.title;
  dl->AddText(tf, tf->FontSize, ImVec2(x0, y), c.text, ctx.tr(keys::kRateComment));
  y += tf->FontSize * 1.5f;
  float x = x0;
  for (const char* code : keys::kRateQuickCodes) {
    if (!keys::RateQuickFits(code, t.score)) continue;
    const std::string& label = ctx.tr.Get(keys::RateQuickKey(code));
    const float w = std::max(ChipWidth(ctx, label), 220.0f * m.scale);
    if (x + w > x1 && x > x0) {
      x = x0;
      y += m.touch_min + m.gap;
    }
    if (Chip(state, ctx, std::string("rate.quick.") + code, label, ImVec2(x, y), ImVec2(w, m.touch_min),
             t.quick_comment == code))
      out.actions.push_back({ActionKind::RateQuickComment, code});
    x += w + m.gap;
  }
  y += m.touch_min + m.padding;

  const float sh = m.touch_min * 1.3f;
  const float sy = area.Max.y - m.padding - sh;
  if (!t.error_key.empty())
    DrawMessage(dl, ctx, ImVec2(x0, std::min(y, sy - m.touch_min)), x1 - x0, ctx.tr.Get(t.error_key), true);
  const char* submit = ctx.tr(keys::kRateSubmit);
  const float sw = ButtonWidthFor(submit, ctx.fonts.heading, m.padding * 2, 420.0f * m.scale);
  if (TouchButton(state, ctx, "rate.submit", submit, ImVec2(x1 - sw, sy), ImVec2(sw, sh),
                  ButtonStyle{c.pinned, c.pinned_text, ctx.fonts.heading, t.score > 0}))
    out.actions.push_back({ActionKind::RateSubmit, {}});
}

void DrawTrackThanksScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float panel_w = std::min(area.GetWidth() - 2 * m.padding, 1200.0f * m.scale);
  const float x = area.Min.x + (area.GetWidth() - panel_w) * 0.5f;
  float y = area.Min.y + m.padding * 3;
  ImFont* hf = ctx.fonts.heading;
  y +=
      DrawWrapped(dl, hf, ImVec2(x, y), panel_w, ctx.tr.Get(keys::kRateThanks), c.text, hf->FontSize * 1.3f) +
      m.padding;
  const std::string& msg = ctx.tr.Get(state.track.reopened ? keys::kRateReopened : keys::kRateSaved);
  state.shown_fields.emplace_back("rate.result", msg);
  y += DrawMessage(dl, ctx, ImVec2(x, y), panel_w, msg, false) + m.padding * 2;
  const char* done = ctx.tr(keys::kReceiptDone);
  const float dw = ButtonWidthFor(done, ctx.fonts.heading, m.padding * 2, 360.0f * m.scale);
  if (TouchButton(state, ctx, "rate.done", done, ImVec2(x, y), ImVec2(dw, m.touch_min * 1.3f),
                  ButtonStyle{c.button, c.button_text, ctx.fonts.heading}))
    out.actions.push_back({ActionKind::GoHome, {}});
}

}  // namespace ck::ui

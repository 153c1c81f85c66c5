// Report step 5: contact — anonymous by default and the bigger button; a phone number on the number pad,
// shown in full while typed (138 1234 5678) so a slip can be seen, only if the resident wants a call back.
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/display_text.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportContactScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ReportDraft& r = state.report;
  const bool can_next = true;
  const float y0 = DrawStepHeader(state, ctx, out, area, 5, keys::kReportContactQuestion,
                                  r.leave_phone ? &can_next : nullptr);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const float h = area.Max.y - m.padding - y0;
  if (!r.leave_phone) {
    // Anonymous takes 60 % of the width: the default, and what most residents want.
    const float wa = (x1 - x0 - m.gap) * 0.6f, wp = x1 - x0 - m.gap - wa;
    const float th = std::min(h, 480.0f * m.scale);
    if (ChoiceTile(state, ctx, "report.contact.anonymous", ctx.tr(keys::kReportContactAnonymous),
                   ctx.tr(keys::kReportContactAnonymousHint), ImVec2(x0, y0), ImVec2(wa, th), c.tile,
                   c.tile_text))
      out.actions.push_back({ActionKind::ReportAnonymous, {}});
    // White with a blue border and blue text: a live choice, second to anonymous, never greyed out.
    const ImVec2 pp(x0 + wa + m.gap, y0 + th * 0.15f), ps(wp, th * 0.7f);
    if (ChoiceTile(state, ctx, "report.contact.phone", ctx.tr(keys::kReportContactPhone),
                   ctx.tr(keys::kReportContactPhoneHint), pp, ps, c.row, c.button))
      out.actions.push_back({ActionKind::ReportLeavePhone, {}});
    ImGui::GetWindowDrawList()->AddRect(pp, ImVec2(pp.x + ps.x, pp.y + ps.y), c.button, m.rounding, 0,
                                        4.0f * m.scale);
    return;
  }
  // The number, in full as it is typed, above the pad; the anonymous choice stays one tap away.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* lf = ctx.fonts.body;
  ImFont* vf = ctx.fonts.heading;
  const ImVec2 pad = PadSize(state, ctx);
  const float col_w = std::max(pad.x, 560.0f * m.scale);
  float y = y0;
  dl->AddText(lf, lf->FontSize, ImVec2(x0, y), c.text_muted, ctx.tr(keys::kReportContactPhoneLabel));
  y += lf->FontSize * 1.35f;
  const float field_h = std::max(m.touch_min, vf->FontSize * 1.5f);
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + col_w, y + field_h), c.row, m.rounding);
  dl->AddRect(ImVec2(x0, y), ImVec2(x0 + col_w, y + field_h), c.button, m.rounding, 0, 4.0f * m.scale);
  const std::string typed = GroupPhoneDigits(r.phone);
  dl->AddText(vf, vf->FontSize, ImVec2(x0 + m.gap, y + (field_h - vf->FontSize) * 0.5f), c.text,
              typed.c_str());
  state.shown_fields.emplace_back("contact.phone", typed);
  y += field_h + m.gap;
  DrawPad(state, ctx, out, ImVec2(x0 + (col_w - pad.x) * 0.5f, y));
  const float rx = x0 + col_w + m.padding * 2;
  DrawWrapped(dl, lf, ImVec2(rx, y0), x1 - rx, ctx.tr.Get(keys::kReportContactPhoneHint), c.text_muted,
              lf->FontSize * m.line_spacing);
  if (ChoiceTile(state, ctx, "report.contact.anonymous", ctx.tr(keys::kReportContactAnonymous), nullptr,
                 ImVec2(rx, y0 + lf->FontSize * m.line_spacing * 3), ImVec2(x1 - rx, m.touch_min * 1.6f),
                 c.tab, c.tab_text))
    out.actions.push_back({ActionKind::ReportAnonymous, {}});
}

}  // namespace ck::ui

// Report step 6: review — everything chosen, each line with a "change" button back to its step, and
// submit. A failed submit (validation, a full disk) says so here and keeps the whole form.
#include "app/ui/text/display_text.h"
#include "app/ui/report/report_text.h"
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportReviewScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ReportDraft& r = state.report;
  const bool can_submit = true;
  float y = DrawStepHeader(state, ctx, out, area, 6, keys::kReportReviewQuestion, &can_submit, kSubmitStepButton);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const bool english = state.language == Language::English;
  const ServiceView* service = nullptr;
  for (const ServiceView& s : ctx.vm.services)
    if (s.code == r.service_code) service = &s;

  ImFont* lf = ctx.fonts.body;
  ImFont* vf = ctx.fonts.title;
  const float label_w =
      std::max(200.0f * m.scale * (state.large_text ? 1.4f : 1.0f),
               lf->CalcTextSizeA(lf->FontSize, FLT_MAX, 0.0f, ctx.tr(keys::kReportReviewContact)).x + m.gap);
  const char* edit = ctx.tr(keys::kReportReviewEdit);
  const float edit_w = ButtonWidthFor(edit, ctx.fonts.body, m.padding, 160.0f * m.scale);
  const float value_w = x1 - x0 - label_w - edit_w - m.gap * 2;
  const float lh = vf->FontSize * 1.35f;
  // In full: the last chance to catch a wrong digit. The receipt and everything after show it masked.
  const std::string phone = r.leave_phone && !r.phone.empty() ? GroupPhoneDigits(r.phone)
                                                              : ctx.tr.Get(keys::kReportReviewAnonymous);
  struct Row {
    const char* name;
    std::string_view label_key;
    std::string value;
    Screen step;
  };
  const Row rows[] = {
      {"kind", keys::kReportReviewKind, r.kind ? ctx.tr.Get(keys::KindKey(*r.kind)) : std::string(),
       Screen::ReportKind},
      {"category", keys::kReportReviewCategory, service ? ServiceName(*service, english) : std::string(),
       Screen::ReportCategory},
      {"where", keys::kReportReviewWhere, AddressText(r, ctx.tr), Screen::ReportWhere},
      {"what", keys::kReportReviewWhat, DescriptionText(r, service, ctx.tr, english), Screen::ReportWhat},
      {"contact", keys::kReportReviewContact, phone, Screen::ReportContact},
  };
  const float error_room = r.error_key.empty() ? 0.0f : lh * 2 + m.gap * 2;
  const float rows_bottom = area.Max.y - m.padding - error_room;
  for (const Row& row : rows) {
    // Long descriptions get at most three lines here; the whole text is one "change" away.
    const float max_h = lh * 3;
    const float vh = std::min(max_h, MeasureWrapped(vf, value_w, row.value, lh));
    const float row_h = std::max(m.touch_min + m.gap * 0.5f, vh + m.gap);
    if (y + row_h > rows_bottom) break;
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + row_h), c.row, m.rounding);
    dl->AddText(lf, lf->FontSize, ImVec2(x0 + m.gap, y + (row_h - lf->FontSize) * 0.5f), c.text_muted,
                ctx.tr(row.label_key));
    const DisplayText text = MakeDisplayText(row.value);
    auto lines = WrapText(text, vf, value_w);
    if (lines.size() > 3) lines.resize(3);
    DrawLines(dl, vf, ImVec2(x0 + label_w, y + (row_h - lines.size() * lh) * 0.5f), text, lines, c.text, lh);
    state.shown_fields.emplace_back(std::string("review.") + row.name, row.value);
    const float bh = m.touch_min;
    if (TouchButton(state, ctx, std::string("report.review.edit.") + row.name, edit,
                    ImVec2(x1 - edit_w - m.gap * 0.5f, y + (row_h - bh) * 0.5f), ImVec2(edit_w, bh),
                    ButtonStyle{c.tab, c.tab_text, ctx.fonts.body})) {
      UiAction a{ActionKind::GoToScreen, {}};
      a.screen = row.step;
      out.actions.push_back(a);
    }
    y += row_h + m.gap * 0.5f;
  }
  if (!r.error_key.empty())
    DrawMessage(dl, ctx, ImVec2(x0, area.Max.y - m.padding - error_room), x1 - x0, ctx.tr.Get(r.error_key),
                true);
}

}  // namespace ck::ui

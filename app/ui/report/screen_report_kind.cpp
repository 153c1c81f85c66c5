// Report step 1: a problem or a suggestion, as two big tiles.
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportKindScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const float y = DrawStepHeader(state, ctx, out, area, 1, keys::kReportKindQuestion, nullptr);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const float w = (x1 - x0 - m.gap) * 0.5f;
  const float h = std::min(area.Max.y - m.padding - y, 520.0f * m.scale);
  if (ChoiceTile(state, ctx, "report.kind.complaint", ctx.tr(keys::kReportKindComplaint),
                 ctx.tr(keys::kReportKindComplaintHint), ImVec2(x0, y), ImVec2(w, h), c.tile, c.tile_text))
    out.actions.push_back({ActionKind::ReportKind, "complaint"});
  if (ChoiceTile(state, ctx, "report.kind.suggestion", ctx.tr(keys::kReportKindSuggestion),
                 ctx.tr(keys::kReportKindSuggestionHint), ImVec2(x0 + w + m.gap, y), ImVec2(w, h), c.pinned,
                 c.pinned_text))
    out.actions.push_back({ActionKind::ReportKind, "suggestion"});
}

}  // namespace ck::ui

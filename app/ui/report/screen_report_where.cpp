// Report step 3: where — building, unit and floor on the number pad, or one tap on a common area.
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportWhereScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ReportDraft& r = state.report;
  const bool can_next = r.HasPlace();
  const float y0 = DrawStepHeader(state, ctx, out, area, 3, keys::kReportWhereQuestion, &can_next);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding;

  // Left: the three fields, the selected one outlined, and the pad under them.
  const ImVec2 pad = PadSize(state, ctx);
  const float left_w = std::max(pad.x, 600.0f * m.scale);
  const float field_w = (left_w - 2 * m.gap) / 3.0f;
  ImFont* lf = ctx.fonts.body;
  ImFont* vf = ctx.fonts.heading;
  const float field_h = std::max(m.touch_min, vf->FontSize * 1.5f);
  struct Field {
    const char* target;
    const char* arg;
    std::string_view label_key;
    const std::string* value;
    WhereField which;
  };
  const Field fields[] = {
      {"report.where.building", "building", keys::kReportWhereBuilding, &r.building, WhereField::Building},
      {"report.where.unit", "unit", keys::kReportWhereUnit, &r.unit, WhereField::Unit},
      {"report.where.floor", "floor", keys::kReportWhereFloor, &r.floor, WhereField::Floor},
  };
  float y = y0;
  for (int i = 0; i < 3; ++i) {
    const Field& f = fields[i];
    const float x = x0 + i * (field_w + m.gap);
    dl->AddText(lf, lf->FontSize, ImVec2(x, y), c.text_muted, ctx.tr(f.label_key));
    const ImVec2 pos(x, y + lf->FontSize * 1.35f);
    const bool active = r.common_area.empty() && r.where_field == f.which;
    const std::string empty;
    if (TouchButton(state, ctx, f.target, empty.c_str(), pos, ImVec2(field_w, field_h),
                    ButtonStyle{c.row, c.text, vf}))
      out.actions.push_back({ActionKind::ReportWhereField, f.arg});
    dl->AddRect(pos, ImVec2(pos.x + field_w, pos.y + field_h), active ? c.button : c.divider, m.rounding, 0,
                (active ? 5.0f : 2.0f) * m.scale);
    const float tw = vf->CalcTextSizeA(vf->FontSize, FLT_MAX, 0.0f, f.value->c_str()).x;
    dl->AddText(vf, vf->FontSize,
                ImVec2(pos.x + (field_w - tw) * 0.5f, pos.y + (field_h - vf->FontSize) * 0.5f), c.text,
                f.value->c_str());
  }
  y += lf->FontSize * 1.35f + field_h + m.gap;
  DrawPad(state, ctx, out, ImVec2(x0 + (left_w - pad.x) * 0.5f, y));

  // Right: the common areas as chips, two columns.
  const float rx0 = x0 + left_w + m.padding * 2;
  const float rx1 = area.Max.x - m.padding;
  ImFont* tf = ctx.fonts.title;
  dl->AddText(tf, tf->FontSize, ImVec2(rx0, y0), c.text, ctx.tr(keys::kReportWhereCommon));
  const float chip_h = m.touch_min;
  const float chip_w = (rx1 - rx0 - m.gap) * 0.5f;
  float cy = y0 + tf->FontSize * 1.5f;
  int i = 0;
  for (const char* area_code : kCommonAreas) {
    const ImVec2 pos(rx0 + (i % 2) * (chip_w + m.gap), cy + (i / 2) * (chip_h + m.gap));
    if (Chip(state, ctx, std::string("report.area.") + area_code, ctx.tr.Get(keys::AreaKey(area_code)), pos,
             ImVec2(chip_w, chip_h), r.common_area == area_code))
      out.actions.push_back({ActionKind::ReportArea, area_code});
    ++i;
  }
}

}  // namespace ck::ui

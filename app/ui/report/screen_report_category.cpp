// Report step 2: the platform's categories as a grid of big tiles, icon above name.
#include <cmath>

#include "app/ui/report/report_text.h"
#include "app/ui/report/service_icons.h"
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportCategoryScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const float y0 = DrawStepHeader(state, ctx, out, area, 2, keys::kReportCategoryQuestion, nullptr);
  const auto& services = ctx.vm.services;
  if (services.empty()) return;
  const bool english = state.language == Language::English;
  // Four columns (three in large text), as many rows as needed, sharing the height left.
  const int cols = state.large_text ? 3 : 4;
  const int rows = static_cast<int>((services.size() + cols - 1) / cols);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const float w = (x1 - x0 - (cols - 1) * m.gap) / static_cast<float>(cols);
  const float h = std::max(m.touch_min * 2.0f, (area.Max.y - m.padding - y0 - (rows - 1) * m.gap) / rows);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* lf = ctx.fonts.heading;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const ServiceView& s = services[i];
    const int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
    const ImVec2 pos(x0 + col * (w + m.gap), y0 + row * (h + m.gap));
    const bool selected = s.code == state.report.service_code;
    const std::string empty;
    if (TouchButton(state, ctx, "report.service." + s.code, empty.c_str(), pos, ImVec2(w, h),
                    ButtonStyle{selected ? c.pinned : c.tile, c.tile_text, lf}))
      out.actions.push_back({ActionKind::ReportService, s.code});
    const std::string& name = ServiceName(s, english);
    const float lh = lf->FontSize * 1.25f;
    const float name_h = MeasureWrapped(lf, w - 2 * m.gap, name, lh);
    const float icon = std::min(h - name_h - m.gap * 3, 130.0f * m.scale);
    const float block = icon + m.gap + name_h;
    const float top = pos.y + (h - block) * 0.5f;
    if (icon > 24.0f)
      DrawServiceIcon(dl, s.icon, ImVec2(pos.x + w * 0.5f, top + icon * 0.5f), icon, c.tile_text);
    // Each line centred under the icon.
    const DisplayText text = MakeDisplayText(name);
    const auto lines = WrapText(text, lf, w - 2 * m.gap);
    float ly = top + std::max(icon, 0.0f) + m.gap;
    for (const LineSpan& line : lines) {
      const char* b = text.utf8.data() + text.byte_offsets[line.begin];
      const char* e = text.utf8.data() + text.byte_offsets[line.end];
      dl->AddText(lf, lf->FontSize,
                  ImVec2(pos.x + std::round((w - line.width) * 0.5f), ly + (lh - lf->FontSize) * 0.5f),
                  c.tile_text, b, e);
      ly += lh;
    }
  }
}

}  // namespace ck::ui

// Notice board: category tabs, then every live notice (pinned and urgent first) in a drag-scrolled list.
// ImGuiListClipper keeps the cost to the rows on screen, so 10,000 notices cost what 10 do.
#include <string>

#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

// Tabs flow left to right and wrap to a second line rather than shrinking (large text, English).
float DrawCategoryTabs(UiState& state, const FrameContext& ctx, FrameOutput& out, float x0, float x1,
                       float y) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImFont* font = ctx.fonts.title;
  const float h = m.touch_min;
  float x = x0;
  auto tab = [&](const std::string& code, const char* label) {
    const float w = ButtonWidthFor(label, font, m.padding, 140.0f * m.scale);
    if (x + w > x1 && x > x0) {
      x = x0;
      y += h + m.gap;
    }
    const bool selected = state.board_category == code;
    const ButtonStyle style{selected ? c.tab_selected : c.tab, selected ? c.tab_selected_text : c.tab_text,
                            font};
    if (TouchButton(state, ctx, "board.tab." + (code.empty() ? std::string("all") : code), label,
                    ImVec2(x, y), ImVec2(w, h), style))
      out.actions.push_back({ActionKind::SelectCategory, code});
    x += w + m.gap;
  };
  tab("", ctx.tr(keys::kBoardAll));
  for (const std::string& code : ctx.vm.categories) tab(code, ctx.tr(keys::CategoryKey(code)));
  return y + h;
}

}  // namespace

void DrawNoticeBoardScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const float x0 = area.Min.x + m.padding;
  const float x1 = area.Max.x - m.padding;
  // Search sits at the right end of the tab row, the tabs wrap before it.
  const char* search = ctx.tr(keys::kSearchButton);
  const float search_w = ButtonWidthFor(search, ctx.fonts.title, m.padding, 180.0f * m.scale);
  if (TouchButton(state, ctx, "board.search", search, ImVec2(x1 - search_w, area.Min.y + m.padding),
                  ImVec2(search_w, m.touch_min), ButtonStyle{c.button, c.button_text, ctx.fonts.title}))
    out.actions.push_back({ActionKind::OpenSearch, {}});
  float y = DrawCategoryTabs(state, ctx, out, x0, x1 - search_w - m.gap, area.Min.y + m.padding) + m.gap;

  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  const float pad = m.gap;
  const float title_line = tf->FontSize * 1.35f;
  const float meta_line = bf->FontSize * 1.35f;
  const float row_h = std::max(m.touch_min, pad * 2 + title_line + meta_line);
  const float row_step = row_h + m.gap * 0.5f;

  if (state.board_rows.empty()) {
    ImGui::GetWindowDrawList()->AddText(tf, tf->FontSize, ImVec2(x0, y + m.padding), c.text_muted,
                                        ctx.tr(keys::kBoardEmpty));
    return;
  }

  std::optional<ImVec2> tap;
  BeginTouchScroll("##board", ImVec2(x0, y), ImVec2(x1 - x0, area.Max.y - y), state.board_scroll, ctx, out,
                   &tap);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float list_w = ImGui::GetContentRegionAvail().x;
  const float visible_top = ImGui::GetWindowPos().y;
  const float visible_bottom = visible_top + ImGui::GetWindowSize().y;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.board_rows.size()), row_step);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const NoticeRowView& n =
          ctx.vm.notices[static_cast<std::size_t>(state.board_rows[static_cast<std::size_t>(i)])];
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const ImVec2 q(p.x + list_w, p.y + row_h);
      dl->AddRectFilled(p, q, c.row, m.rounding);
      if (n.priority == protocol::Priority::Urgent)  // a red edge: urgency is also said by the badge's word
        dl->AddRectFilled(p, ImVec2(p.x + 8.0f * m.scale, q.y), c.urgent, m.rounding,
                          ImDrawFlags_RoundCornersLeft);
      float tx = p.x + pad * 1.5f;
      const float badge_h = tf->FontSize * 1.2f;
      const float badges =
          DrawNoticeBadges(dl, ImVec2(tx, p.y + pad + (title_line - badge_h) * 0.5f), n, ctx, badge_h);
      if (badges > 0) tx += badges + pad * 0.5f;
      DrawEllipsized(dl, tf, ImVec2(tx, p.y + pad + (title_line - tf->FontSize) * 0.5f), q.x - pad - tx,
                     n.title, c.row_text);
      const std::string meta = ctx.tr.Get(keys::PublisherKey(n.publisher)) +
                               ctx.tr.Get(keys::kListSeparator) + ctx.tr.Get(keys::CategoryKey(n.category)) +
                               ctx.tr.Get(keys::kListSeparator) +
                               FormatLocal(keys::kFormatDate, n.published_at, ctx.tr);
      DrawEllipsized(dl, bf,
                     ImVec2(p.x + pad * 1.5f, p.y + pad + title_line + (meta_line - bf->FontSize) * 0.5f),
                     list_w - pad * 3, meta, c.text_muted);
      if (q.y > visible_top && p.y < visible_bottom) {
        state.tap_targets.push_back({"board.row." + n.id, ImVec2(p.x, std::max(p.y, visible_top)),
                                     ImVec2(q.x, std::min(q.y, visible_bottom))});
        if (tap && tap->y >= p.y && tap->y < q.y && tap->x >= p.x && tap->x < q.x)
          out.actions.push_back({ActionKind::OpenNotice, n.id});
      }
      ImGui::Dummy(ImVec2(list_w, row_step));
    }
  }
  ImGui::PopStyleVar();
  EndTouchScroll(state.board_scroll);
}

}  // namespace ck::ui

// Notice search: a search field fed by the on-screen keyboard, results (queried between frames once the keys
// rest) in a drag-scrolled list above it; a result opens the notice.
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

void DrawNoticeSearchScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  float y = area.Min.y + m.padding * 0.5f;

  // The field: typed text plus the letters being composed, or the placeholder; the result count on the right.
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  const float field_h = m.touch_min;
  const std::string typed = ctx.input.keyboard != nullptr ? ctx.input.keyboard->text() : std::string();
  const std::string preedit =
      ctx.input.keyboard != nullptr ? ctx.input.keyboard->state().pinyin.preedit : std::string();
  std::string count;
  if (!state.search.query.empty())
    count = ctx.vm.search_results.empty()
                ? ctx.tr.Get(keys::kSearchNone)
                : FormatPattern(ctx.tr.Get(keys::kSearchCount),
                                {{"count", std::to_string(ctx.vm.search_results.size())}});
  const float count_w =
      count.empty() ? 0.0f : bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, count.c_str()).x;
  const float field_w = x1 - x0 - (count_w > 0 ? count_w + m.padding : 0.0f);
  // A tap on the field brings back the keyboard 完成 hid.
  const std::string empty;
  if (TouchButton(state, ctx, "search.field", empty.c_str(), ImVec2(x0, y), ImVec2(field_w, field_h),
                  ButtonStyle{c.row, c.text, tf}) &&
      ctx.input.keyboard == nullptr)
    out.actions.push_back({ActionKind::SearchOpenKeyboard, {}});
  dl->AddRect(ImVec2(x0, y), ImVec2(x0 + field_w, y + field_h), c.button, m.rounding, 0, 4.0f * m.scale);
  const float ty = y + (field_h - tf->FontSize) * 0.5f;
  if (typed.empty() && preedit.empty()) {
    DrawEllipsized(dl, tf, ImVec2(x0 + m.gap, ty), field_w - 2 * m.gap, ctx.tr.Get(keys::kSearchPlaceholder),
                   c.text_muted);
  } else {
    const float tw =
        std::min(tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, typed.c_str()).x, field_w * 0.7f);
    DrawEllipsized(dl, tf, ImVec2(x0 + m.gap, ty), field_w * 0.7f, typed, c.text);
    // Letters not yet turned into Hanzi, underlined as input methods do.
    const float px = x0 + m.gap + tw + 4.0f;
    DrawEllipsized(dl, tf, ImVec2(px, ty), x0 + field_w - m.gap - px, preedit, c.button);
    dl->AddRectFilled(
        ImVec2(px + tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, preedit.c_str()).x + 2.0f, ty),
        ImVec2(px + tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, preedit.c_str()).x + 2.0f + 3.0f * m.scale,
               ty + tf->FontSize),
        c.button);
  }
  state.shown_fields.emplace_back("search.query", typed);
  if (!count.empty())
    dl->AddText(bf, bf->FontSize, ImVec2(x1 - count_w, y + (field_h - bf->FontSize) * 0.5f), c.text_muted,
                count.c_str());
  y += field_h + m.gap;

  // The keyboard at the bottom; the results fill what is between. With the keyboard up in large text the
  // rows are one line at body size, a touch target high, so at least three results still show.
  const float kb_h = KeyboardHeight(state, ctx);
  const float kb_top = area.Max.y - m.gap * 0.5f - kb_h;
  DrawKeyboard(state, ctx, out, ImVec2(x0, kb_top), x1 - x0);
  const float list_bottom = kb_h > 0 ? kb_top - m.gap * 0.5f : area.Max.y - m.padding;
  if (ctx.vm.search_results.empty() || list_bottom - y < m.touch_min) return;

  const bool compact = kb_h > 0 && state.large_text;
  if (compact) tf = bf;
  const float line = tf->FontSize * (compact ? 1.0f : 1.35f);
  const float row_h = compact ? std::max(m.touch_floor, line + m.gap * 0.2f)
                              : std::max(m.touch_min, line + m.gap);
  const float row_step = row_h + m.gap * (compact ? 0.2f : 0.4f);
  std::optional<ImVec2> tap;
  BeginTouchScroll("##search", ImVec2(x0, y), ImVec2(x1 - x0, list_bottom - y), state.search_scroll, ctx, out,
                   &tap);
  ImDrawList* ldl = ImGui::GetWindowDrawList();
  const float list_w = ImGui::GetContentRegionAvail().x;
  const float vis_top = ImGui::GetWindowPos().y, vis_bottom = vis_top + ImGui::GetWindowSize().y;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(ctx.vm.search_results.size()), row_step);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const NoticeRowView& n = ctx.vm.search_results[static_cast<std::size_t>(i)];
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const ImVec2 q(p.x + list_w, p.y + row_h);
      ldl->AddRectFilled(p, q, c.row, m.rounding);
      float tx = p.x + m.gap;
      const float badge_h = std::min(row_h - m.gap * 0.4f, tf->FontSize * 1.2f);
      const float badges = DrawNoticeBadges(ldl, ImVec2(tx, p.y + (row_h - badge_h) * 0.5f), n, ctx, badge_h);
      if (badges > 0) tx += badges + m.gap * 0.5f;
      const std::string date = FormatLocal(keys::kFormatDate, n.published_at, ctx.tr);
      const float dw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, date.c_str()).x;
      DrawEllipsized(ldl, tf, ImVec2(tx, p.y + (row_h - tf->FontSize) * 0.5f), q.x - m.gap * 2 - dw - tx,
                     n.title, c.row_text);
      ldl->AddText(bf, bf->FontSize, ImVec2(q.x - m.gap - dw, p.y + (row_h - bf->FontSize) * 0.5f),
                   c.text_muted, date.c_str());
      if (q.y > vis_top && p.y < vis_bottom) {
        state.tap_targets.push_back({"search.row." + n.id, ImVec2(p.x, std::max(p.y, vis_top)),
                                     ImVec2(q.x, std::min(q.y, vis_bottom))});
        if (tap && tap->y >= p.y && tap->y < q.y && tap->x >= p.x && tap->x < q.x)
          out.actions.push_back({ActionKind::OpenNotice, n.id});
      }
      ImGui::Dummy(ImVec2(list_w, row_step));
    }
  }
  ImGui::PopStyleVar();
  EndTouchScroll(state.search_scroll);
}

}  // namespace ck::ui

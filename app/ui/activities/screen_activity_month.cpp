// 社区活动: the month grid (today ringed, a count on days with activities, the lunar day, festival or solar
// term under each date), arrows and a horizontal swipe to change month, and beside it the chosen day's
// agenda and the next two weeks. Large text gives the grid the whole width and opens the day's list on a
// screen of its own (ActivityDay); week rows grow to fit their labels and scroll when they no longer fit.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/ui/activities/activity_text.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/activity_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

using std::chrono::year_month_day;

std::string MonthTitle(const ActivityMonthView& v, const Translations& tr) {
  const int month = static_cast<int>(static_cast<unsigned>(v.month.month()));
  return FormatPattern(tr.Get(keys::kActivityMonthTitle), {{"Y", std::to_string(static_cast<int>(v.month.year()))},
                                                           {"M", std::to_string(month)},
                                                           {"MON", tr.Get(keys::MonthKey(month))}});
}

std::string DayHeading(year_month_day d, const Translations& tr) {
  return FormatLocal(keys::kActivityDayHeading, LocalDayStart(d) + 12 * 3600, tr);
}

// A horizontal swipe that began over `rect` and just ended: -1 (to the previous month), +1, or 0.
int SwipeAcross(const ImRect& rect, float min_distance) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.MouseReleased[0] || !rect.Contains(io.MouseClickedPos[0])) return 0;
  const float dx = io.MousePos.x - io.MouseClickedPos[0].x;
  const float dy = io.MousePos.y - io.MouseClickedPos[0].y;
  if (std::fabs(dx) < min_distance || std::fabs(dx) < 1.5f * std::fabs(dy)) return 0;
  return dx < 0 ? +1 : -1;  // a finger moving left brings the next month in from the right
}

struct GridLayout {
  float cell_w = 0;
  float pad = 0;
  float number_h = 0;
  float label_lh = 0;
  std::vector<float> row_h;  // per week
  float total_h = 0;
};

GridLayout MeasureGrid(const ActivityMonthView& v, const FrameContext& ctx, float width, float min_row_h) {
  const ThemeMetrics& m = ctx.theme.metrics;
  GridLayout g;
  g.cell_w = width / 7.0f;
  g.pad = std::round(m.gap * 0.4f);
  g.number_h = ctx.fonts.title->FontSize * 1.15f;
  g.label_lh = ctx.fonts.body->FontSize * 1.3f;
  const float inner = g.cell_w - 2 * g.pad;
  for (std::size_t week = 0; week * 7 < v.cells.size(); ++week) {
    float label_h = g.label_lh;  // one line even when empty, so weeks line up
    for (std::size_t i = week * 7; i < week * 7 + 7 && i < v.cells.size(); ++i)
      if (!v.cells[i].label.empty())
        label_h = std::max(label_h, MeasureWrapped(ctx.fonts.body, inner, v.cells[i].label, g.label_lh));
    const float h = std::max(min_row_h, g.pad * 2 + g.number_h + label_h);
    g.row_h.push_back(h);
    g.total_h += h;
  }
  return g;
}

// One day cell; `tapped` comes from the caller (a button, or a tap inside the scrolled grid).
void DrawCell(UiState& state, const FrameContext& ctx, ImDrawList* dl, const CalendarCellView& cell, bool selected,
              ImVec2 p, ImVec2 size, const GridLayout& g) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ImVec2 q(p.x + size.x, p.y + size.y);
  const ImVec2 inset(p.x + 2.0f * m.scale, p.y + 2.0f * m.scale), inset_q(q.x - 2.0f * m.scale, q.y - 2.0f * m.scale);
  const ImU32 fill = selected ? c.tab_selected : cell.in_month ? c.row : c.tab;
  dl->AddRectFilled(inset, inset_q, fill, m.rounding * 0.5f);
  if (cell.is_today)  // ringed, whatever else the cell is
    dl->AddRect(inset, inset_q, selected ? c.important : c.button, m.rounding * 0.5f, 0, 5.0f * m.scale);
  const ImU32 fg = selected ? c.tab_selected_text : cell.in_month ? c.text : c.text_muted;
  ImFont* nf = ctx.fonts.title;
  const std::string number = std::to_string(cell.day);
  dl->AddText(nf, nf->FontSize, ImVec2(p.x + g.pad + 4.0f * m.scale, p.y + g.pad), fg, number.c_str());
  if (cell.count > 0) {
    // The mark: a filled badge with the count, top right, so "three activities" reads at a glance.
    ImFont* bf = ctx.fonts.body;
    const std::string count = std::to_string(cell.count);
    const float bw = std::max(bf->FontSize * 1.1f, bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, count.c_str()).x +
                                                       bf->FontSize * 0.5f);
    const float bh = bf->FontSize * 1.1f;
    const ImVec2 bp(q.x - g.pad - bw, p.y + g.pad);
    dl->AddRectFilled(bp, ImVec2(bp.x + bw, bp.y + bh), selected ? c.tab_selected_text : c.pinned, bh * 0.5f);
    const float tw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, count.c_str()).x;
    dl->AddText(bf, bf->FontSize, ImVec2(bp.x + (bw - tw) * 0.5f, bp.y + (bh - bf->FontSize) * 0.5f),
                selected ? c.tab_selected : c.pinned_text, count.c_str());
  }
  if (!cell.label.empty()) {
    const ImU32 lc = selected ? c.tab_selected_text : cell.label_is_festival ? c.urgent : c.text_muted;
    DrawWrapped(dl, ctx.fonts.body, ImVec2(p.x + g.pad, p.y + g.pad + g.number_h), size.x - 2 * g.pad, cell.label,
                lc, g.label_lh);
  }
  state.shown_fields.emplace_back("activity.cell." + CalendarDateArgument(cell.date),
                                  cell.label + "|" + std::to_string(cell.count));
}

// The grid below the weekday names, from `top` to `bottom`. Drawn in place when it fits, else in a
// drag-scrolled region (large text in English: festival names take two lines).
void DrawGrid(UiState& state, const FrameContext& ctx, FrameOutput& out, const ActivityMonthView& v, float x0,
              float width, float top, float bottom) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const int weeks = static_cast<int>(v.cells.size() / 7);
  const float fit_h = std::floor((bottom - top) / static_cast<float>(std::max(weeks, 1)));
  GridLayout g = MeasureGrid(v, ctx, width, std::min(fit_h, m.touch_min * 1.4f));
  if (g.total_h <= bottom - top + 0.5f) {
    // Fits: stretch the weeks to the space (bigger targets), every cell a button.
    const float extra = (bottom - top - g.total_h) / static_cast<float>(std::max(weeks, 1));
    float y = top;
    for (int w = 0; w < weeks; ++w) {
      const float h = g.row_h[static_cast<std::size_t>(w)] + extra;
      for (int d = 0; d < 7; ++d) {
        const CalendarCellView& cell = v.cells[static_cast<std::size_t>(w * 7 + d)];
        const ImVec2 p(x0 + d * g.cell_w, y);
        const std::string target = "activity.day." + CalendarDateArgument(cell.date);
        const std::string empty;
        if (TouchButton(state, ctx, target, empty.c_str(), p, ImVec2(g.cell_w, h),
                        ButtonStyle{ctx.theme.colors.background, ctx.theme.colors.text, ctx.fonts.body}))
          out.actions.push_back({ActionKind::ActivitySelectDay, CalendarDateArgument(cell.date)});
        DrawCell(state, ctx, ImGui::GetWindowDrawList(), cell, cell.date == v.selected, p, ImVec2(g.cell_w, h), g);
      }
      y += h;
    }
    return;
  }
  // The scroll bar takes its width from the cells, so the last column is not drawn under it.
  g = MeasureGrid(v, ctx, width - ImGui::GetStyle().ScrollbarSize, std::min(fit_h, m.touch_min * 1.4f));
  std::optional<ImVec2> tap;
  BeginTouchScroll("##activity_grid", ImVec2(x0, top), ImVec2(width, bottom - top), state.activities.grid_scroll,
                   ctx, out, &tap);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float visible_top = ImGui::GetWindowPos().y, visible_bottom = visible_top + ImGui::GetWindowSize().y;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  for (int w = 0; w < weeks; ++w) {
    const float h = g.row_h[static_cast<std::size_t>(w)];
    for (int d = 0; d < 7; ++d) {
      const CalendarCellView& cell = v.cells[static_cast<std::size_t>(w * 7 + d)];
      const ImVec2 p(origin.x + d * g.cell_w, y), q(p.x + g.cell_w, y + h);
      DrawCell(state, ctx, dl, cell, cell.date == v.selected, p, ImVec2(g.cell_w, h), g);
      if (q.y > visible_top && p.y < visible_bottom) {
        state.tap_targets.push_back({"activity.day." + CalendarDateArgument(cell.date),
                                     ImVec2(p.x, std::max(p.y, visible_top)), ImVec2(q.x, std::min(q.y, visible_bottom))});
        if (tap && tap->x >= p.x && tap->x < q.x && tap->y >= p.y && tap->y < q.y)
          out.actions.push_back({ActionKind::ActivitySelectDay, CalendarDateArgument(cell.date)});
      }
    }
    y += h;
  }
  ImGui::Dummy(ImVec2(g.cell_w * 7, g.total_h));
  EndTouchScroll(state.activities.grid_scroll);
}

}  // namespace

// The list of agenda lines (the chosen day, then the next two weeks), drag-scrolled and clipped to the
// rows on screen: 2,000 occurrences cost what 10 do.
static void DrawAgendaList(UiState& state, const FrameContext& ctx, FrameOutput& out, const ActivityMonthView& v, ImVec2 pos,
                    ImVec2 size) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  ImFont* hf = ctx.fonts.heading;
  const float pad = m.gap * 0.75f;
  const float title_line = tf->FontSize * 1.35f, meta_line = bf->FontSize * 1.35f;
  const float row_h = std::max(m.touch_min, pad * 2 + title_line + meta_line);
  const float row_step = row_h + m.gap * 0.5f;
  std::optional<ImVec2> tap;
  BeginTouchScroll("##agenda", pos, size, state.activities.agenda_scroll, ctx, out, &tap);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float list_w = ImGui::GetContentRegionAvail().x;
  const float visible_top = ImGui::GetWindowPos().y, visible_bottom = visible_top + ImGui::GetWindowSize().y;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.lines.size()), row_step);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const AgendaLine& line = v.lines[static_cast<std::size_t>(i)];
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const ImVec2 q(p.x + list_w, p.y + row_h);
      switch (line.kind) {
        case AgendaLine::Kind::DayHeading:
        case AgendaLine::Kind::UpcomingHeading: {
          const std::string text = line.kind == AgendaLine::Kind::DayHeading ? DayHeading(line.date, ctx.tr)
                                                                             : ctx.tr.Get(keys::kActivityUpcoming);
          DrawEllipsized(dl, hf, ImVec2(p.x, q.y - hf->FontSize * 1.2f), list_w, text, c.text);
          dl->AddRectFilled(ImVec2(p.x, q.y - 3.0f * m.scale), ImVec2(q.x, q.y), c.divider);
          break;
        }
        case AgendaLine::Kind::DateHeading:
          DrawEllipsized(dl, tf, ImVec2(p.x, q.y - tf->FontSize * 1.3f), list_w, DayHeading(line.date, ctx.tr),
                         c.text_muted);
          break;
        case AgendaLine::Kind::Empty:
          DrawEllipsized(dl, bf, ImVec2(p.x + pad, p.y + (row_h - bf->FontSize) * 0.5f), list_w - pad,
                         ctx.tr.Get(line.empty_key), c.text_muted);
          break;
        case AgendaLine::Kind::Row: {
          const ActivityRowView& r = v.rows[static_cast<std::size_t>(line.row)];
          dl->AddRectFilled(p, q, c.row, m.rounding);
          if (r.cancelled)
            dl->AddRectFilled(p, ImVec2(p.x + 8.0f * m.scale, q.y), c.urgent, m.rounding, ImDrawFlags_RoundCornersLeft);
          const std::string when = OccurrenceWhen(r, ctx.tr, /*with_date=*/false);
          const float when_w = std::min(list_w * 0.45f, tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, when.c_str()).x);
          const float ty = p.y + pad + (title_line - tf->FontSize) * 0.5f;
          DrawEllipsized(dl, tf, ImVec2(p.x + pad * 1.5f, ty), when_w, when, c.button);
          const float title_x = p.x + pad * 2.5f + when_w;
          DrawEllipsized(dl, tf, ImVec2(title_x, ty), q.x - pad - title_x, r.title, c.row_text);
          const std::string meta = r.place + ctx.tr.Get(keys::kListSeparator) + PlacesText(r, ctx.tr);
          DrawEllipsized(dl, bf, ImVec2(p.x + pad * 1.5f, p.y + pad + title_line + (meta_line - bf->FontSize) * 0.5f),
                         list_w - pad * 3, meta, r.cancelled ? c.urgent : c.text_muted);
          if (q.y > visible_top && p.y < visible_bottom) {
            const std::string name = "activity.row." + r.activity_id + "." + std::to_string(r.original_start);
            state.tap_targets.push_back(
                {name, ImVec2(p.x, std::max(p.y, visible_top)), ImVec2(q.x, std::min(q.y, visible_bottom))});
            if (tap && tap->y >= p.y && tap->y < q.y && tap->x >= p.x && tap->x < q.x) {
              UiAction a{ActionKind::OpenActivity, r.activity_id};
              a.when = r.original_start;
              out.actions.push_back(a);
            }
          }
          break;
        }
      }
      ImGui::Dummy(ImVec2(list_w, row_step));
    }
  }
  ImGui::PopStyleVar();
  EndTouchScroll(state.activities.agenda_scroll);
}

void DrawActivityMonthScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.month) return;
  const ActivityMonthView& v = *ctx.vm.month;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool large = state.large_text;
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const float grid_w = large ? x1 - x0 : std::floor((x1 - x0 - m.padding) * 0.6f);
  float y = area.Min.y + m.gap;

  // Header: ‹ previous · "2026年12月" · next ›, and "today" when another month shows.
  ImFont* tf = ctx.fonts.title;
  const ButtonStyle nav{c.button, c.button_text, tf};
  const char* prev = ctx.tr(keys::kActivityPrevMonth);
  const char* next = ctx.tr(keys::kActivityNextMonth);
  const float bw = std::max(ButtonWidthFor(prev, tf, m.padding, 180.0f * m.scale),
                            ButtonWidthFor(next, tf, m.padding, 180.0f * m.scale));
  const float bh = m.touch_min;
  if (TouchButton(state, ctx, "activity.prev", prev, ImVec2(x0, y), ImVec2(bw, bh), nav)) {
    UiAction a{ActionKind::ActivityMonthStep, {}};
    a.index = -1;
    out.actions.push_back(a);
  }
  if (TouchButton(state, ctx, "activity.next", next, ImVec2(x0 + grid_w - bw, y), ImVec2(bw, bh), nav)) {
    UiAction a{ActionKind::ActivityMonthStep, {}};
    a.index = +1;
    out.actions.push_back(a);
  }
  ImFont* hf = ctx.fonts.heading;
  const std::string title = MonthTitle(v, ctx.tr);
  const bool this_month = v.today.year() / v.today.month() == v.month;
  const char* today = ctx.tr(keys::kActivityToday);
  const float today_w = this_month ? 0.0f : ButtonWidthFor(today, tf, m.padding, 160.0f * m.scale);
  const float title_w = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0, title.c_str()).x;
  const float mid_x0 = x0 + bw + m.gap, mid_x1 = x0 + grid_w - bw - m.gap;
  const float group_w = title_w + (this_month ? 0.0f : m.gap + today_w);
  const float tx = std::max(mid_x0, (mid_x0 + mid_x1 - group_w) * 0.5f);
  DrawEllipsized(dl, hf, ImVec2(tx, y + (bh - hf->FontSize) * 0.5f), mid_x1 - tx - (this_month ? 0 : today_w + m.gap),
                 title, c.text);
  state.shown_fields.emplace_back("activity.month", title);
  if (!this_month) {
    UiAction a{ActionKind::ActivityMonthStep, {}};
    a.index = 0;
    if (TouchButton(state, ctx, "activity.today", today, ImVec2(std::min(tx + title_w + m.gap, mid_x1 - today_w), y),
                    ImVec2(today_w, bh), ButtonStyle{c.tab, c.tab_text, tf}))
      out.actions.push_back(a);
  }
  y += bh + m.gap * 0.5f;

  // Weekday names, Monday first.
  ImFont* bf = ctx.fonts.body;
  const float cell_w = grid_w / 7.0f;
  for (int d = 0; d < 7; ++d) {
    const std::string& name = ctx.tr.Get(keys::WeekdayShortKey(d));
    const float w = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, name.c_str()).x;
    dl->AddText(bf, bf->FontSize, ImVec2(x0 + d * cell_w + (cell_w - w) * 0.5f, y), d >= 5 ? c.urgent : c.text_muted,
                name.c_str());
  }
  y += bf->FontSize * 1.4f;

  // Large text: the freshness line and the way to the day's list sit under the grid.
  float grid_bottom = area.Max.y - m.padding * 0.5f;
  const std::string fresh = CalendarFreshness(ctx.vm.sync, ctx.now, ctx.tr);
  const ImU32 fresh_color = ctx.vm.sync.offline || !ctx.vm.sync.last_success_at ? c.urgent : c.text_muted;
  if (large) {
    const char* open = ctx.tr(keys::kActivityOpenDay);
    const float ow = ButtonWidthFor(open, tf, m.padding, 260.0f * m.scale);
    grid_bottom -= bh + m.gap * 0.5f;
    if (TouchButton(state, ctx, "activity.open_day", open, ImVec2(x1 - ow, grid_bottom + m.gap * 0.5f),
                    ImVec2(ow, bh), nav))
      out.actions.push_back({ActionKind::ActivityOpenDay, {}});
    DrawEllipsized(dl, bf, ImVec2(x0, grid_bottom + m.gap * 0.5f + (bh - bf->FontSize) * 0.5f), x1 - ow - m.gap - x0,
                   fresh, fresh_color);
  }
  const ImRect grid_rect(ImVec2(x0, y), ImVec2(x0 + grid_w, grid_bottom));
  DrawGrid(state, ctx, out, v, x0, grid_w, y, grid_bottom);
  // The arrows' twin: a swipe across the grid (a drag, so no day under the finger is chosen).
  if (const int step = SwipeAcross(grid_rect, std::max(cell_w, 120.0f * m.scale)); step != 0) {
    UiAction a{ActionKind::ActivityMonthStep, {}};
    a.index = step;
    out.actions.push_back(a);
  }
  if (!v.lunar_ok)
    DrawEllipsized(dl, bf, ImVec2(x0, area.Max.y - bf->FontSize * 1.2f), grid_w, ctx.tr.Get(keys::kActivityLunarUnavailable),
                   c.text_muted);
  state.shown_fields.emplace_back("activity.freshness", fresh);
  if (large) return;

  // Beside the grid: how fresh the calendar is, then the agenda and the next two weeks.
  const float lx = x0 + grid_w + m.padding;
  float ly = area.Min.y + m.gap;
  const float fresh_h = DrawWrapped(dl, bf, ImVec2(lx, ly), x1 - lx, fresh, fresh_color, bf->FontSize * 1.3f);
  ly += fresh_h + m.gap * 0.5f;
  DrawAgendaList(state, ctx, out, v, ImVec2(lx, ly), ImVec2(x1 - lx, area.Max.y - m.padding * 0.5f - ly));
}

void DrawActivityDayScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.month) return;
  const ThemeMetrics& m = ctx.theme.metrics;
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const float y = area.Min.y + m.gap;
  DrawAgendaList(state, ctx, out, *ctx.vm.month, ImVec2(x0, y), ImVec2(x1 - x0, area.Max.y - m.padding * 0.5f - y));
}

}  // namespace ck::ui

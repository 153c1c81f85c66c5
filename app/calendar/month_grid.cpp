// The month grid: whole weeks around the month, each day labelled.
#include "app/calendar/month_grid.h"

#include "app/calendar/solar_terms.h"

namespace ck::calendar {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string LabelFor(const DayCell& cell, CalendarLanguage language, bool* is_festival) {
  *is_festival = true;
  if (!cell.festivals.empty()) return cell.festivals.front();
  if (cell.solar_term) {
    return language == CalendarLanguage::kChinese ? SolarTermName(*cell.solar_term)
                                                  : SolarTermEnglishName(*cell.solar_term);
  }
  *is_festival = false;
  if (language != CalendarLanguage::kChinese) return "";
  return cell.lunar.day == 1 ? LunarMonthName(cell.lunar.month, cell.lunar.leap_month)
                             : LunarDayName(cell.lunar.day);
}

}  // namespace

MonthGrid BuildMonthGrid(std::chrono::year_month month, year_month_day today, LunarCalendar& lunar,
                         CalendarLanguage language) {
  MonthGrid grid{month, {}};
  const sys_days first = sys_days(month / 1);
  const sys_days last = sys_days(month / std::chrono::last);
  // Monday-first: back up to the Monday on or before the 1st, run to the Sunday on or after the last.
  const sys_days start = first - days((std::chrono::weekday(first).iso_encoding() - 1));
  const sys_days end = last + days(7 - std::chrono::weekday(last).iso_encoding());

  // One lunar lookup per day, plus the day after the grid (for 除夕 on its last cell).
  LunarDate next = lunar.On(year_month_day(start));
  for (sys_days d = start; d <= end; d += days(1)) {
    DayCell cell;
    cell.date = year_month_day(d);
    cell.in_month = d >= first && d <= last;
    cell.is_today = cell.date == today;
    cell.lunar = next;
    next = lunar.On(year_month_day(d + days(1)));
    cell.festivals = FestivalsOn({cell.date, cell.lunar, next.month == 1 && next.day == 1 && !next.leap_month},
                                 language);
    cell.solar_term = SolarTermOn(cell.date);
    cell.label = LabelFor(cell, language, &cell.label_is_festival);
    grid.cells.push_back(std::move(cell));
  }
  return grid;
}

}  // namespace ck::calendar

// A month as the kiosk shows it: whole weeks from Monday (as calendars in China are laid out), each day
// with its lunar day, festivals and solar term, built once when the month changes (never per frame).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/calendar/festivals.h"
#include "app/calendar/lunar_calendar.h"

namespace ck::calendar {

struct DayCell {
  std::chrono::year_month_day date;
  bool in_month = false;  // false for the days of the neighbouring months that fill the first/last week
  bool is_today = false;
  LunarDate lunar;
  std::vector<std::string> festivals;
  std::optional<int> solar_term;
  // What the cell shows under the date: a festival, else the solar term, else (in Chinese) the lunar day,
  // with the month's name on its first day ("八月", "闰六月").
  std::string label;
  bool label_is_festival = false;  // festivals and terms are marked in colour
};

struct MonthGrid {
  std::chrono::year_month month;
  std::vector<DayCell> cells;  // 35 or 42: 5 or 6 whole weeks, Monday first
};

// `lunar` must be ok().
MonthGrid BuildMonthGrid(std::chrono::year_month month, std::chrono::year_month_day today,
                         LunarCalendar& lunar, CalendarLanguage language);

}  // namespace ck::calendar

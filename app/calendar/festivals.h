// The festivals residents expect on a community calendar: the traditional ones by the lunar date, the
// public and commemorative days by the Gregorian date. Solar terms are solar_terms.h.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/calendar/lunar_calendar.h"

namespace ck::calendar {

enum class CalendarLanguage { kChinese, kEnglish };

struct FestivalDay {
  std::chrono::year_month_day date;
  LunarDate lunar;
  bool last_day_of_lunar_year = false;  // 除夕: the next day is 正月初一
};

// Most important first (a day cell shows the first). Traditional festivals fall only in a regular month,
// never in a leap month of the same number.
std::vector<std::string> FestivalsOn(const FestivalDay& day, CalendarLanguage language);

}  // namespace ck::calendar

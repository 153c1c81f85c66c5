// The kiosk's wall clock: Unix seconds shown in the kiosk's time zone, formatted by translation patterns.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "app/ui/text/translations.h"
#include "sync/protocol/utc_time.h"

namespace ck::ui {

struct LocalTime {
  int year = 1970;
  int month = 1;    // 1..12
  int day = 1;      // 1..31
  int weekday = 4;  // 0 = Sunday
  int hour = 0;
  int minute = 0;
};

// Sets the process time zone (TZ + tzset) once at start, before any thread is created.
// Returns false, leaving UTC in force, when the zone is not known to the system's tz database.
bool SetProcessTimeZone(const std::string& zone);
LocalTime ToLocalTime(protocol::UnixSeconds t);

// Fills {Y} {M} {D} {W} {MON} {h} {m} of a translation pattern (e.g. format.home_date).
std::string FormatLocal(std::string_view pattern_key, protocol::UnixSeconds t, const Translations& tr);

// The kiosk's civil date at `t`, and the instant its day `date` begins (local midnight; on a day whose
// midnight a zone skips, the first instant of the day).
std::chrono::year_month_day LocalDate(protocol::UnixSeconds t);
protocol::UnixSeconds LocalDayStart(std::chrono::year_month_day date);

// Seconds from `now` to the next change of the displayed HH:MM.
int SecondsToNextMinute(protocol::UnixSeconds now);

}  // namespace ck::ui

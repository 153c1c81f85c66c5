// Local time through the C library's tz database (localtime_r after a one-time tzset).
#include "app/ui/text/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "app/ui/text/text_keys.h"

namespace ck::ui {

bool SetProcessTimeZone(const std::string& zone) {
  // glibc silently falls back to UTC for an unknown zone: check the database so the caller can say so.
  const bool known = zone == "UTC" || std::filesystem::exists("/usr/share/zoneinfo/" + zone);
  setenv("TZ", known ? zone.c_str() : "UTC", 1);
  tzset();
  return known;
}

LocalTime ToLocalTime(protocol::UnixSeconds t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return LocalTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_wday, tm.tm_hour, tm.tm_min};
}

std::string FormatLocal(std::string_view pattern_key, protocol::UnixSeconds t, const Translations& tr) {
  const LocalTime lt = ToLocalTime(t);
  char hh[4], mm[4];
  std::snprintf(hh, sizeof hh, "%02d", lt.hour);
  std::snprintf(mm, sizeof mm, "%02d", lt.minute);
  const std::string year = std::to_string(lt.year), month = std::to_string(lt.month),
                    day = std::to_string(lt.day);
  return FormatPattern(tr.Get(pattern_key), {{"Y", year},
                                             {"M", month},
                                             {"D", day},
                                             {"W", tr.Get(keys::WeekdayKey(lt.weekday))},
                                             {"MON", tr.Get(keys::MonthKey(lt.month))},
                                             {"h", hh},
                                             {"m", mm}});
}

std::chrono::year_month_day LocalDate(protocol::UnixSeconds t) {
  const LocalTime lt = ToLocalTime(t);
  return std::chrono::year_month_day(std::chrono::year(lt.year), std::chrono::month(static_cast<unsigned>(lt.month)),
                                     std::chrono::day(static_cast<unsigned>(lt.day)));
}

protocol::UnixSeconds LocalDayStart(std::chrono::year_month_day date) {
  std::tm tm{};
  tm.tm_year = static_cast<int>(date.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
  tm.tm_isdst = -1;  // let the zone say
  return static_cast<protocol::UnixSeconds>(std::mktime(&tm));
}

int SecondsToNextMinute(protocol::UnixSeconds now) {
  // Every zone in use today is offset by whole minutes, so local minutes turn with UTC minutes.
  const int into_minute = static_cast<int>(((now % 60) + 60) % 60);
  return 60 - into_minute;
}

}  // namespace ck::ui

// The Chinese lunar date of a civil day in China: month names and leap months from ICU's Chinese calendar,
// the day each month starts from the new moon computed to the second (new_moon.h). Never a table.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "app/calendar/new_moon.h"

namespace ck::calendar {

struct LunarDate {
  int year = 0;          // the Gregorian year in which this lunar year began (its 春节)
  int month = 0;         // 1 = 正月 … 12 = 腊月
  bool leap_month = false;
  int day = 0;           // 1 … 30
  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Holds one ICU calendar; not thread-safe (ICU's Calendar keeps its fields between calls). Creating it
// loads ICU's data, so the kiosk makes one when the calendar screen first needs it.
class LunarCalendar {
 public:
  LunarCalendar();
  ~LunarCalendar();
  LunarCalendar(const LunarCalendar&) = delete;
  LunarCalendar& operator=(const LunarCalendar&) = delete;

  // False (and error() says why) when ICU could not make a Chinese calendar (e.g. its data is missing).
  bool ok() const { return calendar_ != nullptr; }
  const std::string& error() const { return error_; }

  // The lunar date of `day` as reckoned in China (UTC+8). Requires ok(). About 1 µs from ICU, plus a few
  // milliseconds the first time a month's new moon is computed.
  LunarDate On(std::chrono::year_month_day day);

 private:
  struct IcuCalendar;  // ICU stays out of this header
  LunarDate IcuOn(BeijingDay day);
  BeijingDay NewMoonNear(BeijingDay estimate);

  std::unique_ptr<IcuCalendar> calendar_;
  std::map<BeijingDay, BeijingDay> new_moon_near_;  // a month view asks about the same months again
  std::string error_;
};

// "初一" … "初十", "十一" … "二十", "廿一" … "三十".
std::string LunarDayName(int day);
// "正月", "二月" … "十月", "冬月", "腊月", with "闰" before a leap month.
std::string LunarMonthName(int month, bool leap_month);

}  // namespace ck::calendar

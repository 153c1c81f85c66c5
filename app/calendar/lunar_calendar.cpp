// The lunar date: ICU names the month (its numbering and leap-month rule), the new moon to the second
// fixes its first day.
#include "app/calendar/lunar_calendar.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>

namespace ck::calendar {

struct LunarCalendar::IcuCalendar {
  std::unique_ptr<icu::Calendar> chinese;
};

namespace {

// ICU counts Chinese years from 2637 BCE; the lunar year that begins in Gregorian year Y is ICU's
// extended year Y + 2637.
constexpr int kIcuChineseYearOffset = 2637;

// Noon in Beijing of `day`, as ICU's UDate (milliseconds since the epoch, UTC): noon is far from either
// midnight, so the day is the same in any reckoning of China's civil time.
UDate BeijingNoon(BeijingDay day) {
  return (static_cast<double>(day) * 24.0 + 12.0 - 8.0) * 3600.0 * 1000.0;
}

// A lunar month has 29 or 30 days; the next new moon is near 29.5 days on.
constexpr BeijingDay kNextMonthEstimate = 30;
// The middle of a month is far from either boundary, where ICU and the exact new moon agree on its name.
constexpr BeijingDay kMidMonth = 14;

}  // namespace

LunarCalendar::LunarCalendar() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> chinese(icu::Calendar::createInstance(
      icu::TimeZone::createTimeZone("Asia/Shanghai"), icu::Locale("zh_CN@calendar=chinese"), status));
  if (U_FAILURE(status) || chinese == nullptr) {
    error_ = std::string("ICU could not make a Chinese calendar: ") + u_errorName(status);
    return;
  }
  if (std::string(chinese->getType()) != "chinese") {
    error_ = std::string("ICU gave a ") + chinese->getType() + " calendar, not a Chinese one";
    return;
  }
  calendar_ = std::make_unique<IcuCalendar>(IcuCalendar{std::move(chinese)});
}

LunarCalendar::~LunarCalendar() = default;

LunarDate LunarCalendar::IcuOn(BeijingDay day) {
  icu::Calendar& cal = *calendar_->chinese;
  UErrorCode status = U_ZERO_ERROR;
  cal.setTime(BeijingNoon(day), status);
  LunarDate out;
  out.year = cal.get(UCAL_EXTENDED_YEAR, status) - kIcuChineseYearOffset;
  out.month = cal.get(UCAL_MONTH, status) + 1;
  out.leap_month = cal.get(UCAL_IS_LEAP_MONTH, status) != 0;
  out.day = cal.get(UCAL_DATE, status);
  if (U_FAILURE(status)) return {};
  return out;
}

BeijingDay LunarCalendar::NewMoonNear(BeijingDay estimate) {
  auto it = new_moon_near_.find(estimate);
  if (it == new_moon_near_.end()) it = new_moon_near_.emplace(estimate, NewMoonDayNear(estimate)).first;
  return it->second;
}

LunarDate LunarCalendar::On(std::chrono::year_month_day civil) {
  const BeijingDay day = std::chrono::sys_days(civil).time_since_epoch().count();
  const LunarDate icu = IcuOn(day);
  if (icu.day == 0) return {};
  // ICU's month start is within a day of the true one: find the true one, then make sure `day` is not
  // before it (ICU started the month early) nor past the next one (ICU started the next month late).
  BeijingDay month_start = NewMoonNear(day - (icu.day - 1));
  if (month_start > day) {
    month_start = NewMoonNear(month_start - kNextMonthEstimate);
  } else if (day - month_start >= 28) {
    const BeijingDay next = NewMoonNear(month_start + kNextMonthEstimate);
    if (next <= day) month_start = next;
  }
  LunarDate out = IcuOn(month_start + kMidMonth);
  out.day = static_cast<int>(day - month_start) + 1;
  return out;
}

std::string LunarDayName(int day) {
  static constexpr std::array<const char*, 11> kDigits = {"", "一", "二", "三", "四", "五",
                                                          "六", "七", "八", "九", "十"};
  if (day < 1 || day > 30) return "";
  if (day <= 10) return std::string("初") + kDigits[day];
  if (day < 20) return std::string("十") + kDigits[day - 10];
  if (day == 20) return "二十";
  if (day < 30) return std::string("廿") + kDigits[day - 20];
  return "三十";
}

std::string LunarMonthName(int month, bool leap_month) {
  static constexpr std::array<const char*, 13> kMonths = {
      "", "正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月"};
  if (month < 1 || month > 12) return "";
  return std::string(leap_month ? "闰" : "") + kMonths[month];
}

}  // namespace ck::calendar

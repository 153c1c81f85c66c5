// Lunar dates from ICU's Chinese calendar against dates every calendar in China prints.
#include "app/calendar/lunar_calendar.h"

#include <gtest/gtest.h>

#include <chrono>

#include "app/calendar/festivals.h"

namespace ck::calendar {
namespace {

using namespace std::chrono;

class LunarCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(lunar_.ok()) << lunar_.error(); }
  LunarCalendar lunar_;
};

// 2027's and 2030's new moons fall within minutes of midnight in Beijing; ICU 72 alone puts 春节 on
// 5 Feb 2027 and 2 Feb 2030, a day early (ICU-23274), so these two pin the new-moon correction.
TEST_F(LunarCalendarTest, SpringFestivalIsTheFirstDayOfTheFirstMonth2024To2035) {
  const year_month_day spring_festivals[] = {
      2024y / February / 10, 2025y / January / 29, 2026y / February / 17, 2027y / February / 6,
      2028y / January / 26,  2029y / February / 13, 2030y / February / 3, 2031y / January / 23,
      2032y / February / 11, 2033y / January / 31, 2034y / February / 19, 2035y / February / 8};
  for (const year_month_day& day : spring_festivals) {
    const LunarDate d = lunar_.On(day);
    EXPECT_EQ(d, (LunarDate{static_cast<int>(day.year()), 1, false, 1})) << sys_days(day).time_since_epoch().count();
    // The day before is 除夕, the last day of the old year's 腊月.
    const LunarDate eve = lunar_.On(year_month_day(sys_days(day) - days(1)));
    EXPECT_EQ(eve.month, 12);
    EXPECT_FALSE(eve.leap_month);
    EXPECT_GE(eve.day, 29);
    EXPECT_EQ(eve.year, static_cast<int>(day.year()) - 1);
  }
}

TEST_F(LunarCalendarTest, MidAutumnAndDragonBoat) {
  EXPECT_EQ(lunar_.On(2024y / September / 17), (LunarDate{2024, 8, false, 15}));
  EXPECT_EQ(lunar_.On(2025y / October / 6), (LunarDate{2025, 8, false, 15}));
  EXPECT_EQ(lunar_.On(2026y / September / 25), (LunarDate{2026, 8, false, 15}));
  EXPECT_EQ(lunar_.On(2027y / September / 15), (LunarDate{2027, 8, false, 15}));
  EXPECT_EQ(lunar_.On(2024y / June / 10), (LunarDate{2024, 5, false, 5}));
  EXPECT_EQ(lunar_.On(2025y / May / 31), (LunarDate{2025, 5, false, 5}));
  EXPECT_EQ(lunar_.On(2026y / June / 19), (LunarDate{2026, 5, false, 5}));
}

TEST_F(LunarCalendarTest, LeapMonths) {
  // 2025 has a leap sixth month from 25 July; its 15th is not a festival of the sixth month's number.
  EXPECT_EQ(lunar_.On(2025y / July / 24), (LunarDate{2025, 6, false, 30}));
  EXPECT_EQ(lunar_.On(2025y / July / 25), (LunarDate{2025, 6, true, 1}));
  EXPECT_EQ(lunar_.On(2025y / August / 23), (LunarDate{2025, 7, false, 1}));
  // 2023's leap second month; 2033's leap eleventh month (the "2033 problem" calendars got wrong).
  EXPECT_EQ(lunar_.On(2023y / March / 22), (LunarDate{2023, 2, true, 1}));
  EXPECT_EQ(lunar_.On(2033y / December / 22), (LunarDate{2033, 11, true, 1}));
}

TEST_F(LunarCalendarTest, ReckonedInBeijingWhateverTheProcessZone) {
  // A kiosk (or a test machine) set to another zone still prints China's lunar dates.
  setenv("TZ", "America/Los_Angeles", 1);
  tzset();
  LunarCalendar elsewhere;
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere.On(2026y / February / 17), (LunarDate{2026, 1, false, 1}));
  unsetenv("TZ");
  tzset();
}

TEST_F(LunarCalendarTest, EveryDayFollowsTheLastFrom2024To2035) {
  LunarDate prev = lunar_.On(2023y / December / 31);
  int months = 0;
  for (sys_days d = sys_days(2024y / January / 1); d <= sys_days(2035y / December / 31); d += days(1)) {
    const LunarDate today = lunar_.On(year_month_day(d));
    if (today.day == 1) {
      ASSERT_TRUE(prev.day == 29 || prev.day == 30) << d.time_since_epoch().count();
      ++months;
    } else {
      ASSERT_EQ(today.day, prev.day + 1) << d.time_since_epoch().count();
      ASSERT_EQ(today.month, prev.month);
      ASSERT_EQ(today.leap_month, prev.leap_month);
    }
    prev = today;
  }
  EXPECT_GE(months, 12 * 12 + 4);  // 12 years hold 4 or 5 leap months
  EXPECT_LE(months, 12 * 12 + 5);
}

TEST(LunarNamesTest, DaysAndMonths) {
  EXPECT_EQ(LunarDayName(1), "初一");
  EXPECT_EQ(LunarDayName(10), "初十");
  EXPECT_EQ(LunarDayName(11), "十一");
  EXPECT_EQ(LunarDayName(15), "十五");
  EXPECT_EQ(LunarDayName(20), "二十");
  EXPECT_EQ(LunarDayName(21), "廿一");
  EXPECT_EQ(LunarDayName(30), "三十");
  EXPECT_EQ(LunarDayName(31), "");
  EXPECT_EQ(LunarMonthName(1, false), "正月");
  EXPECT_EQ(LunarMonthName(6, true), "闰六月");
  EXPECT_EQ(LunarMonthName(11, false), "冬月");
  EXPECT_EQ(LunarMonthName(12, false), "腊月");
}

TEST(FestivalsTest, TraditionalFestivalsOnlyInRegularMonths) {
  using enum CalendarLanguage;
  EXPECT_EQ(FestivalsOn({2026y / September / 25, {2026, 8, false, 15}, false}, kChinese),
            std::vector<std::string>{"中秋"});
  EXPECT_TRUE(FestivalsOn({2025y / August / 8, {2025, 6, true, 15}, false}, kChinese).empty());
  EXPECT_EQ(FestivalsOn({2026y / February / 16, {2025, 12, false, 29}, true}, kEnglish),
            std::vector<std::string>{"New Year's Eve (lunar)"});
  EXPECT_EQ(FestivalsOn({2026y / October / 1, {2026, 8, false, 21}, false}, kChinese),
            std::vector<std::string>{"国庆"});
  EXPECT_EQ(FestivalsOn({2026y / October / 18, {2026, 9, false, 9}, false}, kEnglish),
            std::vector<std::string>{"Double Ninth"});
}

}  // namespace
}  // namespace ck::calendar

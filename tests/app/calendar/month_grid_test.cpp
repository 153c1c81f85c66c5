// The month grid: whole weeks from Monday, today marked, each day's label.
#include "app/calendar/month_grid.h"

#include <gtest/gtest.h>

namespace ck::calendar {
namespace {

using namespace std::chrono;

TEST(MonthGridTest, WholeWeeksFromMondayWithLabels) {
  LunarCalendar lunar;
  ASSERT_TRUE(lunar.ok()) << lunar.error();
  // September 2026 starts on a Tuesday and ends on a Wednesday: Mon 31 Aug … Sun 4 Oct, 5 weeks.
  const MonthGrid grid = BuildMonthGrid(2026y / September, 2026y / September / 10, lunar, CalendarLanguage::kChinese);
  ASSERT_EQ(grid.cells.size(), 35u);
  EXPECT_EQ(grid.cells.front().date, 2026y / August / 31);
  EXPECT_FALSE(grid.cells.front().in_month);
  EXPECT_EQ(grid.cells.back().date, 2026y / October / 4);
  int today = 0, in_month = 0;
  for (const DayCell& c : grid.cells) {
    today += c.is_today;
    in_month += c.in_month;
  }
  EXPECT_EQ(today, 1);
  EXPECT_EQ(in_month, 30);
  const DayCell& mid_autumn = grid.cells[25];  // 25 September
  EXPECT_EQ(mid_autumn.date, 2026y / September / 25);
  EXPECT_EQ(mid_autumn.label, "中秋");
  EXPECT_TRUE(mid_autumn.label_is_festival);
  EXPECT_EQ(grid.cells[24].label, "十四");
  // The lunar month's first day shows the month's name.
  EXPECT_EQ(grid.cells[11].date, 2026y / September / 11);
  EXPECT_EQ(grid.cells[11].label, "八月");
  // 白露 on 7 September.
  EXPECT_EQ(grid.cells[7].label, "白露");
}

TEST(MonthGridTest, EnglishShowsOnlyFestivalsAndTerms) {
  LunarCalendar lunar;
  ASSERT_TRUE(lunar.ok());
  const MonthGrid grid = BuildMonthGrid(2026y / February, 2026y / February / 1, lunar, CalendarLanguage::kEnglish);
  // February 2026 runs Sunday to Saturday: five weeks from Mon 26 Jan to Sun 1 Mar.
  ASSERT_EQ(grid.cells.size(), 35u);
  const DayCell& eve = grid.cells[21];
  EXPECT_EQ(eve.date, 2026y / February / 16);
  EXPECT_EQ(eve.label, "New Year's Eve (lunar)");
  EXPECT_EQ(grid.cells[22].label, "Spring Festival");
  EXPECT_EQ(grid.cells[23].label, "Rain Water");  // 雨水, 18 February
  EXPECT_EQ(grid.cells[24].label, "");
}

}  // namespace
}  // namespace ck::calendar

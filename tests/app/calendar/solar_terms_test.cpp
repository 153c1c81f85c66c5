// Solar terms against the dates China's calendars print (Beijing time), including terms close to midnight.
#include "app/calendar/solar_terms.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ck::calendar {
namespace {

using namespace std::chrono;

int TermOn(year_month_day day) { return SolarTermOn(day).value_or(-1); }

TEST(SolarTermsTest, KnownDates) {
  EXPECT_EQ(SolarTermName(TermOn(2026y / April / 5)), "清明");
  EXPECT_EQ(SolarTermName(TermOn(2024y / April / 4)), "清明");
  EXPECT_EQ(SolarTermName(TermOn(2025y / April / 4)), "清明");
  EXPECT_EQ(SolarTermName(TermOn(2026y / February / 4)), "立春");
  EXPECT_EQ(SolarTermName(TermOn(2024y / June / 21)), "夏至");    // 04:51 Beijing
  EXPECT_EQ(SolarTermName(TermOn(2026y / December / 22)), "冬至");  // 04:50 Beijing
}

TEST(SolarTermsTest, TermsNearMidnightLandOnBeijingsDate) {
  // 2025's winter solstice is at 23:03 Beijing (15:03 UTC): the 21st, not the 22nd.
  EXPECT_EQ(SolarTermName(TermOn(2025y / December / 21)), "冬至");
  EXPECT_EQ(TermOn(2025y / December / 22), -1);
  // 2026's spring equinox is at 22:46 Beijing on the 20th.
  EXPECT_EQ(SolarTermName(TermOn(2026y / March / 20)), "春分");
  EXPECT_EQ(TermOn(2026y / March / 21), -1);
}

TEST(SolarTermsTest, TwentyFourTermsAYearEachOnce) {
  for (int y = 2024; y <= 2035; ++y) {
    int seen[kSolarTermCount] = {};
    for (sys_days d = sys_days(year{y} / January / 1); d <= sys_days(year{y} / December / 31); d += days(1)) {
      if (auto term = SolarTermOn(year_month_day(d))) ++seen[*term];
    }
    for (int k = 0; k < kSolarTermCount; ++k) EXPECT_EQ(seen[k], 1) << y << " term " << SolarTermName(k);
  }
}

TEST(SolarTermsTest, ApparentLongitudeAtTheSolsticeInstant) {
  // 2024-06-20 20:51 UTC: 90° within a minute of the sun's motion (about 0.0007°).
  const double jd = 2460482.0 + (20.0 + 51.0 / 60.0 - 12.0) / 24.0;
  EXPECT_NEAR(SunApparentLongitude(jd), 90.0, 0.001);
}

}  // namespace
}  // namespace ck::calendar

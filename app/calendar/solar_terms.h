// The 24 solar terms (二十四节气): the day on which the sun's apparent ecliptic longitude reaches a multiple
// of 15°, in China's civil time (UTC+8). Term k is at 15k°: 0 = 春分, 1 = 清明 … 18 = 冬至 … 23 = 惊蛰.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace ck::calendar {

inline constexpr int kSolarTermCount = 24;

// The sun's apparent geocentric ecliptic longitude (degrees, [0, 360)) at a Julian day in UT.
double SunApparentLongitude(double julian_day_ut);

// The solar term that falls on `day` (Beijing time), if any. At most one can: the sun moves about 1° a day.
std::optional<int> SolarTermOn(std::chrono::year_month_day day);

std::string SolarTermName(int term);         // "清明"
std::string SolarTermEnglishName(int term);  // "Qingming (Clear and Bright)"

}  // namespace ck::calendar

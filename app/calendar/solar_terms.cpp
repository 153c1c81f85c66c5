// Solar terms from libnova's VSOP87 position of the sun, brought to the equinox and ecliptic of date.
#include "app/calendar/solar_terms.h"

#include <libnova/dynamical_time.h>
#include <libnova/earth.h>
#include <libnova/solar.h>

#include <array>
#include <cmath>

namespace ck::calendar {

namespace {

constexpr double kUnixEpochJulianDay = 2440587.5;
constexpr double kJ2000 = 2451545.0;

double Wrap360(double degrees) {
  const double wrapped = std::fmod(degrees, 360.0);
  return wrapped < 0 ? wrapped + 360.0 : wrapped;
}

// Julian day (UT) of midnight in Beijing at the start of `day`.
double BeijingMidnightJulianDay(std::chrono::year_month_day day) {
  const auto days = std::chrono::sys_days(day).time_since_epoch().count();
  return kUnixEpochJulianDay + static_cast<double>(days) - 8.0 / 24.0;
}

constexpr std::array<const char*, kSolarTermCount> kNames = {
    "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至", "小暑", "大暑", "立秋", "处暑", "白露",
    "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至", "小寒", "大寒", "立春", "雨水", "惊蛰"};
constexpr std::array<const char*, kSolarTermCount> kEnglishNames = {
    "Spring Equinox", "Qingming",     "Grain Rain",    "Start of Summer", "Grain Buds",
    "Grain in Ear",   "Summer Solstice", "Minor Heat", "Major Heat",      "Start of Autumn",
    "End of Heat",    "White Dew",    "Autumn Equinox", "Cold Dew",       "Frost's Descent",
    "Start of Winter", "Minor Snow",  "Major Snow",    "Winter Solstice", "Minor Cold",
    "Major Cold",     "Start of Spring", "Rain Water", "Awakening of Insects"};

}  // namespace

double SunApparentLongitude(double julian_day_ut) {
  const double jde = ln_get_jde(julian_day_ut);
  // libnova gives the longitude on the J2000 ecliptic with nutation applied; the terms are counted from
  // the equinox of date, so add the general precession in longitude since J2000 (IAU 2006) and the
  // annual aberration (20.4898″ at 1 au).
  ln_lnlat_posn position{};
  ln_get_solar_ecl_coords(jde, &position);
  const double centuries = (jde - kJ2000) / 36525.0;
  const double precession_arcsec = 5028.796195 * centuries + 1.1054348 * centuries * centuries;
  const double aberration_arcsec = -20.4898 / ln_get_earth_solar_dist(jde);
  return Wrap360(position.lng + (precession_arcsec + aberration_arcsec) / 3600.0);
}

std::optional<int> SolarTermOn(std::chrono::year_month_day day) {
  const double start = BeijingMidnightJulianDay(day);
  const int before = static_cast<int>(SunApparentLongitude(start) / 15.0);
  const int after = static_cast<int>(SunApparentLongitude(start + 1.0) / 15.0);
  if (before == after) return std::nullopt;
  return after % kSolarTermCount;
}

std::string SolarTermName(int term) {
  return term >= 0 && term < kSolarTermCount ? kNames[term] : "";
}

std::string SolarTermEnglishName(int term) {
  return term >= 0 && term < kSolarTermCount ? kEnglishNames[term] : "";
}

}  // namespace ck::calendar

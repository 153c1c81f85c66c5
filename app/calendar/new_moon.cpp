// Conjunction of moon and sun by bisection on their elongation.
#include "app/calendar/new_moon.h"

#include <libnova/dynamical_time.h>
#include <libnova/earth.h>
#include <libnova/lunar.h>
#include <libnova/solar.h>

#include <cmath>

namespace ck::calendar {

namespace {

constexpr double kUnixEpochJulianDay = 2440587.5;
constexpr double kBeijingOffsetDays = 8.0 / 24.0;

// Moon's longitude minus the sun's, apparent, in (-180°, 180°]. Both of libnova's positions are on the same
// (J2000, nutated) ecliptic, so precession cancels; the sun's annual aberration does not.
double Elongation(double julian_day_ut, double moon_precision) {
  const double jde = ln_get_jde(julian_day_ut);
  ln_lnlat_posn sun{}, moon{};
  ln_get_solar_ecl_coords(jde, &sun);
  ln_get_lunar_ecl_coords(jde, &moon, moon_precision);
  double e = moon.lng - (sun.lng - 20.4898 / 3600.0 / ln_get_earth_solar_dist(jde));
  e = std::fmod(e, 360.0);
  if (e > 180.0) e -= 360.0;
  if (e <= -180.0) e += 360.0;
  return e;
}

// Bisection on [lo, hi] where the elongation rises through 0 (the moon gains about 12° a day).
double Conjunction(double lo, double hi, double moon_precision) {
  for (int i = 0; i < 40 && hi - lo > 1.0 / 86400.0; ++i) {
    const double mid = (lo + hi) / 2;
    (Elongation(mid, moon_precision) < 0 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

BeijingDay BeijingDayOf(double julian_day_ut) {
  return static_cast<BeijingDay>(std::floor(julian_day_ut - kUnixEpochJulianDay + kBeijingOffsetDays));
}

}  // namespace

BeijingDay NewMoonDayNear(BeijingDay estimate) {
  // Beijing noon of the estimate, ±3 days: the elongation runs from about -37° to +37°, one zero inside.
  const double centre = kUnixEpochJulianDay + static_cast<double>(estimate) + 0.5 - kBeijingOffsetDays;
  // The truncated lunar series (about 30 s of the moon's motion) finds it fast; within ten minutes of
  // midnight the full series decides the day.
  double t = Conjunction(centre - 3.0, centre + 3.0, 1e-5);
  const double day_fraction = t - kUnixEpochJulianDay + kBeijingOffsetDays;
  const double to_midnight = std::abs(day_fraction - std::round(day_fraction));
  if (to_midnight < 10.0 / 1440.0) t = Conjunction(t - 0.02, t + 0.02, 0);
  return BeijingDayOf(t);
}

}  // namespace ck::calendar

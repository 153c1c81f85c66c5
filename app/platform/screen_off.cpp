// ScreenOffSchedule over the local clock.
#include "app/platform/screen_off.h"

#include <time.h>

#include <algorithm>
#include <cstdlib>

namespace ck::platform {

namespace {
constexpr double kNever = 24.0 * 3600.0;
}  // namespace

ScreenOffSchedule::ScreenOffSchedule(std::optional<core::ScreenOffHours> hours) : hours_(hours) {
  if (const char* fixed = std::getenv("CK_TEST_SCREEN_CLOCK"); fixed != nullptr) {
    if (auto minutes = core::ParseClockMinutes(fixed)) fixed_second_of_day_ = *minutes * 60;
  }
}

int ScreenOffSchedule::SecondOfDay(protocol::UnixSeconds now) const {
  if (fixed_second_of_day_) return *fixed_second_of_day_;
  const time_t t = static_cast<time_t>(now);
  struct tm local {};
  localtime_r(&t, &local);
  return local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec;
}

bool ScreenOffSchedule::Dark(protocol::UnixSeconds now, double clock) const {
  if (!hours_) return false;
  if (clock - last_touch_ < kWakeSeconds) return false;
  return hours_->Contains(SecondOfDay(now) / 60);
}

double ScreenOffSchedule::SecondsUntilChange(protocol::UnixSeconds now, double clock) const {
  if (!hours_) return kNever;
  const int second = SecondOfDay(now);
  double until = fixed_second_of_day_ ? kNever : static_cast<double>(hours_->SecondsUntilChange(second));
  const double awake_left = last_touch_ + kWakeSeconds - clock;
  if (awake_left > 0.0) until = std::min(until, awake_left);
  return until;
}

}  // namespace ck::platform

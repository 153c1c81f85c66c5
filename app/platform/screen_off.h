// ScreenOffSchedule: when the kiosk's screen is black (kiosk.toml `screen_off`, e.g. "23:00-06:00").
//
// Inside the hours the main loop draws nothing but black, seldom, so the CPU idles; the sync thread and the
// watchdog pings carry on. A touch wakes the screen for kWakeSeconds (the press only wakes: it reaches no
// button), and the screen goes black again once nobody touched it for that long. The kiosk returns home
// after 100 s without a touch anyway (the idle rule), so a waking resident finds the home screen.
//
// The local time of day comes from the process's time zone (config time_zone); tests fix it with
// CK_TEST_SCREEN_CLOCK=HH:MM, which moves nothing else.
#pragma once

#include <optional>

#include "app/core/kiosk_config.h"
#include "sync/protocol/utc_time.h"

namespace ck::platform {

class ScreenOffSchedule {
 public:
  static constexpr double kWakeSeconds = 180.0;
  // While black, a frame at most this often (some compositors want one now and then), so the loop still
  // wakes to ping the watchdog and notice the hours' end.
  static constexpr double kDarkFrameSeconds = 5.0;

  explicit ScreenOffSchedule(std::optional<core::ScreenOffHours> hours);

  // `clock`: glfwGetTime(). Black now?
  bool Dark(protocol::UnixSeconds now, double clock) const;
  // A touch (any pointer event) at `clock`: the screen stays lit at least kWakeSeconds from it.
  void NoteTouch(double clock) { last_touch_ = clock; }
  // Seconds until Dark() may change by itself (hours begin or end, the wake-up runs out); large if never.
  double SecondsUntilChange(protocol::UnixSeconds now, double clock) const;

 private:
  int SecondOfDay(protocol::UnixSeconds now) const;
  std::optional<core::ScreenOffHours> hours_;
  std::optional<int> fixed_second_of_day_;  // CK_TEST_SCREEN_CLOCK
  double last_touch_ = -1e12;
};

}  // namespace ck::platform

// ServiceWatchdog: tells systemd the kiosk is up (READY=1) and that its main loop still turns (WATCHDOG=1).
// Under a unit with WatchdogSec= a frozen screen then gets restarted; elsewhere every call does nothing.
#pragma once

#include <chrono>

namespace ck::platform {

class ServiceWatchdog {
 public:
  // Reads $WATCHDOG_USEC/$NOTIFY_SOCKET (sd_watchdog_enabled); sends nothing yet.
  ServiceWatchdog();

  void Ready();
  // Called once per main-loop turn; sends at most one ping every interval/4 (cheap to call often).
  void Ping();
  // How long the main loop may sleep without starving the watchdog; a large value when it is off.
  double MaxWaitSeconds() const;
  bool enabled() const { return interval_.count() > 0; }

 private:
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point last_ping_{};
};

}  // namespace ck::platform

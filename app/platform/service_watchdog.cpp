// ServiceWatchdog over libsystemd's sd_notify; without libsystemd (CK_WITH_SYSTEMD off) it is inert.
#include "app/platform/service_watchdog.h"

#include <cstdint>
#include <cstdlib>

#ifdef CK_WITH_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace ck::platform {

ServiceWatchdog::ServiceWatchdog() {
#ifdef CK_WITH_SYSTEMD
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(/*unset_environment=*/0, &usec) > 0 && usec > 0) {
    interval_ = std::chrono::microseconds(usec);
    return;
  }
  // Under cage the unit's main process is cage and $WATCHDOG_PID names it, so sd_watchdog_enabled says
  // "not for you". The unit has NotifyAccess=all: our pings count all the same, so take $WATCHDOG_USEC.
  const char* socket = std::getenv("NOTIFY_SOCKET");
  const char* text = std::getenv("WATCHDOG_USEC");
  if (socket != nullptr && socket[0] != '\0' && text != nullptr) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (end != text && *end == '\0' && value > 0) interval_ = std::chrono::microseconds(value);
  }
#endif
}

void ServiceWatchdog::Ready() {
#ifdef CK_WITH_SYSTEMD
  sd_notify(0, "READY=1\nSTATUS=showing the lobby screen");
#endif
}

void ServiceWatchdog::Ping() {
  if (!enabled()) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ping_ < interval_ / 4) return;
  last_ping_ = now;
#ifdef CK_WITH_SYSTEMD
  sd_notify(0, "WATCHDOG=1");
#endif
}

double ServiceWatchdog::MaxWaitSeconds() const {
  if (!enabled()) return 3600.0;
  // Wake at least every quarter interval: two missed wakes still leave time for the third.
  return std::chrono::duration<double>(interval_).count() / 4;
}

}  // namespace ck::platform

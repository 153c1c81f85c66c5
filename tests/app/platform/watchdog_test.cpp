// The kiosk under systemd's watchdog (WatchdogSec= in packaging/systemd/community-kiosk.service), with the
// test in systemd's place: READY=1 once the first frame is up, WATCHDOG=1 from the main loop even while it
// idles, and a kiosk whose main loop stops is reported unhealthy (systemd would kill and restart it).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "tests/e2e/child_process.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A datagram socket where the kiosk's sd_notify messages land, as systemd's $NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path.string().copy(addr.sun_path, sizeof addr.sun_path - 1);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fd_ = -1;
  }
  ~NotifySocket() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  std::optional<std::string> Receive(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
    char buf[512];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<size_t>(n));
  }

 private:
  int fd_ = -1;
};

// systemd's rule: healthy while the last WATCHDOG=1 is at most WatchdogSec old.
struct WatchdogMonitor {
  std::chrono::milliseconds interval;
  Clock::time_point last_ping = Clock::now();
  std::chrono::milliseconds longest_gap{0};
  // Reads messages for `span`; returns whether the kiosk stayed healthy all along.
  bool Watch(NotifySocket& socket, std::chrono::milliseconds span) {
    bool healthy = true;
    const auto end = Clock::now() + span;
    while (Clock::now() < end) {
      auto message = socket.Receive(50ms);
      const auto now = Clock::now();
      if (message && message->find("WATCHDOG=1") != std::string::npos) {
        longest_gap = std::max(longest_gap, std::chrono::duration_cast<std::chrono::milliseconds>(now - last_ping));
        last_ping = now;
      }
      if (now - last_ping > interval) healthy = false;
    }
    return healthy;
  }
};

TEST(ServiceWatchdogTest, AnIdleKioskKeepsPingingAndAStoppedMainLoopIsReportedUnhealthy) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ck-watchdog-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  NotifySocket socket(dir / "notify");
  ASSERT_TRUE(socket.ok());

  // The kiosk inherits these as it would from systemd; this process never reads them.
  setenv("NOTIFY_SOCKET", (dir / "notify").c_str(), 1);
  setenv("WATCHDOG_USEC", "2000000", 1);  // WatchdogSec=2: the kiosk pings at least every 0.5 s
  // As under cage: systemd names the unit's main process (cage, here this test), not the kiosk.
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  ck::e2e::ChildProcess kiosk({std::string(CK_BINARY_DIR) + "/app/community-kiosk", "--windowed", "--demo",
                               "--data-dir", (dir / "data").string()},
                              dir / "kiosk.out");
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
  ASSERT_TRUE(kiosk.started());

  bool ready = false;
  for (auto end = Clock::now() + 60s; !ready && Clock::now() < end;) {
    auto message = socket.Receive(200ms);
    ready = message && message->find("READY=1") != std::string::npos;
  }
  ASSERT_TRUE(ready) << "no READY=1 within 60 s: systemd (Type=notify) would give up on the kiosk";

  // Nobody touches the screen: the main loop idles, and still wakes for the watchdog.
  // Healthy means what systemd means: no gap longer than WatchdogSec (the kiosk aims at a quarter of it;
  // a loaded or sanitizer build may be slower, which is not a fault).
  WatchdogMonitor monitor{2000ms};
  EXPECT_TRUE(monitor.Watch(socket, 6s)) << "longest gap between pings " << monitor.longest_gap.count() << " ms";

  // The main loop stops (a frozen frame, a deadlock): pings stop, the monitor says unhealthy.
  ASSERT_EQ(kill(kiosk.pid(), SIGSTOP), 0);
  EXPECT_FALSE(monitor.Watch(socket, 3s)) << "pings went on from a stopped kiosk";
  ASSERT_EQ(kill(kiosk.pid(), SIGCONT), 0);
  monitor.last_ping = Clock::now();
  EXPECT_TRUE(monitor.Watch(socket, 4s)) << "pings did not resume";

  kiosk.Stop(SIGTERM);
  std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

// In the screen-off hours the screen is black and the loop draws seldom, yet the watchdog never starves.
TEST(ServiceWatchdogTest, ABlackScreenInTheScreenOffHoursKeepsPinging) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ck-watchdog-dark-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::FILE* f = std::fopen((dir / "kiosk.toml").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("screen_off = \"23:00-06:00\"\n", f);
    std::fclose(f);
  }
  NotifySocket socket(dir / "notify");
  ASSERT_TRUE(socket.ok());
  setenv("NOTIFY_SOCKET", (dir / "notify").c_str(), 1);
  setenv("WATCHDOG_USEC", "2000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  setenv("CK_TEST_SCREEN_CLOCK", "23:30", 1);  // inside the hours
  ck::e2e::ChildProcess kiosk({std::string(CK_BINARY_DIR) + "/app/community-kiosk", "--windowed", "--demo",
                               "--data-dir", (dir / "data").string(), "--config", (dir / "kiosk.toml").string()},
                              dir / "kiosk.out");
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
  unsetenv("CK_TEST_SCREEN_CLOCK");
  ASSERT_TRUE(kiosk.started());
  bool ready = false;
  for (auto end = Clock::now() + 60s; !ready && Clock::now() < end;) {
    auto message = socket.Receive(200ms);
    ready = message && message->find("READY=1") != std::string::npos;
  }
  ASSERT_TRUE(ready) << "no READY=1 within 60 s";
  WatchdogMonitor monitor{2000ms};
  EXPECT_TRUE(monitor.Watch(socket, 12s)) << "longest gap between pings " << monitor.longest_gap.count() << " ms";
  kiosk.Stop(SIGTERM);
  std::filesystem::remove_all(dir);
}

}  // namespace

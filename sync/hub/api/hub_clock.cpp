// The hub clock's offset: set once (flag or environment), read by every request thread.
#include "sync/hub/api/hub_clock.h"

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace ck::hub {

namespace {

std::atomic<bool> g_set{false};
std::atomic<protocol::UnixSeconds> g_offset{0};

protocol::UnixSeconds FromEnvironment() {
  const char* text = std::getenv(kClockOffsetEnv);
  if (!text || !*text) return 0;
  protocol::UnixSeconds v = 0;
  auto [end, ec] = std::from_chars(text, text + std::strlen(text), v);
  if (ec != std::errc() || *end != '\0') {
    std::cerr << "community-hub: " << kClockOffsetEnv << " is not a whole number of seconds; ignored\n";
    return 0;
  }
  return v;
}

}  // namespace

protocol::UnixSeconds HubClockOffset() {
  if (!g_set.load()) {
    g_offset.store(FromEnvironment());
    g_set.store(true);
  }
  return g_offset.load();
}

void SetHubClockOffset(protocol::UnixSeconds seconds) {
  g_offset.store(seconds);
  g_set.store(true);
}

protocol::UnixSeconds HubNow() {
  return protocol::NowUtc() + HubClockOffset();
}

}  // namespace ck::hub

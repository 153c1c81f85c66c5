// LookupThrottle: a per-client budget for lookups of ticket codes the hub does not know, so that ticket codes
// cannot be found by guessing (the arithmetic is in sync/protocol/ticket_code.h).
//
// Rules:
//   - Only a well-formed code that finds nothing spends budget. A found ticket is free (its holder may look
//     it up as often as they like), and a code whose check character is wrong never reaches a lookup, so a
//     resident who mistypes once or twice is never slowed.
//   - Each client has kLookupBurst unknown lookups, and gets one more back every kLookupRefill.
//   - Past the budget EVERY lookup from that client is refused (429 + Retry-After) before the store is asked,
//     found or not: answering found codes would turn the refusal itself into the oracle.
//   - A client is an IPv4 address, or an IPv6 /64 (one subscriber's network: a host gets a whole /64, so
//     counting single IPv6 addresses would give an attacker 2^64 budgets).
// Thread-safe: cpp-httplib calls handlers from its worker threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ck::hub {

inline constexpr int kLookupBurst = 10;
inline constexpr std::chrono::seconds kLookupRefill{600};  // 6 an hour
// Memory bound: past this many clients, the ones with a full budget are forgotten (nothing is lost by it),
// then the longest idle.
inline constexpr std::size_t kMaxTrackedClients = 100'000;

// The budget key of a client address: the address itself for IPv4 (also IPv4-mapped IPv6), the first four
// groups ("2001:db8:1:2::/64") for IPv6.
std::string ThrottleKey(std::string_view address);

class LookupThrottle {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit LookupThrottle(
      int burst = kLookupBurst, std::chrono::seconds refill = kLookupRefill,
      Clock clock = [] { return std::chrono::steady_clock::now(); });

  // Before a lookup: nullopt when the client may look up, else the whole seconds to wait (>= 1).
  std::optional<int> RetryAfter(std::string_view address);
  // After a lookup that found nothing.
  void RecordUnknown(std::string_view address);

  std::size_t tracked_clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point updated;
  };
  Bucket& Refilled(const std::string& key, std::chrono::steady_clock::time_point now);
  void Prune(std::chrono::steady_clock::time_point now);

  const int burst_;
  const std::chrono::seconds refill_;
  const Clock clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace ck::hub

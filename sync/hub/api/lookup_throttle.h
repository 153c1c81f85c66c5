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
//   - The budgets live in a ThrottleRepository: the hub's database when served (every hub process on it
//     shares one budget per client), else this process's memory. If the store cannot be read, lookups are
//     refused (a 1 s wait): a broken store must not turn into an unlimited budget.
// Thread-safe: cpp-httplib calls handlers from its worker threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/store/memory_throttle_repository.h"

namespace ck::hub {

inline constexpr int kLookupBurst = 10;
inline constexpr std::chrono::seconds kLookupRefill{600};  // 6 an hour
// Memory bound of the in-memory store: past this many clients, the ones with a full budget are forgotten
// (nothing is lost by it), then the longest idle.
inline constexpr std::size_t kMaxTrackedClients = kMaxTrackedKeys;

// The budget key of a client address: the address itself for IPv4 (also IPv4-mapped IPv6), the first four
// groups ("2001:db8:1:2::/64") for IPv6.
std::string ThrottleKey(std::string_view address);

class LookupThrottle {
 public:
  // Wall-clock time: processes on other machines share the budgets, so no steady clock.
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Budgets in `store`, which must outlive the throttle.
  explicit LookupThrottle(
      ThrottleRepository& store, int burst = kLookupBurst, std::chrono::seconds refill = kLookupRefill,
      Clock clock = [] { return std::chrono::system_clock::now(); });
  // Budgets in this process's memory (a MemoryThrottleRepository of its own).
  explicit LookupThrottle(
      int burst = kLookupBurst, std::chrono::seconds refill = kLookupRefill,
      Clock clock = [] { return std::chrono::system_clock::now(); });

  // Before a lookup: nullopt when the client may look up, else the whole seconds to wait (>= 1).
  std::optional<int> RetryAfter(std::string_view address);
  // After a lookup that found nothing.
  void RecordUnknown(std::string_view address);

 private:
  std::int64_t NowMs() const;

  std::unique_ptr<MemoryThrottleRepository> own_store_;  // set when no store was given
  ThrottleRepository& store_;
  const BucketRule rule_;
  const Clock clock_;
};

}  // namespace ck::hub

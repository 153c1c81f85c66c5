// ThrottleRepository: the budgets that guard residents' codes and staff sign-in, held where every hub
// process on one database sees them (issue 18), so two processes behind a front server do not give a
// guesser two budgets. Nothing here names SQL: a PostgreSQL store implements the same calls.
//
// Invariants every implementation keeps:
//   - Each call is one atomic step: two processes (or threads) spending from one budget at once never both
//     get its last token or attempt.
//   - The caller passes the time (wall clock, the same in every process); nothing here reads a clock.
//   - A key that was never used has its whole budget; forgetting a key whose budget has grown back in full
//     changes nothing, so implementations may drop such keys whenever they like (judged by the rule of the
//     call at hand: callers use one rule for every bucket, one window for every attempt count).
#pragma once

#include <cstdint>
#include <string_view>

#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub {

// A bucket holds at most `burst` tokens and gains one back every `refill_ms`, continuously.
struct BucketRule {
  int burst = 1;
  std::int64_t refill_ms = 1000;
};

class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;

  // The tokens in `key`'s bucket at now_ms (fractional: refilling is continuous). Writes nothing.
  virtual Result<double> BucketTokens(std::string_view key, const BucketRule& rule, std::int64_t now_ms) = 0;
  // Takes one token from `key`'s bucket at now_ms (an empty bucket stays at zero); returns what is left.
  virtual Result<double> TakeToken(std::string_view key, const BucketRule& rule, std::int64_t now_ms) = 0;
  // Counts one attempt for `key` in fixed windows of window_seconds (a window starts at a key's first
  // attempt after the last one ran out): true while it is one of the first `max` of its window.
  virtual Result<bool> CountAttempt(std::string_view key, protocol::UnixSeconds now,
                                    protocol::UnixSeconds window_seconds, int max) = 0;
};

}  // namespace ck::hub

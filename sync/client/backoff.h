// Backoff: how long to wait before retrying an unreachable or misbehaving hub (exponential, full jitter).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace ck::sync {

// After the n-th failure in a row the delay is uniform in [floor, min(cap, base * 2^(n-1))] ("full jitter"),
// so a street's worth of kiosks that lost the network together do not all come back in the same second.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed);

  // Records one more failure and returns the delay to wait before the next attempt.
  std::chrono::milliseconds NextDelay();
  // The upper bound NextDelay() draws from for the current failure count (0 before any failure).
  std::chrono::milliseconds Ceiling() const;
  void Reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds base_, cap_;
  int failures_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace ck::sync

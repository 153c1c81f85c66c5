// Backoff: exponential growth with a cap and full jitter.
#include "sync/client/backoff.h"

#include <algorithm>

namespace ck::sync {

namespace {

// Never retry sooner than this, even when the jitter draws zero: a tight loop helps nobody.
constexpr std::chrono::milliseconds kFloor{50};

}  // namespace

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed)
    : base_(std::max(base, std::chrono::milliseconds(1))), cap_(std::max(cap, base_)), rng_(seed) {}

std::chrono::milliseconds Backoff::Ceiling() const {
  if (failures_ == 0) return std::chrono::milliseconds(0);
  // Doubling stops at the cap; the shift is bounded so it can never overflow.
  int shift = std::min(failures_ - 1, 30);
  auto ceiling = base_.count() * (std::int64_t{1} << shift);
  return std::chrono::milliseconds(std::min<std::int64_t>(ceiling, cap_.count()));
}

std::chrono::milliseconds Backoff::NextDelay() {
  if (failures_ < 1000) ++failures_;
  auto ceiling = Ceiling().count();
  std::uniform_int_distribution<std::int64_t> jitter(0, ceiling);
  return std::max(std::chrono::milliseconds(jitter(rng_)), std::min(kFloor, Ceiling()));
}

}  // namespace ck::sync

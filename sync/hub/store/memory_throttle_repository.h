// MemoryThrottleRepository: ThrottleRepository in this process's memory, for tests and a hub embedded in
// another program (one process, so nothing to share). Its memory is bounded: past kMaxTrackedKeys keys the
// ones with a full budget are forgotten (nothing is lost by it), then the longest idle tenth.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "sync/hub/store/throttle_repository.h"

namespace ck::hub {

inline constexpr std::size_t kMaxTrackedKeys = 100'000;

class MemoryThrottleRepository final : public ThrottleRepository {
 public:
  Result<double> BucketTokens(std::string_view key, const BucketRule& rule, std::int64_t now_ms) override;
  Result<double> TakeToken(std::string_view key, const BucketRule& rule, std::int64_t now_ms) override;
  Result<bool> CountAttempt(std::string_view key, protocol::UnixSeconds now,
                            protocol::UnixSeconds window_seconds, int max) override;

  std::size_t tracked_keys() const;  // buckets and windows

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
  };
  struct Window {
    protocol::UnixSeconds start = 0;
    int attempts = 0;
  };
  void PruneBuckets(const BucketRule& rule, std::int64_t now_ms);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::unordered_map<std::string, Window> windows_;
};

// A bucket's tokens at now_ms, from what was stored at updated_ms (the one formula of both stores; a clock
// that went back refills nothing).
double RefilledTokens(double tokens, std::int64_t updated_ms, const BucketRule& rule, std::int64_t now_ms);

}  // namespace ck::hub

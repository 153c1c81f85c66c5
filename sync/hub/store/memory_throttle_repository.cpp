// MemoryThrottleRepository: the budgets in maps behind one mutex.
#include "sync/hub/store/memory_throttle_repository.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace ck::hub {

double RefilledTokens(double tokens, std::int64_t updated_ms, const BucketRule& rule, std::int64_t now_ms) {
  if (now_ms <= updated_ms) return tokens;
  const double refill_ms = static_cast<double>(std::max<std::int64_t>(1, rule.refill_ms));
  const double gained = static_cast<double>(now_ms - updated_ms) / refill_ms;
  return std::min(static_cast<double>(rule.burst), tokens + gained);
}

Result<double> MemoryThrottleRepository::BucketTokens(std::string_view key, const BucketRule& rule,
                                                      std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return Result<double>::Ok(rule.burst);
  return Result<double>::Ok(RefilledTokens(it->second.tokens, it->second.updated_ms, rule, now_ms));
}

Result<double> MemoryThrottleRepository::TakeToken(std::string_view key, const BucketRule& rule,
                                                   std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  std::string k(key);
  if (buckets_.size() >= kMaxTrackedKeys && !buckets_.contains(k)) PruneBuckets(rule, now_ms);
  Bucket& b = buckets_.try_emplace(k, Bucket{static_cast<double>(rule.burst), now_ms}).first->second;
  b.tokens = std::max(0.0, RefilledTokens(b.tokens, b.updated_ms, rule, now_ms) - 1.0);
  b.updated_ms = std::max(b.updated_ms, now_ms);
  return Result<double>::Ok(b.tokens);
}

void MemoryThrottleRepository::PruneBuckets(const BucketRule& rule, std::int64_t now_ms) {
  // First the keys whose budget has grown back in full: forgetting them changes nothing.
  const std::int64_t full_after = rule.refill_ms * rule.burst;
  std::erase_if(buckets_, [&](const auto& kv) { return now_ms - kv.second.updated_ms >= full_after; });
  if (buckets_.size() < kMaxTrackedKeys) return;
  // Still full (a wide attack): forget the longest idle tenth; they got back most of their budget anyway.
  std::vector<std::pair<std::int64_t, std::string>> by_age;
  by_age.reserve(buckets_.size());
  for (const auto& [k, b] : buckets_) by_age.emplace_back(b.updated_ms, k);
  const std::size_t drop = std::max<std::size_t>(1, by_age.size() / 10);
  std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(drop - 1), by_age.end());
  for (std::size_t i = 0; i < drop; ++i) buckets_.erase(by_age[i].second);
}

Result<bool> MemoryThrottleRepository::CountAttempt(std::string_view key, protocol::UnixSeconds now,
                                                    protocol::UnixSeconds window_seconds, int max) {
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxTrackedKeys)  // windows that ran out hold nothing
    std::erase_if(windows_, [&](const auto& kv) { return now - kv.second.start >= window_seconds; });
  Window& w = windows_.try_emplace(std::string(key), Window{now, 0}).first->second;
  if (now - w.start >= window_seconds) w = Window{now, 0};
  if (w.attempts >= max) return Result<bool>::Ok(false);
  ++w.attempts;
  return Result<bool>::Ok(true);
}

std::size_t MemoryThrottleRepository::tracked_keys() const {
  std::lock_guard lock(mutex_);
  return buckets_.size() + windows_.size();
}

}  // namespace ck::hub

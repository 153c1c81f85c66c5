// LookupThrottle: token buckets per client key, refilled lazily when the client is next seen.
#include "sync/hub/api/lookup_throttle.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ck::hub {

std::string ThrottleKey(std::string_view address) {
  if (address.find(':') == std::string_view::npos) return std::string(address);  // IPv4
  std::string lower;
  for (char c : address) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (auto pct = lower.find('%'); pct != std::string::npos) lower.resize(pct);  // zone id: same host
  if (lower.rfind("::ffff:", 0) == 0 && lower.find('.') != std::string::npos) return lower.substr(7);
  // Expand "::" to the missing zero groups, then keep the first four groups.
  std::vector<std::string> head, tail;
  auto split = [](std::string_view text, std::vector<std::string>& out) {
    std::size_t pos = 0;
    while (pos <= text.size() && !text.empty()) {
      std::size_t colon = text.find(':', pos);
      out.emplace_back(
          text.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos));
      if (colon == std::string_view::npos) break;
      pos = colon + 1;
    }
  };
  std::string_view all(lower);
  if (auto gap = all.find("::"); gap != std::string_view::npos) {
    split(all.substr(0, gap), head);
    split(all.substr(gap + 2), tail);
  } else {
    split(all, head);
  }
  std::vector<std::string> groups = head;
  for (std::size_t i = head.size() + tail.size(); i < 8; ++i) groups.emplace_back("0");
  groups.insert(groups.end(), tail.begin(), tail.end());
  std::string key;
  for (std::size_t i = 0; i < 4 && i < groups.size(); ++i) {
    std::string g = groups[i];
    while (g.size() > 1 && g[0] == '0') g.erase(0, 1);  // "0db8" → "db8"
    key += (g.empty() ? "0" : g) + ":";
  }
  return key + ":/64";
}

LookupThrottle::LookupThrottle(int burst, std::chrono::seconds refill, Clock clock)
    : burst_(std::max(1, burst)),
      refill_(std::max(std::chrono::seconds(1), refill)),
      clock_(std::move(clock)) {}

LookupThrottle::Bucket& LookupThrottle::Refilled(const std::string& key,
                                                 std::chrono::steady_clock::time_point now) {
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{static_cast<double>(burst_), now});
  Bucket& b = it->second;
  if (!fresh && now > b.updated) {
    const double gained = std::chrono::duration<double>(now - b.updated).count() / refill_.count();
    b.tokens = std::min(static_cast<double>(burst_), b.tokens + gained);
    b.updated = now;
  }
  return b;
}

std::optional<int> LookupThrottle::RetryAfter(std::string_view address) {
  const std::string key = ThrottleKey(address);
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return std::nullopt;  // never missed: a full budget, nothing to store
  Bucket& b = Refilled(key, clock_());
  if (b.tokens >= 1.0) return std::nullopt;
  // Rounded up to whole seconds, less a hair so that float noise never adds a second.
  const double seconds = (1.0 - b.tokens) * static_cast<double>(refill_.count());
  return std::max(1, static_cast<int>(std::ceil(seconds - 1e-6)));
}

void LookupThrottle::RecordUnknown(std::string_view address) {
  const std::string key = ThrottleKey(address);
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxTrackedClients && !buckets_.contains(key)) Prune(now);
  Bucket& b = Refilled(key, now);
  b.tokens = std::max(0.0, b.tokens - 1.0);
}

void LookupThrottle::Prune(std::chrono::steady_clock::time_point now) {
  // First the clients whose budget has grown back in full: forgetting them changes nothing.
  const auto full_after = refill_ * burst_;
  std::erase_if(buckets_, [&](const auto& kv) { return now - kv.second.updated >= full_after; });
  if (buckets_.size() < kMaxTrackedClients) return;
  // Still full (a wide attack): forget the longest idle tenth; they got back most of their budget anyway.
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> by_age;
  by_age.reserve(buckets_.size());
  for (const auto& [k, b] : buckets_) by_age.emplace_back(b.updated, k);
  const std::size_t drop = std::max<std::size_t>(1, by_age.size() / 10);
  std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(drop - 1), by_age.end());
  for (std::size_t i = 0; i < drop; ++i) buckets_.erase(by_age[i].second);
}

std::size_t LookupThrottle::tracked_clients() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace ck::hub

// LookupThrottle: a token bucket per client key in a ThrottleRepository, refilled when the client is next seen.
#include "sync/hub/api/lookup_throttle.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
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

namespace {

BucketRule LookupRule(int burst, std::chrono::seconds refill) {
  return BucketRule{std::max(1, burst), std::max<std::int64_t>(1, refill.count()) * 1000};
}

}  // namespace

LookupThrottle::LookupThrottle(ThrottleRepository& store, int burst, std::chrono::seconds refill, Clock clock)
    : store_(store), rule_(LookupRule(burst, refill)), clock_(std::move(clock)) {}

LookupThrottle::LookupThrottle(int burst, std::chrono::seconds refill, Clock clock)
    : own_store_(std::make_unique<MemoryThrottleRepository>()),
      store_(*own_store_),
      rule_(LookupRule(burst, refill)),
      clock_(std::move(clock)) {}

std::int64_t LookupThrottle::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch()).count();
}

std::optional<int> LookupThrottle::RetryAfter(std::string_view address) {
  auto tokens = store_.BucketTokens(ThrottleKey(address), rule_, NowMs());
  if (!tokens) return 1;  // refused, not unlimited (lookup_throttle.h)
  if (*tokens >= 1.0) return std::nullopt;
  // Rounded up to whole seconds, less a hair so that float noise never adds a second.
  const double seconds = (1.0 - *tokens) * static_cast<double>(rule_.refill_ms) / 1000.0;
  return std::max(1, static_cast<int>(std::ceil(seconds - 1e-6)));
}

void LookupThrottle::RecordUnknown(std::string_view address) {
  // A failed write spends nothing; the next RetryAfter, reading the same store, refuses if it is broken.
  (void)store_.TakeToken(ThrottleKey(address), rule_, NowMs());
}

}  // namespace ck::hub

// The lookup throttle: a budget of unknown lookups per client that refills over time, keyed by IPv4 address
// or IPv6 /64, with bounded memory.
#include "sync/hub/api/lookup_throttle.h"

#include <gtest/gtest.h>

namespace ck::hub {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  std::chrono::system_clock::time_point now{std::chrono::hours(500000)};
  LookupThrottle::Clock fn() {
    return [this] { return now; };
  }
};

TEST(LookupThrottleTest, AClientGetsItsBurstThenOneMorePerRefill) {
  FakeClock clock;
  LookupThrottle t(10, 600s, clock.fn());
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(t.RetryAfter("203.0.113.7")) << i;
    t.RecordUnknown("203.0.113.7");
  }
  auto wait = t.RetryAfter("203.0.113.7");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 600);
  // Another client is not affected.
  EXPECT_FALSE(t.RetryAfter("203.0.113.8"));
  clock.now += 599s;
  EXPECT_EQ(t.RetryAfter("203.0.113.7"), 1);
  clock.now += 1s;
  EXPECT_FALSE(t.RetryAfter("203.0.113.7"));  // one more
  t.RecordUnknown("203.0.113.7");
  EXPECT_TRUE(t.RetryAfter("203.0.113.7"));
  // A long pause gives back the whole burst, no more.
  clock.now += 24h;
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(t.RetryAfter("203.0.113.7")) << i;
    t.RecordUnknown("203.0.113.7");
  }
  EXPECT_TRUE(t.RetryAfter("203.0.113.7"));
}

TEST(LookupThrottleTest, TwoMistypesCostNothingNoticeable) {
  FakeClock clock;
  LookupThrottle t(kLookupBurst, kLookupRefill, clock.fn());
  t.RecordUnknown("198.51.100.1");
  t.RecordUnknown("198.51.100.1");
  EXPECT_FALSE(t.RetryAfter("198.51.100.1"));
}

TEST(LookupThrottleTest, IPv6ClientsAreCountedPerSlash64) {
  EXPECT_EQ(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:0DB8:0001:0002:ffff:1:2:3"));
  EXPECT_NE(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:db8:1:3::1"));
  EXPECT_EQ(ThrottleKey("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleKey("fe80::1%eth0"), ThrottleKey("fe80::2"));
  EXPECT_EQ(ThrottleKey("::1"), "0:0:0:0::/64");
  FakeClock clock;
  LookupThrottle t(3, 600s, clock.fn());
  // An attacker rotating through the addresses of one /64 shares one budget.
  for (int i = 0; i < 3; ++i) t.RecordUnknown("2001:db8:1:2::" + std::to_string(i + 1));
  EXPECT_TRUE(t.RetryAfter("2001:db8:1:2::abcd"));
  EXPECT_FALSE(t.RetryAfter("2001:db8:1:3::1"));
}

TEST(LookupThrottleTest, MemoryStaysBoundedAndExhaustedClientsAreKept) {
  FakeClock clock;
  MemoryThrottleRepository store;
  LookupThrottle t(store, 2, 600s, clock.fn());
  t.RecordUnknown("192.0.2.200");
  t.RecordUnknown("192.0.2.200");
  for (std::size_t i = 0; i < kMaxTrackedClients + 5000; ++i) {
    if (i % 1000 == 0) clock.now += 1s;
    t.RecordUnknown("10." + std::to_string(i >> 16 & 255) + "." + std::to_string(i >> 8 & 255) + "." +
                    std::to_string(i & 255));
    t.RecordUnknown("192.0.2.200");  // the attacker keeps trying: its bucket stays recent and empty
  }
  EXPECT_LE(store.tracked_keys(), kMaxTrackedClients);
  EXPECT_TRUE(t.RetryAfter("192.0.2.200"));
}

// A store that cannot be read refuses lookups (a short wait) rather than giving an unlimited budget.
TEST(LookupThrottleTest, ABrokenStoreRefusesRatherThanAllows) {
  struct BrokenStore : ThrottleRepository {
    Result<double> BucketTokens(std::string_view, const BucketRule&, std::int64_t) override {
      return Result<double>::Fail("disk I/O error");
    }
    Result<double> TakeToken(std::string_view, const BucketRule&, std::int64_t) override {
      return Result<double>::Fail("disk I/O error");
    }
    Result<bool> CountAttempt(std::string_view, protocol::UnixSeconds, protocol::UnixSeconds, int) override {
      return Result<bool>::Fail("disk I/O error");
    }
  } broken;
  LookupThrottle t(broken);
  t.RecordUnknown("203.0.113.7");  // nothing to spend from; no crash
  EXPECT_EQ(t.RetryAfter("203.0.113.7"), 1);
}

}  // namespace
}  // namespace ck::hub

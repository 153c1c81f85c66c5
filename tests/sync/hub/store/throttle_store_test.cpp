// ThrottleRepository on every backend (store_backends.h): two connections (two hub processes, as far as the
// store can tell) spend from one budget; spenders racing on one key never both get its last attempt; a
// bucket refills at its rule's pace and a window starts again when it has run out.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub::testing {
namespace {

class ThrottleStoreTest : public StoreTest {
 protected:
  std::unique_ptr<ThrottleRepository> Open() {
    auto r = store_->OpenThrottles();
    EXPECT_TRUE(r.ok()) << r.error();
    return r.ok() ? std::move(r).value() : nullptr;
  }
};

constexpr BucketRule kRule{10, 600'000};  // the lookup throttle's: 10, one back every 10 minutes
constexpr std::int64_t kNowMs = 1'796'083'200'000;

TEST_P(ThrottleStoreTest, TwoConnectionsSpendOneBudget) {
  auto a = Open(), b = Open();
  ASSERT_TRUE(a && b);
  EXPECT_DOUBLE_EQ(*a->BucketTokens("203.0.113.7", kRule, kNowMs), 10.0);  // never used: full
  for (int i = 0; i < 10; ++i) {
    auto left = (i % 2 ? *b : *a).TakeToken("203.0.113.7", kRule, kNowMs);
    ASSERT_TRUE(left.ok()) << left.error();
    EXPECT_DOUBLE_EQ(*left, 9.0 - i) << "spend " << i;
  }
  EXPECT_LT(*b->BucketTokens("203.0.113.7", kRule, kNowMs), 1.0);  // both see it empty
  EXPECT_LT(*a->TakeToken("203.0.113.7", kRule, kNowMs), 1.0);
  // Another client has its own budget; and the first gets one token back after one refill.
  EXPECT_DOUBLE_EQ(*a->BucketTokens("198.51.100.2", kRule, kNowMs), 10.0);
  EXPECT_NEAR(*b->BucketTokens("203.0.113.7", kRule, kNowMs + kRule.refill_ms), 1.0, 1e-9);
}

TEST_P(ThrottleStoreTest, RacingSpendersNeverBothGetTheLastAttempt) {
  constexpr int kThreads = 8, kEach = 4, kMax = 5;
  std::vector<std::unique_ptr<ThrottleRepository>> repos;
  for (int i = 0; i < kThreads; ++i) repos.push_back(Open());
  std::atomic<int> allowed{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < kEach; ++k) {
        auto r = repos[i]->CountAttempt("clerk@203.0.113.7", 1'796'083'200, 900, kMax);
        if (!r.ok()) ++failed;
        else if (*r) ++allowed;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(allowed.load(), kMax);
  // When the window has run out, a new one starts with the whole allowance.
  EXPECT_TRUE(*repos[0]->CountAttempt("clerk@203.0.113.7", 1'796'083'200 + 900, 900, kMax));
}

CK_STORE_BACKENDS(ThrottleStoreTest);

}  // namespace
}  // namespace ck::hub::testing

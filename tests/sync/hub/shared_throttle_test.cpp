// Budgets shared through the hub's database (store/throttle_repository.h): two throttles on one SQLite file
// (as two hub processes have) spend from one budget; the SQLite and memory stores answer alike; concurrent
// spenders never both get the last attempt; stale keys are swept.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <atomic>
#include <random>
#include <thread>

#include "sync/hub/api/lookup_throttle.h"
#include "sync/hub/store/memory_throttle_repository.h"
#include "sync/hub/store/sqlite_throttle_repository.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

struct FakeClock {
  std::chrono::system_clock::time_point now{std::chrono::hours(500000)};
  LookupThrottle::Clock fn() {
    return [this] { return now; };
  }
};

class SharedThrottleTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteThrottleRepository> OpenStore() {
    auto r = SqliteThrottleRepository::Open(path_);
    EXPECT_TRUE(r.ok()) << r.error();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  std::int64_t Rows(const char* table) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, (std::string("SELECT COUNT(*) FROM ") + table).c_str(), -1, &st, nullptr);
    std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  TempDir dir_;
  std::string path_ = dir_.File("hub.db");
};

TEST_F(SharedThrottleTest, TwoThrottlesOnOneFileSpendOneBudget) {
  auto store_a = OpenStore(), store_b = OpenStore();  // two connections, as two processes have
  FakeClock clock;
  LookupThrottle a(*store_a, kLookupBurst, kLookupRefill, clock.fn());
  LookupThrottle b(*store_b, kLookupBurst, kLookupRefill, clock.fn());
  const std::string guesser = "203.0.113.7";
  // Ten guesses through each process: the first ten (alternating) are answered, then both refuse.
  int answered = 0;
  for (int i = 0; i < 2 * kLookupBurst; ++i) {
    LookupThrottle& t = i % 2 ? b : a;
    if (t.RetryAfter(guesser)) continue;
    ++answered;
    t.RecordUnknown(guesser);
  }
  EXPECT_EQ(answered, kLookupBurst);
  EXPECT_EQ(a.RetryAfter(guesser), static_cast<int>(kLookupRefill.count()));
  EXPECT_EQ(b.RetryAfter(guesser), static_cast<int>(kLookupRefill.count()));
  // One refill later, one more guess in all, whichever process takes it.
  clock.now += kLookupRefill;
  EXPECT_FALSE(b.RetryAfter(guesser));
  a.RecordUnknown(guesser);
  EXPECT_TRUE(b.RetryAfter(guesser));
  // A process whose clock is a little behind refills nothing (and takes nothing below zero).
  clock.now -= 2s;
  b.RecordUnknown(guesser);
  EXPECT_TRUE(a.RetryAfter(guesser));
  clock.now += 2s;
  // Another client is untouched; and the budget outlives both throttles (it is in the file).
  EXPECT_FALSE(a.RetryAfter("203.0.113.8"));
  store_a.reset();
  store_b.reset();
  auto store_c = OpenStore();
  LookupThrottle c(*store_c, kLookupBurst, kLookupRefill, clock.fn());
  EXPECT_TRUE(c.RetryAfter(guesser));
}

TEST_F(SharedThrottleTest, SignInAttemptsPerAddressAreCountedAcrossProcesses) {
  auto store_a = OpenStore(), store_b = OpenStore();
  const protocol::UnixSeconds t0 = 1'795'651'200;
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(*store_a->CountAttempt("198.51.100.9", t0 + i, 60, 10)) << i;
    EXPECT_TRUE(*store_b->CountAttempt("198.51.100.9", t0 + i, 60, 10)) << i;
  }
  EXPECT_FALSE(*store_a->CountAttempt("198.51.100.9", t0 + 10, 60, 10));
  EXPECT_FALSE(*store_b->CountAttempt("198.51.100.9", t0 + 59, 60, 10));
  EXPECT_TRUE(*store_b->CountAttempt("198.51.100.10", t0 + 59, 60, 10));  // another address
  EXPECT_TRUE(*store_a->CountAttempt("198.51.100.9", t0 + 60, 60, 10));   // the next window
}

// Racing spenders on two connections: exactly `max` attempts are allowed, never one more.
TEST_F(SharedThrottleTest, ConcurrentSpendersNeverShareTheLastAttempt) {
  auto store_a = OpenStore(), store_b = OpenStore();
  std::atomic<int> allowed{0}, failed{0};
  auto spend = [&](SqliteThrottleRepository& store) {
    for (int i = 0; i < 60; ++i) {
      auto r = store.CountAttempt("192.0.2.50", 1'795'651'200, 60, 50);
      if (!r)
        ++failed;
      else if (*r)
        ++allowed;
    }
  };
  std::thread ta(spend, std::ref(*store_a)), tb(spend, std::ref(*store_b));
  ta.join();
  tb.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(allowed.load(), 50);
}

// The SQLite store computes what the memory store computes, call for call.
TEST_F(SharedThrottleTest, SqliteAndMemoryStoresAnswerAlike) {
  auto sqlite_store = OpenStore();
  MemoryThrottleRepository memory;
  const BucketRule rule{3, 10'000};
  std::mt19937 rng(11);
  std::int64_t now_ms = 1'795'651'200'000;
  protocol::UnixSeconds now_s = 1'795'651'200;
  for (int i = 0; i < 400; ++i) {
    const std::string key = "k" + std::to_string(rng() % 4);
    now_ms += static_cast<std::int64_t>(rng() % 7000);
    now_s += static_cast<protocol::UnixSeconds>(rng() % 9);
    switch (rng() % 3) {
      case 0:
        EXPECT_NEAR(*sqlite_store->BucketTokens(key, rule, now_ms), *memory.BucketTokens(key, rule, now_ms),
                    1e-9)
            << i;
        break;
      case 1:
        EXPECT_NEAR(*sqlite_store->TakeToken(key, rule, now_ms), *memory.TakeToken(key, rule, now_ms), 1e-9)
            << i;
        break;
      default:
        EXPECT_EQ(*sqlite_store->CountAttempt(key, now_s, 20, 4), *memory.CountAttempt(key, now_s, 20, 4))
            << i;
    }
  }
}

// Keys whose budget is whole again are deleted as others are written, so the tables hold only recent clients.
TEST_F(SharedThrottleTest, StaleKeysAreSweptAsOthersWrite) {
  auto store = OpenStore();
  const BucketRule rule{2, 1000};
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(store->TakeToken("old-" + std::to_string(i), rule, 1'000'000).ok());
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(store->CountAttempt("old-" + std::to_string(i), 1000, 60, 10).ok());
  EXPECT_EQ(Rows("throttle_buckets"), 50);
  EXPECT_EQ(Rows("throttle_windows"), 50);
  ASSERT_TRUE(store->TakeToken("new", rule, 1'000'000 + 2000).ok());  // two refills later: all full again
  ASSERT_TRUE(store->CountAttempt("new", 1060, 60, 10).ok());
  EXPECT_EQ(Rows("throttle_buckets"), 1);
  EXPECT_EQ(Rows("throttle_windows"), 1);
}

}  // namespace
}  // namespace ck::hub

// Backoff: grows by doubling to the cap, draws jittered delays within the ceiling, resets on success.
#include "sync/client/backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace ck::sync {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, CeilingDoublesFromBaseToCap) {
  Backoff b(milliseconds(2000), milliseconds(300'000), 1);
  EXPECT_EQ(b.Ceiling(), milliseconds(0));
  std::vector<milliseconds> ceilings;
  for (int i = 0; i < 12; ++i) {
    b.NextDelay();
    ceilings.push_back(b.Ceiling());
  }
  EXPECT_EQ(ceilings[0], milliseconds(2000));
  EXPECT_EQ(ceilings[1], milliseconds(4000));
  EXPECT_EQ(ceilings[2], milliseconds(8000));
  EXPECT_EQ(ceilings[7], milliseconds(256'000));
  EXPECT_EQ(ceilings[8], milliseconds(300'000));
  EXPECT_EQ(ceilings[11], milliseconds(300'000));
  EXPECT_EQ(b.failures(), 12);
}

TEST(Backoff, DelaysAreJitteredWithinTheCeiling) {
  Backoff b(milliseconds(2000), milliseconds(300'000), 42);
  for (int i = 0; i < 10; ++i) b.NextDelay();  // at the cap
  std::set<long> seen;
  for (int i = 0; i < 200; ++i) {
    milliseconds d = b.NextDelay();
    EXPECT_GE(d, milliseconds(50));
    EXPECT_LE(d, milliseconds(300'000));
    seen.insert(d.count());
  }
  EXPECT_GT(seen.size(), 150u);  // spread out, not one value
  long below_half = 0;
  for (long v : seen) below_half += v < 150'000;
  EXPECT_GT(below_half, 30);  // full jitter: the whole range, not just near the ceiling
}

TEST(Backoff, DifferentSeedsDisagree) {
  Backoff a(milliseconds(2000), milliseconds(300'000), 1), b(milliseconds(2000), milliseconds(300'000), 2);
  int same = 0;
  for (int i = 0; i < 20; ++i) same += a.NextDelay() == b.NextDelay();
  EXPECT_LT(same, 5);
}

TEST(Backoff, ResetStartsOver) {
  Backoff b(milliseconds(2000), milliseconds(300'000), 7);
  for (int i = 0; i < 5; ++i) b.NextDelay();
  b.Reset();
  EXPECT_EQ(b.failures(), 0);
  EXPECT_LE(b.NextDelay(), milliseconds(2000));
}

TEST(Backoff, ManyFailuresNeverOverflow) {
  Backoff b(milliseconds(2000), milliseconds(300'000), 3);
  for (int i = 0; i < 5000; ++i) EXPECT_LE(b.NextDelay(), milliseconds(300'000));
}

}  // namespace
}  // namespace ck::sync

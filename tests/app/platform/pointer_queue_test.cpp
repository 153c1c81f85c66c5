// PointerQueue without a window: events pushed as GLFW would deliver them, frames fed one by one.
#include "app/platform/pointer_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace ck::platform {
namespace {

using Kind = PointerEvent::Kind;

struct Frame {
  bool down;
  float x, y;
};

// Feeds frames until the queue is empty (at most 20), recording what ImGui would have seen in each.
std::vector<Frame> Drain(PointerQueue& q, const PointerQueue::PressFilter& accept = {},
                         int* dropped = nullptr) {
  ImGuiIO io;
  std::vector<Frame> frames;
  for (int i = 0; i < 20 && q.pending(); ++i) {
    q.Feed(io, accept, [&] {
      if (dropped != nullptr) ++*dropped;
    });
    frames.push_back({io.MouseDown[0], io.MousePos.x, io.MousePos.y});
  }
  return frames;
}

TEST(PointerQueueTest, PressAndReleaseInOneBatchAreTwoFrames) {
  PointerQueue q;
  q.Push({Kind::Move, 0, 100, 200, 1.0});
  q.Push({Kind::Press, 0, 100, 200, 1.0});
  q.Push({Kind::Release, 0, 100, 200, 1.0});
  const auto frames = Drain(q);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_TRUE(frames[0].down);
  EXPECT_EQ(frames[0].x, 100);
  EXPECT_FALSE(frames[1].down);
  EXPECT_FALSE(q.pending());
}

TEST(PointerQueueTest, TwoQuickTapsAreFourFramesInOrder) {
  PointerQueue q;
  for (float x : {10.0f, 500.0f}) {
    q.Push({Kind::Move, 0, x, 50, 1.0});
    q.Push({Kind::Press, 0, x, 50, 1.0});
    q.Push({Kind::Release, 0, x, 50, 1.0});
  }
  const auto frames = Drain(q);
  ASSERT_EQ(frames.size(), 4u);
  EXPECT_TRUE(frames[0].down && frames[0].x == 10);
  EXPECT_TRUE(!frames[1].down && frames[1].x == 10);
  EXPECT_TRUE(frames[2].down && frames[2].x == 500);   // the second press where it happened, not where the
  EXPECT_TRUE(!frames[3].down && frames[3].x == 500);  // pointer was when the frame started
}

TEST(PointerQueueTest, ADragIsSeenMovingBeforeTheFingerLifts) {
  PointerQueue q;
  q.Push({Kind::Press, 0, 300, 600, 1.0});
  for (int i = 1; i <= 6; ++i) q.Push({Kind::Move, 0, 300, 600.0f - 10.0f * i, 1.0});
  q.Push({Kind::Release, 0, 300, 540, 1.0});
  const auto frames = Drain(q);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_TRUE(frames[0].down && frames[0].y == 600);
  EXPECT_TRUE(frames[1].down && frames[1].y == 540);  // moves coalesced, still down
  EXPECT_TRUE(!frames[2].down && frames[2].y == 540);
}

TEST(PointerQueueTest, APressTheGuardRefusesIsDroppedWithItsRelease) {
  PointerQueue q;
  q.Push({Kind::Press, 0, 10, 10, 1.0});
  q.Push({Kind::Release, 0, 10, 10, 1.05});
  q.Push({Kind::Press, 0, 10, 10, 1.15});  // the habitual second tap
  q.Push({Kind::Release, 0, 10, 10, 1.2});
  int dropped = 0;
  const auto frames = Drain(
      q, [](double t) { return t < 1.1; }, &dropped);
  EXPECT_EQ(dropped, 1);
  // Press, release, then a frame that swallows the second tap: it never reaches ImGui.
  ASSERT_GE(frames.size(), 2u);
  EXPECT_TRUE(frames[0].down);
  for (std::size_t i = 1; i < frames.size(); ++i) EXPECT_FALSE(frames[i].down) << "frame " << i;
  EXPECT_FALSE(q.pending());
}

TEST(PointerQueueTest, NothingQueuedKeepsTheLastState) {
  PointerQueue q;
  q.Push({Kind::Move, 0, 40, 40, 1.0});
  q.Push({Kind::Press, 0, 40, 40, 1.0});
  Drain(q);
  ImGuiIO io;
  q.Feed(io, {}, {});
  EXPECT_TRUE(io.MouseDown[0]);  // a long press stays down across idle frames
  EXPECT_EQ(io.MousePos.x, 40);
}

}  // namespace
}  // namespace ck::platform

// Touch scrolling: a tap is a tap, a drag scrolls and never taps, a flick glides and stops at the ends.
#include "app/ui/shell/touch_scroll.h"

#include <gtest/gtest.h>

namespace ck::ui {
namespace {

ScrollStep Sample(TouchScroll& s, bool down, float y, double t, float max = 1000.0f) {
  return UpdateTouchScroll(s, PointerSample{down, 100.0f, y, t, true}, max, 12.0f, 1.0f / 60.0f);
}

TEST(TouchScrollTest, PressAndReleaseInPlaceIsATap) {
  TouchScroll s;
  Sample(s, true, 500, 0.0);
  Sample(s, true, 505, 0.05);  // within the slop
  const ScrollStep up = Sample(s, false, 505, 0.1);
  ASSERT_TRUE(up.tap.has_value());
  EXPECT_FLOAT_EQ(up.tap->y, 500.0f);
  EXPECT_FLOAT_EQ(s.offset, 0.0f);
}

TEST(TouchScrollTest, DragScrollsAndIsNotATap) {
  TouchScroll s;
  Sample(s, true, 500, 0.0);
  for (int i = 1; i <= 10; ++i) Sample(s, true, 500.0f - 20.0f * i, i / 60.0);
  EXPECT_FLOAT_EQ(s.offset, 200.0f);
  const ScrollStep up = Sample(s, false, 300, 11 / 60.0);
  EXPECT_FALSE(up.tap.has_value());
  EXPECT_TRUE(up.moving);  // released while moving: inertia
  const float at_release = s.offset;
  double t = 11 / 60.0;
  int frames = 0;
  while (Sample(s, false, 300, t += 1 / 60.0).moving && frames < 1000) ++frames;
  EXPECT_GT(s.offset, at_release);  // glided on
  EXPECT_LT(frames, 200);           // and stopped by itself
}

// Issue 16: a tap while the list still coasts opened the row that happened to be under the finger. The
// first touch only stops the list; the next tap opens.
TEST(TouchScrollTest, TheFirstTapOnACoastingListOnlyStopsIt) {
  TouchScroll s;
  Sample(s, true, 800, 0.0);
  for (int i = 1; i <= 6; ++i) Sample(s, true, 800.0f - 40.0f * i, i / 60.0);
  Sample(s, false, 560, 7 / 60.0);
  ASSERT_TRUE(Sample(s, false, 560, 8 / 60.0).moving);
  Sample(s, true, 500, 9 / 60.0);
  const float stopped_at = s.offset;
  const ScrollStep first = Sample(s, false, 500, 10 / 60.0);
  EXPECT_FALSE(first.tap.has_value());
  EXPECT_FALSE(first.moving);
  EXPECT_FLOAT_EQ(s.offset, stopped_at);
  Sample(s, true, 500, 1.0);
  EXPECT_TRUE(Sample(s, false, 500, 1.05).tap.has_value());
}

TEST(TouchScrollTest, StopsAtTheEnds) {
  TouchScroll s;
  Sample(s, true, 500, 0.0, 100);
  for (int i = 1; i <= 10; ++i) Sample(s, true, 500.0f - 50.0f * i, i / 60.0, 100);
  EXPECT_FLOAT_EQ(s.offset, 100.0f);
  Sample(s, false, 0, 11 / 60.0, 100);
  EXPECT_FLOAT_EQ(s.offset, 100.0f);
  EXPECT_FLOAT_EQ(s.velocity, 0.0f);
}

TEST(TouchScrollTest, HoldingStillBeforeReleaseDoesNotGlide) {
  TouchScroll s;
  Sample(s, true, 500, 0.0);
  for (int i = 1; i <= 5; ++i) Sample(s, true, 500.0f - 30.0f * i, i / 60.0);
  const ScrollStep up = Sample(s, false, 350, 1.0);  // lifted a long while after the last move
  EXPECT_FALSE(up.moving);
}

TEST(TouchScrollTest, APressOutsideIsIgnored) {
  TouchScroll s;
  UpdateTouchScroll(s, PointerSample{true, 0, 0, 0.0, false}, 100, 12, 0.016f);
  EXPECT_FALSE(s.pressed);
}

}  // namespace
}  // namespace ck::ui

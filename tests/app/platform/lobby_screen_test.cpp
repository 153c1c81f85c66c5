// Issue 16 at the real window (Xvfb, real X events from xdotool, the kiosk's test hook): text at
// DESIGN.md's sizes on every screen in both modes, nothing moving under a finger, a coasting list stopped by
// the first tap, and a double tap on a toggle counted once.
#include <gtest/gtest.h>

#include <string>

#include "tests/app/platform/kiosk_window.h"

namespace ck::platform::testing {
namespace {

// The smallest character size the last frame drew, in px (through the hook: ui/shell/drawn_text.h).
float SmallestText(const KioskWindow& k) {
  return k.state()["text"].value("min_px", 0.0f);
}

// DESIGN.md: body text ≥ 28 px, ≥ 40 px in large text, at 1080p. Every style is at least body.
void ExpectTextSizes(const KioskWindow& k, bool large, const std::string& where) {
  const float min_px = SmallestText(k);
  EXPECT_GT(min_px, 0.0f) << where << ": no text measured";
  EXPECT_GE(min_px, large ? 40.0f : 28.0f) << where << " draws text at " << min_px << " px";
  EXPECT_EQ(k.state().value("large_text", !large), large) << where;
}

std::string Str(float v) {
  return std::to_string(static_cast<int>(v));
}

// Visits every screen a resident can reach without a hub and checks the sizes drawn on each.
void VisitEveryScreen(KioskWindow& k, bool large) {
  const TapStyle tap = kSlowTap;
  auto check = [&](const std::string& expected_screen) {
    ASSERT_EQ(k.screen(), expected_screen);
    ExpectTextSizes(k, large, expected_screen);
    k.KeepScreenshot(std::string("sizes_") + (large ? "large_" : "") + expected_screen);
  };
  check("Home");
  ASSERT_TRUE(k.Tap("home.tile.notices", tap));
  check("NoticeBoard");
  const auto rows = k.TargetsStartingWith("board.row.");
  ASSERT_FALSE(rows.empty());
  ASSERT_TRUE(k.Tap(rows.front(), tap));
  check("NoticeDetail");
  ASSERT_TRUE(k.Tap("nav.back", tap));
  ASSERT_TRUE(k.Tap("board.search", tap));
  check("NoticeSearch");
  ASSERT_TRUE(k.Tap("nav.home", tap));
  ASSERT_TRUE(k.Tap("home.tile.activities", tap));
  check("ActivityMonth");
  if (large) {  // the grid has the screen; the day's list opens on its own
    ASSERT_TRUE(k.Tap("activity.open_day", tap));
    check("ActivityDay");
  }
  const auto activity_rows = k.TargetsStartingWith("activity.row.");
  ASSERT_FALSE(activity_rows.empty());  // the demo's upcoming activities
  ASSERT_TRUE(k.Tap(activity_rows.front(), tap));
  check("ActivityDetail");
  ASSERT_TRUE(k.Tap("nav.home", tap));
  ASSERT_TRUE(k.Tap("home.tile.feedback", tap));
  check("ReportKind");
  ASSERT_TRUE(k.Tap("report.kind.complaint", tap));
  check("ReportCategory");
  ASSERT_TRUE(k.Tap("report.service.sanitation", tap));
  check("ReportWhere");
  ASSERT_TRUE(k.Tap("report.area.garbage", tap));
  check("ReportWhat");
  ASSERT_TRUE(k.Tap("report.phrase.0", tap));
  ASSERT_TRUE(k.Tap("report.next", tap));
  check("ReportContact");
  ASSERT_TRUE(k.Tap("report.contact.anonymous", tap));
  check("ReportReview");
  ASSERT_TRUE(k.Tap("report.submit", tap));
  check("ReportReceipt");
  const std::string code = k.state()["shown"].value("receipt.code", "");
  ASSERT_EQ(code.size(), 15u);
  ASSERT_TRUE(k.Tap("receipt.done", tap));
  ASSERT_TRUE(k.Tap("home.tile.track", tap));
  check("TrackCode");
  for (char c : code) {
    if (c == '-') continue;
    ASSERT_TRUE(k.Tap(std::string("pad:") + c, tap));
  }
  ASSERT_TRUE(k.Tap("pad:confirm", tap));
  check("TrackStatus");
}

TEST(LobbyScreenTest, EveryScreenDrawsTextAtTheDesignedSizes) {
  {
    KioskWindow k;
    if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
    VisitEveryScreen(k, false);
  }
  KioskWindow k({"--large-text"});
  ASSERT_TRUE(k.ready()) << k.why_not_ready();
  VisitEveryScreen(k, true);
}

// "这个回执码好像输错了" used to push the pad down 91 px: the next taps on 删除 landed on empty space.
TEST(LobbyScreenTest, TheTypoMessageDoesNotMoveThePad) {
  for (const bool large : {false, true}) {
    KioskWindow k(large ? std::vector<std::string>{"--large-text"} : std::vector<std::string>{});
    if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
    ASSERT_TRUE(k.Tap("home.tile.track", kSlowTap));
    for (int i = 0; i < 13; ++i) ASSERT_TRUE(k.Tap("pad:2", kSlowTap));
    const Rect before = *k.Target("pad:backspace");
    ASSERT_TRUE(k.Tap("pad:confirm", kSlowTap));
    ASSERT_FALSE(k.state()["shown"].value("track.message", "").empty()) << "no message: test is moot";
    k.KeepScreenshot(large ? "typo_message_large" : "typo_message");
    const Rect with_message = *k.Target("pad:backspace");
    EXPECT_EQ(with_message.y0, before.y0) << "the message moved the pad";
    // Three taps on 删除 where the finger saw it: each must delete.
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(k.TapAt(with_message.cx(), with_message.cy(), kSlowTap));
    EXPECT_EQ(k.state()["shown"].value("track.code", ""), "2222222222");
    EXPECT_EQ(k.Target("pad:backspace")->y0, before.y0);
  }
}

// A tap while the board still glides stops it and opens nothing; the next tap opens.
TEST(LobbyScreenTest, TheFirstTapOnACoastingListStopsIt) {
  KioskWindow k;
  if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
  ASSERT_TRUE(k.Tap("home.tile.notices", kSlowTap));
  const auto rows = k.TargetsStartingWith("board.row.");
  ASSERT_GE(rows.size(), 3u);
  const Rect r = *k.Target(rows[2]);
  const float x = r.cx(), y0 = 1000.0f;
  // A fast flick upwards, then at once a tap in the middle of the list.
  std::vector<std::string> args{"mousemove", Str(x), Str(y0), "mousedown", "1"};
  for (int i = 1; i <= 6; ++i) args.insert(args.end(), {"sleep", "0.01", "mousemove", Str(x), Str(y0 - 90.0f * i)});
  args.insert(args.end(), {"mouseup", "1", "sleep", "0.08", "mousemove", Str(x), Str(r.cy()), "mousedown", "1",
                           "sleep", "0.05", "mouseup", "1"});
  ASSERT_TRUE(k.Xdo(args, 4));
  EXPECT_EQ(k.screen(), "NoticeBoard") << "the tap on a coasting list opened a notice";
  EXPECT_EQ(k.state()["open_notice"], "");
  // Stopped: a tap now opens the row under the finger.
  const auto now_rows = k.TargetsStartingWith("board.row.");
  ASSERT_FALSE(now_rows.empty());
  ASSERT_TRUE(k.Tap(now_rows.front(), kSlowTap));
  EXPECT_EQ(k.screen(), "NoticeDetail");
}

// A double tap on 大字 or English flipped it twice, so nothing seemed to happen.
TEST(LobbyScreenTest, ADoubleTapOnAToggleCountsOnce) {
  KioskWindow k;
  if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
  for (const char* toggle : {"toggle.large_text", "toggle.language"}) {
    const Rect t = *k.Target(toggle);
    ASSERT_TRUE(k.Xdo({"mousemove", Str(t.cx()), Str(t.cy()), "click", "--repeat", "2", "--delay", "120", "1"}, 4));
  }
  EXPECT_TRUE(k.state().value("large_text", false)) << "a double tap on 大字 flipped it back";
  EXPECT_TRUE(k.state().value("english", false)) << "a double tap on English flipped it back";
  k.KeepScreenshot("double_tap_toggles");
}

}  // namespace
}  // namespace ck::platform::testing

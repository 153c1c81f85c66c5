// Drives the whole UI without a window, by tapping where the widgets are: home → board → detail and back,
// tabs, drag versus tap, and notices that expire or are withdrawn while on screen.
#include <gtest/gtest.h>

#include "app/ui/text/text_keys.h"
#include "headless_kiosk.h"

namespace ck::ui::testing {
namespace {

using protocol::Priority;

class HeadlessNavigationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    now_ = protocol::NowUtc();
    urgent_ = MakeNotice("3号楼周六临时停水", now_ - 3600, Priority::Urgent, "water_power",
                         "因管网改造，3号楼周六停水。（上午8:00至下午17:00）");
    safety_ = MakeNotice("消防安全检查", now_ - 7200, Priority::Important, "safety");
    plain_ = MakeNotice("社区图书角开放", now_ - 10800, Priority::Normal, "community");
    for (auto* n : {&urgent_, &safety_, &plain_}) ASSERT_TRUE(db_.notices().Upsert(*n).ok());
  }

  protocol::UnixSeconds now_ = 0;
  TempKioskDb db_;
  protocol::Notice urgent_, safety_, plain_;
};

TEST_F(HeadlessNavigationTest, HomeToBoardToDetailAndBack) {
  KioskControllerOptions options;
  options.share_base_url = "http://hub.example/";
  HeadlessKiosk kiosk(db_.db(), options);
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().screen, Screen::Home);

  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);
  EXPECT_EQ(kiosk.state().board_rows.size(), 3u);
  // Board order: urgent first.
  EXPECT_EQ(kiosk.vm().notices[static_cast<std::size_t>(kiosk.state().board_rows[0])].id, urgent_.id);

  ASSERT_TRUE(kiosk.Tap("board.row." + safety_.id));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeDetail);
  ASSERT_TRUE(kiosk.vm().detail.has_value());
  EXPECT_EQ(kiosk.vm().detail->summary.id, safety_.id);
  EXPECT_EQ(kiosk.vm().detail->share_url, "http://hub.example/notices/" + safety_.id);
  EXPECT_GT(kiosk.vm().detail->qr.size, 20);

  ASSERT_TRUE(kiosk.Tap("nav.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  EXPECT_FALSE(kiosk.vm().detail.has_value());
}

TEST_F(HeadlessNavigationTest, UrgentBannerOpensTheUrgentNotice) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.urgent"));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeDetail);
  ASSERT_TRUE(kiosk.vm().detail.has_value());
  EXPECT_EQ(kiosk.vm().detail->summary.id, urgent_.id);
  EXPECT_EQ(kiosk.vm().detail->qr.size, 0);  // no hub, no public URL: no QR code
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);  // back to where it was opened from
}

TEST_F(HeadlessNavigationTest, HomeAndBackAreInTheSamePlaceOnEveryScreen) {
  HeadlessKiosk kiosk(db_.db());
  kiosk.Frame();
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  const TapTarget home = *kiosk.state().FindTarget("nav.home");
  const TapTarget back = *kiosk.state().FindTarget("nav.back");
  EXPECT_GE(home.max.y - home.min.y, 72.0f);
  ASSERT_TRUE(kiosk.Tap("board.row." + plain_.id));
  for (const char* name : {"nav.home", "nav.back", "toggle.language", "toggle.large_text"})
    ASSERT_NE(kiosk.state().FindTarget(name), nullptr) << name;
  EXPECT_EQ(kiosk.state().FindTarget("nav.home")->min.x, home.min.x);
  EXPECT_EQ(kiosk.state().FindTarget("nav.back")->min.x, back.min.x);
}

TEST_F(HeadlessNavigationTest, CategoryTabsFilterTheBoard) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.tab.safety"));
  ASSERT_EQ(kiosk.state().board_rows.size(), 1u);
  EXPECT_EQ(kiosk.vm().notices[static_cast<std::size_t>(kiosk.state().board_rows[0])].id, safety_.id);
  ASSERT_TRUE(kiosk.Tap("board.tab.all"));
  EXPECT_EQ(kiosk.state().board_rows.size(), 3u);
  EXPECT_EQ(kiosk.state().FindTarget("board.tab.parking"), nullptr);  // no parking notice, no tab
}

TEST_F(HeadlessNavigationTest, ComingSoonTileHasAWayBack) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  EXPECT_EQ(kiosk.state().screen, Screen::ComingSoon);
  ASSERT_TRUE(kiosk.Tap("coming_soon.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
}

TEST_F(HeadlessNavigationTest, ReportAndTrackTilesOpenTheirFirstStepWithinOneTap) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportKind);
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  EXPECT_EQ(kiosk.state().screen, Screen::TrackCode);
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
}

TEST_F(HeadlessNavigationTest, TogglesSwitchLanguageAndTextSize) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  EXPECT_EQ(kiosk.state().language, Language::English);
  ASSERT_TRUE(kiosk.Tap("toggle.large_text"));
  EXPECT_TRUE(kiosk.state().large_text);
  EXPECT_GE(kiosk.fonts().body->FontSize, 40.0f);
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));  // still navigable in large English
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);
  kiosk.Wait(1.0);  // a second tap on a toggle within a double tap's time is ignored (issue 16)
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  EXPECT_EQ(kiosk.state().language, Language::Chinese);
}

TEST_F(HeadlessNavigationTest, DragScrollsTheBoardWithInertiaAndDoesNotOpen) {
  for (int i = 0; i < 200; ++i)
    ASSERT_TRUE(db_.notices().Upsert(MakeNotice("通知 " + std::to_string(i), now_ - 20000 - i)).ok());
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  const TapTarget* first = kiosk.state().FindTarget("board.row." + urgent_.id);
  ASSERT_NE(first, nullptr);
  const float x = first->Center().x;
  kiosk.Drag(x, 900, 400, 10);
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);  // a drag is not a tap
  const float after_drag = kiosk.state().board_scroll.offset;
  EXPECT_GT(after_drag, 400.0f);
  bool moving = true;
  for (int i = 0; i < 300 && moving; ++i) moving = kiosk.Frame().wants_next_frame;
  EXPECT_FALSE(moving);                                                     // inertia ends by itself
  EXPECT_GT(kiosk.state().board_scroll.offset, after_drag);                 // after gliding on
  EXPECT_EQ(kiosk.state().FindTarget("board.row." + urgent_.id), nullptr);  // scrolled out of view
}

TEST_F(HeadlessNavigationTest, AWithdrawnNoticeLeavesTheScreenWithAMessage) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.row." + safety_.id));
  ASSERT_EQ(kiosk.state().screen, Screen::NoticeDetail);
  ASSERT_TRUE(db_.notices().Remove(safety_.id).ok());  // as the sync thread would, on a tombstone
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);
  EXPECT_EQ(kiosk.state().toast_key, keys::kDetailGone);
  EXPECT_EQ(kiosk.state().board_rows.size(), 2u);
  EXPECT_EQ(kiosk.state().FindTarget("board.row." + safety_.id), nullptr);
}

TEST_F(HeadlessNavigationTest, AnExpiredNoticeVanishesAtItsExpiryTime) {
  protocol::Notice soon = MakeNotice("即将过期的通知", now_ - 100);
  soon.expires_at = now_ + 30;
  ASSERT_TRUE(db_.notices().Upsert(soon).ok());
  HeadlessKiosk kiosk(db_.db());
  kiosk.now = now_;
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  EXPECT_EQ(kiosk.state().board_rows.size(), 4u);
  EXPECT_LE(kiosk.controller().SecondsUntilNextWake(now_, 0.0), 30.0);  // the loop wakes for it
  kiosk.now = now_ + 31;
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().board_rows.size(), 3u);
}

}  // namespace
}  // namespace ck::ui::testing

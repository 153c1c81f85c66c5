// Tap versus drag on buttons and keys, the double-tap guard's clock, and dropped touches keeping the idle
// timer honest: the controller and widgets without a window (the window side is tests/app/platform).
#include <gtest/gtest.h>

#include "headless_kiosk.h"

namespace ck::ui::testing {
namespace {

TEST(TapGuardTest, AFingerThatWandersOffATileDoesNotOpenIt) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  kiosk.Frame();
  const TapTarget tile = *kiosk.state().FindTarget("home.tile.notices");
  const float x = tile.Center().x, y = tile.Center().y;
  kiosk.Drag(x, y, y - 60.0f, 6);  // released on the tile still, but 60 px from where it pressed
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  kiosk.Drag(x, y, y - 3.0f, 3);  // a wobble
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);
}

TEST(TapGuardTest, AKeyDraggedAcrossIsNotTyped) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.sanitation"));
  ASSERT_EQ(kiosk.state().screen, Screen::ReportWhere);
  const TapTarget key = *kiosk.state().FindTarget("pad:5");
  kiosk.Drag(key.Center().x, key.Center().y, key.Center().y + 30.0f, 3);
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().report.building, "");
  ASSERT_TRUE(kiosk.Tap("pad:5"));
  EXPECT_EQ(kiosk.state().report.building, "5");
}

TEST(TapGuardTest, PressesWaitForTheNewScreenAndItsSettleTime) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  KioskController& c = kiosk.controller();
  kiosk.Frame();
  EXPECT_FALSE(c.AcceptsPressAt(10.0)) << "nothing presented yet";
  c.NotePresented(10.0);
  EXPECT_FALSE(c.AcceptsPressAt(10.1));
  EXPECT_TRUE(c.AcceptsPressAt(10.0 + KioskController::kTapSettleSeconds));
  c.NotePresented(20.0);  // the same screen again: no new settle time
  EXPECT_TRUE(c.AcceptsPressAt(20.01));

  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_EQ(kiosk.state().screen, Screen::NoticeBoard);
  EXPECT_FALSE(c.AcceptsPressAt(30.0)) << "the board is not on the glass yet";
  c.NotePresented(30.0);
  EXPECT_FALSE(c.AcceptsPressAt(30.1)) << "a double tap's second press";
  EXPECT_TRUE(c.AcceptsPressAt(30.5));
}

TEST(TapGuardTest, ADroppedTouchStillAnswersStillThere) {
  TempKioskDb db;
  KioskControllerOptions options;
  options.idle_seconds = 5.0;
  options.idle_countdown_seconds = 3.0;
  HeadlessKiosk kiosk(db.db(), options);
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  kiosk.Wait(6.0);
  ASSERT_GE(kiosk.state().idle_since, 0.0) << "no \"still there?\"";
  kiosk.controller().NoteTouch(kiosk.state().idle_since + 0.1);
  EXPECT_LT(kiosk.state().idle_since, 0.0);
  kiosk.Wait(3.5);  // past the countdown that would have wiped the screen
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeBoard);
}

}  // namespace
}  // namespace ck::ui::testing

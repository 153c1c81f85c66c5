// The maintenance panel's state: the hidden hold gesture, the PIN flow with the repository's lock-out, the
// 60 s auto-close, the audit trail and the facts it computes.
#include "app/ui/maintenance/maintenance_panel.h"

#include <gtest/gtest.h>

namespace ck::ui::maintenance {
namespace {

using input::NumberPadAction;
constexpr protocol::UnixSeconds kNow = 1'800'000'000;

void TypePin(MaintenancePanel& panel, const std::string& pin, double time) {
  for (char c : pin) panel.PadKey(NumberPadAction::Symbol(c), time, kNow);
}

MaintenancePanel OpenPad(double time = 100.0) {
  MaintenancePanel panel;
  panel.PressBegan(time - kHoldSeconds);
  EXPECT_TRUE(panel.Tick(time, kNow));
  EXPECT_EQ(panel.stage(), Stage::Pin);
  return panel;
}

TEST(MaintenanceGestureTest, OrdinaryTapsNeverOpenIt) {
  MaintenancePanel panel;
  // A resident tapping the title, even many times and slowly.
  for (int i = 0; i < 20; ++i) {
    const double t = i * 2.0;
    panel.PressBegan(t);
    EXPECT_FALSE(panel.Tick(t + 0.5, kNow));
    panel.PressEnded(t + 1.5);
    EXPECT_FALSE(panel.Tick(t + 1.6, kNow));
  }
  // A long hesitant press of 4.9 s is still not enough.
  panel.PressBegan(100.0);
  panel.PressEnded(104.9);
  EXPECT_FALSE(panel.Tick(105.0, kNow));
  EXPECT_EQ(panel.stage(), Stage::Closed);
  EXPECT_TRUE(panel.TakeAudit().empty());
}

TEST(MaintenanceGestureTest, AFiveSecondHoldOpensThePinPadWhileStillHeld) {
  MaintenancePanel panel;
  panel.PressBegan(10.0);
  EXPECT_FALSE(panel.Tick(12.0, kNow));
  EXPECT_NEAR(panel.HoldProgress(12.5), 0.5f, 1e-6);
  EXPECT_TRUE(panel.Tick(15.0, kNow));
  EXPECT_EQ(panel.stage(), Stage::Pin);
  // The pad alone is not a use: nothing audited until the PIN is right.
  EXPECT_TRUE(panel.TakeAudit().empty());
}

TEST(MaintenancePinTest, RightPinOpensThePanelAndIsAudited) {
  MaintenancePanel panel = OpenPad();
  TypePin(panel, "2468", 101.0);
  EXPECT_EQ(panel.PendingPin(), "2468");
  EXPECT_EQ(panel.PadKey(NumberPadAction::Of(NumberPadAction::Kind::Confirm), 102.0, kNow),
            PanelRequest::CheckPin);
  panel.ApplyPinCheck({store::PinOutcome::Accepted, 0, 0}, 102.1, kNow);
  EXPECT_EQ(panel.stage(), Stage::Facts);
  EXPECT_TRUE(panel.PendingPin().empty()) << "the PIN is not kept after its check";
  const auto audit = panel.TakeAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].kind, AuditKind::Opened);
  EXPECT_EQ(audit[0].at, kNow);
}

TEST(MaintenancePinTest, ShortPinIsNotCheckedAndBackspaceWorks) {
  MaintenancePanel panel = OpenPad();
  TypePin(panel, "124", 101.0);
  panel.PadKey(NumberPadAction::Of(NumberPadAction::Kind::Backspace), 101.0, kNow);
  EXPECT_EQ(panel.PendingPin(), "12");
  EXPECT_EQ(panel.PadKey(NumberPadAction::Of(NumberPadAction::Kind::Confirm), 101.0, kNow),
            PanelRequest::None);
  TypePin(panel, "123456789", 101.0);
  EXPECT_EQ(panel.PendingPin().size(), kMaxPinDigits);
}

TEST(MaintenancePinTest, WrongPinsShowTheMessageThenTheLockOutWait) {
  MaintenancePanel panel = OpenPad();
  TypePin(panel, "0000", 101.0);
  panel.ApplyPinCheck({store::PinOutcome::Wrong, 0, 1}, 101.0, kNow);
  EXPECT_TRUE(panel.wrong_pin_shown());
  EXPECT_EQ(panel.stage(), Stage::Pin);
  EXPECT_EQ(panel.LockSecondsLeft(kNow), 0);
  // The next key hides the message (it takes reserved space on screen, so nothing moves).
  panel.PadKey(NumberPadAction::Symbol('1'), 102.0, kNow);
  EXPECT_FALSE(panel.wrong_pin_shown());

  // The third wrong PIN locks for 30 s: the pad shows the wait and refuses keys until it is over.
  panel.ApplyPinCheck({store::PinOutcome::Wrong, kNow + 30, 3}, 103.0, kNow);
  EXPECT_EQ(panel.LockSecondsLeft(kNow), 30);
  EXPECT_EQ(panel.LockSecondsLeft(kNow + 12), 18);
  panel.PadKey(NumberPadAction::Symbol('5'), 104.0, kNow + 10);
  EXPECT_TRUE(panel.PendingPin().empty()) << "keys typed during the wait are ignored";
  panel.PadKey(NumberPadAction::Symbol('5'), 140.0, kNow + 30);
  EXPECT_EQ(panel.PendingPin(), "5");

  const auto audit = panel.TakeAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].kind, AuditKind::WrongPin);
  EXPECT_EQ(audit[1].kind, AuditKind::WrongPin);
  EXPECT_EQ(audit[2].kind, AuditKind::Locked);
}

TEST(MaintenancePinTest, StillLockedAfterARestartIsShownAndAudited) {
  // The repository answers LockedOut with the lock it kept across the restart.
  MaintenancePanel panel = OpenPad();
  TypePin(panel, "2468", 101.0);
  panel.ApplyPinCheck({store::PinOutcome::LockedOut, kNow + 240, 5}, 101.0, kNow);
  EXPECT_EQ(panel.LockSecondsLeft(kNow), 240);
  EXPECT_FALSE(panel.wrong_pin_shown());
  const auto audit = panel.TakeAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].kind, AuditKind::Locked);
}

TEST(MaintenancePinTest, NoPinSetSaysSo) {
  MaintenancePanel panel = OpenPad();
  TypePin(panel, "1234", 101.0);
  panel.ApplyPinCheck({store::PinOutcome::NoPinSet, 0, 0}, 101.0, kNow);
  EXPECT_TRUE(panel.no_pin_set());
  EXPECT_EQ(panel.stage(), Stage::Pin);
}

TEST(MaintenanceAutoCloseTest, ClosesSixtySecondsAfterTheLastTouch) {
  MaintenancePanel panel = OpenPad(100.0);
  EXPECT_FALSE(panel.Tick(159.9, kNow));
  EXPECT_DOUBLE_EQ(panel.SecondsUntilAutoClose(130.0), 30.0);
  TypePin(panel, "2468", 150.0);  // a touch restarts the timer
  panel.ApplyPinCheck({store::PinOutcome::Accepted, 0, 0}, 150.0, kNow);
  EXPECT_FALSE(panel.Tick(209.0, kNow));
  panel.Touch(205.0);
  EXPECT_FALSE(panel.Tick(264.0, kNow));
  EXPECT_TRUE(panel.Tick(265.0, kNow + 115));
  EXPECT_EQ(panel.stage(), Stage::Closed);
  const auto audit = panel.TakeAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].kind, AuditKind::Closed);
  EXPECT_EQ(audit[1].at, kNow + 115);
}

TEST(MaintenanceAutoCloseTest, APinPadLeftAloneClosesWithoutAnAuditLine) {
  MaintenancePanel panel = OpenPad(100.0);
  TypePin(panel, "24", 110.0);
  EXPECT_TRUE(panel.Tick(170.0, kNow));
  EXPECT_EQ(panel.stage(), Stage::Closed);
  EXPECT_TRUE(panel.PendingPin().empty());
  EXPECT_TRUE(panel.TakeAudit().empty());
  // And a hold opens a fresh pad.
  panel.PressBegan(200.0);
  EXPECT_TRUE(panel.Tick(205.0, kNow));
  EXPECT_TRUE(panel.PendingPin().empty());
}

TEST(MaintenanceActionsTest, SyncRestartAndScreenTestAreRequestsAndAudited) {
  MaintenancePanel panel = OpenPad();
  // Not before the PIN.
  EXPECT_EQ(panel.RequestSyncNow(101.0, kNow), PanelRequest::None);
  TypePin(panel, "2468", 101.0);
  panel.ApplyPinCheck({store::PinOutcome::Accepted, 0, 0}, 101.0, kNow);
  EXPECT_EQ(panel.RequestSyncNow(102.0, kNow), PanelRequest::SyncNow);
  panel.OpenScreenTest(103.0, kNow);
  EXPECT_EQ(panel.stage(), Stage::ScreenTest);
  for (int corner = 0; corner < 4; ++corner) {
    EXPECT_FALSE(panel.corner_tapped(corner));
    panel.TapCorner(corner, 104.0);
    EXPECT_TRUE(panel.corner_tapped(corner));
  }
  panel.CloseScreenTest(105.0);
  EXPECT_EQ(panel.stage(), Stage::Facts);
  EXPECT_EQ(panel.RequestRestart(106.0, kNow), PanelRequest::Restart);
  std::vector<std::string> names;
  for (const AuditEvent& e : panel.TakeAudit()) names.push_back(AuditKindName(e.kind));
  EXPECT_EQ(names, (std::vector<std::string>{"opened", "sync_now", "screen_test", "restart"}));
}

TEST(MaintenanceFactsTest, SyncAge) {
  PanelFacts facts;
  EXPECT_EQ(SyncAgeSeconds(facts, kNow), -1);
  facts.last_success_at = kNow - 125;
  EXPECT_EQ(SyncAgeSeconds(facts, kNow), 125);
  facts.last_success_at = kNow + 5;  // a clock that went back
  EXPECT_EQ(SyncAgeSeconds(facts, kNow), 0);
}

}  // namespace
}  // namespace ck::ui::maintenance

// The maintenance panel at the real window (Xvfb, real X events from xdotool, the kiosk's test hook): a
// resident's taps on the top bar, however long, never open it; a 5 s press on the title does; the PIN
// typed on the pad opens the panel; a minute without a touch closes it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "app/store/kiosk_database.h"
#include "app/store/maintenance_pin_repository.h"
#include "tests/app/platform/kiosk_window.h"

namespace ck::platform::testing {
namespace {

std::string Str(float v) {
  return std::to_string(static_cast<int>(v));
}

TEST(MaintenanceWindowTest, HoldPinAndAutoCloseWithRealTaps) {
  KioskWindow k;
  ASSERT_TRUE(k.ready()) << k.why_not_ready();
  {
    auto db = store::KioskDatabase::Open(k.data_dir() / "kiosk.db");
    ASSERT_TRUE(db.ok()) << db.error();
    ASSERT_TRUE(store::MaintenancePinRepository(**db).SetPin("2468"));
  }
  const auto hold = k.Target("maintenance.hold");
  ASSERT_TRUE(hold.has_value());

  // Every tap length a lobby screen delivers, on the title and beside it: nothing opens.
  for (const TapStyle& style : AllTapStyles()) {
    ASSERT_TRUE(k.Tap("maintenance.hold", style)) << style.Describe();
    EXPECT_FALSE(k.Target("pad:1").has_value()) << style.Describe();
  }
  ASSERT_TRUE(k.TapAt(hold->x0 + 10, hold->cy(), kSlowTap));
  EXPECT_FALSE(k.Target("pad:1").has_value());

  // A press held 5.5 s: the PIN pad, finger still down.
  ASSERT_TRUE(k.Xdo({"mousemove", Str(hold->cx()), Str(hold->cy()), "mousedown", "1", "sleep", "5.5", "mouseup",
                     "1"},
                    2));
  ASSERT_TRUE(k.Target("pad:1").has_value()) << "the hold did not open the PIN pad";
  for (char c : std::string("2468")) ASSERT_TRUE(k.Tap(std::string("pad:") + c, kSlowTap));
  ASSERT_TRUE(k.Tap("pad:confirm", kSlowTap));
  // The hash is checked on a worker thread: the pad says so, and the panel follows within a few seconds.
  ASSERT_TRUE(k.WaitForTarget("maintenance.restart", 20.0))
      << "the right PIN did not open the panel; the pad says: " << k.state()["shown"].value("maintenance.message", "");
  EXPECT_FALSE(k.state()["shown"].value("maintenance.hub", "").empty());
  k.KeepScreenshot("maintenance_panel");

  // A minute without a touch: closed, the lobby screen back.
  std::this_thread::sleep_for(std::chrono::seconds(62));
  ASSERT_TRUE(k.Xdo({"mousemove", "5", "1075"}, 0));
  EXPECT_FALSE(k.Target("maintenance.restart").has_value()) << "the panel did not close by itself";
  EXPECT_TRUE(k.Target("maintenance.hold").has_value());
}

}  // namespace
}  // namespace ck::platform::testing

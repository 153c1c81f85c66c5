// The screen-off hours at the real window (Xvfb, real X events from xdotool, the kiosk's test hook): inside
// kiosk.toml's `screen_off` hours the screen is black and offers nothing to press; a tap wakes it to the home
// screen without pressing what lies under the finger; outside the hours nothing changes. The local time of
// day is fixed with CK_TEST_SCREEN_CLOCK (it moves nothing but the screen-off schedule).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "tests/app/platform/kiosk_window.h"

namespace ck::platform::testing {
namespace {

class ScreenOffWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("ck-screen-off-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "kiosk.toml") << "# the lobby is closed at night\nscreen_off = \"23:00-06:00\"\n";
  }
  void TearDown() override {
    window_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Starts the kiosk with the config above, its schedule's clock at `local_time`.
  KioskWindow& Start(const std::string& local_time) {
    ::setenv("CK_TEST_SCREEN_CLOCK", local_time.c_str(), 1);
    window_ = std::make_unique<KioskWindow>(std::vector<std::string>{"--config", (dir_ / "kiosk.toml").string()});
    ::unsetenv("CK_TEST_SCREEN_CLOCK");
    return *window_;
  }
  // Every pixel on a 40 px grid of the last settled frame is black.
  static bool AllBlack(const KioskWindow& k) {
    for (int y = 0; y < 1080; y += 40)
      for (int x = 0; x < 1920; x += 40)
        if (!(k.Pixel(x, y) == Rgb{0, 0, 0})) return false;
    return true;
  }
  std::filesystem::path dir_;
  std::unique_ptr<KioskWindow> window_;
};

TEST_F(ScreenOffWindowTest, BlackInsideTheHoursAndTheHomeScreenAfterATap) {
  KioskWindow& k = Start("23:30");
  ASSERT_TRUE(k.ready()) << k.why_not_ready();
  EXPECT_TRUE(k.state().value("screen_off", false));
  EXPECT_TRUE(k.state()["targets"].empty()) << "a black screen offers nothing to press";
  EXPECT_TRUE(AllBlack(k)) << "inside the screen-off hours the screen must be black";
  k.KeepScreenshot("screen_off_black");

  // Where the finger lands is the notice board's tile on the home screen: the waking tap must not open it.
  ASSERT_TRUE(k.TapAt(960, 540, kSlowTap));
  EXPECT_FALSE(k.state().value("screen_off", true));
  EXPECT_EQ(k.screen(), "Home");
  EXPECT_TRUE(k.Target("home.tile.notices").has_value());
  EXPECT_FALSE(AllBlack(k)) << "a tap must wake the screen";
  k.KeepScreenshot("screen_off_woken");

  // Awake, taps work as ever.
  ASSERT_TRUE(k.Tap("home.tile.notices", kSlowTap));
  EXPECT_EQ(k.screen(), "NoticeBoard");
}

TEST_F(ScreenOffWindowTest, OutsideTheHoursTheScreenIsOn) {
  KioskWindow& k = Start("12:00");
  ASSERT_TRUE(k.ready()) << k.why_not_ready();
  EXPECT_FALSE(k.state().value("screen_off", true));
  EXPECT_EQ(k.screen(), "Home");
  EXPECT_FALSE(AllBlack(k));
  ASSERT_TRUE(k.Tap("home.tile.notices", kSlowTap));
  EXPECT_EQ(k.screen(), "NoticeBoard");
}

}  // namespace
}  // namespace ck::platform::testing

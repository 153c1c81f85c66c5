// Every tap counts once: the real kiosk window under Xvfb, real X events from xdotool (click, and presses
// held 0–800 ms), outcomes read from the kiosk's state, its last frame and its SQLite database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "app/input/keyboard_style.h"
#include "app/ui/shell/theme.h"
#include "tests/app/platform/kiosk_window.h"

namespace ck::platform::testing {
namespace {

class TapInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
  }
  KioskWindow k;
};

Rgb ToRgb(ImU32 c) {
  return Rgb{static_cast<int>(c & 0xFF), static_cast<int>((c >> 8) & 0xFF),
             static_cast<int>((c >> 16) & 0xFF)};
}

// The fill of a control just inside its left edge, clear of the rounded corner, border, tick and label.
Rgb FillOf(const KioskWindow& k, const Rect& r) {
  return k.Pixel(static_cast<int>(r.x0) + 5, static_cast<int>(r.y0 + (r.y1 - r.y0) * 0.3f));
}

// No control of the settled frame is drawn pressed: the dark navy of a held button, or a held key's colour.
void ExpectNothingDrawnPressed(const KioskWindow& k, const std::string& prefix, const std::string& when) {
  const input::KeyboardStyle keys;
  const Rgb pressed[] = {ToRgb(ui::MakeTheme(false, 1080).colors.button_pressed),
                         ToRgb(keys.key_pressed_color), ToRgb(keys.action_key_pressed_color)};
  for (const std::string& name : k.TargetsStartingWith(prefix)) {
    const Rgb fill = FillOf(k, *k.Target(name));
    for (const Rgb& p : pressed) EXPECT_FALSE(fill == p) << name << " left drawn pressed after " << when;
  }
}

std::vector<int> Phrases(const KioskWindow& k) {
  return k.state()["report"]["phrases"].get<std::vector<int>>();
}

bool HasPhrase(const KioskWindow& k, int i) {
  const auto p = Phrases(k);
  return std::find(p.begin(), p.end(), i) != p.end();
}

// The descriptions of the reports the kiosk committed to its database.
std::vector<std::string> StoredDescriptions(const std::filesystem::path& data_dir) {
  std::vector<std::string> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2((data_dir / "kiosk.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT description FROM feedback", -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

// From the "what" step: anonymous, review, submit; true when the receipt shows.
bool SubmitAnonymously(KioskWindow& k) {
  return k.Tap("report.next", kSlowTap) && k.screen() == "ReportContact" &&
         k.Tap("report.contact.anonymous", kSlowTap) && k.screen() == "ReportReview" &&
         k.Tap("report.submit", kSlowTap) && k.screen() == "ReportReceipt";
}

// The case: quick taps on 有异味 (phrase 3 of sanitation). Each tap must toggle the chip exactly
// once, and the chip must not stay drawn pressed; the report stored at the end carries what was chosen.
TEST_F(TapInputTest, EveryTapOnAChipTogglesItOnce) {
  ASSERT_TRUE(OpenSanitationReport(k));
  // 在哪里: one quick tap on 垃圾站 moves on.
  ASSERT_TRUE(k.Tap("report.area.garbage", AllTapStyles()[0]));
  ASSERT_EQ(k.screen(), "ReportWhat") << "a quick tap on 垃圾站 was lost";
  ASSERT_EQ(k.state()["report"]["area"], "garbage");
  int taps = 0;
  for (int round = 0; round < 2; ++round) {
    for (const TapStyle& style : AllTapStyles()) {
      const bool before = HasPhrase(k, 3);
      ASSERT_TRUE(k.Tap("report.phrase.3", style));
      ++taps;
      EXPECT_NE(HasPhrase(k, 3), before) << "tap " << taps << " (" << style.Describe() << ") did not toggle";
      ExpectNothingDrawnPressed(k, "report.phrase.", style.Describe());
      if (round == 0) k.KeepScreenshot("chip_after_" + std::to_string(taps));
    }
  }
  // One more quick click, and one on 垃圾未及时清运: both chosen, 12 + 1 taps on 有异味.
  ASSERT_TRUE(k.Tap("report.phrase.3", AllTapStyles()[0]));
  ASSERT_TRUE(k.Tap("report.phrase.0", AllTapStyles()[1]));
  EXPECT_EQ(Phrases(k), (std::vector<int>{3, 0}));
  ASSERT_TRUE(SubmitAnonymously(k));
  const auto stored = StoredDescriptions(k.data_dir());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].find("有异味"), std::string::npos) << stored[0];
  EXPECT_NE(stored[0].find("垃圾未及时清运"), std::string::npos) << stored[0];
}

// The same in English and large text: the targets move and grow, the test finds them by name.
TEST(TapInputLargeTextTest, EveryTapOnAChipTogglesItOnceInLargeEnglish) {
  KioskWindow k({"--large-text", "--english"});
  if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
  ASSERT_TRUE(OpenSanitationReport(k));
  ASSERT_TRUE(k.Tap("report.area.garbage", AllTapStyles()[0]));
  ASSERT_EQ(k.screen(), "ReportWhat");
  int taps = 0;
  for (const TapStyle& style : AllTapStyles()) {
    const bool before = HasPhrase(k, 3);
    ASSERT_TRUE(k.Tap("report.phrase.3", style));
    ++taps;
    EXPECT_NE(HasPhrase(k, 3), before) << "tap " << taps << " (" << style.Describe() << ") did not toggle";
    ExpectNothingDrawnPressed(k, "report.phrase.", style.Describe());
  }
  k.KeepScreenshot("chips_large_english");
}

// Building 12, unit 3, floor 5 typed with every kind of quick tap on the number pad.
TEST_F(TapInputTest, NumberPadCountsEveryKey) {
  ASSERT_TRUE(OpenSanitationReport(k));
  const auto& styles = AllTapStyles();
  const std::vector<std::string> keys = {"pad:1", "pad:2", "pad:confirm", "pad:3", "pad:confirm", "pad:5"};
  for (std::size_t i = 0; i < keys.size(); ++i) ASSERT_TRUE(k.Tap(keys[i], styles[i % styles.size()]));
  EXPECT_EQ(k.state()["report"]["building"], "12");
  EXPECT_EQ(k.state()["report"]["unit"], "3");
  EXPECT_EQ(k.state()["report"]["floor"], "5");
  ExpectNothingDrawnPressed(k, "pad:", "the number pad");
  k.KeepScreenshot("number_pad");
}

// "shequ" typed by quick taps on the pinyin keyboard offers 社区; a quick tap on it types it, and the stored
// report says so.
TEST_F(TapInputTest, QuickTapsOnTheKeyboardTypeShequ) {
  ASSERT_TRUE(OpenSanitationReport(k));
  ASSERT_TRUE(k.Tap("report.area.garbage", kSlowTap));
  ASSERT_TRUE(k.Tap("report.text", kSlowTap));
  ASSERT_TRUE(k.state()["report"]["keyboard_open"].get<bool>());
  const std::string letters = "shequ";
  for (std::size_t i = 0; i < letters.size(); ++i)
    ASSERT_TRUE(k.Tap(std::string("key:") + letters[i], AllTapStyles()[i % AllTapStyles().size()]));
  const auto candidates = k.state()["keyboard"]["candidates"].get<std::vector<std::string>>();
  const auto it = std::find(candidates.begin(), candidates.end(), "社区");
  ASSERT_NE(it, candidates.end()) << "preedit " << k.state()["keyboard"]["preedit"];
  ExpectNothingDrawnPressed(k, "key:", "typing shequ");
  k.KeepScreenshot("keyboard_shequ");
  ASSERT_TRUE(k.Tap("cand:" + std::to_string(it - candidates.begin()), AllTapStyles()[0]));
  EXPECT_EQ(k.state()["keyboard"]["text"], "社区");
  ASSERT_TRUE(SubmitAnonymously(k));
  const auto stored = StoredDescriptions(k.data_dir());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].find("社区"), std::string::npos) << stored[0];
}

// A row of the notice board opens on every kind of quick tap, and on a tap that wobbles 3 px; a 60 px drag
// scrolls the list and opens nothing.
TEST_F(TapInputTest, BoardRowsOpenOnTapsAndScrollOnDrags) {
  ASSERT_TRUE(k.Tap("home.tile.notices", kSlowTap));
  ASSERT_EQ(k.screen(), "NoticeBoard");
  auto second_row = [&] {
    const auto rows = k.TargetsStartingWith("board.row.");
    return rows.size() > 1 ? rows[1] : std::string();
  };
  for (const TapStyle& style : AllTapStyles()) {
    const std::string row = second_row();
    ASSERT_FALSE(row.empty());
    ASSERT_TRUE(k.Tap(row, style));
    ASSERT_EQ(k.screen(), "NoticeDetail") << style.Describe() << " on a row did not open it";
    EXPECT_EQ("board.row." + k.state()["open_notice"].get<std::string>(), row);
    ASSERT_TRUE(k.Tap("nav.back", kSlowTap));
    ASSERT_EQ(k.screen(), "NoticeBoard");
    ExpectNothingDrawnPressed(k, "board.", "returning from a notice");
  }
  // A wobble of 3 px is still a tap.
  {
    const Rect r = *k.Target(second_row());
    ASSERT_TRUE(k.Drag(r.cx(), r.cy(), 0, -3, 3));
    ASSERT_EQ(k.screen(), "NoticeDetail") << "a 3 px wobble did not open the row";
    ASSERT_TRUE(k.Tap("nav.back", kSlowTap));
  }
  // A drag of 60 px scrolls and opens nothing.
  const std::string row = second_row();
  const Rect before = *k.Target(row);
  ASSERT_TRUE(k.Drag(before.cx(), before.cy(), 0, -60, 6));
  EXPECT_EQ(k.screen(), "NoticeBoard") << "a 60 px drag opened a notice";
  EXPECT_EQ(k.state()["open_notice"], "");
  const auto after = k.Target(row);
  EXPECT_TRUE(!after || after->y0 < before.y0 - 30) << "the list did not scroll";
  ExpectNothingDrawnPressed(k, "board.", "a drag");
  k.KeepScreenshot("board_after_drag");
}

// A habitual double tap on a control that changes the screen moves exactly one step, although a control
// of the next screen lies under the finger.
TEST_F(TapInputTest, DoubleTapOnATileMovesOneStep) {
  const Rect tile = *k.Target("home.tile.notices");
  ASSERT_TRUE(
      k.Xdo({"mousemove", std::to_string(static_cast<int>(tile.cx())),
             std::to_string(static_cast<int>(tile.cy())), "click", "--repeat", "2", "--delay", "80", "1"},
            4));
  EXPECT_EQ(k.screen(), "NoticeBoard") << "a double tap on 通知公告 went past the board";
  ASSERT_EQ(k.screen(), "NoticeBoard");
  EXPECT_FALSE(k.TargetAt("board.row.", tile.cx(), tile.cy()).empty())
      << "no row under the finger: test is moot";

  ASSERT_TRUE(k.Tap("nav.home", kSlowTap));
  ASSERT_TRUE(k.Tap("home.tile.feedback", kSlowTap));
  ASSERT_EQ(k.screen(), "ReportKind");
  const Rect kind = *k.Target("report.kind.complaint");
  // Two presses of 10 ms, 90 ms apart, a quarter into the tile: where the first category tile will be.
  const float x = kind.x0 + (kind.x1 - kind.x0) * 0.25f, y = kind.cy();
  ASSERT_TRUE(k.Xdo({"mousemove", std::to_string(static_cast<int>(x)), std::to_string(static_cast<int>(y)),
                     "mousedown", "1", "sleep", "0.01", "mouseup", "1", "sleep", "0.09", "mousedown", "1",
                     "sleep", "0.01", "mouseup", "1"},
                    4));
  EXPECT_EQ(k.screen(), "ReportCategory") << "a double tap on 反映问题 went past the category step";
  EXPECT_FALSE(k.TargetAt("report.service.", x, y).empty()) << "no tile under the finger: test is moot";
  EXPECT_EQ(k.state()["report"]["service"], "");
  ExpectNothingDrawnPressed(k, "report.service.", "a double tap");
  k.KeepScreenshot("double_tap_category");
}

}  // namespace
}  // namespace ck::platform::testing

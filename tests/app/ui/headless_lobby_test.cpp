// Issue 16 headless: the next resident's fresh kiosk, search in large text, 首页 mid-report, the language of
// a new keyboard, and the ticket code's empty places.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/ui/shell/drawn_text.h"
#include "headless_kiosk.h"

namespace ck::ui::testing {
namespace {

void TapAll(HeadlessKiosk& kiosk, const std::string& prefix, const std::string& symbols) {
  for (char c : symbols) ASSERT_TRUE(kiosk.Tap(prefix + c)) << prefix << c;
}

void TypeAndChoose(HeadlessKiosk& kiosk, const std::string& letters, const std::string& word) {
  TapAll(kiosk, "key:", letters);
  const auto& c = kiosk.controller().keyboard().state().pinyin.candidates;
  const auto it = std::find(c.begin(), c.end(), word);
  ASSERT_NE(it, c.end()) << word << " not offered for " << letters;
  ASSERT_TRUE(kiosk.Tap("cand:" + std::to_string(it - c.begin())));
}

// After the idle reset the kiosk is as it starts: the last resident's English, 大字, ABC keyboard and
// scrolled board must not greet the next one.
TEST(HeadlessLobbyTest, TheIdleResetGivesTheNextResidentAFreshKiosk) {
  TempKioskDb db;
  const auto now = protocol::NowUtc();
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(db.notices().Upsert(MakeNotice("通知 " + std::to_string(i), now - i * 60)).ok());
  KioskControllerOptions options;
  options.idle_seconds = 5.0;
  options.idle_countdown_seconds = 2.0;
  HeadlessKiosk kiosk(db.db(), options, {.pinyin = true});
  kiosk.now = now;
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  ASSERT_TRUE(kiosk.Tap("toggle.large_text"));
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  kiosk.Drag(960, 900, 300, 12);
  kiosk.Wait(3.0);
  ASSERT_GT(kiosk.state().board_scroll.offset, 0.0f);
  ASSERT_TRUE(kiosk.Tap("board.search"));
  ASSERT_TRUE(kiosk.Tap("key:language"));  // the last resident switched to ABC
  ASSERT_EQ(kiosk.controller().keyboard().mode(), input::KeyboardMode::Chinese);

  kiosk.Wait(5.5);
  kiosk.Wait(2.5);
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  EXPECT_EQ(kiosk.state().language, Language::Chinese);
  EXPECT_FALSE(kiosk.state().large_text);
  EXPECT_EQ(kiosk.controller().keyboard().mode(), input::KeyboardMode::Chinese);
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().board_scroll.offset, 0.0f) << "the board reopened mid-list";
  EXPECT_TRUE(kiosk.state().board_category.empty());
}

// On an English screen a new keyboard types letters ("more" stays "more"); on a Chinese one, pinyin.
TEST(HeadlessLobbyTest, ANewKeyboardTypesInTheScreensLanguage) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db(), {}, {.pinyin = true});
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.search"));
  EXPECT_EQ(kiosk.controller().keyboard().mode(), input::KeyboardMode::English);
  TapAll(kiosk, "key:", "more");
  EXPECT_EQ(kiosk.controller().keyboard().text(), "more");
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  kiosk.Wait(1.0);
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.search"));
  EXPECT_EQ(kiosk.controller().keyboard().mode(), input::KeyboardMode::Chinese);
}

// In 大字 the keyboard left room for one result; now at least three show with it up, and 完成 hides it.
TEST(HeadlessLobbyTest, LargeTextSearchShowsThreeResultsAndDoneHidesTheKeyboard) {
  TempKioskDb db;
  const auto now = protocol::NowUtc();
  for (int i = 0; i < 6; ++i)
    ASSERT_TRUE(db.notices().Upsert(MakeNotice(std::to_string(i + 1) + "号楼停水通知", now - i * 60)).ok());
  HeadlessKiosk kiosk(db.db(), {}, {.pinyin = true});
  kiosk.now = now;
  ASSERT_TRUE(kiosk.Tap("toggle.large_text"));
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.search"));
  TypeAndChoose(kiosk, "tingshui", "停水");
  kiosk.Wait(2.0);
  ASSERT_EQ(kiosk.vm().search_results.size(), 6u);
  auto whole_rows = [&] {
    int n = 0;
    for (const TapTarget& t : kiosk.state().tap_targets)
      if (t.name.starts_with("search.row.") && t.max.y - t.min.y >= 72.0f) ++n;
    return n;
  };
  kiosk.Frame();
  ASSERT_NE(kiosk.state().FindTarget("key:confirm"), nullptr);
  EXPECT_GE(whole_rows(), 3) << "with the keyboard up in large text";
  ASSERT_TRUE(kiosk.Tap("key:confirm"));
  EXPECT_EQ(kiosk.state().FindTarget("key:confirm"), nullptr) << "完成 did not hide the keyboard";
  EXPECT_GE(whole_rows(), 6);
  ASSERT_TRUE(kiosk.Tap("search.field"));  // the field brings it back
  EXPECT_NE(kiosk.state().FindTarget("key:confirm"), nullptr);
}

// 首页 in the middle of a report asks before it throws the draft away.
TEST(HeadlessLobbyTest, HomeMidReportAsksBeforeDiscarding) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.parking"));
  TapAll(kiosk, "pad:", "12");
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportWhere);
  ASSERT_NE(kiosk.state().FindTarget("discard.keep"), nullptr);
  ASSERT_TRUE(kiosk.Tap("discard.keep"));
  EXPECT_EQ(kiosk.state().report.building, "12");
  EXPECT_EQ(kiosk.state().FindTarget("discard.keep"), nullptr);
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  ASSERT_TRUE(kiosk.Tap("discard.confirm"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  EXPECT_TRUE(kiosk.state().report.building.empty());
}

// The code box showed "234M-9ZZZ-ZZZZZ" for a half-typed code (the placeholder glyph was missing from the
// clock font and drew as its fallback "Z"): the places still to fill must hold no glyph at all.
TEST(HeadlessLobbyTest, TheTicketCodesEmptyPlacesAreEmpty) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  TapAll(kiosk, "pad:", "234M9");
  kiosk.Frame();
  const DrawnText text = MeasureDrawnText(ImGui::GetDrawData(), kiosk.fonts());
  const DrawnTextStyle* clock = text.Find("clock");
  ASSERT_NE(clock, nullptr);
  EXPECT_EQ(clock->glyphs, 5 + 2) << "five symbols and two hyphens, nothing in the ten empty places";
}

// "？" drew as ImGui's half-width fallback "?" where a heading's glyphs were not yet in the atlas (the idle
// question over any screen): Chinese punctuation is now baked at every size.
TEST(HeadlessLobbyTest, ChinesePunctuationIsInEveryStyle) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  kiosk.Frame();
  for (const ImFont* f : {kiosk.fonts().body, kiosk.fonts().title, kiosk.fonts().heading})
    for (ImWchar c : {0xFF1F, 0xFF0C, 0x3002, 0xFF01, 0x201C})
      EXPECT_NE(f->FindGlyphNoFallback(c), nullptr) << std::hex << c;
}

}  // namespace
}  // namespace ck::ui::testing

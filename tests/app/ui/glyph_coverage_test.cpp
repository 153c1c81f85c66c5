// Not a single tofu box: every code point of every demo notice and every translation has a glyph in the
// atlas the kiosk builds, and characters beyond the BMP show as the documented substitute 〓.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "app/store/demo_community.h"
#include "app/ui/text/display_text.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/text_keys.h"
#include "headless_kiosk.h"

namespace ck::ui::testing {
namespace {

// Every drawable code point of `text` must be in `font` (newlines are layout, not glyphs).
void ExpectGlyphs(const ImFont* font, const std::string& text, const std::string& what) {
  for (char32_t cp : MakeDisplayText(text).codepoints) {
    if (cp == '\n') continue;
    EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr)
        << what << ": U+" << std::hex << static_cast<unsigned>(cp) << " missing at " << font->FontSize
        << "px";
  }
}

TEST(GlyphCoverageTest, EveryTranslationHasGlyphsInEveryFont) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  for (bool large : {false, true}) {
    kiosk.state().large_text = large;
    kiosk.state().screen = Screen::NoticeBoard;  // where every translation may show up
    kiosk.Frame();
    const KioskFonts& f = kiosk.fonts();
    for (const Translations* t : {&kiosk.translations().chinese, &kiosk.translations().english}) {
      for (const auto& [key, value] : t->All()) {
        for (const ImFont* font : {f.body, f.title, f.heading}) ExpectGlyphs(font, value, key);
      }
    }
    for (char c : std::string("0123456789:")) EXPECT_NE(f.clock->FindGlyphNoFallback(c), nullptr);
  }
}

TEST(GlyphCoverageTest, EveryDemoStringHasGlyphs) {
  const auto demo_file = std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "demo" / "community.json";
  if (!std::filesystem::exists(demo_file)) GTEST_SKIP() << "no demo community yet";
  TempKioskDb db;
  auto demo = store::ImportDemoCommunity(db.db(), demo_file, protocol::NowUtc());
  ASSERT_TRUE(demo.ok()) << demo.error();
  KioskControllerOptions options;
  options.community_name = demo->community_name;
  HeadlessKiosk kiosk(db.db(), options);
  kiosk.Frame();
  ExpectGlyphs(kiosk.fonts().heading, demo->community_name, "community name");

  // Every string of the demo file, as the lead wrote it, through the screens that show it.
  std::ifstream in(demo_file);
  const auto doc = nlohmann::json::parse(in);
  int checked = 0;
  for (const auto& n : doc.at("notices")) {
    const std::string id = n.at("id").get<std::string>();
    const auto notice = db.notices().Get(id);
    if (!notice || !notice->IsLiveAt(kiosk.now)) continue;  // e.g. a demo notice that is already expired
    kiosk.controller().Handle({{ActionKind::OpenNotice, id}}, kiosk.now, 0.0);
    kiosk.Frame();  // rebuilds the atlas if this body brought new characters
    ASSERT_TRUE(kiosk.vm().detail.has_value());
    ExpectGlyphs(kiosk.fonts().title, n.at("title").get<std::string>(), id + " title");
    ExpectGlyphs(kiosk.fonts().body, n.at("body").get<std::string>(), id + " body");
    ExpectGlyphs(kiosk.fonts().body, n.at("audience").get<std::string>(), id + " audience");
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST(GlyphCoverageTest, AstralCharactersAreSubstitutedNotDropped) {
  TempKioskDb db;
  const std::string title = "\xF0\xA0\xAE\xB7先生的快递 \xF0\x9F\x93\xA6";  // 𠮷先生的快递 📦
  protocol::Notice n = MakeNotice(title, protocol::NowUtc() - 60, protocol::Priority::Normal, "community",
                                  "请\xF0\xA0\xAE\xB7先生到物业领取。");
  ASSERT_TRUE(db.notices().Upsert(n).ok());
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.row." + n.id));
  ASSERT_TRUE(kiosk.vm().detail.has_value());
  const auto& d = *kiosk.vm().detail;
  EXPECT_EQ(d.summary.title, "〓先生的快递 〓");
  EXPECT_EQ(d.body.codepoints[1], kSubstituteCodepoint);
  for (const ImFont* font : {kiosk.fonts().body, kiosk.fonts().title, kiosk.fonts().heading})
    EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(kSubstituteCodepoint)), nullptr);
  ExpectGlyphs(kiosk.fonts().title, d.summary.title, "substituted title");
  // The store keeps the real characters.
  EXPECT_EQ(db.notices().Get(n.id)->title, title);
}

}  // namespace
}  // namespace ck::ui::testing

namespace ck::ui::testing {
namespace {

// Home and the coming-soon panels run on a smaller atlas (their own strings only): it must still hold all
// they draw, in both languages and both text sizes.
TEST(GlyphCoverageTest, HomeAtlasHoldsEverythingHomeAndComingSoonShow) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  for (Language language : {Language::Chinese, Language::English}) {
    kiosk.state().language = language;
    kiosk.state().screen = Screen::ComingSoon;
    kiosk.Frame();
    const Translations& tr = kiosk.translations().For(language);
    for (std::string_view key : {keys::kComingSoonTitle, keys::kComingSoonBody, keys::kNavBack,
                                 keys::kNavHome, keys::kHomeTileFeedback, keys::kHomeTileNoticesHint,
                                 keys::kFormatHomeDate, keys::kSyncPending, keys::kSyncLocalOnly})
      for (const ImFont* font : {kiosk.fonts().body, kiosk.fonts().title, kiosk.fonts().heading})
        ExpectGlyphs(font, tr.Get(key), std::string(key));
  }
}

}  // namespace
}  // namespace ck::ui::testing

namespace ck::ui::testing {
namespace {

// The report screens draw category names and quick phrases (from the service catalogue), key labels (every
// letter), masked phones ('*'), the ticket code at the clock size, and pinyin candidates: all must be baked.
TEST(GlyphCoverageTest, ReportAndKeyboardScreensHaveEveryGlyphTheyDraw) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db(), {}, {.pinyin = true});
  kiosk.controller().Handle({{ActionKind::OpenReport, {}},
                             {ActionKind::ReportKind, "complaint"},
                             {ActionKind::ReportService, "sanitation"},
                             {ActionKind::ReportArea, "elevator"},
                             {ActionKind::ReportOpenKeyboard, {}}},
                            kiosk.now, 0.0);
  for (char c : std::string("shequ")) {
    UiAction a{ActionKind::KeyboardKey, {}};
    a.key = input::KeyAction::Char(c);
    kiosk.controller().Handle({a}, kiosk.now, 0.0);
  }
  kiosk.Frame();
  const KioskFonts& f = kiosk.fonts();
  for (const ServiceView& s : kiosk.vm().services) {
    for (const ImFont* font : {f.body, f.title, f.heading}) {
      ExpectGlyphs(font, s.name, s.code);
      ExpectGlyphs(font, s.name_en, s.code);
      for (const std::string& p : s.phrases) ExpectGlyphs(font, p, s.code + " phrase");
      for (const std::string& p : s.phrases_en) ExpectGlyphs(font, p, s.code + " phrase");
    }
  }
  std::string ascii;
  for (char c = 0x21; c < 0x7F; ++c) ascii += c;
  ExpectGlyphs(f.title, ascii, "key labels");
  ExpectGlyphs(f.clock, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789-", "ticket code");
  const auto& candidates = kiosk.controller().keyboard().state().pinyin.candidates;
  ASSERT_FALSE(candidates.empty());
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), "社区"), candidates.end());
  ExpectGlyphs(f.body, "社区", "candidate");
  // ImGui's common set is baked while the keyboard shows: any of its 2,500 characters can be offered.
  EXPECT_GT(kiosk.atlas().body_glyphs().Count(), 2500u);
}

}  // namespace
}  // namespace ck::ui::testing

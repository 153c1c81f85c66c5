// The keyboard widget tapped headlessly: "shequ" then the 社区 candidate types 社区, with the real engine.
#include "app/input/on_screen_keyboard.h"

#include <gtest/gtest.h>

#include <string>

#include "app/input/pinyin_engine.h"
#include "fake_pinyin.h"
#include "headless_imgui.h"

namespace ck::input {
namespace {

// rime logs errors only; keep them in the build tree, not /tmp.
constexpr const char* kRimeLogDir = CK_BINARY_DIR "/rime-logs";

// Echoes the key, so a test can see that word labels went through the lookup.
const char* EchoKey(const char* key) {
  return key;
}

// ImGui's default font has no Hanzi: show candidates anyway, since this is about taps, not glyphs.
KeyboardStyle LatinFontStyle() {
  KeyboardStyle style;
  style.hide_undrawable_candidates = false;
  return style;
}

struct KeyboardScreen {
  KeyboardModel& model;
  KeyboardStyle style;
  KeyRects rects;
  int taps = 0;

  void Draw() {
    if (auto tap = DrawOnScreenKeyboard(model, style, EchoKey, &rects)) {
      model.Apply(*tap);
      ++taps;
    }
  }
};

class OnScreenKeyboardTest : public ::testing::Test {
 protected:
  void TapKey(KeyboardScreen& screen, std::string_view name) {
    ASSERT_TRUE(ui_.Tap(screen.rects, name, [&] { screen.Draw(); })) << "no key drawn as " << name;
  }
  void Settle(KeyboardScreen& screen) {
    ui_.Frame([&] { screen.Draw(); });
  }
  HeadlessImGui ui_;
};

TEST_F(OnScreenKeyboardTest, TappingShequThenItsCandidateTypesShequ) {
  auto engine = PinyinEngine::Open(CK_RIME_DEPLOYED_DIR, kRimeLogDir);
  ASSERT_TRUE(engine.ok()) << engine.error();
  KeyboardModel model(engine.value().get(), 100);
  KeyboardScreen screen{model, LatinFontStyle(), {}};
  Settle(screen);  // the first frame records where the keys are

  for (const char* key : {"key:s", "key:h", "key:e", "key:q", "key:u"}) TapKey(screen, key);
  EXPECT_EQ(screen.taps, 5);
  ASSERT_TRUE(model.state().pinyin.composing());
  Settle(screen);  // the candidate bar is drawn from the new state

  // Find 社区 on screen, paging if need be, and tap it.
  for (int page = 0; page < 10; ++page) {
    const auto& candidates = model.state().pinyin.candidates;
    auto it = std::find(candidates.begin(), candidates.end(), "社区");
    if (it != candidates.end()) {
      TapKey(screen, "cand:" + std::to_string(it - candidates.begin()));
      break;
    }
    TapKey(screen, "cand:next");
    Settle(screen);
  }
  EXPECT_EQ(model.text(), "社区");
  EXPECT_FALSE(model.state().pinyin.composing());
}

TEST_F(OnScreenKeyboardTest, CandidatesTheFontCannotDrawAreLeftOutNotShownAsTofu) {
  auto engine = PinyinEngine::Open(CK_RIME_DEPLOYED_DIR, kRimeLogDir);
  ASSERT_TRUE(engine.ok()) << engine.error();
  KeyboardModel model(engine.value().get(), 100);
  KeyboardScreen screen{model, KeyboardStyle{}, {}};  // hides undrawable candidates, as in the kiosk
  Settle(screen);
  for (const char* key : {"key:s", "key:h", "key:e"}) TapKey(screen, key);
  Settle(screen);
  ASSERT_FALSE(model.state().pinyin.candidates.empty());
  EXPECT_EQ(screen.rects.Find("cand:0"), nullptr) << "the default font has no Hanzi";
  EXPECT_NE(screen.rects.Find("cand:next"), nullptr);
}

TEST_F(OnScreenKeyboardTest, CandidatesStayBetweenThePageKeysOnANarrowBar) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 100);
  for (const int max_width : {1800, 700, 420}) {
    KeyboardStyle style = LatinFontStyle();
    style.max_width = static_cast<float>(max_width);
    KeyboardScreen screen{model, style, {}};
    model.Reset();
    for (char c : std::string_view("shequ")) model.Apply(KeyAction::Char(c));
    Settle(screen);
    const KeyRect* prev = screen.rects.Find("cand:prev");
    const KeyRect* next = screen.rects.Find("cand:next");
    ASSERT_NE(prev, nullptr);
    ASSERT_NE(next, nullptr);
    int shown = 0;
    for (int i = 0; i < 3; ++i) {
      const KeyRect* cand = screen.rects.Find("cand:" + std::to_string(i));
      if (cand == nullptr) continue;
      ++shown;
      EXPECT_GE(cand->min_x, prev->max_x) << max_width;
      EXPECT_LE(cand->max_x, next->min_x) << max_width;
      EXPECT_GE(cand->width(), 72.0f);
    }
    if (max_width == 1800) {
      EXPECT_EQ(shown, 3);
    }
    EXPECT_GE(shown, 1) << max_width;
  }
}

TEST_F(OnScreenKeyboardTest, KeysAreAtLeast72PixelsTallAndDoNotOverlap) {
  KeyboardModel model(nullptr, 100);
  KeyboardScreen screen{model, {}, {}};
  Settle(screen);
  ASSERT_GT(screen.rects.All().size(), 30u);
  for (const auto& [name, rect] : screen.rects.All()) {
    EXPECT_GE(rect.height(), 72.0f) << name;
    EXPECT_GE(rect.width(), 72.0f) << name;
    EXPECT_LE(rect.max_x, 1920.0f) << name;
    EXPECT_LE(rect.max_y, 1080.0f) << name;
  }
  for (const auto& [a_name, a] : screen.rects.All()) {
    for (const auto& [b_name, b] : screen.rects.All()) {
      if (a_name >= b_name) continue;
      const bool apart = a.max_x <= b.min_x || b.max_x <= a.min_x || a.max_y <= b.min_y || b.max_y <= a.min_y;
      EXPECT_TRUE(apart) << a_name << " overlaps " << b_name;
    }
  }
}

TEST_F(OnScreenKeyboardTest, LargeTextModeScalesTheKeys) {
  KeyboardModel model(nullptr, 100);
  KeyboardScreen normal{model, {}, {}};
  Settle(normal);
  KeyboardScreen large{model, KeyboardStyle{}.Scaled(1.25f), {}};
  Settle(large);
  EXPECT_FLOAT_EQ(large.rects.Find("key:a")->height(), normal.rects.Find("key:a")->height() * 1.25f);
}

TEST_F(OnScreenKeyboardTest, EnglishBackspaceAndConfirmByTap) {
  KeyboardModel model(nullptr, 100);  // rime unavailable: English and digits still work
  KeyboardScreen screen{model, {}, {}};
  Settle(screen);
  EXPECT_EQ(screen.rects.Find("key:language"), nullptr);
  for (const char* key : {"key:o", "key:k", "key:space", "key:1"}) TapKey(screen, key);
  EXPECT_EQ(model.text(), "ok 1");
  TapKey(screen, "key:backspace");
  EXPECT_EQ(model.text(), "ok ");
  TapKey(screen, "key:digits");
  Settle(screen);
  EXPECT_EQ(model.mode(), KeyboardMode::Digits);
  TapKey(screen, "key:7");
  EXPECT_EQ(model.text(), "ok 7");
  TapKey(screen, "key:confirm");
  EXPECT_TRUE(model.state().confirmed);
}

TEST_F(OnScreenKeyboardTest, PressWithoutReleaseIsNotATap) {
  KeyboardModel model(nullptr, 100);
  KeyboardScreen screen{model, {}, {}};
  Settle(screen);
  const KeyRect* a = screen.rects.Find("key:a");
  ASSERT_NE(a, nullptr);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(a->center_x(), a->center_y());
  io.MouseDown[0] = true;
  Settle(screen);
  Settle(screen);
  EXPECT_EQ(model.text(), "");
  // Sliding off before lifting the finger cancels, as on a phone.
  io.MousePos = ImVec2(5, 5);
  io.MouseDown[0] = false;
  Settle(screen);
  EXPECT_EQ(model.text(), "");
}

}  // namespace
}  // namespace ck::input

// The number pad widget tapped headlessly: digits with a maximum, and the ticket alphabet grid.
#include "app/input/number_pad.h"

#include <gtest/gtest.h>

#include <string>

#include "headless_imgui.h"
#include "sync/protocol/ticket_code.h"

namespace ck::input {
namespace {

const char* EchoKey(const char* key) {
  return key;
}

struct PadScreen {
  NumberPadModel& model;
  KeyboardStyle style;
  KeyRects rects;
  bool confirmed = false;

  void Draw() {
    if (auto tap = DrawNumberPad(model, style, EchoKey, &rects)) confirmed = model.Apply(*tap).confirmed;
  }
};

class NumberPadTest : public ::testing::Test {
 protected:
  void TapKey(PadScreen& screen, std::string_view name) {
    ASSERT_TRUE(ui_.Tap(screen.rects, name, [&] { screen.Draw(); })) << "no key drawn as " << name;
  }
  HeadlessImGui ui_;
};

TEST_F(NumberPadTest, DigitsUpToTheMaximumThenConfirm) {
  NumberPadModel model(NumberPadKind::Digits, 3);  // a floor
  PadScreen screen{model, {}, {}};
  ui_.Frame([&] { screen.Draw(); });
  for (const char* key : {"pad:1", "pad:2", "pad:0", "pad:5"}) TapKey(screen, key);
  EXPECT_EQ(model.text(), "120");
  TapKey(screen, "pad:backspace");
  EXPECT_EQ(model.text(), "12");
  TapKey(screen, "pad:confirm");
  EXPECT_TRUE(screen.confirmed);
  TapKey(screen, "pad:clear");
  EXPECT_EQ(model.text(), "");
}

TEST_F(NumberPadTest, TicketPadHasTheAlphabetInAGridOfBigKeys) {
  NumberPadModel model = NumberPadModel::ForTicketCode();
  PadScreen screen{model, {}, {}};
  ui_.Frame([&] { screen.Draw(); });
  for (char c : protocol::kTicketAlphabet) {
    const KeyRect* rect = screen.rects.Find(std::string("pad:") + c);
    ASSERT_NE(rect, nullptr) << c;
    EXPECT_GE(rect->height(), 72.0f);
    EXPECT_GE(rect->width(), 72.0f);
  }
  EXPECT_EQ(screen.rects.Find("pad:0"), nullptr);
  EXPECT_EQ(screen.rects.Find("pad:O"), nullptr);
  // Eight columns: "2" and "A" (the ninth symbol) start consecutive rows at the same x.
  EXPECT_FLOAT_EQ(screen.rects.Find("pad:2")->min_x, screen.rects.Find("pad:A")->min_x);
  EXPECT_GT(screen.rects.Find("pad:A")->min_y, screen.rects.Find("pad:2")->min_y);

  const std::string code = *protocol::MakeTicketCode({.kiosk_number = 3, .random = 42});
  for (char c : code) {
    if (c != '-') TapKey(screen, std::string("pad:") + c);
  }
  TapKey(screen, "pad:confirm");
  EXPECT_TRUE(screen.confirmed);
  EXPECT_EQ(protocol::NormalizeTicketCode(model.text()), code);
}

}  // namespace
}  // namespace ck::input

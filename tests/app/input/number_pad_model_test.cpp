// NumberPadModel: digits with a maximum length, and the ticket-code alphabet with its check on Confirm.
#include "app/input/number_pad_model.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sync/protocol/ticket_code.h"

namespace ck::input {
namespace {

using Kind = NumberPadAction::Kind;

void Press(NumberPadModel& pad, std::string_view symbols) {
  for (char c : symbols) pad.Apply(NumberPadAction::Symbol(c));
}

TEST(NumberPadModelTest, DigitsStopAtMaxLength) {
  NumberPadModel pad(NumberPadKind::Digits, 11);  // a mobile number
  Press(pad, "138001380001234");
  EXPECT_EQ(pad.text(), "13800138000");
  EXPECT_TRUE(pad.state().full);
  pad.Apply(NumberPadAction::Of(Kind::Backspace));
  EXPECT_EQ(pad.text(), "1380013800");
  EXPECT_FALSE(pad.state().full);
  pad.Apply(NumberPadAction::Of(Kind::Clear));
  EXPECT_EQ(pad.text(), "");
}

TEST(NumberPadModelTest, DigitsPadRefusesLetters) {
  NumberPadModel pad(NumberPadKind::Digits, 4);
  Press(pad, "1A2");
  EXPECT_EQ(pad.text(), "12");
  EXPECT_TRUE(pad.Apply(NumberPadAction::Of(Kind::Confirm)).confirmed);
  EXPECT_FALSE(pad.Apply(NumberPadAction::Of(Kind::Backspace)).confirmed) << "confirmed is one-shot";
}

TEST(NumberPadModelTest, TicketPadShowsExactlyTheTicketAlphabet) {
  NumberPadModel pad = NumberPadModel::ForTicketCode();
  std::string on_keys;
  for (const PadRow& row : pad.rows()) {
    for (const PadKey& key : row) {
      if (key.action.kind == Kind::Symbol) on_keys += key.action.symbol;
    }
  }
  EXPECT_EQ(on_keys, protocol::kTicketAlphabet);
  for (char banned : std::string("01OI")) EXPECT_EQ(on_keys.find(banned), std::string::npos) << banned;
}

TEST(NumberPadModelTest, TicketPadRefusesAmbiguousSymbolsAndUpcases) {
  NumberPadModel pad = NumberPadModel::ForTicketCode();
  Press(pad, "0O1Ik7m");
  EXPECT_EQ(pad.text(), "K7M");
}

TEST(NumberPadModelTest, TicketConfirmChecksTheCode) {
  const std::string code = *protocol::MakeTicketCode({.kiosk_number = 7, .random = 12345});
  std::string symbols;
  for (char c : code) {
    if (c != '-') symbols += c;
  }
  ASSERT_EQ(symbols.size(), protocol::kTicketSymbols);

  NumberPadModel pad = NumberPadModel::ForTicketCode();
  Press(pad, symbols);
  Press(pad, "Z");  // past the maximum: ignored
  EXPECT_EQ(pad.text(), symbols);
  EXPECT_TRUE(pad.Apply(NumberPadAction::Of(Kind::Confirm)).confirmed);

  // One wrong symbol: the check character catches it and Confirm is refused.
  pad.Apply(NumberPadAction::Of(Kind::Backspace));
  const char wrong = symbols.back() == 'Z' ? 'Y' : 'Z';
  pad.Apply(NumberPadAction::Symbol(wrong));
  const NumberPadState& state = pad.Apply(NumberPadAction::Of(Kind::Confirm));
  EXPECT_FALSE(state.confirmed);
  EXPECT_TRUE(state.rejected);
}

TEST(NumberPadModelTest, KeyNamesAreUnique) {
  for (NumberPadKind kind : {NumberPadKind::Digits, NumberPadKind::TicketCode}) {
    NumberPadModel pad(kind, 8);
    std::set<std::string> names;
    for (const PadRow& row : pad.rows()) {
      for (const PadKey& key : row) EXPECT_TRUE(names.insert(key.name).second) << key.name;
    }
  }
}

}  // namespace
}  // namespace ck::input

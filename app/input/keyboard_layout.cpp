// The on-screen keyboard's keys, per mode: what each key does, its stable name and its label.
#include "app/input/keyboard_layout.h"

#include <cctype>
#include <string_view>

namespace ck::input {
namespace {

using Kind = KeyAction::Kind;

KeySpec CharKey(char c, float width = 1.0f) {
  // Capitals on the keycaps read better at arm's length; what is typed stays lower case.
  const char shown = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return KeySpec{KeyAction::Char(c), std::string("key:") + c, std::string(1, shown), nullptr, width};
}

KeySpec WordKey(Kind kind, const char* name, const char* label_key, float width) {
  return KeySpec{KeyAction::Of(kind), name, {}, label_key, width};
}

KeyRow CharRow(std::string_view chars, float width = 1.0f) {
  KeyRow row;
  for (char c : chars) row.push_back(CharKey(c, width));
  return row;
}

std::vector<KeyRow> LetterLayout(KeyboardMode mode, bool chinese_available) {
  std::vector<KeyRow> rows = {CharRow("1234567890"), CharRow("qwertyuiop"), CharRow("asdfghjkl"),
                              CharRow("zxcvbnm")};
  rows[3].push_back(WordKey(Kind::Backspace, "key:backspace", kLabelBackspace, 2.0f));
  KeyRow bottom;
  float space_width = 5.0f;
  if (chinese_available) {
    bottom.push_back(WordKey(Kind::ToggleLanguage, "key:language",
                             mode == KeyboardMode::Chinese ? kLabelToEnglish : kLabelToChinese, 1.5f));
  } else {
    space_width += 1.5f;
  }
  bottom.push_back(WordKey(Kind::ToggleDigits, "key:digits", kLabelToDigits, 1.5f));
  bottom.push_back(WordKey(Kind::Space, "key:space", kLabelSpace, space_width));
  bottom.push_back(WordKey(Kind::Confirm, "key:confirm", kLabelConfirm, 2.0f));
  rows.push_back(std::move(bottom));
  return rows;
}

// A phone-style block of big digits, for residents who find the top row of a full keyboard too small.
std::vector<KeyRow> DigitLayout() {
  std::vector<KeyRow> rows = {CharRow("123", 2.0f), CharRow("456", 2.0f), CharRow("789", 2.0f)};
  KeyRow last;
  last.push_back(WordKey(Kind::ToggleDigits, "key:letters", kLabelToLetters, 2.0f));
  last.push_back(CharKey('0', 2.0f));
  last.push_back(WordKey(Kind::Backspace, "key:backspace", kLabelBackspace, 2.0f));
  rows.push_back(std::move(last));
  rows.push_back({WordKey(Kind::Space, "key:space", kLabelSpace, 4.0f),
                  WordKey(Kind::Confirm, "key:confirm", kLabelConfirm, 2.0f)});
  return rows;
}

}  // namespace

const std::vector<KeyRow>& LayoutFor(KeyboardMode mode, bool chinese_available) {
  static const std::vector<KeyRow> chinese = LetterLayout(KeyboardMode::Chinese, true);
  static const std::vector<KeyRow> english = LetterLayout(KeyboardMode::English, true);
  static const std::vector<KeyRow> english_only = LetterLayout(KeyboardMode::English, false);
  static const std::vector<KeyRow> digits = DigitLayout();
  switch (mode) {
    case KeyboardMode::Chinese:
      return chinese_available ? chinese : english_only;
    case KeyboardMode::English:
      return chinese_available ? english : english_only;
    case KeyboardMode::Digits:
      return digits;
  }
  return english_only;
}

}  // namespace ck::input

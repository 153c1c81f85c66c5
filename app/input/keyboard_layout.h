// The on-screen keyboard's keys, per mode: what each key does, its stable name and its label.
#pragma once

#include <string>
#include <vector>

namespace ck::input {

enum class KeyboardMode { Chinese, English, Digits };

// What a tap asks for. Taps become actions; KeyboardModel::Apply turns them into a new state.
struct KeyAction {
  enum class Kind {
    Character,        // `character`: 'a'..'z' or '0'..'9'
    Space,            // while composing: choose the highlighted candidate
    Backspace,        // last pinyin letter while composing, else the last code point of the text
    ToggleLanguage,   // 中 ⇄ 英
    ToggleDigits,     // letters ⇄ the big digit layout
    Confirm,          // done with this field
    SelectCandidate,  // `index` on the current page
    NextPage,
    PrevPage,
  };
  Kind kind = Kind::Character;
  char character = 0;
  int index = 0;

  static KeyAction Char(char c) { return {Kind::Character, c, 0}; }
  static KeyAction Candidate(int i) { return {Kind::SelectCandidate, 0, i}; }
  static KeyAction Of(Kind kind) { return {kind, 0, 0}; }
  bool operator==(const KeyAction&) const = default;
};

struct KeySpec {
  KeyAction action;
  std::string name;                 // stable, for tests and the rect registry: "key:a", "key:backspace"
  std::string label;                // shown as is: letters and digits
  const char* label_key = nullptr;  // when set, a word: shown through the caller's translation lookup
  float width = 1.0f;               // in letter-key widths; a full row is 10
};
using KeyRow = std::vector<KeySpec>;

// Rows for `mode`, top to bottom. Without a working pinyin engine there is no 中/英 key.
// The tables are built once; the reference stays valid for the life of the process.
const std::vector<KeyRow>& LayoutFor(KeyboardMode mode, bool chinese_available);

// Translation keys of the word labels, for whoever keeps the translation files complete.
inline constexpr const char* kLabelSpace = "keyboard.space";
inline constexpr const char* kLabelBackspace = "keyboard.backspace";
inline constexpr const char* kLabelConfirm = "keyboard.confirm";
inline constexpr const char* kLabelToEnglish = "keyboard.switch_to_english";
inline constexpr const char* kLabelToChinese = "keyboard.switch_to_chinese";
inline constexpr const char* kLabelToDigits = "keyboard.switch_to_digits";
inline constexpr const char* kLabelToLetters = "keyboard.switch_to_letters";

}  // namespace ck::input

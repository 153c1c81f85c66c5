// KeyboardModel: the on-screen keyboard as a plain state machine (no ImGui, no rime): actions in, state out.
#include "app/input/keyboard_model.h"

#include <utility>

#include "app/input/utf8_edit.h"

namespace ck::input {

KeyboardModel::KeyboardModel(PinyinInput* pinyin, std::size_t max_codepoints, std::string initial_text)
    : pinyin_(pinyin),
      max_codepoints_(max_codepoints),
      letter_mode_(pinyin != nullptr ? KeyboardMode::Chinese : KeyboardMode::English) {
  state_.mode = letter_mode_;
  Reset(std::move(initial_text));
}

void KeyboardModel::Reset(std::string text) {
  if (pinyin_ != nullptr) pinyin_->Clear();
  state_.pinyin = {};
  state_.text = std::string(PrefixOfCodepoints(text, max_codepoints_));
  state_.full = CodepointCount(state_.text) >= max_codepoints_;
  state_.confirmed = false;
}

void KeyboardModel::StartIn(KeyboardMode letter_mode) {
  FinishComposition();
  letter_mode_ = letter_mode == KeyboardMode::Chinese && pinyin_ != nullptr ? KeyboardMode::Chinese
                                                                            : KeyboardMode::English;
  state_.mode = letter_mode_;
}

const KeyboardState& KeyboardModel::Apply(const KeyAction& action) {
  using Kind = KeyAction::Kind;
  state_.confirmed = false;
  switch (action.kind) {
    case Kind::Character:
      TypeCharacter(action.character);
      break;
    case Kind::Space:
      Space();
      break;
    case Kind::Backspace:
      Backspace();
      break;
    case Kind::ToggleLanguage:
      if (pinyin_ == nullptr) break;
      FinishComposition();
      letter_mode_ = letter_mode_ == KeyboardMode::Chinese ? KeyboardMode::English : KeyboardMode::Chinese;
      state_.mode = letter_mode_;
      break;
    case Kind::ToggleDigits:
      FinishComposition();
      state_.mode = state_.mode == KeyboardMode::Digits ? letter_mode_ : KeyboardMode::Digits;
      break;
    case Kind::Confirm:
      // Confirm never throws typing away: open letters go in as typed.
      FinishComposition();
      state_.confirmed = true;
      break;
    case Kind::SelectCandidate:
      SelectCandidate(action.index);
      break;
    case Kind::NextPage:
      if (composing() && !state_.pinyin.is_last_page) TakePinyin(pinyin_->NextPage());
      break;
    case Kind::PrevPage:
      if (composing() && state_.pinyin.page > 0) TakePinyin(pinyin_->PrevPage());
      break;
  }
  state_.full = CodepointCount(state_.text) >= max_codepoints_;
  return state_;
}

void KeyboardModel::TypeCharacter(char c) {
  const bool letter = c >= 'a' && c <= 'z';
  const bool digit = c >= '0' && c <= '9';
  if (!letter && !digit) return;
  if (state_.full) return;
  if (letter && state_.mode == KeyboardMode::Chinese && pinyin_ != nullptr) {
    TakePinyin(pinyin_->PressLetter(c));
    return;
  }
  // A digit ends a composition first, so the text keeps the order in which things were typed.
  FinishComposition();
  Append(std::string_view(&c, 1));
}

void KeyboardModel::Backspace() {
  if (composing()) {
    TakePinyin(pinyin_->Backspace());
    return;
  }
  PopLastCodepoint(state_.text);
}

void KeyboardModel::Space() {
  if (composing()) {
    SelectCandidate(state_.pinyin.highlighted);
    return;
  }
  Append(" ");
}

void KeyboardModel::SelectCandidate(int index) {
  if (!composing() || index < 0 || index >= static_cast<int>(state_.pinyin.candidates.size())) return;
  std::string committed = pinyin_->SelectCandidate(index);
  Append(committed);
  TakePinyin(pinyin_->State());
}

void KeyboardModel::FinishComposition() {
  if (!composing()) return;
  Append(pinyin_->CommitRaw());
  state_.pinyin = {};
}

void KeyboardModel::Append(std::string_view text) {
  const std::size_t used = CodepointCount(state_.text);
  if (used >= max_codepoints_) return;
  state_.text += PrefixOfCodepoints(text, max_codepoints_ - used);
}

void KeyboardModel::TakePinyin(PinyinState state) {
  Append(state.committed);
  state.committed.clear();
  state_.pinyin = std::move(state);
}

}  // namespace ck::input

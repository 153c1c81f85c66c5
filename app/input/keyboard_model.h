// KeyboardModel: the on-screen keyboard as a plain state machine (no ImGui, no rime): actions in, state out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/input/keyboard_layout.h"
#include "app/input/pinyin_state.h"

namespace ck::input {

struct KeyboardState {
  KeyboardMode mode = KeyboardMode::Chinese;
  std::string text;    // UTF-8, at most max_codepoints code points
  PinyinState pinyin;  // the composition and candidate page; empty outside Chinese mode
  bool full = false;   // text is at its maximum: letters and digits are refused until something is deleted
  bool confirmed = false;  // true only in the state returned for the Confirm action
};

class KeyboardModel {
 public:
  // `pinyin` may be null (rime failed to start): the keyboard then offers English and digits only.
  // The engine must outlive the model; the model is its only user while it lives.
  KeyboardModel(PinyinInput* pinyin, std::size_t max_codepoints, std::string initial_text = {});

  const KeyboardState& Apply(const KeyAction& action);

  const KeyboardState& state() const { return state_; }
  const std::string& text() const { return state_.text; }
  KeyboardMode mode() const { return state_.mode; }
  bool chinese_available() const { return pinyin_ != nullptr; }
  std::size_t max_codepoints() const { return max_codepoints_; }
  const std::vector<KeyRow>& rows() const { return LayoutFor(state_.mode, chinese_available()); }

  // For the idle wipe and for reusing one keyboard across form fields: drops text and composition.
  void Reset(std::string text = {});
  // Which letters a fresh keyboard types: pinyin for a Chinese screen, plain letters for an English one
  // (falls back to letters without a pinyin engine). Leaves the text alone.
  void StartIn(KeyboardMode letter_mode);

 private:
  bool composing() const { return state_.pinyin.composing(); }
  void TypeCharacter(char c);
  void Backspace();
  void Space();
  void SelectCandidate(int index);
  // Ends any composition, keeping what the resident typed (chosen Hanzi and open letters).
  void FinishComposition();
  void Append(std::string_view text);
  void TakePinyin(PinyinState state);

  PinyinInput* pinyin_;
  std::size_t max_codepoints_;
  KeyboardMode letter_mode_;  // where the digits key returns to
  KeyboardState state_;
};

}  // namespace ck::input

// LazyPinyinInput: forwards to the real engine once it has been opened on first use.
#include "app/input/lazy_pinyin_input.h"
#include "sync/protocol/journal_log.h"

#include <cstdio>

namespace ck::input {

PinyinInput* LazyPinyinInput::Engine() {
  if (!tried_) {
    tried_ = true;
    auto opened = open_();
    if (opened)
      engine_ = std::move(opened).value();
    else
      log::Warning("community-kiosk: pinyin input unavailable: %s", opened.error().c_str());
  }
  return engine_.get();
}

PinyinState LazyPinyinInput::PressLetter(char letter) {
  if (PinyinInput* e = Engine()) return e->PressLetter(letter);
  PinyinState typed;
  typed.committed = std::string(1, letter);
  return typed;
}

PinyinState LazyPinyinInput::Backspace() {
  return Engine() ? engine_->Backspace() : PinyinState{};
}
PinyinState LazyPinyinInput::NextPage() {
  return Engine() ? engine_->NextPage() : PinyinState{};
}
PinyinState LazyPinyinInput::PrevPage() {
  return Engine() ? engine_->PrevPage() : PinyinState{};
}
std::string LazyPinyinInput::SelectCandidate(int index) {
  return Engine() ? engine_->SelectCandidate(index) : std::string();
}
std::string LazyPinyinInput::CommitRaw() {
  return Engine() ? engine_->CommitRaw() : std::string();
}

// Clearing or reading the state before anyone typed must not open the engine.
void LazyPinyinInput::Clear() {
  if (engine_) engine_->Clear();
}
PinyinState LazyPinyinInput::State() {
  return engine_ ? engine_->State() : PinyinState{};
}

}  // namespace ck::input

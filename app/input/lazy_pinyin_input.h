// LazyPinyinInput: opens the pinyin engine on the first keystroke, so an idle kiosk never holds librime.
#pragma once

#include <functional>
#include <memory>

#include "app/input/pinyin_engine.h"
#include "app/input/pinyin_state.h"

namespace ck::input {

// Most residents never type: librime's schema and dictionaries cost ~3 MB of resident memory, and opening
// them takes ~15 ms, once, when someone first types. If opening fails the letters are passed through as
// typed (as `committed`), so the keyboard still works as a plain Latin keyboard.
class LazyPinyinInput : public PinyinInput {
 public:
  using Opener = std::function<Result<std::unique_ptr<PinyinEngine>>()>;
  explicit LazyPinyinInput(Opener open) : open_(std::move(open)) {}

  PinyinState PressLetter(char letter) override;
  PinyinState Backspace() override;
  PinyinState NextPage() override;
  PinyinState PrevPage() override;
  std::string SelectCandidate(int index_on_page) override;
  std::string CommitRaw() override;
  void Clear() override;
  PinyinState State() override;

 private:
  PinyinInput* Engine();  // opens on first call; null when opening failed

  Opener open_;
  bool tried_ = false;
  std::unique_ptr<PinyinEngine> engine_;
};

}  // namespace ck::input

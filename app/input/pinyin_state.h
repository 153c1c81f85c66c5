// PinyinState and PinyinInput: what the keyboard needs from a pinyin engine, free of rime and ImGui types.
#pragma once

#include <string>
#include <vector>

namespace ck::input {

// One snapshot of the composition: the letters being typed and the current page of candidates.
struct PinyinState {
  std::string preedit;  // as the engine formats it, e.g. "she qu"; may hold already chosen Hanzi
  std::vector<std::string> candidates;  // this page only
  int page = 0;
  bool is_last_page = true;
  int highlighted = 0;
  // Text the last action committed by itself (rime may commit on a key); the caller appends it.
  std::string committed;

  bool composing() const { return !preedit.empty(); }
};

// The narrow interface KeyboardModel drives, so its tests can use a fake and the app the real engine.
class PinyinInput {
 public:
  virtual ~PinyinInput() = default;
  virtual PinyinState PressLetter(char letter) = 0;  // 'a'..'z'
  virtual PinyinState Backspace() = 0;               // removes the last letter of the composition
  virtual PinyinState NextPage() = 0;
  virtual PinyinState PrevPage() = 0;
  // Chooses a candidate of the current page. Returns the text committed by this choice, which is empty
  // when the candidate covers only part of the letters: the rest stays in the composition.
  virtual std::string SelectCandidate(int index_on_page) = 0;
  // Ends the composition by committing what is shown (chosen Hanzi plus the letters not yet converted).
  virtual std::string CommitRaw() = 0;
  virtual void Clear() = 0;
  virtual PinyinState State() = 0;
};

}  // namespace ck::input

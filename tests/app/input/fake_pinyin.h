// FakePinyin: a tiny scripted PinyinInput, so KeyboardModel's tests do not depend on rime's dictionary.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/input/pinyin_state.h"

namespace ck::input {

// Knows a few whole-word spellings; pages are three candidates long. Choosing a candidate commits it
// and ends the composition, except "partial" candidates ("社" for "shequ"), which leave "qu" open.
class FakePinyin final : public PinyinInput {
 public:
  PinyinState PressLetter(char letter) override {
    letters_ += letter;
    page_ = 0;
    return State();
  }
  PinyinState Backspace() override {
    if (!letters_.empty()) letters_.pop_back();
    if (letters_.empty()) chosen_.clear();
    page_ = 0;
    return State();
  }
  PinyinState NextPage() override {
    if (!State().is_last_page) ++page_;
    return State();
  }
  PinyinState PrevPage() override {
    if (page_ > 0) --page_;
    return State();
  }
  std::string SelectCandidate(int index) override {
    const PinyinState state = State();
    if (index < 0 || index >= static_cast<int>(state.candidates.size())) return {};
    const std::string choice = state.candidates[static_cast<size_t>(index)];
    if (choice == "社" && letters_ == "shequ") {
      chosen_ = "社";
      letters_ = "qu";
      page_ = 0;
      return {};
    }
    const std::string committed = chosen_ + choice;
    Clear();
    return committed;
  }
  std::string CommitRaw() override {
    std::string text = chosen_ + letters_;
    Clear();
    return text;
  }
  void Clear() override {
    letters_.clear();
    chosen_.clear();
    page_ = 0;
  }
  PinyinState State() override {
    PinyinState state;
    if (letters_.empty()) return state;
    state.preedit = chosen_ + letters_;
    std::vector<std::string> all = {"[" + letters_ + "]"};
    if (auto it = kWords.find(letters_); it != kWords.end()) all = it->second;
    const size_t begin = static_cast<size_t>(page_) * kPageSize;
    for (size_t i = begin; i < all.size() && i < begin + kPageSize; ++i) state.candidates.push_back(all[i]);
    state.page = page_;
    state.is_last_page = begin + kPageSize >= all.size();
    return state;
  }

 private:
  static constexpr size_t kPageSize = 3;
  inline static const std::map<std::string, std::vector<std::string>> kWords = {
      {"shequ", {"社区", "摄取", "设区", "社", "射"}},
      {"qu", {"区", "去", "取"}},
      {"ni", {"你", "泥", "尼"}},
  };
  std::string letters_;
  std::string chosen_;
  int page_ = 0;
};

}  // namespace ck::input

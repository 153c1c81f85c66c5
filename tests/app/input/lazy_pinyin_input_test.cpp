// LazyPinyinInput: nothing is opened until someone types, and a failed open still lets letters through.
#include "app/input/lazy_pinyin_input.h"

#include <gtest/gtest.h>

namespace ck::input {
namespace {

TEST(LazyPinyinInputTest, OpensOnTheFirstKeystrokeOnly) {
  int opens = 0;
  LazyPinyinInput lazy([&] {
    ++opens;
    return PinyinEngine::Open(CK_RIME_DEPLOYED_DIR);
  });
  lazy.Clear();
  EXPECT_FALSE(lazy.State().composing());
  EXPECT_EQ(opens, 0) << "clearing or reading an untouched keyboard must not load librime";

  for (char c : std::string("shequ")) lazy.PressLetter(c);
  EXPECT_EQ(opens, 1);
  auto state = lazy.State();
  ASSERT_FALSE(state.candidates.empty());
  int found = -1;
  for (int i = 0; i < static_cast<int>(state.candidates.size()); ++i)
    if (state.candidates[i] == "社区") found = i;
  ASSERT_GE(found, 0);
  EXPECT_EQ(lazy.SelectCandidate(found), "社区");
}

TEST(LazyPinyinInputTest, AFailedOpenPassesLettersThroughAndIsNotRetriedPerKey) {
  int opens = 0;
  LazyPinyinInput lazy([&] {
    ++opens;
    return PinyinEngine::Open("/nonexistent/rime");
  });
  EXPECT_EQ(lazy.PressLetter('a').committed, "a");
  EXPECT_EQ(lazy.PressLetter('b').committed, "b");
  EXPECT_EQ(opens, 1);
  EXPECT_TRUE(lazy.SelectCandidate(0).empty());
}

}  // namespace
}  // namespace ck::input

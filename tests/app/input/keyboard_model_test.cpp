// KeyboardModel with a fake engine: modes, maximum length, backspace on Hanzi, the commit flow, paging.
#include "app/input/keyboard_model.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "fake_pinyin.h"

namespace ck::input {
namespace {

using Kind = KeyAction::Kind;

void Type(KeyboardModel& model, std::string_view chars) {
  for (char c : chars) model.Apply(c == ' ' ? KeyAction::Of(Kind::Space) : KeyAction::Char(c));
}

TEST(KeyboardModelTest, StartsInChineseAndComposesThroughTheEngine) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  EXPECT_EQ(model.mode(), KeyboardMode::Chinese);
  Type(model, "shequ");
  EXPECT_EQ(model.text(), "") << "letters compose, they are not text yet";
  EXPECT_EQ(model.state().pinyin.preedit, "shequ");
  ASSERT_EQ(model.state().pinyin.candidates.size(), 3u);
  EXPECT_EQ(model.state().pinyin.candidates[0], "社区");
  model.Apply(KeyAction::Candidate(0));
  EXPECT_EQ(model.text(), "社区");
  EXPECT_FALSE(model.state().pinyin.composing());
}

TEST(KeyboardModelTest, PartialChoiceKeepsComposingUntilTheRestIsChosen) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  Type(model, "shequ");
  model.Apply(KeyAction::Of(Kind::NextPage));  // 社 is on the second page
  EXPECT_EQ(model.state().pinyin.page, 1);
  EXPECT_EQ(model.state().pinyin.candidates[0], "社");
  model.Apply(KeyAction::Candidate(0));
  EXPECT_EQ(model.text(), "");
  EXPECT_EQ(model.state().pinyin.preedit, "社qu");
  model.Apply(KeyAction::Candidate(0));  // 区
  EXPECT_EQ(model.text(), "社区");
}

TEST(KeyboardModelTest, PagingStopsAtBothEnds) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  Type(model, "shequ");
  model.Apply(KeyAction::Of(Kind::PrevPage));
  EXPECT_EQ(model.state().pinyin.page, 0);
  model.Apply(KeyAction::Of(Kind::NextPage));
  model.Apply(KeyAction::Of(Kind::NextPage));
  EXPECT_EQ(model.state().pinyin.page, 1);
  EXPECT_TRUE(model.state().pinyin.is_last_page);
  model.Apply(KeyAction::Of(Kind::PrevPage));
  EXPECT_EQ(model.state().pinyin.page, 0);
}

TEST(KeyboardModelTest, SpaceChoosesTheHighlightedCandidateWhileComposing) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  Type(model, "ni ");
  EXPECT_EQ(model.text(), "你");
  Type(model, " ");
  EXPECT_EQ(model.text(), "你 ");
}

TEST(KeyboardModelTest, BackspaceDeletesPinyinLetterThenWholeHanzi) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50, "社区");
  Type(model, "ni");
  model.Apply(KeyAction::Of(Kind::Backspace));
  EXPECT_EQ(model.state().pinyin.preedit, "n");
  EXPECT_EQ(model.text(), "社区");
  model.Apply(KeyAction::Of(Kind::Backspace));
  EXPECT_FALSE(model.state().pinyin.composing());
  model.Apply(KeyAction::Of(Kind::Backspace));
  EXPECT_EQ(model.text(), "社") << "one code point, three bytes";
  model.Apply(KeyAction::Of(Kind::Backspace));
  EXPECT_EQ(model.text(), "");
  model.Apply(KeyAction::Of(Kind::Backspace));
  EXPECT_EQ(model.text(), "");
}

TEST(KeyboardModelTest, MaxLengthCountsCodepointsAndTruncatesCommits) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 3);
  Type(model, "ni");
  model.Apply(KeyAction::Candidate(0));
  Type(model, "shequ");
  model.Apply(KeyAction::Candidate(0));
  EXPECT_EQ(model.text(), "你社区");
  EXPECT_TRUE(model.state().full);
  Type(model, "ni");
  EXPECT_FALSE(model.state().pinyin.composing()) << "a full field takes no more letters";
  model.Apply(KeyAction::Of(Kind::Backspace));
  EXPECT_FALSE(model.state().full);
  Type(model, "shequ");
  model.Apply(KeyAction::Candidate(0));
  EXPECT_EQ(model.text(), "你社社") << "a commit is cut to the room left, at a code point";
}

TEST(KeyboardModelTest, InitialTextIsCutToTheMaximum) {
  KeyboardModel model(nullptr, 2, "社区服务");
  EXPECT_EQ(model.text(), "社区");
  EXPECT_TRUE(model.state().full);
}

TEST(KeyboardModelTest, EnglishModeTypesLettersDirectly) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  model.Apply(KeyAction::Of(Kind::ToggleLanguage));
  EXPECT_EQ(model.mode(), KeyboardMode::English);
  Type(model, "room 3");
  EXPECT_EQ(model.text(), "room 3");
  model.Apply(KeyAction::Of(Kind::ToggleLanguage));
  EXPECT_EQ(model.mode(), KeyboardMode::Chinese);
}

TEST(KeyboardModelTest, SwitchingModeKeepsOpenLetters) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  Type(model, "ni");
  model.Apply(KeyAction::Of(Kind::ToggleLanguage));
  EXPECT_EQ(model.text(), "ni");
  EXPECT_FALSE(model.state().pinyin.composing());
}

TEST(KeyboardModelTest, DigitsModeReturnsToThePreviousLetterMode) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  model.Apply(KeyAction::Of(Kind::ToggleLanguage));  // English
  model.Apply(KeyAction::Of(Kind::ToggleDigits));
  EXPECT_EQ(model.mode(), KeyboardMode::Digits);
  Type(model, "302");
  EXPECT_EQ(model.text(), "302");
  model.Apply(KeyAction::Of(Kind::ToggleDigits));
  EXPECT_EQ(model.mode(), KeyboardMode::English);
}

TEST(KeyboardModelTest, DigitWhileComposingCommitsLettersFirst) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  Type(model, "ni3");
  EXPECT_EQ(model.text(), "ni3");
}

TEST(KeyboardModelTest, ConfirmIsOneShotAndKeepsOpenLetters) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50);
  Type(model, "ni");
  EXPECT_TRUE(model.Apply(KeyAction::Of(Kind::Confirm)).confirmed);
  EXPECT_EQ(model.text(), "ni");
  EXPECT_FALSE(model.Apply(KeyAction::Of(Kind::Backspace)).confirmed);
}

TEST(KeyboardModelTest, WithoutAnEngineChineseIsNotOffered) {
  KeyboardModel model(nullptr, 50);
  EXPECT_FALSE(model.chinese_available());
  EXPECT_EQ(model.mode(), KeyboardMode::English);
  for (const KeyRow& row : model.rows()) {
    for (const KeySpec& key : row) EXPECT_NE(key.action.kind, Kind::ToggleLanguage);
  }
  model.Apply(KeyAction::Of(Kind::ToggleLanguage));
  EXPECT_EQ(model.mode(), KeyboardMode::English);
  Type(model, "abc");
  model.Apply(KeyAction::Candidate(0));
  EXPECT_EQ(model.text(), "abc");
}

TEST(KeyboardModelTest, ResetWipesTextAndComposition) {
  FakePinyin pinyin;
  KeyboardModel model(&pinyin, 50, "社区");
  Type(model, "ni");
  model.Reset();
  EXPECT_EQ(model.text(), "");
  EXPECT_FALSE(model.state().pinyin.composing());
  EXPECT_FALSE(pinyin.State().composing());
}

TEST(KeyboardModelTest, LayoutsHaveUniqueNamesAndRowsOfAtMostTenUnits) {
  for (KeyboardMode mode : {KeyboardMode::Chinese, KeyboardMode::English, KeyboardMode::Digits}) {
    for (bool chinese : {true, false}) {
      std::set<std::string> names;
      for (const KeyRow& row : LayoutFor(mode, chinese)) {
        float units = 0;
        for (const KeySpec& key : row) {
          EXPECT_TRUE(names.insert(key.name).second) << key.name;
          EXPECT_TRUE(key.label_key != nullptr || !key.label.empty()) << key.name;
          units += key.width;
        }
        EXPECT_LE(units, 10.0f);
      }
    }
  }
}

}  // namespace
}  // namespace ck::input

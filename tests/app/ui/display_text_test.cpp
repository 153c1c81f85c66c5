// Display text: characters ImGui 1.86 cannot draw are substituted with 〓, never dropped or crashed on.
#include "app/ui/text/display_text.h"

#include <gtest/gtest.h>

namespace ck::ui {
namespace {

TEST(DisplayTextTest, KeepsBmpTextAsItIs) {
  const DisplayText t = MakeDisplayText("停水通知 Notice，12:00");
  EXPECT_EQ(t.utf8, "停水通知 Notice，12:00");
  EXPECT_EQ(t.codepoints.size(), 17u);
  EXPECT_EQ(t.byte_offsets.size(), t.codepoints.size() + 1);
  EXPECT_EQ(t.byte_offsets.back(), t.utf8.size());
}

TEST(DisplayTextTest, SubstitutesCharactersOutsideTheBmpOneForOne) {
  const DisplayText t = MakeDisplayText("\xF0\xA0\xAE\xB7野家 \xF0\x9F\x8D\x9C");  // 𠮷野家 🍜
  ASSERT_EQ(t.codepoints.size(), 5u);
  EXPECT_EQ(t.codepoints[0], kSubstituteCodepoint);
  EXPECT_EQ(t.codepoints[1], U'野');
  EXPECT_EQ(t.codepoints[4], kSubstituteCodepoint);
  EXPECT_EQ(t.utf8, "〓野家 〓");
}

TEST(DisplayTextTest, SurvivesMalformedUtf8) {
  const std::string bad = std::string("a\xC3") + "\xFF" + "\xE4\xB8" + "b\xED\xA0\x80" + "\xF4\x90\x80\x80";
  const DisplayText t = MakeDisplayText(bad);
  EXPECT_EQ(t.codepoints.front(), U'a');
  for (char32_t c : t.codepoints) EXPECT_LE(c, 0xFFFFu);
  EXPECT_NE(t.utf8.find('b'), std::string::npos);
}

TEST(DisplayTextTest, NormalisesLineEndsAndDropsControls) {
  EXPECT_EQ(MakeDisplayText("一\r\n二\t三\x07").utf8, "一\n二 三");
}

}  // namespace
}  // namespace ck::ui

namespace ck::ui {
namespace {

// Issue 16: one digit showed as "****" and seven as "****34": the number must read as typed.
TEST(GroupPhoneDigitsTest, ShowsEveryDigitInReadingGroups) {
  EXPECT_EQ(GroupPhoneDigits(""), "");
  EXPECT_EQ(GroupPhoneDigits("1"), "1");
  EXPECT_EQ(GroupPhoneDigits("1381234"), "138 1234");
  EXPECT_EQ(GroupPhoneDigits("13812345678"), "138 1234 5678");
}

}  // namespace
}  // namespace ck::ui

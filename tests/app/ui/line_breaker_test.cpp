// The Chinese line breaker: CJK breaks, whole Latin words and numbers, kinsoku, newlines, widths.
#include "app/ui/text/line_breaker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ck::ui {
namespace {

// CJK characters 10 px wide, everything else 5 px: easy arithmetic, same shape as a real font.
float Advance(char32_t cp) {
  return IsCjk(cp) ? 10.0f : 5.0f;
}

std::vector<std::u32string> Lines(std::u32string_view text, float width) {
  std::vector<std::u32string> out;
  for (const LineSpan& l : BreakLines(text, width, Advance))
    out.emplace_back(text.substr(l.begin, l.end - l.begin));
  return out;
}

TEST(LineBreakerTest, BreaksBetweenAnyCjkCharacters) {
  EXPECT_EQ(Lines(U"一二三四五六", 30), (std::vector<std::u32string>{U"一二三", U"四五六"}));
}

TEST(LineBreakerTest, ClosingPunctuationNeverStartsALine) {
  // Greedy filling would put "，" first on line 2; kinsoku carries "二" down with it.
  const auto lines = Lines(U"一二，三四", 20);
  EXPECT_EQ(lines, (std::vector<std::u32string>{U"一", U"二，", U"三四"}));
  // Widths of four characters and more: narrower, a glued cluster such as "说：“好。”" cannot fit at all.
  for (std::u32string_view text :
       {U"甲乙丙。丁戊己、庚辛壬！癸子丑）寅卯」辰巳…午未", U"他说：“好。”然后走了。"}) {
    for (float width : {60.0f, 70.0f, 80.0f, 90.0f}) {
      for (const auto& line : Lines(text, width)) {
        ASSERT_FALSE(line.empty());
        EXPECT_FALSE(IsNoLineStart(line.front())) << "width " << width;
      }
    }
  }
}

TEST(LineBreakerTest, OpeningPunctuationNeverEndsALine) {
  EXPECT_EQ(Lines(U"一（二三", 20), (std::vector<std::u32string>{U"一", U"（二", U"三"}));
  for (float width : {30.0f, 40.0f, 50.0f, 60.0f}) {
    for (const auto& line : Lines(U"甲（乙）丙「丁」戊【己】庚《辛》壬", width)) {
      ASSERT_FALSE(line.empty());
      EXPECT_FALSE(IsNoLineEnd(line.back())) << "width " << width;
      EXPECT_FALSE(IsNoLineStart(line.front())) << "width " << width;
    }
  }
}

TEST(LineBreakerTest, KeepsLatinWordsAndNumbersWhole) {
  EXPECT_EQ(Lines(U"hello world 中文", 30), (std::vector<std::u32string>{U"hello", U"world", U"中文"}));
  // "17:00" is 25 px: it moves to the next line whole rather than splitting after "17".
  const auto lines = Lines(U"上午8:00至下午17:00", 55);
  EXPECT_EQ(lines, (std::vector<std::u32string>{U"上午8:00至", U"下午17:00"}));
}

TEST(LineBreakerTest, SplitsAWordWiderThanTheLine) {
  EXPECT_EQ(Lines(U"abcdefghij", 20), (std::vector<std::u32string>{U"abcd", U"efgh", U"ij"}));
}

TEST(LineBreakerTest, HonoursNewlinesAndKeepsBlankLines) {
  EXPECT_EQ(Lines(U"一\n二", 100), (std::vector<std::u32string>{U"一", U"二"}));
  EXPECT_EQ(Lines(U"一\n\n二", 100), (std::vector<std::u32string>{U"一", U"", U"二"}));
  EXPECT_EQ(Lines(U"一\n", 100), (std::vector<std::u32string>{U"一"}));
  EXPECT_EQ(Lines(U"", 100).size(), 1u);
}

TEST(LineBreakerTest, DropsSpacesAtBreaks) {
  EXPECT_EQ(Lines(U"aaaa bbbb", 25), (std::vector<std::u32string>{U"aaaa", U"bbbb"}));
}

TEST(LineBreakerTest, LinesFitTheWidthAndCoverTheText) {
  const std::u32string text =
      U"尊敬的业主：\n因市政供水管网改造，3号楼、5号楼将于本周六（上午8:00至下午17:"
      U"00）暂停供水。请各位业主提前做好储水准备，"
      U"停水期间请关闭家中水龙头，以免恢复供水时跑水。如遇特殊困难，请拨打物业服务中心电话（0571-8888 "
      U"6666）。";
  for (float width : {60.0f, 75.0f, 120.0f, 333.0f}) {
    const auto spans = BreakLines(text, width, Advance);
    std::size_t covered = 0;
    for (const LineSpan& l : spans) {
      float w = 0;
      for (std::size_t i = l.begin; i < l.end; ++i) w += Advance(text[i]);
      EXPECT_LE(w, width);
      EXPECT_FLOAT_EQ(w, l.width);
      EXPECT_GE(l.begin, covered);
      covered = l.end;
      if (l.end > l.begin) {
        EXPECT_FALSE(IsNoLineStart(text[l.begin])) << "width " << width;
        EXPECT_FALSE(IsNoLineEnd(text[l.end - 1])) << "width " << width;
      }
    }
    // Nothing but spaces and newlines is skipped.
    std::u32string joined;
    for (const LineSpan& l : spans) joined += text.substr(l.begin, l.end - l.begin);
    std::u32string expected;
    for (char32_t c : text)
      if (c != '\n' && c != ' ') expected += c;
    std::u32string joined_no_spaces;
    for (char32_t c : joined)
      if (c != ' ') joined_no_spaces += c;
    EXPECT_EQ(joined_no_spaces, expected);
  }
}

}  // namespace
}  // namespace ck::ui

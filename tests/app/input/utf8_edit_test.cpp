// UTF-8 editing: counting and deleting by code point, so a Hanzi is never cut in half.
#include "app/input/utf8_edit.h"

#include <gtest/gtest.h>

#include <string>

namespace ck::input {
namespace {

TEST(Utf8EditTest, CountsCodepointsNotBytes) {
  EXPECT_EQ(CodepointCount(""), 0u);
  EXPECT_EQ(CodepointCount("ab"), 2u);
  EXPECT_EQ(CodepointCount("社区a"), 3u);
  EXPECT_EQ(CodepointCount("𠮷"), 1u);
}

TEST(Utf8EditTest, PopRemovesOneWholeCodepoint) {
  std::string text = "a社𠮷";
  PopLastCodepoint(text);
  EXPECT_EQ(text, "a社");
  PopLastCodepoint(text);
  EXPECT_EQ(text, "a");
  PopLastCodepoint(text);
  EXPECT_EQ(text, "");
  PopLastCodepoint(text);
  EXPECT_EQ(text, "");
}

TEST(Utf8EditTest, PrefixStopsAtACodepointBoundary) {
  EXPECT_EQ(PrefixOfCodepoints("社区服务", 2), "社区");
  EXPECT_EQ(PrefixOfCodepoints("社区", 5), "社区");
  EXPECT_EQ(PrefixOfCodepoints("社区", 0), "");
}

}  // namespace
}  // namespace ck::input

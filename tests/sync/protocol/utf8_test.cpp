// UTF-8 validation: what the hub and kiosk accept as text.
#include "sync/protocol/utf8.h"

#include <gtest/gtest.h>

namespace ck::protocol {
namespace {

TEST(Utf8Test, AcceptsChineseAndAstralCharacters) {
  EXPECT_TRUE(IsValidUtf8("停水通知"));
  EXPECT_TRUE(IsValidUtf8("𠮷"));
  EXPECT_EQ(CountCodepoints("停水a𠮷"), 4u);
}

TEST(Utf8Test, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xe5\x81"));          // truncated 停
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

}  // namespace
}  // namespace ck::protocol

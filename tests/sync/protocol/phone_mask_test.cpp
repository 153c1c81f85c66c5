// MaskPhone: the one mask for the kiosk's screens and the console. The console's own copy used to show
// 2 of a 4-digit number and as many stars as the number had digits; this pins the kiosk's behaviour,
// which tells neither.
#include "sync/protocol/phone_mask.h"
#include "sync/protocol/utf8.h"

#include <gtest/gtest.h>

namespace ck::protocol {
namespace {

TEST(PhoneMaskTest, ThreeAndFourDigitsOfALongNumberAndAlwaysFourStars) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("02161234567"), "021****4567");
  EXPECT_EQ(MaskPhone("0086138123456789"), "008****6789") << "the length is not shown";
  EXPECT_EQ(MaskPhone("12345678"), "123****5678");
}

TEST(PhoneMaskTest, ShortNumbersShowAtMostTheLastTwo) {
  EXPECT_EQ(MaskPhone("1234567"), "****67");
  EXPECT_EQ(MaskPhone("12345"), "****45");
  EXPECT_EQ(MaskPhone("1234"), "****");
  EXPECT_EQ(MaskPhone("1"), "****");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(Utf8ClipTest, ClipsWholeCodepointsAndMarksTheCut) {
  EXPECT_EQ(ClipCodepoints("物业服务中心", 4), "物业服务…");
  EXPECT_EQ(ClipCodepoints("物业服务", 4), "物业服务");
  EXPECT_EQ(ClipCodepoints("abc", 0), "…");
  EXPECT_EQ(ClipCodepoints("", 3), "");
}

}  // namespace
}  // namespace ck::protocol

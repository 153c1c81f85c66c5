// RFC 3339 parsing: offsets, fractions, and rejection of impossible dates.
#include "sync/protocol/utc_time.h"

#include <gtest/gtest.h>

namespace ck::protocol {
namespace {

TEST(UtcTimeTest, FormatsAndParsesBack) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(ParseUtc(FormatUtc(1'764'115'200)), 1'764'115'200);
}

TEST(UtcTimeTest, HonoursOffsetsAndFractions) {
  EXPECT_EQ(ParseUtc("2026-11-26T08:00:00+08:00"), ParseUtc("2026-11-26T00:00:00Z"));
  EXPECT_EQ(ParseUtc("2026-11-26T00:00:00.123Z"), ParseUtc("2026-11-26T00:00:00Z"));
}

TEST(UtcTimeTest, RejectsNonsense) {
  for (const char* s : {"", "2026-11-26", "2026-02-31T00:00:00Z", "2026-13-01T00:00:00Z",
                        "2026-11-26T00:00:00", "2026-11-26T00:00:00Zjunk", "abcd-11-26T00:00:00Z"})
    EXPECT_FALSE(ParseUtc(s).has_value()) << s;
}

}  // namespace
}  // namespace ck::protocol

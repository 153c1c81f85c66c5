// The kiosk's clock and dates: shown in the kiosk's zone (Asia/Shanghai by default), in each language's
// format.
#include "app/ui/text/local_time.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "sync/protocol/utc_time.h"

namespace ck::ui {
namespace {

TranslationSet Load() {
  auto set = LoadTranslationSet(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "i18n");
  EXPECT_TRUE(set.ok()) << set.error();
  return std::move(set).value();
}

TEST(LocalTimeTest, HomeDateAndClockInShanghai) {
  ASSERT_TRUE(SetProcessTimeZone("Asia/Shanghai"));
  const TranslationSet tr = Load();
  const auto t = *protocol::ParseUtc("2026-11-26T01:05:00Z");  // 09:05 on Thursday in Shanghai
  EXPECT_EQ(FormatLocal("format.home_date", t, tr.chinese), "11月26日 星期四");
  EXPECT_EQ(FormatLocal("format.home_date", t, tr.english), "Thursday, November 26");
  EXPECT_EQ(FormatLocal("format.time", t, tr.chinese), "09:05");
}

TEST(LocalTimeTest, TheDateTurnsAtLocalMidnightNotUtc) {
  ASSERT_TRUE(SetProcessTimeZone("Asia/Shanghai"));
  const TranslationSet tr = Load();
  const auto t = *protocol::ParseUtc("2026-11-25T16:30:00Z");  // already the 26th in Shanghai
  EXPECT_EQ(FormatLocal("format.datetime", t, tr.chinese), "2026年11月26日 00:30");
  ASSERT_TRUE(SetProcessTimeZone("UTC"));
  EXPECT_EQ(FormatLocal("format.datetime", t, tr.chinese), "2026年11月25日 16:30");
  SetProcessTimeZone("Asia/Shanghai");
}

TEST(LocalTimeTest, UnknownZoneIsReportedAndFallsBackToUtc) {
  EXPECT_FALSE(SetProcessTimeZone("Mars/Olympus_Mons"));
  EXPECT_EQ(ToLocalTime(0).hour, 0);
  SetProcessTimeZone("Asia/Shanghai");
}

TEST(LocalTimeTest, WakesAtTheNextMinute) {
  EXPECT_EQ(SecondsToNextMinute(120), 60);
  EXPECT_EQ(SecondsToNextMinute(121), 59);
  EXPECT_EQ(SecondsToNextMinute(179), 1);
}

}  // namespace
}  // namespace ck::ui

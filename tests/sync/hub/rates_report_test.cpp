// The 三率 report around the store: month ranges in Shanghai time, a zero-filled grid, percentages, CSV,
// and the QR SVG the receipt prints.
#include "sync/hub/rules/rates_report.h"

#include <gtest/gtest.h>

#include "sync/hub/pages/qr_svg.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

TEST(RatesReportTest, ShanghaiMonthsStartAtEightUtcTheDayBefore) {
  auto nov = ShanghaiMonthRange("2026-11");
  ASSERT_TRUE(nov);
  EXPECT_EQ(nov->first, *protocol::ParseUtc("2026-10-31T16:00:00Z"));
  EXPECT_EQ(nov->second, *protocol::ParseUtc("2026-11-30T16:00:00Z"));
  auto dec = ShanghaiMonthRange("2026-12");
  EXPECT_EQ(dec->second, *protocol::ParseUtc("2026-12-31T16:00:00Z"));
  EXPECT_FALSE(ShanghaiMonthRange("2026-13"));
  EXPECT_FALSE(ShanghaiMonthRange("2026/11"));
  EXPECT_FALSE(ShanghaiMonthRange("'; DROP"));
  EXPECT_EQ(ShanghaiMonthOf(*protocol::ParseUtc("2026-10-31T16:00:00Z")), "2026-11");
  EXPECT_EQ(ShanghaiMonthOf(*protocol::ParseUtc("2026-10-31T15:59:59Z")), "2026-10");
}

TEST(RatesReportTest, TwelveMonthsZeroFilledWithCountsPercentagesAndCsv) {
  testing::TempDir dir;
  auto repo = std::move(SqliteHubRepository::Open(dir.File("hub.db"))).value();
  protocol::UnixSeconds filed = *protocol::ParseUtc("2026-11-10T02:00:00Z");
  auto a = testing::FileRequest(*repo, testing::SampleSubmission(), filed);
  auto b = testing::FileRequest(*repo, testing::SampleSubmission(), filed);
  AssignOrder o;
  o.agency = protocol::Agency::PropertyCompany;
  o.responsible = "物业 王师傅";
  ASSERT_TRUE(DispatchRequest(*repo, a.status.service_request_id, o, protocol::Agency::StreetOffice, filed + 3600).ok());
  ASSERT_TRUE(DispatchRequest(*repo, b.status.service_request_id, o, protocol::Agency::StreetOffice, filed + 2 * 86400).ok());
  protocol::UnixSeconds now = *protocol::ParseUtc("2026-11-20T00:00:00Z");

  auto report = BuildRatesReport(*repo, "2026-11", 12, std::nullopt, now);
  ASSERT_TRUE(report.ok()) << report.error();
  ASSERT_EQ(report->months.size(), 12u);
  EXPECT_EQ(report->months.front(), "2025-12");
  EXPECT_EQ(report->months.back(), "2026-11");
  ASSERT_EQ(report->rows.size(), 36u);
  const PartyMonthRates& p = report->rows[12 + 11];  // property company, November
  EXPECT_EQ(p.party, protocol::Agency::PropertyCompany);
  EXPECT_EQ(p.tickets, 2);
  EXPECT_EQ(p.response_ok, 1);
  EXPECT_EQ(p.response_due, 2);
  EXPECT_EQ(Percent(p.response_ok, p.response_due), "50.0%");
  EXPECT_EQ(Percent(0, 0), "—");
  std::string csv = RatesCsv(*report);
  EXPECT_EQ(csv.rfind("party,month,tickets,response_ok,response_due,response_rate,", 0), 0u);
  EXPECT_NE(csv.find("property_company,2026-11,2,1,2,0.5000,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("street_office,2026-01,0,0,0,,0,0,,0,0,,0,0,0,0\r\n"), std::string::npos) << csv;

  EXPECT_FALSE(BuildRatesReport(*repo, "2026-11", 0, std::nullopt, now).ok());
  EXPECT_FALSE(BuildRatesReport(*repo, "junk", 12, std::nullopt, now).ok());
  auto phone = BuildRatesReport(*repo, "", 1, Channel::Phone, now);
  ASSERT_TRUE(phone.ok());
  EXPECT_EQ(phone->months, std::vector<std::string>{"2026-11"});
  for (const auto& r : phone->rows) EXPECT_EQ(r.tickets, 0);
}

TEST(QrSvgTest, EncodesAsOnePathAndEscapesItsLabel) {
  auto svg = QrSvg("http://hub.example/t/K7M4-XQ9R", 200, "<编号>");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->rfind("<svg ", 0), 0u);
  EXPECT_NE(svg->find("width=\"200\""), std::string::npos);
  EXPECT_NE(svg->find("aria-label=\"&lt;编号&gt;\""), std::string::npos);
  EXPECT_NE(svg->find("h1v1h-1z"), std::string::npos);
  EXPECT_FALSE(QrSvg(std::string(8000, 'x'), 200, "too long"));
}

}  // namespace
}  // namespace ck::hub

#include "sync/hub/api/hub_clock.h"

namespace ck::hub {
namespace {

TEST(HubClockTest, TheOffsetMovesTheWorkOrderClock) {
  SetHubClockOffset(4 * 86400);
  protocol::UnixSeconds moved = HubNow();
  EXPECT_NEAR(static_cast<double>(moved - protocol::NowUtc()), 4 * 86400.0, 2.0);
  SetHubClockOffset(0);
  EXPECT_NEAR(static_cast<double>(HubNow() - protocol::NowUtc()), 0.0, 2.0);
}

}  // namespace
}  // namespace ck::hub

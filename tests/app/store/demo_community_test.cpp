// The bundled demo community: it imports whole, shows what a real lobby would, and never overwrites data.
#include "app/store/demo_community.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "app/store/notice_repository.h"
#include "tests/app/store/store_fixture.h"

namespace ck::store::testing {
namespace {

const std::filesystem::path kDemoFile =
    std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "demo" / "community.json";

class DemoCommunityTest : public StoreTest {};

TEST_F(DemoCommunityTest, ImportsARealisticCommunity) {
  auto demo = ImportDemoCommunity(*db_, kDemoFile, kNow);
  ASSERT_TRUE(demo.ok()) << demo.error();
  EXPECT_EQ(demo->community_name, "幸福里社区");
  EXPECT_GE(demo->notices_imported, 25);

  NoticeRepository notices(*db_);
  auto live = notices.ListLive(kNow);
  EXPECT_EQ(static_cast<int>(live.size()), demo->notices_imported);
  std::set<protocol::Publisher> publishers;
  int urgent = 0, pinned = 0, expiring_within_two_days = 0;
  for (const auto& n : live) {
    publishers.insert(n.publisher);
    urgent += n.priority == protocol::Priority::Urgent;
    pinned += n.pinned;
    expiring_within_two_days += n.expires_at && *n.expires_at - kNow <= 2 * 86400;
  }
  EXPECT_EQ(publishers.size(), 4u) << "street office, property company, residents' and owners' committees";
  EXPECT_GE(urgent, 1);
  EXPECT_GE(pinned, 1);
  EXPECT_GE(expiring_within_two_days, 1);
  EXPECT_FALSE(notices.Search("停水", kNow).empty());
}

TEST_F(DemoCommunityTest, LeavesAKioskWithDataAlone) {
  NoticeRepository notices(*db_);
  ASSERT_TRUE(notices.Upsert(MakeNotice("真实的通知")).ok());
  auto demo = ImportDemoCommunity(*db_, kDemoFile, kNow);
  ASSERT_TRUE(demo.ok()) << demo.error();
  EXPECT_EQ(demo->notices_imported, 0);
  EXPECT_EQ(notices.Count(), 1);
}

TEST_F(DemoCommunityTest, ABrokenDemoFileImportsNothing) {
  auto broken = dir_ / "broken.json";
  std::ofstream(broken) << R"({"community_name":"x","notices":[
      {"id":"11111111-2222-4333-8444-555555555555","publisher":"property_company","title":"好的","published_hours_ago":1},
      {"id":"11111111-2222-4333-8444-666666666666","publisher":"mayor","title":"坏的","published_hours_ago":1}]})";
  auto demo = ImportDemoCommunity(*db_, broken, kNow);
  ASSERT_FALSE(demo.ok());
  EXPECT_NE(demo.error().find("publisher"), std::string::npos) << demo.error();
  EXPECT_EQ(NoticeRepository(*db_).Count(), 0) << "all or nothing";
  EXPECT_FALSE(ImportDemoCommunity(*db_, dir_ / "missing.json", kNow).ok());
}

}  // namespace
}  // namespace ck::store::testing

// The bundled demo community: it imports whole, shows what a real lobby would, and never overwrites data.
#include "app/store/demo_community.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <ctime>
#include <map>

#include "app/store/activity_repository.h"
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

namespace ck::store::testing {
namespace {

// The bundled demo shows the calendar offline: a weekly tai chi, the joint 街道 + 物业 monthly meeting, a
// sanitation drive, a full sign-up, a cancelled talk; a weekend day holds three activities.
class DemoActivitiesFixture : public StoreTest {};

TEST_F(DemoActivitiesFixture, ImportsTheDemoCalendar) {
  auto demo = ImportDemoCommunity(*db_, kDemoFile, kNow);
  ASSERT_TRUE(demo.ok()) << demo.error();
  EXPECT_EQ(demo->activities_imported, 8);
  ActivityRepository activities(*db_);
  const auto next_weeks = activities.Between(kNow - 86400, kNow + 35 * 86400);
  int tai_chi = 0, joint = 0, full = 0, cancelled = 0;
  std::map<std::int64_t, int> per_day;
  for (const CalendarEntry& e : next_weeks) {
    tai_chi += e.activity->title == "太极拳晨练";
    joint += e.activity->organisers.size() == 2 && e.activity->organisers[0] == protocol::Publisher::StreetOffice &&
             e.activity->organisers[1] == protocol::Publisher::PropertyCompany;
    full += e.activity->capacity > 0 && protocol::PlacesLeft(*e.activity, e.occurrence) == 0;
    cancelled += e.activity->cancelled;
    // Every local day it touches (the process's zone, as the import used): a weekend exhibition counts on
    // each of its days.
    std::set<std::int64_t> days;
    for (protocol::UnixSeconds t = e.occurrence.start; t < e.occurrence.end; t += 3600) {
      const std::time_t tt = static_cast<std::time_t>(t);
      std::tm tm{};
      localtime_r(&tt, &tm);
      days.insert((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
    }
    for (std::int64_t d : days) ++per_day[d];
  }
  EXPECT_GE(tai_chi, 8);  // twice a week
  EXPECT_GE(joint, 2);
  EXPECT_EQ(full, 1);
  EXPECT_EQ(cancelled, 1);
  int busiest = 0;
  for (const auto& [day, n] : per_day) busiest = std::max(busiest, n);
  EXPECT_GE(busiest, 3);
  // Imported once: a second import leaves the calendar as it is.
  auto again = ImportDemoCommunity(*db_, kDemoFile, kNow);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->activities_imported, 0);
}

}  // namespace
}  // namespace ck::store::testing

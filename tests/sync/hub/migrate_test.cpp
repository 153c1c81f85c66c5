// `community-hub migrate --from hub.db --to postgresql://…` as a technician runs it, against the tests'
// PostgreSQL server: a community's hub (kiosks, notices with a withdrawn one, reports through the real
// server, staff, the audit) arrives whole, reads the same through every command, goes on from where it was
// (the next notice comes after the old ones in the feed, the next kiosk takes the next number), and a second
// migrate into the now-full database is refused without touching it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "sync/hub/console/password.h"
#include "sync/hub/store/open_store.h"
#include "sync/hub/store/pg_connection.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::LineAfter;
using testing::NewHubDb;
using testing::RunHub;
using testing::ServedHub;
using testing::TempDir;

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    cluster_ = testing::PgTestCluster::Get(&why);
    if (!cluster_) {
      if (testing::PgTestCluster::Required()) FAIL() << why;
      GTEST_SKIP() << why;
    }
  }
  // A new empty database, as a postgresql:// URI.
  std::string NewDatabase() {
    auto made = cluster_->CreateDatabaseUri();
    EXPECT_TRUE(made.ok()) << made.error();
    return made.ok() ? *made : std::string();
  }
  HubRun Hub(std::vector<std::string> args) { return RunHub(dir_, std::move(args)); }
  // What a command prints, the same for either store.
  std::string Listed(std::vector<std::string> args, const std::string& db) {
    args.insert(args.end(), {"--db", db});
    HubRun r = Hub(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  testing::PgTestCluster* cluster_ = nullptr;
  TempDir dir_;
};

TEST_F(MigrateTest, AHubMovesWholeGoesOnFromWhereItWasAndIsNotMigratedTwice) {
  const std::string file = NewHubDb(dir_);
  HubRun kiosk = Hub({"kiosk", "add", "--db", file, "--name", "3号楼大堂"});
  ASSERT_EQ(kiosk.exit_code, 0) << kiosk.err;
  const std::string token = LineAfter(kiosk.out, "token: ");
  const auto kiosk_number = static_cast<std::uint32_t>(std::stoul(LineAfter(kiosk.out, "kiosk_number: ")));
  std::vector<std::string> notice_ids;
  for (const char* title : {"停水通知", "电梯检修", "消防演练"}) {
    HubRun n = Hub({"notice", "publish", "--db", file, "--title", title, "--body", "详见物业公告栏。",
                    "--publisher", "property_company"});
    ASSERT_EQ(n.exit_code, 0) << n.err;
    notice_ids.push_back(testing::Trimmed(n.out.substr(n.out.rfind('\n', n.out.size() - 2) + 1)));
  }
  ASSERT_EQ(Hub({"notice", "withdraw", "--db", file, "--id", notice_ids[1]}).exit_code, 0);
  {
    ServedHub served(file);
    ASSERT_GT(served.port(), 0);
    httplib::Client c("127.0.0.1", served.port());
    for (int i = 0; i < 3; ++i) {
      auto r = c.Post("/requests.json",
                      {{"Authorization", "Bearer " + token}, {"Idempotency-Key", protocol::NewUuid()}},
                      httplib::Params{{"service_code", "repairs"},
                                      {"description", "楼道灯不亮 " + std::to_string(i)},
                                      {"address_string", "3号楼2单元"},
                                      {"ticket_code", *protocol::DrawTicketCode(kiosk_number)}});
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 201) << r->body;
    }
  }
  {
    auto store = OpenConsoleStore(file, StoreOpen::kExisting);
    ASSERT_TRUE(store.ok()) << store.error();
    StaffAccount clerk;
    clerk.name = "wang.li";
    clerk.party = Party::PropertyCompany;
    clerk.password_hash = console::HashPassword("a-long-password", console::TestPasswordCost());
    clerk.created_at = protocol::NowUtc();
    ASSERT_TRUE((*store)->AddStaff(clerk).ok());
  }

  const std::string pg = NewDatabase();
  HubRun moved = Hub({"migrate", "--from", file, "--to", pg});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.out.find("requests: 3\n"), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("notices: 3\n"), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("staff: 1\n"), std::string::npos) << moved.out;

  // Every command reads the same from both.
  for (const auto& cmd : std::vector<std::vector<std::string>>{{"request", "list", "--json"},
                                                              {"notice", "list", "--json"},
                                                              {"kiosk", "list"},
                                                              {"staff", "list"},
                                                              {"service", "list"}})
    EXPECT_EQ(Listed(cmd, pg), Listed(cmd, file)) << cmd[0] << " " << cmd[1];
  const auto requests = nlohmann::json::parse(Listed({"request", "list", "--json"}, pg));
  ASSERT_EQ(requests.size(), 3u);
  // The copy is analysed (as autovacuum would, later): the planner knows how many rows each table holds.
  {
    auto db = pg::Connection::Open(pg);
    ASSERT_TRUE(db.ok()) << db.error();
    pg::Rows counted = (*db)->Exec("SELECT reltuples::bigint FROM pg_class WHERE relname = 'requests'");
    ASSERT_TRUE(counted.ok()) << counted.error();
    EXPECT_EQ(counted.Int(0, 0), 3) << "-1: never analysed";
  }

  // It goes on from where it was: the next notice after every old one in the feed, the next kiosk number.
  HubRun next = Hub({"notice", "publish", "--db", pg, "--title", "新通知", "--body", "正文。", "--publisher",
                     "street_office"});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  const auto notices = nlohmann::json::parse(Listed({"notice", "list", "--json"}, pg));
  std::int64_t newest_seq = 0, old_max = 0;
  for (const auto& n : notices) {
    const std::int64_t seq = n.value("seq", std::int64_t{0});
    if (n.value("title", std::string()) == "新通知") newest_seq = seq;
    else old_max = std::max(old_max, seq);
  }
  EXPECT_GT(old_max, 0);
  EXPECT_GT(newest_seq, old_max);
  HubRun second_kiosk = Hub({"kiosk", "add", "--db", pg, "--name", "5号楼大堂"});
  ASSERT_EQ(second_kiosk.exit_code, 0) << second_kiosk.err;
  EXPECT_EQ(LineAfter(second_kiosk.out, "kiosk_number: "), std::to_string(kiosk_number + 1));

  // A second migrate into the now-full database is refused and changes nothing.
  const std::string before = Listed({"request", "list", "--json"}, pg);
  HubRun again = Hub({"migrate", "--from", file, "--to", pg});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("already holds a hub"), std::string::npos) << again.err;
  EXPECT_EQ(Listed({"request", "list", "--json"}, pg), before);
}

TEST_F(MigrateTest, ADatabaseWithoutAHubIsRefusedByEveryCommandButInit) {
  const std::string pg = NewDatabase();
  HubRun listed = Hub({"kiosk", "list", "--db", pg});
  EXPECT_NE(listed.exit_code, 0);
  EXPECT_NE(listed.err.find("holds no hub yet"), std::string::npos) << listed.err;
  HubRun backup = Hub({"backup", "--db", pg, "--dir", dir_.File("backups")});
  EXPECT_NE(backup.exit_code, 0);
  EXPECT_NE(backup.err.find("pg_dump"), std::string::npos) << backup.err;
  HubRun init = Hub({"init", "--db", pg});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(Hub({"kiosk", "list", "--db", pg}).exit_code, 0);
  // A second init only brings the schema up to date.
  HubRun again = Hub({"init", "--db", pg});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already a hub database"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace ck::hub

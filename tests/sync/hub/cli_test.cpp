// Runs the built community-hub binary: publish → list → update → withdraw, kiosk registration, serve with
// a random port and a clean stop on SIGTERM, and invalid input exiting with code 2. On a SQLite file and on
// a PostgreSQL database (CK_STORE_BACKENDS).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "sync/hub/store/pg_connection.h"
#include "sync/protocol/ids.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::kHub;
using testing::LineAfter;
using testing::Slurp;
using testing::Trimmed;

class HubCliTest : public testing::HubCommandTest {
 protected:
  // Everything the hub stored, as text: the SQLite file (and its WAL), or every PostgreSQL table's rows.
  std::string Stored() {
    if (!postgres()) return Slurp(db_) + Slurp(db_ + "-wal");
    auto conn = pg::Connection::Open(db_);
    if (!conn) {
      ADD_FAILURE() << conn.error();
      return "";
    }
    pg::Rows tables = (*conn)->Exec(
        "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public'");
    EXPECT_TRUE(tables.ok()) << tables.error();
    EXPECT_GT(tables.size(), 0);
    std::string all;
    for (int i = 0; i < tables.size(); ++i) {
      pg::Rows rows = (*conn)->Exec("SELECT t::text FROM " + tables.Text(i, 0) + " t");
      EXPECT_TRUE(rows.ok()) << rows.error();
      for (int r = 0; r < rows.size(); ++r) all += rows.Text(r, 0) + "\n";
    }
    return all;
  }
};

TEST_P(HubCliTest, PublishListUpdateWithdraw) {
  HubRun pub = Hub({"notice",
                    "publish",
                    "--db",
                    db_,
                    "--title",
                    "停水通知 <b>",
                    "--body",
                    "周六停水。\n\n请储水。",
                    "--publisher",
                    "property_company",
                    "--category",
                    "water_power",
                    "--priority",
                    "urgent",
                    "--pinned",
                    "--publish-at",
                    "2026-11-26T08:00:00+08:00",
                    "--expires-at",
                    "2026-11-29T00:00:00Z",
                    "--audience",
                    "3号楼"});
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  std::string id = Trimmed(pub.out);
  ASSERT_TRUE(protocol::IsUuid(id)) << pub.out;

  HubRun list = Hub({"notice", "list", "--db", db_, "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto j = nlohmann::json::parse(list.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], id);
  EXPECT_EQ(j[0]["title"], "停水通知 <b>");
  EXPECT_EQ(j[0]["body"], "周六停水。\n\n请储水。");
  EXPECT_EQ(j[0]["publisher"], "property_company");
  EXPECT_EQ(j[0]["priority"], "urgent");
  EXPECT_EQ(j[0]["pinned"], true);
  EXPECT_EQ(j[0]["published_at"], "2026-11-26T00:00:00Z");
  EXPECT_EQ(j[0]["expires_at"], "2026-11-29T00:00:00Z");
  EXPECT_EQ(j[0]["audience"], "3号楼");
  EXPECT_EQ(j[0]["revision"], 1);

  HubRun table = Hub({"notice", "list", "--db", db_});
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find(id), std::string::npos);

  std::string body_file = dir_.File("body.txt");
  std::ofstream(body_file) << "改为周日停水。";
  HubRun upd = Hub(
      {"notice", "update", "--db", db_, "--id", id, "--no-pinned", "--no-expiry", "--body-file", body_file});
  ASSERT_EQ(upd.exit_code, 0) << upd.err;
  EXPECT_EQ(Trimmed(upd.out), "2");
  auto j2 = nlohmann::json::parse(Hub({"notice", "list", "--db", db_, "--json"}).out);
  EXPECT_EQ(j2[0]["pinned"], false);
  EXPECT_TRUE(j2[0]["expires_at"].is_null());
  EXPECT_EQ(j2[0]["body"], "改为周日停水。");
  EXPECT_EQ(j2[0]["title"], "停水通知 <b>");
  EXPECT_EQ(j2[0]["revision"], 2);

  HubRun wd = Hub({"notice", "withdraw", "--db", db_, "--id", id});
  ASSERT_EQ(wd.exit_code, 0) << wd.err;
  auto j3 = nlohmann::json::parse(Hub({"notice", "list", "--db", db_, "--json"}).out);
  EXPECT_EQ(j3[0]["state"], "withdrawn");
  EXPECT_FALSE(j3[0]["withdrawn_at"].is_null());

  HubRun again = Hub({"notice", "withdraw", "--db", db_, "--id", id});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("withdrawn"), std::string::npos);
}

TEST_P(HubCliTest, InvalidInputExitsWithTwoAndAMessage) {
  std::vector<std::vector<std::string>> cases = {
      {},
      {"notice"},
      {"frobnicate", "--db", db_},
      {"notice", "publish", "--db", db_, "--publisher", "street_office"},  // no title
      {"notice", "publish", "--db", db_, "--title", "x", "--publisher", "mayor"},
      {"notice", "publish", "--db", db_, "--title", "x", "--publisher", "street_office", "--priority", "max"},
      {"notice", "publish", "--db", db_, "--title", "", "--publisher", "street_office"},
      {"notice", "publish", "--db", db_, "--title", std::string(201, 'x'), "--publisher", "street_office"},
      {"notice", "publish", "--db", db_, "--title", "x", "--publisher", "street_office", "--expires-at",
       "tomorrow"},
      {"notice", "publish", "--db", db_, "--title", "x", "--publisher", "street_office", "--publish-at",
       "2026-11-26T08:00:00Z", "--expires-at", "2026-11-25T08:00:00Z"},
      {"notice", "publish", "--db", db_, "--title", "x", "--publisher", "street_office", "--category",
       "Bad Cat"},
      {"notice", "publish", "--db", db_, "--title", "\xff\xfe", "--publisher", "street_office"},
      {"notice", "publish", "--db", db_, "--title", "x", "--publisher", "street_office", "--body-file",
       dir_.File("missing.txt")},
      {"notice", "publish", "--title", "x", "--publisher", "street_office"},  // no --db
      {"notice", "update", "--db", db_, "--id", "not-a-uuid", "--title", "x"},
      {"notice", "update", "--db", db_, "--id", "2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060", "--title", "x"},
      {"notice", "withdraw", "--db", db_, "--id", "2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060"},
      {"notice", "import", "--db", db_, "--file", dir_.File("missing.json")},
      {"serve", "--db", db_, "--listen", "no-port"},
      {"serve", "--db", db_, "--listen", "127.0.0.1:99999"},
      {"kiosk", "add", "--db", db_},  // no name
  };
  for (const auto& args : cases) {
    HubRun r = Hub(args);
    std::string shown;
    for (const auto& a : args) shown += a.substr(0, 40) + " ";
    EXPECT_EQ(r.exit_code, 2) << shown << "\nstderr: " << r.err;
    EXPECT_FALSE(r.err.empty()) << shown;
  }
  std::ofstream(dir_.File("bad.json"))
      << R"([{"publisher":"street_office","title":"ok"},{"title":"no publisher"}])";
  HubRun imp = Hub({"notice", "import", "--db", db_, "--file", dir_.File("bad.json")});
  EXPECT_EQ(imp.exit_code, 2);
  EXPECT_NE(imp.err.find("[1]"), std::string::npos) << imp.err;
  // Nothing was half-imported.
  auto list = nlohmann::json::parse(Hub({"notice", "list", "--db", db_, "--json"}).out);
  EXPECT_TRUE(list.empty());
}

TEST_P(HubCliTest, ImportWritesAllNotices) {
  std::ofstream(dir_.File("n.json")) << R"([{"publisher":"street_office","title":"一"},
      {"publisher":"residents_committee","title":"二","category":"meeting"}])";
  HubRun imp = Hub({"notice", "import", "--db", db_, "--file", dir_.File("n.json")});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_EQ(nlohmann::json::parse(Hub({"notice", "list", "--db", db_, "--json"}).out).size(), 2u);
}

TEST_P(HubCliTest, KioskAddPrintsIdAndTokenThatServeAccepts) {
  HubRun add = Hub({"kiosk", "add", "--db", db_, "--name", "3号楼大堂"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  // Stable format: "device_id: <uuid>" and "token: <token>" lines. (No std::regex: GCC 12 warns inside it
  // under the sanitizers.)
  ASSERT_EQ(add.out.rfind("device_id: ", 0), 0u) << add.out;
  std::string device_id = LineAfter(add.out, "device_id: ");
  std::string token = LineAfter(add.out, "token: ");
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_TRUE(protocol::IsUuid(device_id));
  EXPECT_EQ(token.size(), 43u);
  // The token itself is not in the database.
  std::string stored = Stored();
  EXPECT_NE(stored.find("3号楼大堂"), std::string::npos) << "the check reads what the hub stored";
  EXPECT_EQ(stored.find(token), std::string::npos);

  ASSERT_EQ(
      Hub({"notice", "publish", "--db", db_, "--title", "t", "--publisher", "owners_committee"}).exit_code,
      0);

  // serve on a random port, in its own process, reading the port from its first line.
  testing::ServedHub served(db_);
  ASSERT_NE(served.port(), 0) << "serve did not print its listening line";
  const int port = served.port();

  httplib::Client c("127.0.0.1", port);
  auto feed = c.Get("/api/v1/feed", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
  auto hb = c.Post("/api/v1/heartbeat", {{"Authorization", "Bearer " + token}}, R"({"app_version":"9.9"})",
                   "application/json");
  ASSERT_TRUE(hb);
  EXPECT_EQ(hb->status, 200);
  // A CLI change while the server runs shows in the next poll.
  ASSERT_EQ(
      Hub({"notice", "publish", "--db", db_, "--title", "t2", "--publisher", "owners_committee"}).exit_code,
      0);
  auto feed2 = c.Get("/api/v1/feed?cursor=1", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(feed2);
  EXPECT_NE(feed2->body.find("\"t2\""), std::string::npos);

  HubRun kiosks = Hub({"kiosk", "list", "--db", db_});
  EXPECT_EQ(kiosks.exit_code, 0);
  EXPECT_NE(kiosks.out.find("3号楼大堂"), std::string::npos);
  EXPECT_NE(kiosks.out.find(device_id), std::string::npos);
  EXPECT_NE(kiosks.out.find("9.9"), std::string::npos);

  EXPECT_EQ(served.Stop(), 0) << "SIGTERM must stop serve cleanly";
}

CK_STORE_BACKENDS(HubCliTest);

}  // namespace
}  // namespace ck::hub

// Soak in the district's shape (issue 18): two community-hub processes on one PostgreSQL behind the shipped
// nginx site, three kiosks' real sync engines (each its own process and database) pushing 2,000 reports
// while notices are published; one hub process is SIGKILLed and restarted again and again, and PostgreSQL
// itself is restarted once. At the end the hub holds every report exactly once, whole, every kiosk's
// outbox is empty with each report delivered, and every kiosk holds every notice published (none skipped).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "tests/e2e/front_server.h"
#include "tests/e2e/hub_fixture.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

constexpr int kKiosks = 3;
constexpr int kReports = 2000;

std::filesystem::path DriverBinary() {
  return std::filesystem::path(CK_BINARY_DIR) / "tests" / "e2e" / "ck_kiosk_sync_driver";
}

struct Kiosk {
  std::string device_id, token;
  std::uint32_t number = 0;
  std::filesystem::path db;
};

class DistrictSoakE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(HubBinary())) GTEST_SKIP() << "community-hub not built";
    if (!std::filesystem::exists(DriverBinary())) GTEST_SKIP() << "driver not built";
    std::string why;
    cluster_ = hub::testing::PgTestCluster::Get(&why);
    if (!cluster_) {
      if (hub::testing::PgTestCluster::Required()) FAIL() << why;
      GTEST_SKIP() << why;
    }
    auto made = cluster_->CreateDatabaseUri();
    ASSERT_TRUE(made.ok()) << made.error();
    db_ = *made;
    dir_ = std::filesystem::temp_directory_path() / ("ck-district-" + protocol::NewUuid());
    std::filesystem::create_directories(dir_);
    ASSERT_EQ(Hub({"init", "--db", db_}).exit_code, 0);
  }
  void TearDown() override {
    front_.reset();
    for (auto& h : hubs_) h.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  CommandResult Hub(std::vector<std::string> args) {
    args.insert(args.begin(), HubBinary().string());
    return RunCommand(args, dir_.empty() ? std::filesystem::temp_directory_path() : dir_);
  }
  void StartHub(int i) {
    static int generation = 0;
    hubs_[i] = std::make_unique<ChildProcess>(
        std::vector<std::string>{HubBinary().string(), "serve", "--db", db_, "--listen",
                                 "127.0.0.1:" + std::to_string(ports_[i])},
        dir_ / ("hub-" + std::to_string(i) + "-" + std::to_string(++generation) + ".out"));
    ASSERT_TRUE(hubs_[i]->WaitForLine("listening on ", 20s)) << "hub " << i << " did not start";
  }
  std::unique_ptr<ChildProcess> Driver(const Kiosk& k, int run) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{DriverBinary().string(), k.db.string(), front_->url(), k.device_id, k.token,
                                 "400"},
        dir_ / ("driver-" + std::to_string(k.number) + "-" + std::to_string(run) + ".out"));
  }
  // ticket code → descriptions the hub holds under it.
  std::map<std::string, std::vector<std::string>> HubReports() {
    std::map<std::string, std::vector<std::string>> out;
    CommandResult r = Hub({"request", "list", "--db", db_, "--json"});
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& e : j)
      out[e.value("ticket_code", std::string("?"))].push_back(e.value("description", std::string()));
    return out;
  }
  static std::set<std::string> KioskNotices(const std::filesystem::path& db) {
    std::set<std::string> ids;
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(h, "SELECT id FROM notices", -1, &st, nullptr);
      while (st && sqlite3_step(st) == SQLITE_ROW) ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
      sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return ids;
  }

  hub::testing::PgTestCluster* cluster_ = nullptr;
  std::string db_;
  std::filesystem::path dir_;
  int ports_[2] = {0, 0};
  std::unique_ptr<ChildProcess> hubs_[2];
  std::unique_ptr<FrontServer> front_;
};

TEST_F(DistrictSoakE2eTest, TwoThousandReportsThroughHubKillsAndAPostgresRestartArriveExactlyOnce) {
  std::vector<Kiosk> kiosks(kKiosks);
  std::map<std::string, std::string> made;  // receipt code → description
  for (int k = 0; k < kKiosks; ++k) {
    CommandResult added = Hub({"kiosk", "add", "--db", db_, "--name", "大堂 " + std::to_string(k)});
    ASSERT_EQ(added.exit_code, 0) << added.out;
    auto field = [&](const std::string& name) {
      auto at = added.out.find(name);
      return Trimmed(added.out.substr(at + name.size(), added.out.find('\n', at) - at - name.size()));
    };
    kiosks[k].device_id = field("device_id: ");
    kiosks[k].token = field("token: ");
    kiosks[k].number = static_cast<std::uint32_t>(std::stoul(field("kiosk_number: ")));
    kiosks[k].db = dir_ / ("kiosk-" + std::to_string(k)) / "kiosk.db";
    auto db = store::KioskDatabase::Open(kiosks[k].db);
    ASSERT_TRUE(db.ok()) << db.error();
    store::FeedbackRepository repo(**db);
    for (int i = k; i < kReports; i += kKiosks) {
      store::FeedbackDraft d;
      d.service_code = i % 2 ? "sanitation" : "repairs";
      d.service_name = i % 2 ? "环境卫生" : "设施维修";
      d.address_string = std::to_string(i % 9 + 1) + "号楼";
      d.description = "第" + std::to_string(i) + "条：楼道灯不亮，请尽快修理。";
      auto r = repo.Submit(d, protocol::NowUtc(), kiosks[k].number);
      ASSERT_TRUE(r.ok()) << r.error();
      made[r->ticket_code] = d.description;
    }
  }
  ASSERT_EQ(made.size(), static_cast<std::size_t>(kReports));

  ports_[0] = FreePort();
  ports_[1] = FreePort();
  StartHub(0);
  StartHub(1);
  front_ = std::make_unique<FrontServer>(dir_ / "nginx", std::vector<int>{ports_[0], ports_[1]});
  ASSERT_TRUE(front_->started()) << front_->error();

  std::vector<std::string> notices;
  auto publish = [&](int n) {
    CommandResult p = Hub({"notice", "publish", "--db", db_, "--title", "通知 " + std::to_string(n), "--body",
                           "正文。", "--publisher", "street_office"});
    ASSERT_EQ(p.exit_code, 0) << p.out;
    notices.push_back(Trimmed(p.out.substr(p.out.rfind('\n', p.out.size() - 2) + 1)));
  };

  std::vector<std::unique_ptr<ChildProcess>> drivers;
  for (const Kiosk& k : kiosks) drivers.push_back(Driver(k, 0));
  int hub_kills = 0, pg_restarts = 0;
  std::size_t held_at_first_kill = 0, held_at_restart = 0;
  for (int cycle = 0; cycle < 12; ++cycle) {
    std::this_thread::sleep_for(150ms);  // the faults come while the kiosks are still pushing
    publish(cycle);
    const int victim = cycle % 2;
    hubs_[victim]->Stop(SIGKILL);
    ++hub_kills;
    if (cycle == 0) held_at_first_kill = HubReports().size();
    if (cycle == 0) {  // early: a restart after everything is delivered would prove nothing
      held_at_restart = HubReports().size();
      auto restarted = cluster_->Restart();
      ASSERT_TRUE(restarted.ok()) << restarted.error();
      ++pg_restarts;
    }
    std::this_thread::sleep_for(300ms);
    StartHub(victim);
  }
  std::fprintf(stderr,
               "district soak: %zu of %d delivered at the first kill, %zu at the PostgreSQL restart; %d hub kills, "
               "%d PostgreSQL restart, hub holds %zu\n",
               held_at_first_kill, kReports, held_at_restart, hub_kills, pg_restarts, HubReports().size());
  EXPECT_LT(held_at_first_kill, static_cast<std::size_t>(kReports)) << "the kills came after the pushing";
  EXPECT_LT(held_at_restart, static_cast<std::size_t>(kReports)) << "the restart came after the pushing";
  for (auto& d : drivers) d->Wait(300s);
  // A last round for each kiosk with everything up: pushes what is left and pulls the last notices.
  publish(99);
  for (const Kiosk& k : kiosks) {
    auto last = Driver(k, 99);
    ASSERT_TRUE(last->WaitForLine("outbox empty", 300s)) << last->Output();
    last->Wait(10s);
  }

  auto hub = HubReports();
  std::size_t total = 0;
  for (const auto& [code, descriptions] : hub) {
    EXPECT_EQ(descriptions.size(), 1u) << code << " filed " << descriptions.size() << " times";
    total += descriptions.size();
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kReports));
  for (const Kiosk& k : kiosks) {
    {
      auto db = store::KioskDatabase::Open(k.db);
      ASSERT_TRUE(db.ok());
      store::FeedbackRepository repo(**db);
      for (const auto& [receipt, description] : made) {
        auto v = repo.FindByTicketCode(receipt);
        if (!v) continue;  // another kiosk's
        EXPECT_EQ(v->delivery, store::DeliveryState::Delivered) << receipt;
        auto it = hub.find(v->receipt.ticket_code);
        ASSERT_NE(it, hub.end()) << receipt;
        EXPECT_EQ(it->second.front(), description) << receipt;
      }
      EXPECT_EQ(store::OutboxRepository(**db).PendingCount(), 0);
    }
    // The feed read by each kiosk is complete: every notice published during the soak is there.
    const auto held = KioskNotices(k.db);
    for (const std::string& id : notices) EXPECT_TRUE(held.count(id)) << "kiosk " << k.number << " misses " << id;
  }
}

}  // namespace
}  // namespace ck::e2e

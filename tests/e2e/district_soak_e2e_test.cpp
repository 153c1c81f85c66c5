// Soak in the district's shape (issue 18): two community-hub processes on one PostgreSQL behind the shipped
// nginx site, three kiosks' real sync engines (each its own process and database) pushing 2,000 reports
// while notices are published; one hub process is SIGKILLed and restarted again and again, and PostgreSQL
// itself is restarted once. At the end the hub holds every report exactly once, whole, every kiosk's
// outbox is empty with each report delivered, and every kiosk holds every notice published (none skipped).
// Then a third of the tickets are resolved through the operator API, the kiosks pull that, residents rate
// them at their kiosks, and the ratings are pushed through more kills: each rating on the hub exactly once,
// with its score; the low ones re-open their tickets, the good ones close them.
#include <gtest/gtest.h>
#include <httplib.h>
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
constexpr int kRatedEvery = 3;  // one ticket in three is resolved and rated

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
  // Every request the hub holds, as the operator's JSON (empty when the command fails).
  nlohmann::json HubRequests() {
    CommandResult r = Hub({"request", "list", "--db", db_, "--json"});
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    return j.is_array() ? j : nlohmann::json::array();
  }
  // ticket code → descriptions the hub holds under it.
  std::map<std::string, std::vector<std::string>> HubReports() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& e : HubRequests())
      out[e.value("ticket_code", std::string("?"))].push_back(e.value("description", std::string()));
    return out;
  }
  // SIGKILLs the hub processes in turn while the kiosks push, restarting each after a moment.
  void KillHubsInTurn(int kills) {
    for (int cycle = 0; cycle < kills; ++cycle) {
      std::this_thread::sleep_for(150ms);
      hubs_[cycle % 2]->Stop(SIGKILL);
      std::this_thread::sleep_for(300ms);
      StartHub(cycle % 2);
    }
  }
  // One more sync for each kiosk with everything up: pushes what is left, pulls notices and statuses.
  void SyncEveryKiosk(const std::vector<Kiosk>& kiosks, int run) {
    for (const Kiosk& k : kiosks) {
      auto last = Driver(k, run);
      ASSERT_TRUE(last->WaitForLine("outbox empty", 300s)) << last->Output();
      last->Wait(10s);
    }
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
  std::map<std::string, int> made_at;       // receipt code → the kiosk (index) it was made at
  for (int k = 0; k < kKiosks; ++k) {
    CommandResult added = Hub({"kiosk", "add", "--db", db_, "--name", "大堂 " + std::to_string(k)});
    ASSERT_EQ(added.exit_code, 0) << added.out;
    kiosks[k].device_id = OutputField(added.out, "device_id: ");
    kiosks[k].token = OutputField(added.out, "token: ");
    kiosks[k].number = static_cast<std::uint32_t>(std::stoul("0" + OutputField(added.out, "kiosk_number: ")));
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
      made_at[r->ticket_code] = k;
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
  publish(99);
  SyncEveryKiosk(kiosks, 99);

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
  if (HasFailure()) return;

  // ---- Ratings: answered at the hub, rated at the kiosks, pushed through more kills ----
  CommandResult op = Hub({"operator", "add", "--db", db_, "--name", "街道网格中心"});
  ASSERT_EQ(op.exit_code, 0) << op.out;
  const std::string op_token = OutputField(op.out, "token: ");
  httplib::Client api(front_->url());
  api.set_read_timeout(10, 0);
  const httplib::Headers auth{{"Authorization", "Bearer " + op_token}};
  std::map<std::string, int> scores;  // ticket code → the score its resident gives
  int n = 0;
  for (const auto& e : HubRequests()) {
    if (n++ % kRatedEvery) continue;
    // 派单, a reply, resolved: as a clerk works a ticket through the operator API.
    const std::string actions = "/api/v1/operator/requests/" + e.value("service_request_id", std::string());
    for (const auto& [action, body] :
         {std::pair{"/assign", R"({"agency":"property_company","responsible":"物业服务中心 张经理"})"},
          std::pair{"/reply", R"({"text":"已派人维修，今天修好。"})"},
          std::pair{"/status", R"({"status":"resolved","note":"已修好"})"}}) {
      auto done = api.Post(actions + action, auth, body, "application/json");
      ASSERT_TRUE(done) << httplib::to_string(done.error());
      ASSERT_EQ(done->status, 200) << action << ": " << done->body;
    }
    scores[e.value("ticket_code", std::string())] = 1 + static_cast<int>(scores.size()) % 5;
  }
  SyncEveryKiosk(kiosks, 100);  // the kiosks learn which of their tickets are resolved
  int low = 0;
  for (int k = 0; k < kKiosks; ++k) {
    auto db = store::KioskDatabase::Open(kiosks[k].db);
    ASSERT_TRUE(db.ok()) << db.error();
    store::FeedbackRepository repo(**db);
    for (const auto& [code, score] : scores) {
      if (made_at[code] != k) continue;
      auto rated = repo.Rate(code, score, score <= 2 ? "unresolved" : "satisfied", "", protocol::NowUtc());
      ASSERT_TRUE(rated.ok()) << code << ": " << rated.error();
      low += score <= 2;
    }
  }
  drivers.clear();
  for (const Kiosk& k : kiosks) drivers.push_back(Driver(k, 200));
  KillHubsInTurn(4);
  for (auto& d : drivers) d->Wait(300s);
  SyncEveryKiosk(kiosks, 201);

  int ratings_on_hub = 0;
  for (const auto& e : HubRequests()) {
    const std::string code = e.value("ticket_code", std::string());
    int rating_events = 0;
    for (const auto& h : e["history"]) rating_events += h.value("kind", std::string()) == "rating";
    ratings_on_hub += rating_events;
    auto it = scores.find(code);
    if (it == scores.end()) {
      EXPECT_EQ(rating_events, 0) << code;
      continue;
    }
    EXPECT_EQ(rating_events, 1) << code << " rated " << rating_events << " times";
    EXPECT_EQ(e.value("rating", 0), it->second) << code;
    // A low score re-opens the ticket; a good one closes it.
    EXPECT_EQ(e.value("detailed_status", std::string()), it->second <= 2 ? "reopened" : "closed") << code;
  }
  EXPECT_EQ(ratings_on_hub, static_cast<int>(scores.size()));
  auto satisfaction = api.Get("/api/v1/operator/satisfaction", auth);
  ASSERT_TRUE(satisfaction && satisfaction->status == 200);
  auto totals = nlohmann::json::parse(satisfaction->body);
  EXPECT_EQ(totals.value("ratings", -1), static_cast<int>(scores.size()));
  EXPECT_EQ(totals.value("reopened", -1), low);
  std::fprintf(stderr, "district soak: %zu ratings (%d re-opening) pushed through 4 more kills\n", scores.size(), low);
}

}  // namespace
}  // namespace ck::e2e

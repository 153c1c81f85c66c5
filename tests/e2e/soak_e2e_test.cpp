// Soak, as deployed: 1,000 reports (the longest the kiosk allows among them) from a kiosk database through
// nginx to the real hub, by the real sync engine in its own process, while the test kills the sync, kills
// the hub and takes it away for a while. At the end the hub holds every report exactly once, whole.
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/utf8.h"
#include "tests/e2e/front_server.h"
#include "tests/e2e/hub_fixture.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

constexpr int kReports = 1000;

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::filesystem::path DriverBinary() {
  return std::filesystem::path(CK_BINARY_DIR) / "tests" / "e2e" / "ck_kiosk_sync_driver";
}

class SoakE2eTest : public HubFixture {
 protected:
  // The hub on the port nginx proxies to, so a restarted hub is found again behind the same front.
  void RestartHub() {
    static int generation = 100;
    hub_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{HubBinary().string(), "serve", "--db", hub_db_, "--listen",
                                 "127.0.0.1:" + std::to_string(hub_port_)},
        dir_ / ("hub-" + std::to_string(++generation) + ".out"));
    ASSERT_TRUE(hub_->WaitForLine("listening on ", 20s)) << "hub did not restart on its port";
  }
  // What the hub holds: ticket code → descriptions filed under it.
  std::map<std::string, std::vector<std::string>> HubReports() {
    std::map<std::string, std::vector<std::string>> out;
    CommandResult r = Hub({"request", "list", "--db", hub_db_, "--json"});
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& e : j)
      out[e.value("ticket_code", std::string("?"))].push_back(e.value("description", std::string()));
    return out;
  }
  std::size_t HubCount() {
    std::size_t n = 0;
    for (const auto& [code, d] : HubReports()) n += d.size();
    return n;
  }
  std::unique_ptr<ChildProcess> Driver(int run) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{DriverBinary().string(), kiosk_db_.string(), front_->url(), device_id_,
                                 token_, "20"},
        dir_ / ("driver-" + std::to_string(run) + ".out"));
  }
  // Waits (bounded) until the hub holds at least `n` reports or the driver has finished.
  void WaitForHubCount(std::size_t n, ChildProcess& driver) {
    for (int i = 0; i < 400 && HubCount() < n; ++i) {
      if (driver.Output().find("outbox ") != std::string::npos) return;
      std::this_thread::sleep_for(25ms);
    }
  }

  int hub_port_ = 0;
  std::unique_ptr<FrontServer> front_;
};

TEST_P(SoakE2eTest, AThousandReportsThroughKillsAndOutagesArriveExactlyOnce) {
  if (!std::filesystem::exists(DriverBinary())) GTEST_SKIP() << "driver not built: " << DriverBinary();
  hub_port_ = std::stoi(hub_url_.substr(hub_url_.rfind(':') + 1));
  front_ = std::make_unique<FrontServer>(dir_ / "nginx", hub_port_);
  ASSERT_TRUE(front_->started()) << front_->error();

  // The reports, as the report screen makes them; every 100th is the longest the store takes, in the
  // characters that cost most on the wire.
  std::map<std::string, std::string> made;  // ticket code → description
  {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok()) << db.error();
    store::FeedbackRepository repo(**db);
    for (int i = 0; i < kReports; ++i) {
      store::FeedbackDraft d;
      d.service_code = i % 2 ? "sanitation" : "repairs";
      d.service_name = i % 2 ? "环境卫生" : "设施维修";
      d.address_string = std::to_string(i % 9 + 1) + "号楼";
      d.description = i % 100 == 7 ? Repeat("𠮷", protocol::kMaxDescriptionCodepoints)
                                   : "第" + std::to_string(i) + "条：" + Repeat("楼道灯不亮，", 60);
      auto r = repo.Submit(d, protocol::NowUtc(), kiosk_number_);
      ASSERT_TRUE(r.ok()) << i << ": " << r.error();
      made[r->ticket_code] = d.description;
    }
  }
  ASSERT_EQ(made.size(), static_cast<std::size_t>(kReports));

  int kills_of_sync = 0, kills_of_hub = 0, outages = 0;
  std::fprintf(stderr, "soak: made %zu, hub %zu\n", made.size(), HubCount());
  for (int cycle = 0; cycle < 30 && HubCount() < static_cast<std::size_t>(kReports); ++cycle) {
    std::size_t before = HubCount();
    auto driver = Driver(cycle);
    ASSERT_TRUE(driver->started());
    // The outage first, while all 1,000 are still queued: on a slow (sanitizer) build one cycle with a live
    // hub can deliver everything, so a fixed order that ends with the outage may never reach it.
    switch ((cycle + 2) % 3) {
      case 0:  // the kiosk's sync dies mid-push
        WaitForHubCount(before + 60, *driver);
        driver->Stop(SIGKILL);
        ++kills_of_sync;
        break;
      case 1:  // the hub dies mid-push and comes back after a short outage; the sync carries on
        WaitForHubCount(before + 60, *driver);
        KillHub(SIGKILL);
        ++kills_of_hub;
        std::this_thread::sleep_for(300ms);
        RestartHub();
        driver->Wait(60s);
        break;
      case 2:  // a longer outage: the hub is away while the sync tries (nginx answers 502), then returns
        KillHub(SIGTERM);
        ++outages;
        driver->Wait(60s);
        RestartHub();
        break;
    }
  }
  std::fprintf(stderr, "soak: after the cycles the hub holds %zu (sync kills %d, hub kills %d, outages %d)\n",
               HubCount(), kills_of_sync, kills_of_hub, outages);
  // And a last sync with everything up.
  auto last = Driver(99);
  ASSERT_TRUE(last->WaitForLine("outbox empty", 120s)) << last->Output();
  last->Wait(10s);

  EXPECT_GE(kills_of_sync, 1);
  EXPECT_GE(kills_of_hub, 1);
  EXPECT_GE(outages, 1);
  auto hub = HubReports();
  std::size_t total = 0;
  for (const auto& [code, descriptions] : hub) {
    EXPECT_EQ(descriptions.size(), 1u) << code << " filed " << descriptions.size() << " times";
    total += descriptions.size();
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kReports));
  auto db = store::KioskDatabase::Open(kiosk_db_);
  ASSERT_TRUE(db.ok());
  store::FeedbackRepository repo(**db);
  int longest = 0;
  for (const auto& [receipt_code, description] : made) {
    auto v = repo.FindByTicketCode(receipt_code);
    ASSERT_TRUE(v) << receipt_code;
    EXPECT_EQ(v->delivery, store::DeliveryState::Delivered) << receipt_code;
    auto it = hub.find(v->receipt.ticket_code);
    ASSERT_NE(it, hub.end()) << receipt_code;
    EXPECT_EQ(it->second.front(), description) << receipt_code;
    if (protocol::CountCodepoints(description) == protocol::kMaxDescriptionCodepoints) ++longest;
  }
  EXPECT_EQ(longest, 10);
  EXPECT_EQ(store::OutboxRepository(**db).PendingCount(), 0);
  EXPECT_EQ(store::OutboxRepository(**db).RejectedCount(), 0);
}

CK_HUB_STORES(SoakE2eTest);

}  // namespace
}  // namespace ck::e2e

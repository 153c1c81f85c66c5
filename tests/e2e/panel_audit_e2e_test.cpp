// End to end: the maintenance panel's uses travel from the kiosk's database to the real hub's audit log on
// the heartbeat, exactly once (a lost acknowledgement sends them again, the hub stores them once; a hub that
// is down keeps them queued), and a full data disk reaches the hub's kiosk list.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/store/feed_applier.h"
#include "app/store/kiosk_database.h"
#include "app/store/maintenance_audit_repository.h"
#include "app/store/statement.h"
#include "sync/client/sync_engine.h"
#include "tests/e2e/hub_fixture.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

class PanelAuditE2eTest : public HubFixture {
 protected:
  sync::SyncEngineOptions Options(const std::string& url, std::uint64_t free_bytes) {
    sync::SyncEngineOptions o;
    o.hub_url = url;
    o.device_id = device_id_;
    o.token = token_;
    o.app_version = "e2e";
    o.connect_timeout = 3s;
    o.request_timeout = 10s;
    o.disk_state = [free_bytes] {
      return std::optional<protocol::DiskState>(
          protocol::DiskState{free_bytes, free_bytes < protocol::kDiskFullBelowBytes});
    };
    return o;
  }
  sync::SyncRoundReport SyncOnce(std::uint64_t free_bytes = 8ull << 30, std::string url = {}) {
    auto sink = store::OpenFeedSink(kiosk_db_);
    EXPECT_TRUE(sink.ok()) << sink.error();
    if (!sink) return {};
    sync::SyncEngine engine(Options(url.empty() ? hub_url_ : url, free_bytes), nullptr, nullptr);
    return engine.RunOnce(**sink);
  }
  void Record(const std::vector<std::pair<std::string, protocol::UnixSeconds>>& events) {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok()) << db.error();
    for (const auto& [event, at] : events)
      ASSERT_TRUE(store::MaintenanceAuditRepository(**db).Record(event, at).ok());
  }
  std::size_t KioskUnsent() {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    EXPECT_TRUE(db.ok()) << db.error();
    if (!db) return 0;
    auto unsent = store::MaintenanceAuditRepository(**db).Unsent(1000);
    EXPECT_TRUE(unsent.ok()) << unsent.error();
    return unsent ? unsent->size() : 0;
  }
  // The hub's audit log, read by its own command line.
  nlohmann::json HubPanelAudit() {
    CommandResult r = Hub({"audit", "--db", hub_db_, "--action", "kiosk.panel", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(j.is_array()) << r.out;
    return j.is_array() ? j : nlohmann::json::array();
  }
  nlohmann::json HubKiosk() {
    CommandResult r = Hub({"kiosk", "list", "--db", hub_db_, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    return j.is_array() && j.size() == 1 ? j[0] : nlohmann::json::object();
  }
};

TEST_P(PanelAuditE2eTest, PanelUsesReachTheHubsAuditLogExactlyOnce) {
  const protocol::UnixSeconds t0 = protocol::NowUtc() - 120;
  Record({{"opened", t0}, {"wrong_pin", t0 + 5}, {"locked", t0 + 9}, {"sync_now", t0 + 40},
          {"screen_test", t0 + 50}, {"restart", t0 + 60}});

  // The hub is unreachable: nothing is lost, nothing marked sent.
  KillHub();
  EXPECT_FALSE(SyncOnce(8ull << 30, hub_url_).ok);
  EXPECT_EQ(KioskUnsent(), 6u);

  StartHub();
  ASSERT_TRUE(SyncOnce().ok);
  EXPECT_EQ(KioskUnsent(), 0u);
  nlohmann::json audit = HubPanelAudit();
  ASSERT_EQ(audit.size(), 6u) << audit.dump(2);
  for (const auto& e : audit) {
    EXPECT_EQ(e.value("actor", ""), "kiosk:" + device_id_);
    EXPECT_EQ(e.value("target", ""), device_id_);
  }
  // Newest first, at the kiosk's own times.
  EXPECT_EQ(audit[0].value("detail", "").rfind("restart", 0), 0u) << audit[0].dump();
  EXPECT_EQ(audit[0].value("at", ""), protocol::FormatUtc(t0 + 60));
  EXPECT_EQ(audit[5].value("detail", "").rfind("opened", 0), 0u) << audit[5].dump();

  // The acknowledgement was lost (the kiosk still holds them unsent): they go again and are stored once.
  {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok()) << db.error();
    ASSERT_TRUE((*db)->Cached("UPDATE maintenance_audit SET sent_at = NULL").Run());
  }
  ASSERT_EQ(KioskUnsent(), 6u);
  ASSERT_TRUE(SyncOnce().ok);
  EXPECT_EQ(KioskUnsent(), 0u);
  EXPECT_EQ(HubPanelAudit().size(), 6u);

  // A later use goes with the next round, on its own.
  Record({{"closed", t0 + 70}});
  ASSERT_TRUE(SyncOnce().ok);
  EXPECT_EQ(KioskUnsent(), 0u);
  audit = HubPanelAudit();
  ASSERT_EQ(audit.size(), 7u);
  EXPECT_EQ(audit[0].value("detail", "").rfind("closed", 0), 0u) << audit[0].dump();
}

TEST_P(PanelAuditE2eTest, AFullDiskReachesTheHubAndClearsWithTheNextHeartbeat) {
  ASSERT_TRUE(SyncOnce(8ull << 30).ok);
  EXPECT_EQ(HubKiosk().value("disk_full", true), false) << HubKiosk().dump();

  // The disk fills: the next round tells the hub at once, though nothing else changed.
  ASSERT_TRUE(SyncOnce(10ull << 20).ok);
  nlohmann::json k = HubKiosk();
  EXPECT_EQ(k.value("disk_full", false), true) << k.dump();
  EXPECT_EQ(k.value("disk_free_bytes", 0), 10 << 20) << k.dump();

  ASSERT_TRUE(SyncOnce(8ull << 30).ok);
  EXPECT_EQ(HubKiosk().value("disk_full", true), false);
}

CK_HUB_STORES(PanelAuditE2eTest);

}  // namespace
}  // namespace ck::e2e

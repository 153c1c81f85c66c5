// End to end: the real community-hub process, the sync engine and the kiosk database, on 127.0.0.1.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "app/store/feed_applier.h"
#include "app/store/notice_repository.h"
#include "sync/client/sync_engine.h"
#include "tests/e2e/hub_fixture.h"
#include "tests/sync/client/fake_hub.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

// Passes everything through to the store and calls `after_apply` once `n` pages have been applied:
// lets a test act at an exact point in a round (kill the hub between pages).
class InterceptingSink : public sync::FeedSink {
 public:
  InterceptingSink(std::unique_ptr<sync::FeedSink> inner, int n, std::function<void()> after_apply)
      : inner_(std::move(inner)), n_(n), after_apply_(std::move(after_apply)) {}
  std::string Cursor() override { return inner_->Cursor(); }
  std::string ETag() override { return inner_->ETag(); }
  Status Apply(const protocol::FeedPage& page, const std::string& etag) override {
    Status s = inner_->Apply(page, etag);
    if (s && ++applied_ == n_ && after_apply_) after_apply_();
    return s;
  }
  void RecordAttempt(protocol::UnixSeconds at, const std::string& error) override {
    inner_->RecordAttempt(at, error);
  }

 private:
  std::unique_ptr<sync::FeedSink> inner_;
  int n_, applied_ = 0;
  std::function<void()> after_apply_;
};

class SyncE2eTest : public HubFixture {
 protected:
  sync::SyncEngineOptions Options(int page_size = 1000) {
    sync::SyncEngineOptions o;
    o.hub_url = hub_url_;
    o.device_id = device_id_;
    o.token = token_;
    o.app_version = "e2e";
    o.page_size = page_size;
    o.connect_timeout = 5s;
    o.request_timeout = 20s;
    return o;
  }
  std::unique_ptr<sync::FeedSink> Sink() {
    auto sink = store::OpenFeedSink(kiosk_db_);
    EXPECT_TRUE(sink.ok()) << sink.error();
    return sink ? std::move(sink).value() : nullptr;
  }
  sync::SyncRoundReport SyncOnce(int page_size = 1000) {
    auto sink = Sink();
    if (!sink) return {};
    sync::SyncEngine engine(Options(page_size), nullptr, nullptr);
    return engine.RunOnce(*sink);
  }
  // A fresh read-only look at what the kiosk holds, through its own connection as the UI would.
  std::set<std::string> KioskIds() {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    EXPECT_TRUE(db.ok()) << db.error();
    std::set<std::string> ids;
    if (!db) return ids;
    for (const auto& s : store::NoticeRepository(**db).ListLive(protocol::NowUtc() + 1)) ids.insert(s.id);
    return ids;
  }
  std::optional<protocol::Notice> KioskNotice(const std::string& id) {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    if (!db) return std::nullopt;
    return store::NoticeRepository(**db).Get(id);
  }
  // Imports `count` notices through `notice import`; returns their ids.
  std::set<std::string> ImportNotices(int count) {
    nlohmann::json array = nlohmann::json::array();
    std::set<std::string> ids;
    for (int i = 0; i < count; ++i) {
      protocol::Notice n;
      n.id = protocol::NewUuid();
      n.publisher = i % 2 ? protocol::Publisher::StreetOffice : protocol::Publisher::ResidentsCommittee;
      n.category = "community";
      n.title = "社区通知第" + std::to_string(i) + "号";
      n.body = "这是第" + std::to_string(i) + "条测试通知，请居民留意。";
      n.published_at = protocol::NowUtc() - 3600;
      array.push_back(n);
      ids.insert(n.id);
    }
    auto file = dir_ / "import.json";
    std::ofstream(file) << array.dump();
    CommandResult r = Hub({"notice", "import", "--db", hub_db_, "--file", file.string()});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return ids;
  }
};

TEST_P(SyncE2eTest, PublishUpdateWithdrawReachTheKiosk) {
  std::string id = Publish("3号楼周六停水", "因管道检修，周六上午停水。",
                           {"--category", "water_power", "--priority", "urgent"});
  ASSERT_FALSE(id.empty());
  auto first = SyncOnce();
  ASSERT_TRUE(first.ok) << first.error;
  EXPECT_EQ(first.upserts, 1);
  auto n = KioskNotice(id);
  ASSERT_TRUE(n) << "kiosk does not hold " << id;
  EXPECT_EQ(n->title, "3号楼周六停水");
  EXPECT_EQ(n->priority, protocol::Priority::Urgent);
  EXPECT_EQ(n->revision, 1);

  CommandResult updated = Hub({"notice", "update", "--db", hub_db_, "--id", id, "--title", "3号楼周日停水"});
  ASSERT_EQ(updated.exit_code, 0) << updated.out;
  ASSERT_TRUE(SyncOnce().ok);
  n = KioskNotice(id);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->title, "3号楼周日停水");
  EXPECT_EQ(n->revision, 2);

  CommandResult withdrawn = Hub({"notice", "withdraw", "--db", hub_db_, "--id", id});
  ASSERT_EQ(withdrawn.exit_code, 0) << withdrawn.out;
  auto last = SyncOnce();
  ASSERT_TRUE(last.ok) << last.error;
  EXPECT_EQ(last.tombstones, 1);
  EXPECT_FALSE(KioskNotice(id));
}

TEST_P(SyncE2eTest, TwelveHundredNoticesArriveAcrossPages) {
  std::set<std::string> ids = ImportNotices(1200);
  auto report = SyncOnce(500);
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_EQ(report.pages, 3);
  EXPECT_EQ(report.upserts, 1200);
  EXPECT_EQ(KioskIds(), ids);
}

TEST_P(SyncE2eTest, IdlePollIsNotModified) {
  Publish("停车管理新规", "地下车库实行夜间限时停车。");
  ASSERT_TRUE(SyncOnce().ok);
  ASSERT_TRUE(SyncOnce().ok);  // learns the ETag of the new cursor
  auto idle = SyncOnce();
  ASSERT_TRUE(idle.ok) << idle.error;
  EXPECT_TRUE(idle.not_modified);
  EXPECT_EQ(idle.pages, 0);
  // And a change after that is seen at once.
  std::string id = Publish("消防检查", "本周五进行消防检查。");
  auto changed = SyncOnce();
  ASSERT_TRUE(changed.ok) << changed.error;
  EXPECT_FALSE(changed.not_modified);
  EXPECT_TRUE(KioskNotice(id));
}

TEST_P(SyncE2eTest, HeartbeatReachesTheHub) {
  Publish("停电", "周六停电。");
  ASSERT_TRUE(SyncOnce().ok);
  CommandResult listed = Hub({"kiosk", "list", "--db", hub_db_, "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.out;
  auto kiosks = nlohmann::json::parse(listed.out, nullptr, false);
  ASSERT_TRUE(kiosks.is_array() && kiosks.size() == 1) << listed.out;
  EXPECT_NE(kiosks[0].dump().find("\"e2e\""), std::string::npos) << listed.out;  // our app_version
  EXPECT_EQ(kiosks[0].value("cursor", ""), "1") << listed.out;
}

TEST_P(SyncE2eTest, WrongTokenIsRefusedAndNothingApplied) {
  Publish("停电", "周六停电。");
  auto sink = Sink();
  ASSERT_TRUE(sink);
  auto options = Options();
  options.token = "not-the-token";
  sync::SyncEngine engine(options, nullptr, nullptr);
  auto report = engine.RunOnce(*sink);
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.error.find("HTTP 401"), std::string::npos) << report.error;
  EXPECT_EQ(report.error.find("not-the-token"), std::string::npos);
  EXPECT_TRUE(KioskIds().empty());
}

TEST_P(SyncE2eTest, HubKilledMidSyncThenRestartedConverges) {
  std::set<std::string> expected = ImportNotices(1500);
  // Withdraw a few, so convergence includes tombstones.
  for (int i = 0; i < 5; ++i) {
    std::string id = *expected.begin();
    ASSERT_EQ(Hub({"notice", "withdraw", "--db", hub_db_, "--id", id}).exit_code, 0);
    expected.erase(id);
  }
  {
    // Kill the hub after the second of 15 pages is in: the round must fail and keep what it committed.
    InterceptingSink sink(Sink(), 2, [this] { KillHub(SIGKILL); });
    sync::SyncEngine engine(Options(100), nullptr, nullptr);
    auto report = engine.RunOnce(sink);
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.pages, 2);
    EXPECT_NE(report.error.find("cannot reach hub"), std::string::npos) << report.error;
    EXPECT_EQ(KioskIds().size(), 200u);
    EXPECT_EQ(sink.Cursor() != "0", true);
  }
  // While the hub is down, rounds fail cleanly.
  auto down = SyncOnce(100);
  EXPECT_FALSE(down.ok);

  StartHub();  // same database, new port
  auto report = SyncOnce(100);
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_EQ(KioskIds(), expected);
}

TEST_P(SyncE2eTest, BackgroundEngineShowsAPublicationWithinAPollInterval) {
  auto options = Options();
  options.poll_interval = 1s;
  std::atomic<int> wakeups{0};
  std::filesystem::path db = kiosk_db_;
  sync::SyncEngine engine(
      options,
      [db]() -> std::unique_ptr<sync::FeedSink> {
        auto sink = store::OpenFeedSink(db);
        return sink ? std::move(sink).value() : nullptr;
      },
      [&] { ++wakeups; });
  engine.Start();
  std::string id = Publish("社区义诊", "周日上午在社区广场举行义诊。");
  bool arrived = false;
  for (int i = 0; i < 100 && !arrived; ++i) {  // at most 10 s
    std::this_thread::sleep_for(100ms);
    arrived = KioskNotice(id).has_value();
  }
  engine.Stop();
  EXPECT_TRUE(arrived);
  EXPECT_GE(wakeups, 1);
}

// The real hub never sends a broken page, so an in-process fake plays a broken hub against the real store.
TEST(SyncE2eBrokenHub, MalformedOrTruncatedPageAppliesNothingToTheKioskDatabase) {
  auto dir = std::filesystem::temp_directory_path() / ("ck-e2e-broken-" + protocol::NewUuid());
  auto db_file = dir / "kiosk.db";
  sync::testing::FakeHub hub;
  for (int i = 0; i < 3; ++i) hub.AddUpsert(sync::testing::FakeNotice("通知" + std::to_string(i)));
  sync::SyncEngineOptions o;
  o.hub_url = hub.url();
  o.token = "t";
  o.request_timeout = 3s;
  sync::SyncEngine engine(o, nullptr, nullptr);
  {
    auto sink = store::OpenFeedSink(db_file);
    ASSERT_TRUE(sink.ok()) << sink.error();
    for (auto mode : {sync::testing::FakeHub::Mode::MalformedJson, sync::testing::FakeHub::Mode::Truncated,
                      sync::testing::FakeHub::Mode::ServerError}) {
      hub.set_mode(mode);
      auto report = engine.RunOnce(**sink);
      EXPECT_FALSE(report.ok);
      EXPECT_EQ((*sink)->Cursor(), "0");
    }
    auto db = store::KioskDatabase::Open(db_file);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(store::NoticeRepository(**db).Count(), 0);
    auto status = store::SyncStateRepository(**db).Status();
    EXPECT_FALSE(status.last_error.empty());
    EXPECT_FALSE(status.last_success_at);

    hub.set_mode(sync::testing::FakeHub::Mode::Good);  // and it recovers once the hub behaves
    auto report = engine.RunOnce(**sink);
    EXPECT_TRUE(report.ok) << report.error;
    EXPECT_EQ(store::NoticeRepository(**db).Count(), 3);
  }
  std::filesystem::remove_all(dir);
}

CK_HUB_STORES(SyncE2eTest);

}  // namespace
}  // namespace ck::e2e

// End to end, resident feedback: the real community-hub process, the sync engine and the kiosk store.
// Exactly once through a hub that is down, killed mid-push, or a kiosk sync killed mid-request; the
// operator's answer reaching the kiosk; a bad rating re-opening the ticket; bad answers losing nothing.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/store/feed_applier.h"
#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "app/store/sync_state_repository.h"
#include "sync/client/sync_engine.h"
#include "sync/protocol/ticket_code.h"
#include "tests/e2e/hub_fixture.h"
#include "tests/sync/client/fake_open311_hub.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

std::filesystem::path DriverBinary() {
  return std::filesystem::path(CK_BINARY_DIR) / "tests" / "e2e" / "ck_kiosk_sync_driver";
}

// `long_text` pads the description to ~1,800 characters (the store takes 2,000), so a batch page (under
// 48 KiB) carries a handful of reports instead of 100: a test that must kill the sync while reports are
// still in flight then has many batches to land between, even on a slow sanitizer build.
store::FeedbackDraft Draft(int i, bool long_text = false) {
  store::FeedbackDraft d;
  d.service_code = i % 2 ? "sanitation" : "repairs";
  d.service_name = i % 2 ? "环境卫生" : "设施维修";
  d.address_string = std::to_string(i % 9 + 1) + "号楼" + std::to_string(i % 4 + 1) + "单元";
  d.description = "第" + std::to_string(i) + "条：楼道灯不亮，晚上看不见台阶";
  for (int k = 0; long_text && k < 300; ++k) d.description += "，请尽快处理";
  d.phone = i % 3 == 0 ? "13812341234" : "";
  return d;
}

class FeedbackE2eTest : public HubFixture {
 protected:
  sync::SyncEngineOptions Options() {
    sync::SyncEngineOptions o;
    o.hub_url = hub_url_;
    o.device_id = device_id_;
    o.token = token_;
    o.app_version = "e2e";
    o.connect_timeout = 5s;
    o.request_timeout = 20s;
    return o;
  }
  std::unique_ptr<store::KioskDatabase> OpenKiosk() {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    EXPECT_TRUE(db.ok()) << db.error();
    return db ? std::move(db).value() : nullptr;
  }
  // Reports made at the kiosk, as the report screen would; returns their ticket codes.
  std::vector<std::string> SubmitReports(int n, bool long_text = false) {
    auto db = OpenKiosk();
    std::vector<std::string> codes;
    if (!db) return codes;
    store::FeedbackRepository repo(*db);
    for (int i = 0; i < n; ++i) {
      auto r = repo.Submit(Draft(i, long_text), protocol::NowUtc(), kiosk_number_);
      EXPECT_TRUE(r.ok()) << r.error();
      if (r) codes.push_back(r->ticket_code);
    }
    return codes;
  }
  sync::SyncRoundReport SyncOnce() {
    auto db = OpenKiosk();
    if (!db) return {};
    store::FeedApplier sink(std::move(db));
    sync::SyncEngine engine(Options(), nullptr, nullptr);
    return engine.RunOnce(sink);
  }
  std::int64_t KioskPending() {
    auto db = OpenKiosk();
    return db ? store::OutboxRepository(*db).PendingCount() : -1;
  }
  // What the hub holds, by ticket code → how many requests carry it.
  std::map<std::string, int> HubTickets() {
    std::map<std::string, int> out;
    CommandResult r = Hub({"request", "list", "--db", hub_db_, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(j.is_array()) << r.out.substr(0, 300);
    if (!j.is_array()) return out;
    for (const auto& e : j) ++out[e.value("ticket_code", std::string("?"))];
    return out;
  }
  std::size_t HubCount() {
    std::size_t n = 0;
    for (const auto& [code, count] : HubTickets()) n += static_cast<std::size_t>(count);
    return n;
  }
  // Exactly the kiosk's reports, each once, under the codes the kiosk now shows.
  void ExpectHubHoldsExactly(const std::vector<std::string>& receipt_codes) {
    auto hub = HubTickets();
    std::size_t total = 0;
    for (const auto& [code, count] : hub) {
      EXPECT_EQ(count, 1) << code << " filed " << count << " times";
      total += static_cast<std::size_t>(count);
    }
    EXPECT_EQ(total, receipt_codes.size());
    auto db = OpenKiosk();
    ASSERT_TRUE(db);
    store::FeedbackRepository repo(*db);
    for (const std::string& code : receipt_codes) {
      auto v = repo.FindByTicketCode(code);
      ASSERT_TRUE(v) << code;
      EXPECT_EQ(v->delivery, store::DeliveryState::Delivered) << code;
      EXPECT_EQ(hub.count(v->receipt.ticket_code), 1u) << code;
      EXPECT_TRUE(v->draft.phone.empty()) << "phone kept after delivery: " << code;
    }
    EXPECT_EQ(store::OutboxRepository(*db).PendingCount(), 0);
  }
};

TEST_P(FeedbackE2eTest, TwoHundredReportsMadeWhileTheHubIsDownAreAllDeliveredOnce) {
  KillHub();
  auto codes = SubmitReports(200);
  ASSERT_EQ(codes.size(), 200u);
  auto offline = SyncOnce();
  EXPECT_FALSE(offline.ok);
  EXPECT_EQ(offline.pushed, 0);
  EXPECT_EQ(KioskPending(), 200);

  StartHub();
  auto online = SyncOnce();
  ASSERT_TRUE(online.ok) << online.error;
  EXPECT_EQ(online.pushed, 200);
  ExpectHubHoldsExactly(codes);
  // The hub numbered this kiosk; the kiosk learned it from the heartbeat's answer.
  auto db = OpenKiosk();
  ASSERT_TRUE(db);
  EXPECT_EQ(store::SyncStateRepository(*db).KioskNumber(), kiosk_number_);
  EXPECT_EQ(protocol::ParseTicketCode(codes[0])->kiosk_number, kiosk_number_);
}

// Kills the hub at the moment the kiosk has an ack in hand but has not recorded it: the hub has filed the
// report, the kiosk does not know. The retry must get the original answer, not a second filing.
class KillHubBeforeRecording : public sync::FeedSink, public sync::OutboxSink {
 public:
  KillHubBeforeRecording(store::FeedApplier& inner, int after, std::function<void()> kill)
      : inner_(inner), outbox_(*inner.Outbox()), after_(after), kill_(std::move(kill)) {}
  std::string Cursor() override { return inner_.Cursor(); }
  std::string ETag() override { return inner_.ETag(); }
  Status Apply(const protocol::FeedPage& p, const std::string& e) override { return inner_.Apply(p, e); }
  void RecordAttempt(protocol::UnixSeconds at, const std::string& e) override { inner_.RecordAttempt(at, e); }
  sync::OutboxSink* Outbox() override { return this; }
  std::vector<sync::OutboxItem> PendingOutbox(int l, protocol::UnixSeconds d) override {
    return outbox_.PendingOutbox(l, d);
  }
  Status MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack) override {
    if (++delivered_ == after_) {
      kill_();
      return Status::Fail("power cut before the ack was recorded");
    }
    return outbox_.MarkDelivered(id, ack);
  }
  Status MarkRejected(std::int64_t id, int s, const std::string& d) override {
    return outbox_.MarkRejected(id, s, d);
  }
  Status RecordRetry(std::int64_t id, const std::string& e, protocol::UnixSeconds n) override {
    return outbox_.RecordRetry(id, e, n);
  }
  std::string ServicesETag() override { return outbox_.ServicesETag(); }
  std::optional<protocol::UnixSeconds> ServicesFetchedAt() override { return outbox_.ServicesFetchedAt(); }
  Status ReplaceServices(const std::string& b, const std::string& e, protocol::UnixSeconds t) override {
    return outbox_.ReplaceServices(b, e, t);
  }
  Status TouchServices(protocol::UnixSeconds t) override { return outbox_.TouchServices(t); }
  std::vector<std::string> OpenServiceRequestIds() override { return outbox_.OpenServiceRequestIds(); }
  Result<int> ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& s) override {
    return outbox_.ApplyStatuses(s);
  }
  std::uint32_t KioskNumber() override { return outbox_.KioskNumber(); }
  Status SetKioskNumber(std::uint32_t n) override { return outbox_.SetKioskNumber(n); }

 private:
  store::FeedApplier& inner_;
  sync::OutboxSink& outbox_;
  int after_, delivered_ = 0;
  std::function<void()> kill_;
};

TEST_P(FeedbackE2eTest, HubKilledMidPushAndRestartedStillHoldsExactlyTwoHundred) {
  auto codes = SubmitReports(200);
  ASSERT_EQ(codes.size(), 200u);
  {
    auto db = OpenKiosk();
    ASSERT_TRUE(db);
    store::FeedApplier inner(std::move(db));
    KillHubBeforeRecording sink(inner, 60, [this] { KillHub(SIGKILL); });
    sync::SyncEngine engine(Options(), nullptr, nullptr);
    auto r = engine.RunOnce(sink);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.pushed, 59);
  }
  EXPECT_EQ(KioskPending(), 141);
  StartHub();

  // Second kill, from outside and at whatever point the push has reached: likely mid-request.
  std::atomic<bool> killed{false};
  std::thread killer([&] {
    for (int i = 0; i < 2000 && !killed; ++i) {
      if (KioskPending() <= 100) {
        KillHub(SIGKILL);
        killed = true;
      }
      std::this_thread::sleep_for(2ms);
    }
  });
  auto interrupted = SyncOnce();
  killer.join();
  ASSERT_TRUE(killed) << "the push finished before the kill: " << interrupted.pushed;
  EXPECT_FALSE(interrupted.ok);

  StartHub();
  for (int round = 0; round < 5 && KioskPending() > 0; ++round) SyncOnce();
  ExpectHubHoldsExactly(codes);
}

TEST_P(FeedbackE2eTest, KioskSyncKilledMidRequestAndRestartedStillHoldsExactlyTwoHundred) {
  if (!std::filesystem::exists(DriverBinary())) GTEST_SKIP() << "driver not built: " << DriverBinary();
  auto codes = SubmitReports(200, /*long_text=*/true);
  ASSERT_EQ(codes.size(), 200u);
  std::vector<std::string> argv{DriverBinary().string(), kiosk_db_.string(), hub_url_, device_id_, token_};
  {
    ChildProcess sync(argv, dir_ / "driver-1.out");
    ASSERT_TRUE(sync.started());
    // Kill once the hub has filed its first batch: with back-to-back POSTs the kill lands inside one, or
    // between the hub's commit and the kiosk's, which is the case that matters. The first batch, not a
    // count of 50: under a loaded sanitizer build the whole push once landed between two polls of the count.
    // Bounded by time, not by a count of polls: a loaded machine (the sanitizer build beside other tests)
    // can take longer than a few thousand unpaced polls to file the first 50.
    bool killed = false;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!killed && std::chrono::steady_clock::now() < deadline) {
      if (HubCount() >= 1) {
        sync.Stop(SIGKILL);
        killed = true;
      } else {
        std::this_thread::sleep_for(1ms);
      }
    }
    ASSERT_TRUE(killed) << "the hub filed nothing in 60 s";
  }
  std::size_t filed_at_kill = HubCount();
  EXPECT_GE(filed_at_kill, 1u);
  EXPECT_LT(filed_at_kill, 200u) << "the sync finished before the kill";
  EXPECT_GT(KioskPending(), 0);

  ChildProcess again(argv, dir_ / "driver-2.out");
  ASSERT_TRUE(again.started());
  auto done = again.WaitForLine("outbox empty", 60s);
  ASSERT_TRUE(done) << again.Output();
  again.Wait(10s);
  ExpectHubHoldsExactly(codes);
}

TEST_P(FeedbackE2eTest, OperatorAssignmentAndReplyReachTheKioskAndALowRatingReopens) {
  auto codes = SubmitReports(1);
  ASSERT_EQ(codes.size(), 1u);
  const std::string code = codes[0];
  ASSERT_EQ(SyncOnce().pushed, 1);

  CommandResult assigned = Hub({"request", "assign", "--db", hub_db_, "--ticket", code, "--agency",
                                "property_company", "--responsible", "物业服务中心 张经理", "--expected-at",
                                "2026-12-20T10:00:00Z", "--note", "已派单"});
  ASSERT_EQ(assigned.exit_code, 0) << assigned.out;
  CommandResult replied =
      Hub({"request", "reply", "--db", hub_db_, "--ticket", code, "--text", "已安排电工明天上午更换灯泡。"});
  ASSERT_EQ(replied.exit_code, 0) << replied.out;
  auto pulled = SyncOnce();
  ASSERT_TRUE(pulled.ok) << pulled.error;
  EXPECT_EQ(pulled.statuses, 1);

  auto db = OpenKiosk();
  ASSERT_TRUE(db);
  store::FeedbackRepository repo(*db);
  auto view = repo.FindByTicketCode(code);
  ASSERT_TRUE(view && view->status);
  EXPECT_EQ(view->status->agency, protocol::Agency::PropertyCompany);
  EXPECT_EQ(view->status->agency_responsible, "物业服务中心 张经理");
  EXPECT_EQ(view->status->status_notes, "已安排电工明天上午更换灯泡。");
  EXPECT_EQ(view->status->expected_at, protocol::ParseUtc("2026-12-20T10:00:00Z"));
  EXPECT_EQ(view->status->status, protocol::RequestStatus::Assigned);
  EXPECT_GE(view->status->history.size(), 2u);

  // Resolved on the hub; the resident is not satisfied.
  CommandResult resolved =
      Hub({"request", "status", "--db", hub_db_, "--ticket", code, "--status", "resolved"});
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out;
  ASSERT_TRUE(SyncOnce().ok);
  ASSERT_EQ(repo.FindByTicketCode(code)->status->status, protocol::RequestStatus::Resolved);
  auto rating = repo.Rate(code, 1, "unresolved", "灯还是不亮", protocol::NowUtc());
  ASSERT_TRUE(rating.ok()) << rating.error();
  auto sent = SyncOnce();
  ASSERT_TRUE(sent.ok) << sent.error;
  EXPECT_EQ(sent.pushed, 1);

  CommandResult shown = Hub({"request", "show", "--db", hub_db_, "--ticket", code, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_NE(shown.out.find("\"reopened\""), std::string::npos) << shown.out;
  CommandResult flagged = Hub({"request", "list", "--db", hub_db_, "--flagged", "--json"});
  EXPECT_NE(flagged.out.find(code), std::string::npos) << flagged.out;
  // The kiosk follows it again and shows the re-opening.
  ASSERT_TRUE(SyncOnce().ok);
  auto after = repo.FindByTicketCode(code);
  ASSERT_TRUE(after && after->status);
  EXPECT_EQ(after->status->status, protocol::RequestStatus::Reopened);
  EXPECT_EQ(after->my_rating, 1);
}

TEST_P(FeedbackE2eTest, ATicketFromAnotherKioskIsFoundByLookup) {
  auto codes = SubmitReports(1);
  ASSERT_EQ(SyncOnce().pushed, 1);
  // A second kiosk, which never saw this ticket, looks it up on the engine's thread.
  std::filesystem::path other_db = dir_ / "other" / "kiosk.db";
  std::atomic<int> wakes{0};
  sync::SyncEngine engine(
      Options(),
      [other_db]() -> std::unique_ptr<sync::FeedSink> {
        auto sink = store::OpenFeedSink(other_db);
        return sink ? std::move(sink).value() : nullptr;
      },
      [&] { ++wakes; });
  engine.Start();
  engine.RequestTicketLookup(codes[0]);
  bool answered = false;
  for (int i = 0; i < 1000 && !answered; ++i) {
    auto state = engine.TicketLookupState(codes[0]);
    answered = state && state->state != sync::TicketLookup::State::Pending;
    if (!answered) std::this_thread::sleep_for(10ms);
  }
  engine.Stop();
  ASSERT_TRUE(answered);
  EXPECT_EQ(engine.TicketLookupState(codes[0])->state, sync::TicketLookup::State::Found);
  auto db = store::KioskDatabase::Open(other_db);
  ASSERT_TRUE(db.ok());
  auto view = store::FeedbackRepository(**db).FindByTicketCode(codes[0]);
  ASSERT_TRUE(view && view->status);
  EXPECT_EQ(view->draft.service_code, "repairs");
  EXPECT_TRUE(view->draft.phone.empty());  // the public status carries nothing personal
}

// A hub that answers badly: the real kiosk store keeps every report queued and stays readable meanwhile.
TEST_P(FeedbackE2eTest, MalformedTruncatedOrSlowAcksLeaveTheOutboxIntact) {
  using Mode = sync::testing::FakeOpen311Hub::Mode;
  sync::testing::FakeOpen311Hub fake;
  auto codes = SubmitReports(3);
  sync::SyncEngineOptions o = Options();
  o.hub_url = fake.url();
  o.request_timeout = 1500ms;  // the slow answer takes 2.5 s
  for (Mode mode : {Mode::MalformedAck, Mode::TruncatedAck, Mode::NoIdAck, Mode::ServerError, Mode::Slow}) {
    fake.set_mode(mode);
    auto db = OpenKiosk();
    ASSERT_TRUE(db);
    store::FeedApplier sink(std::move(db));
    sync::SyncEngine engine(o, nullptr, nullptr);
    std::atomic<bool> done{false};
    std::chrono::steady_clock::duration slowest_read{};
    std::thread reader([&] {  // the UI thread's own connection, reading while sync waits on the hub
      auto ui = OpenKiosk();
      while (!done && ui) {
        auto t0 = std::chrono::steady_clock::now();
        EXPECT_TRUE(store::FeedbackRepository(*ui).FindByTicketCode(codes[0]));
        slowest_read = std::max(slowest_read, std::chrono::steady_clock::now() - t0);
        std::this_thread::sleep_for(20ms);
      }
    });
    auto r = engine.RunOnce(sink);
    done = true;
    reader.join();
    EXPECT_FALSE(r.ok) << static_cast<int>(mode);
    EXPECT_EQ(r.pushed, 0);
    EXPECT_EQ(store::OutboxRepository(sink.database()).PendingCount(), 3) << static_cast<int>(mode);
    EXPECT_LT(slowest_read, 200ms) << static_cast<int>(mode);
    auto v = store::FeedbackRepository(sink.database()).FindByTicketCode(codes[0]);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->delivery, store::DeliveryState::Pending);
    EXPECT_EQ(v->draft.phone, "13812341234");  // not purged before a real ack
  }
  fake.set_mode(Mode::Good);
  auto db = OpenKiosk();
  ASSERT_TRUE(db);
  store::FeedApplier sink(std::move(db));
  sync::SyncEngine engine(o, nullptr, nullptr);
  auto r = engine.RunOnce(sink);
  EXPECT_EQ(r.pushed, 3) << r.error;
  EXPECT_EQ(fake.filed_keys().size(), 3u);  // every attempt carried the same key: filed once each
}

CK_HUB_STORES(FeedbackE2eTest);

}  // namespace
}  // namespace ck::e2e

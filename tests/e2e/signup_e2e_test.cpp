// End to end, activity sign-ups: the real community-hub process and two kiosks, each its own SQLite store
// and sync engine, on 127.0.0.1. Capacity 10, 14 sign-ups, some made while the hub is down: exactly 10
// confirmed, 4 on the wait-list in order of arrival at the hub, none twice; a cancellation at one kiosk
// promotes the first waiting, and both kiosks show the right answers.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "app/store/activity_repository.h"
#include "app/store/feed_applier.h"
#include "app/store/outbox_repository.h"
#include "app/store/signup_repository.h"
#include "sync/client/sync_engine.h"
#include "sync/protocol/utc_time.h"
#include "tests/e2e/hub_fixture.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

struct Kiosk {
  std::filesystem::path db;
  std::string device_id, token;
  std::uint32_t number = 0;
};

// One row of `community-hub event signups`.
struct HubSignup {
  std::string state;
  int position = 0;
  std::string received_at;
};

class SignupE2eTest : public HubFixture {
 protected:
  void SetUp() override {
    HubFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = {kiosk_db_, device_id_, token_, kiosk_number_};
    CommandResult added = Hub({"kiosk", "add", "--db", hub_db_, "--name", "lobby-e2e-b"});
    ASSERT_EQ(added.exit_code, 0) << added.out;
    b_ = {dir_ / "kiosk-b" / "kiosk.db", OutputField(added.out, "device_id: "), OutputField(added.out, "token: "),
          static_cast<std::uint32_t>(std::stoul("0" + OutputField(added.out, "kiosk_number: ")))};
    std::filesystem::create_directories(a_.db.parent_path());
    std::filesystem::create_directories(b_.db.parent_path());
  }

  sync::SyncEngineOptions Options(const Kiosk& k) {
    sync::SyncEngineOptions o;
    o.hub_url = hub_url_;
    o.device_id = k.device_id;
    o.token = k.token;
    o.app_version = "e2e";
    o.connect_timeout = 2s;
    o.request_timeout = 10s;
    return o;
  }
  std::unique_ptr<store::KioskDatabase> Open(const Kiosk& k) {
    auto db = store::KioskDatabase::Open(k.db);
    EXPECT_TRUE(db.ok()) << db.error();
    return db ? std::move(db).value() : nullptr;
  }
  sync::SyncRoundReport SyncOnce(const Kiosk& k) {
    auto db = Open(k);
    if (!db) return {};
    store::FeedApplier sink(std::move(db));
    sync::SyncEngine engine(Options(k), nullptr, nullptr);
    return engine.RunOnce(sink);
  }
  // A sign-up made at the kiosk's screen; returns the code on the receipt.
  std::string SignUp(const Kiosk& k, const std::string& activity_id, protocol::UnixSeconds occurrence, int i) {
    auto db = Open(k);
    if (!db) return "";
    store::SignupDraft d{activity_id, occurrence, "居民" + std::to_string(i), "1381234" + std::to_string(1000 + i), 1};
    auto r = store::SignupRepository(*db).Submit(d, protocol::NowUtc(), k.number);
    EXPECT_TRUE(r.ok()) << r.error();
    return r ? r->code : "";
  }
  std::optional<store::SignupRecord> AtKiosk(const Kiosk& k, const std::string& code) {
    auto db = Open(k);
    return db ? store::SignupRepository(*db).FindByCode(code) : std::nullopt;
  }
  std::int64_t Pending(const Kiosk& k) {
    auto db = Open(k);
    return db ? store::OutboxRepository(*db).PendingCount() : -1;
  }
  std::optional<protocol::ActivityOccurrence> OccurrenceAt(const Kiosk& k, const std::string& id) {
    auto db = Open(k);
    if (!db) return std::nullopt;
    auto a = store::ActivityRepository(*db).Get(id);
    if (!a || a->occurrences.size() != 1) return std::nullopt;
    return a->occurrences.front();
  }
  // The hub's list for the activity, by code; a code listed twice fails the test.
  std::map<std::string, HubSignup> HubSignups(const std::string& id) {
    std::map<std::string, HubSignup> out;
    CommandResult r = Hub({"event", "signups", "--db", hub_db_, "--id", id});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
      std::vector<std::string> f;
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, '\t');) f.push_back(cell);
      if (f.size() < 8) continue;
      EXPECT_EQ(out.count(f[1]), 0u) << f[1] << " is on the hub twice";
      out[f[1]] = {f[2], f[3] == "-" ? 0 : std::stoi(f[3]), f[7]};
    }
    return out;
  }

  Kiosk a_, b_;
};

TEST_P(SignupE2eTest, FourteenForTenPlacesThroughAnOutageAndACancellationAtTheOtherKiosk) {
  // A one-off talk tomorrow morning, ten places, organised by the residents' committee.
  const protocol::UnixSeconds start = (protocol::NowUtc() / 86400 + 2) * 86400 + 3600;  // 09:00 Beijing
  CommandResult made = Hub({"event", "add", "--db", hub_db_, "--as", "residents_committee", "--title", "健康讲座",
                            "--place", "社区活动室", "--start", protocol::FormatUtc(start), "--duration-minutes", "90",
                            "--capacity", "10"});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  const std::string id = LastLine(made.out);

  // Both kiosks learn it from the feed.
  ASSERT_TRUE(SyncOnce(a_).ok);
  ASSERT_TRUE(SyncOnce(b_).ok);
  auto occ = OccurrenceAt(a_, id);
  ASSERT_TRUE(occ) << "kiosk A does not hold the activity";
  ASSERT_TRUE(OccurrenceAt(b_, id));
  EXPECT_EQ(occ->signed_up, 0);
  const protocol::UnixSeconds when = occ->original_start;

  // Online: three at A, then three at B, each delivered at once.
  std::vector<std::string> arrival;  // the order the hub receives them
  for (int i = 0; i < 3; ++i) arrival.push_back(SignUp(a_, id, when, i));
  ASSERT_TRUE(SyncOnce(a_).ok);
  for (int i = 3; i < 6; ++i) arrival.push_back(SignUp(b_, id, when, i));
  ASSERT_TRUE(SyncOnce(b_).ok);
  EXPECT_EQ(AtKiosk(a_, arrival[0])->state, protocol::SignupState::Confirmed);
  // B's sign-ups reached A's "places left" within one poll.
  ASSERT_TRUE(SyncOnce(a_).ok);
  EXPECT_EQ(OccurrenceAt(a_, id)->signed_up, 6);

  // The hub goes down; four more at each kiosk get their codes at once and wait as 待确认.
  KillHub();
  std::vector<std::string> offline_a, offline_b;
  for (int i = 6; i < 10; ++i) offline_a.push_back(SignUp(a_, id, when, i));
  for (int i = 10; i < 14; ++i) offline_b.push_back(SignUp(b_, id, when, i));
  EXPECT_FALSE(SyncOnce(a_).ok);
  EXPECT_FALSE(SyncOnce(b_).ok);
  EXPECT_EQ(Pending(a_), 4);
  EXPECT_EQ(Pending(b_), 4);
  EXPECT_EQ(AtKiosk(b_, offline_b[0])->state, protocol::SignupState::Pending);

  // Back up: B delivers first, so B's four take the last places and A's four wait, in A's order.
  StartHub();
  ASSERT_TRUE(SyncOnce(b_).ok);
  ASSERT_TRUE(SyncOnce(a_).ok);
  arrival.insert(arrival.end(), offline_b.begin(), offline_b.end());
  arrival.insert(arrival.end(), offline_a.begin(), offline_a.end());
  EXPECT_EQ(Pending(a_), 0);
  EXPECT_EQ(Pending(b_), 0);
  // Another round delivers nothing twice.
  ASSERT_TRUE(SyncOnce(a_).ok);
  ASSERT_TRUE(SyncOnce(b_).ok);

  auto hub = HubSignups(id);
  ASSERT_EQ(hub.size(), 14u);
  for (std::size_t i = 0; i < arrival.size(); ++i) {
    ASSERT_EQ(hub.count(arrival[i]), 1u) << arrival[i];
    const HubSignup& s = hub[arrival[i]];
    if (i < 10) {
      EXPECT_EQ(s.state, "confirmed") << "arrival " << i;
    } else {
      EXPECT_EQ(s.state, "waitlisted") << "arrival " << i;
      EXPECT_EQ(s.position, static_cast<int>(i) - 9) << "arrival " << i;
    }
  }
  // Each kiosk shows the hub's answer for its own.
  EXPECT_EQ(AtKiosk(b_, offline_b[3])->state, protocol::SignupState::Confirmed);
  auto first_waiting = AtKiosk(a_, offline_a[0]);
  ASSERT_TRUE(first_waiting);
  EXPECT_EQ(first_waiting->state, protocol::SignupState::Waitlisted);
  EXPECT_EQ(first_waiting->waitlist_position, 1);
  EXPECT_EQ(AtKiosk(a_, offline_a[3])->waitlist_position, 4);
  EXPECT_TRUE(AtKiosk(a_, offline_a[0])->masked_phone.find("****") != std::string::npos);

  // A resident cancels one of B's confirmed places at kiosk B, as its screen does (the engine's thread).
  {
    sync::SyncEngine engine(
        Options(b_),
        [this]() -> std::unique_ptr<sync::FeedSink> {
          auto sink = store::OpenFeedSink(b_.db);
          return sink ? std::move(sink).value() : nullptr;
        },
        nullptr);
    engine.Start();
    engine.RequestSignupCancel(arrival[3]);
    for (int i = 0; i < 1000; ++i) {
      auto st = engine.SignupCancelState(arrival[3]);
      if (st && st->state != sync::TicketLookup::State::Pending) break;
      std::this_thread::sleep_for(10ms);
    }
    auto st = engine.SignupCancelState(arrival[3]);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->state, sync::TicketLookup::State::Found) << st->error;
    // Kiosk B looks up A's first waiting code, as 查询进度 does for a code made elsewhere.
    engine.RequestTicketLookup(offline_a[0]);
    for (int i = 0; i < 1000; ++i) {
      auto l = engine.TicketLookupState(offline_a[0]);
      if (l && l->state != sync::TicketLookup::State::Pending) break;
      std::this_thread::sleep_for(10ms);
    }
    engine.Stop();
  }
  EXPECT_EQ(AtKiosk(b_, arrival[3])->state, protocol::SignupState::Cancelled);
  auto seen_at_b = AtKiosk(b_, offline_a[0]);
  ASSERT_TRUE(seen_at_b) << "kiosk B did not learn the looked-up code";
  EXPECT_FALSE(seen_at_b->made_here);
  EXPECT_EQ(seen_at_b->state, protocol::SignupState::Confirmed);

  hub = HubSignups(id);
  EXPECT_EQ(hub[arrival[3]].state, "cancelled");
  EXPECT_EQ(hub[offline_a[0]].state, "confirmed");
  for (int i = 1; i < 4; ++i) {
    EXPECT_EQ(hub[offline_a[static_cast<std::size_t>(i)]].state, "waitlisted");
    EXPECT_EQ(hub[offline_a[static_cast<std::size_t>(i)]].position, i);
  }
  int confirmed = 0;
  for (const auto& [code, s] : hub) confirmed += s.state == "confirmed";
  EXPECT_EQ(confirmed, 10);

  // Kiosk A learns of its promotion on its next round, and both calendars say the talk is full.
  ASSERT_TRUE(SyncOnce(a_).ok);
  ASSERT_TRUE(SyncOnce(b_).ok);
  EXPECT_EQ(AtKiosk(a_, offline_a[0])->state, protocol::SignupState::Confirmed);
  EXPECT_EQ(AtKiosk(a_, offline_a[1])->waitlist_position, 1);
  EXPECT_EQ(OccurrenceAt(a_, id)->signed_up, 10);
  EXPECT_EQ(OccurrenceAt(b_, id)->signed_up, 10);
  EXPECT_EQ(OccurrenceAt(b_, id)->waitlisted, 3);
}

CK_HUB_STORES(SignupE2eTest);

}  // namespace
}  // namespace ck::e2e

// Sign-ups through the outbox against the in-test hub: delivered exactly once (Idempotency-Key), retried on
// every bad answer, a refusal kept as the hub's answer, the kiosk's open sign-ups refreshed, a code looked up
// and cancelled.
#include <gtest/gtest.h>

#include <limits>
#include <set>

#include "sync/client/hub_http.h"
#include "sync/client/outbox_pusher.h"
#include "sync/client/signup_client.h"
#include "sync/client/sync_engine.h"
#include "tests/sync/client/fake_open311_hub.h"
#include "tests/sync/client/memory_outbox.h"

namespace ck::sync {
namespace {

using namespace std::chrono_literals;
using testing::FakeOpen311Hub;
using testing::MemoryOutbox;
using Mode = FakeOpen311Hub::Mode;

constexpr const char* kDevice = "3b7f0d4e-8d1a-4c55-9a8e-0c2c1f6a7b10";
constexpr protocol::UnixSeconds kAnyTime = std::numeric_limits<protocol::UnixSeconds>::max();

HubHttpOptions HttpOptions(const FakeOpen311Hub& hub) {
  HubHttpOptions o;
  o.hub_url = hub.url();
  o.device_id = kDevice;
  o.token = "tok";
  o.app_version = "test";
  o.connect_timeout = 2s;
  o.request_timeout = 1500ms;
  return o;
}

SyncEngineOptions EngineOptions(const FakeOpen311Hub& hub) {
  SyncEngineOptions o;
  o.hub_url = hub.url();
  o.device_id = kDevice;
  o.token = "tok";
  o.app_version = "test";
  o.connect_timeout = 2s;
  o.request_timeout = 3s;
  o.send_heartbeat = false;
  return o;
}

class SignupSyncTest : public ::testing::Test {
 protected:
  PushReport Push() {
    HubHttp http(HttpOptions(hub_));
    Open311Client client(http);
    OutboxPusher pusher(client, kDevice);
    return pusher.Push(outbox_, kAnyTime, nullptr);
  }
  FakeOpen311Hub hub_;
  MemoryOutbox outbox_;
};

TEST_F(SignupSyncTest, DeliversInOrderOnceEachAndStoresTheAnswer) {
  hub_.set_signup_capacity(3);
  const std::string a = outbox_.AddSignup(2);
  const std::string report = outbox_.AddReport();
  const std::string b = outbox_.AddSignup(2);
  PushReport r = Push();
  EXPECT_FALSE(r.failed) << r.error;
  EXPECT_EQ(r.delivered, 3);
  EXPECT_TRUE(outbox_.rows().empty());
  EXPECT_EQ(hub_.filed_signups(), (std::vector<std::string>{a, b}));
  EXPECT_EQ(hub_.filed_keys(), std::vector<std::string>{report});
  const auto delivered = outbox_.signups_delivered();
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_EQ(delivered.at(a).state, protocol::SignupState::Confirmed);
  EXPECT_EQ(delivered.at(b).state, protocol::SignupState::Waitlisted);  // 2 + 2 > 3 places
  EXPECT_EQ(delivered.at(b).waitlist_position, 1);
  // The wire form carried the kiosk's device id.
  EXPECT_EQ(hub_.signup_posts(), 2);
}

class BadSignupAnswerTest : public SignupSyncTest, public ::testing::WithParamInterface<Mode> {};

TEST_P(BadSignupAnswerTest, KeepsTheSignupQueuedAndTheRetryFilesItOnce) {
  const std::string key = outbox_.AddSignup();
  hub_.set_mode(GetParam());
  PushReport bad = Push();
  EXPECT_TRUE(bad.failed);
  EXPECT_EQ(bad.delivered, 0);
  ASSERT_EQ(outbox_.rows().size(), 1u);
  EXPECT_FALSE(outbox_.rows().begin()->second.rejected);
  EXPECT_TRUE(outbox_.signups_delivered().empty());

  hub_.set_mode(Mode::Good);
  PushReport good = Push();
  EXPECT_FALSE(good.failed) << good.error;
  EXPECT_EQ(good.delivered, 1);
  EXPECT_TRUE(outbox_.rows().empty());
  EXPECT_EQ(hub_.filed_signups(), std::vector<std::string>{key});  // filed once, whatever the retries
  EXPECT_EQ(outbox_.signups_delivered().at(key).state, protocol::SignupState::Confirmed);
}

INSTANTIATE_TEST_SUITE_P(Answers, BadSignupAnswerTest,
                         ::testing::Values(Mode::ServerError, Mode::Unauthorized, Mode::MalformedAck,
                                           Mode::TruncatedAck, Mode::Slow, Mode::TooLarge));

TEST_F(SignupSyncTest, ARefusalIsTheHubsAnswerAndAn422SetsTheItemAside) {
  hub_.set_signup_refusal(protocol::SignupRefusal::SignupClosed);
  const std::string refused = outbox_.AddSignup();
  EXPECT_EQ(Push().delivered, 1);
  const auto answer = outbox_.signups_delivered().at(refused);
  EXPECT_EQ(answer.state, protocol::SignupState::Refused);
  EXPECT_EQ(answer.refusal, protocol::SignupRefusal::SignupClosed);

  hub_.set_signup_http_reject(true);
  const std::string bad = outbox_.AddSignup();
  const std::string next = outbox_.AddReport();
  PushReport r = Push();
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(r.delivered, 1);  // the queue went on past it
  auto rows = outbox_.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows.begin()->second.rejected);
  EXPECT_EQ(rows.begin()->second.http_status, 422);
  EXPECT_EQ(rows.begin()->second.item.idempotency_key, bad);
}

TEST_F(SignupSyncTest, ARoundRefreshesOpenSignupsAndAnIdleKioskAsksNothing) {
  hub_.set_signup_capacity(1);
  const std::string first = outbox_.AddSignup();
  const std::string second = outbox_.AddSignup();
  SyncEngine engine(EngineOptions(hub_), nullptr, nullptr);
  ASSERT_TRUE(engine.RunOnce(outbox_).ok);
  EXPECT_TRUE(hub_.signup_queries().empty());  // nothing open yet: no request

  const std::string first_code = outbox_.signups_delivered().at(first).code;
  const std::string second_code = outbox_.signups_delivered().at(second).code;
  EXPECT_EQ(outbox_.signups_delivered().at(second).state, protocol::SignupState::Waitlisted);
  // Someone cancels at another kiosk: the wait-listed sign-up is promoted, and the next round learns it.
  HubHttp http(HttpOptions(hub_));
  ASSERT_TRUE(SignupClient(http).Cancel(first_code).ok());
  outbox_.set_open_signup_codes({second_code, first_code});
  SyncRoundReport r = engine.RunOnce(outbox_);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.signup_statuses, 2);
  ASSERT_EQ(hub_.signup_queries().size(), 1u);
  EXPECT_EQ(hub_.signup_queries()[0], second_code + "," + first_code);
  bool promoted = false;
  for (const auto& s : outbox_.signup_statuses())
    promoted = promoted || (s.code == second_code && s.state == protocol::SignupState::Confirmed);
  EXPECT_TRUE(promoted);
}

TEST_F(SignupSyncTest, ALookupFallsBackToSignupsAndACancelStoresTheNewStatus) {
  const std::string key = outbox_.AddSignup();
  ASSERT_EQ(Push().delivered, 1);
  const std::string code = outbox_.signups_delivered().at(key).code;
  std::atomic<int> wakes{0};
  struct Forwarder : FeedSink {
    explicit Forwarder(MemoryOutbox& o) : outbox(o) {}
    std::string Cursor() override { return outbox.Cursor(); }
    std::string ETag() override { return outbox.ETag(); }
    Status Apply(const protocol::FeedPage& p, const std::string& e) override { return outbox.Apply(p, e); }
    void RecordAttempt(protocol::UnixSeconds, const std::string&) override {}
    OutboxSink* Outbox() override { return &outbox; }
    MemoryOutbox& outbox;
  };
  SyncEngine engine(
      EngineOptions(hub_), [this]() -> std::unique_ptr<FeedSink> { return std::make_unique<Forwarder>(outbox_); },
      [&] { ++wakes; });
  engine.Start();
  const std::string unknown = *protocol::MakeTicketCode({9, 4242});
  engine.RequestTicketLookup(code);
  engine.RequestTicketLookup(unknown);
  auto settled = [&](const std::optional<TicketLookup>& l) {
    return l && l->state != TicketLookup::State::Pending;
  };
  for (int i = 0; i < 500 && !(settled(engine.TicketLookupState(code)) && settled(engine.TicketLookupState(unknown)));
       ++i)
    std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(settled(engine.TicketLookupState(code)));
  EXPECT_EQ(engine.TicketLookupState(code)->state, TicketLookup::State::Found);
  EXPECT_EQ(engine.TicketLookupState(unknown)->state, TicketLookup::State::NotFound);
  ASSERT_FALSE(outbox_.signup_statuses().empty());
  EXPECT_EQ(outbox_.signup_statuses().back().code, code);

  engine.RequestSignupCancel(code);
  for (int i = 0; i < 500 && !settled(engine.SignupCancelState(code)); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(settled(engine.SignupCancelState(code)));
  EXPECT_EQ(engine.SignupCancelState(code)->state, TicketLookup::State::Found);
  EXPECT_EQ(outbox_.signup_statuses().back().state, protocol::SignupState::Cancelled);
  EXPECT_EQ(hub_.SignupByCode(code)->state, protocol::SignupState::Cancelled);
  engine.RequestSignupCancel(unknown);
  for (int i = 0; i < 500 && !settled(engine.SignupCancelState(unknown)); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(engine.SignupCancelState(unknown)->state, TicketLookup::State::NotFound);
  EXPECT_GT(wakes.load(), 0);
  engine.Stop();
}

}  // namespace
}  // namespace ck::sync

// FeedClient and SyncEngine against an in-test hub: good pages, 304, and every kind of bad answer.
#include "sync/client/sync_engine.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/client/feed_client.h"
#include "tests/sync/client/fake_hub.h"
#include "tests/sync/client/memory_sink.h"

namespace ck::sync {
namespace {

using namespace std::chrono_literals;
using testing::FakeHub;
using testing::FakeNotice;
using testing::MemoryFeedState;
using testing::MemorySink;

constexpr const char* kToken = "tok-secret-123";

SyncEngineOptions Options(const FakeHub& hub) {
  SyncEngineOptions o;
  o.hub_url = hub.url() + "/";  // a trailing slash must not matter
  o.device_id = "3b7f0d4e-8d1a-4c55-9a8e-0c2c1f6a7b10";
  o.token = kToken;
  o.app_version = "test";
  o.connect_timeout = 2s;
  o.request_timeout = 3s;
  o.page_size = 2;
  o.backoff_base = 10ms;
  o.backoff_cap = 80ms;
  o.poll_interval = 1s;
  return o;
}

// Polls `done` every 10 ms for at most `limit`; a bounded wait for things another thread does.
template <typename F>
bool WaitFor(F done, std::chrono::milliseconds limit = 10s) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

class SyncEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = std::make_shared<MemoryFeedState>();
    sink_ = std::make_unique<MemorySink>(state_);
    for (int i = 0; i < 3; ++i) hub_.AddUpsert(FakeNotice("通知" + std::to_string(i)));
  }
  // After a failed round: nothing applied, position unchanged, failure recorded.
  void ExpectNothingApplied(const SyncRoundReport& r) {
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(r.pages, 0);
    std::lock_guard lock(state_->mutex);
    EXPECT_TRUE(state_->notices.empty());
    EXPECT_EQ(state_->cursor, "0");
    EXPECT_EQ(state_->pages_applied, 0);
    EXPECT_EQ(state_->last_error, r.error);
  }
  FakeHub hub_;
  std::shared_ptr<MemoryFeedState> state_;
  std::unique_ptr<MemorySink> sink_;
};

TEST_F(SyncEngineTest, PullsEveryPageThenGetsNotModified) {
  SyncEngine engine(Options(hub_), nullptr, nullptr);
  SyncRoundReport first = engine.RunOnce(*sink_);
  ASSERT_TRUE(first.ok) << first.error;
  EXPECT_EQ(first.pages, 2);  // 3 changes, 2 per page
  EXPECT_EQ(first.upserts, 3);
  EXPECT_EQ(state_->notices.size(), 3u);
  EXPECT_EQ(state_->cursor, "3");
  EXPECT_EQ(hub_.last_authorization(), std::string("Bearer ") + kToken);

  // The first poll at the new cursor learns its ETag; from then on an idle poll is a 304.
  SyncRoundReport second = engine.RunOnce(*sink_);
  ASSERT_TRUE(second.ok) << second.error;
  EXPECT_FALSE(second.not_modified);
  EXPECT_EQ(second.upserts, 0);
  SyncRoundReport idle = engine.RunOnce(*sink_);
  ASSERT_TRUE(idle.ok) << idle.error;
  EXPECT_TRUE(idle.not_modified);
  EXPECT_EQ(idle.pages, 0);
  EXPECT_FALSE(hub_.last_if_none_match().empty());

  hub_.AddTombstone(state_->notices.begin()->first);
  SyncRoundReport after = engine.RunOnce(*sink_);
  ASSERT_TRUE(after.ok) << after.error;
  EXPECT_FALSE(after.not_modified);
  EXPECT_EQ(after.tombstones, 1);
  EXPECT_EQ(state_->notices.size(), 2u);
}

TEST_F(SyncEngineTest, HeartbeatAfterChangesButNotOnEveryIdlePoll) {
  SyncEngine engine(Options(hub_), nullptr, nullptr);
  ASSERT_TRUE(engine.RunOnce(*sink_).ok);
  auto beats = hub_.heartbeats();
  ASSERT_EQ(beats.size(), 1u);
  auto j = nlohmann::json::parse(beats[0]);
  EXPECT_EQ(j.at("app_version"), "test");
  EXPECT_EQ(j.at("cursor"), "3");
  EXPECT_EQ(j.at("last_sync_error"), "");

  ASSERT_TRUE(engine.RunOnce(*sink_).ok);
  ASSERT_TRUE(engine.RunOnce(*sink_).not_modified);
  EXPECT_EQ(hub_.heartbeats().size(), 1u);  // idle: one request per poll, the feed's 304

  hub_.set_mode(FakeHub::Mode::ServerError);
  EXPECT_FALSE(engine.RunOnce(*sink_).ok);
  ASSERT_EQ(hub_.heartbeats().size(), 2u);  // the error is news
  EXPECT_NE(
      nlohmann::json::parse(hub_.heartbeats()[1]).at("last_sync_error").get<std::string>().find("HTTP 500"),
      std::string::npos);
}

TEST_F(SyncEngineTest, HeartbeatRepeatsAfterItsInterval) {
  SyncEngineOptions o = Options(hub_);
  o.heartbeat_interval = 0s;
  SyncEngine engine(o, nullptr, nullptr);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(engine.RunOnce(*sink_).ok);
  EXPECT_EQ(hub_.heartbeats().size(), 3u);
}

TEST_F(SyncEngineTest, ServerErrorAppliesNothingAndNamesTheError) {
  hub_.set_mode(FakeHub::Mode::ServerError);
  SyncEngine engine(Options(hub_), nullptr, nullptr);
  SyncRoundReport r = engine.RunOnce(*sink_);
  ExpectNothingApplied(r);
  EXPECT_NE(r.error.find("HTTP 500"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("database is being restored"), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find(kToken), std::string::npos);
}

TEST_F(SyncEngineTest, MalformedJsonAppliesNothing) {
  hub_.set_mode(FakeHub::Mode::MalformedJson);
  SyncEngine engine(Options(hub_), nullptr, nullptr);
  SyncRoundReport r = engine.RunOnce(*sink_);
  ExpectNothingApplied(r);
  EXPECT_NE(r.error.find("not valid JSON"), std::string::npos) << r.error;
}

TEST_F(SyncEngineTest, TruncatedBodyAppliesNothing) {
  hub_.set_mode(FakeHub::Mode::Truncated);
  SyncEngine engine(Options(hub_), nullptr, nullptr);
  ExpectNothingApplied(engine.RunOnce(*sink_));
}

TEST_F(SyncEngineTest, SlowAnswerTimesOut) {
  hub_.set_mode(FakeHub::Mode::Slow);
  hub_.set_slow_delay(2500ms);
  SyncEngineOptions o = Options(hub_);
  o.request_timeout = 400ms;
  SyncEngine engine(o, nullptr, nullptr);
  auto start = std::chrono::steady_clock::now();
  SyncRoundReport r = engine.RunOnce(*sink_);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  ExpectNothingApplied(r);
  EXPECT_NE(r.error.find("cannot reach hub"), std::string::npos) << r.error;
}

TEST_F(SyncEngineTest, HugeAnswerIsRefused) {
  SyncEngineOptions o = Options(hub_);
  o.max_response_bytes = 1u << 20;
  SyncEngine engine(o, nullptr, nullptr);
  for (auto mode : {FakeHub::Mode::Huge, FakeHub::Mode::HugeChunked}) {
    hub_.set_mode(mode);
    SyncRoundReport r = engine.RunOnce(*sink_);
    ExpectNothingApplied(r);
    EXPECT_NE(r.error.find("larger than 1 MB"), std::string::npos) << r.error;
  }
}

TEST_F(SyncEngineTest, HasMoreWithoutProgressEndsTheRound) {
  hub_.set_mode(FakeHub::Mode::StuckCursor);
  SyncEngine engine(Options(hub_), nullptr, nullptr);
  SyncRoundReport r = engine.RunOnce(*sink_);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("has_more"), std::string::npos) << r.error;
  EXPECT_LE(hub_.feed_requests(), 1);
}

TEST_F(SyncEngineTest, UnreachableHubIsAnError) {
  SyncEngineOptions o = Options(hub_);
  hub_.Stop();
  SyncEngine engine(o, nullptr, nullptr);
  SyncRoundReport r = engine.RunOnce(*sink_);
  ExpectNothingApplied(r);
  EXPECT_NE(r.error.find("cannot reach hub"), std::string::npos) << r.error;
}

TEST_F(SyncEngineTest, BackgroundEngineBacksOffThenRecoversAndWakesTheUi) {
  hub_.set_mode(FakeHub::Mode::ServerError);
  std::atomic<int> wakeups{0};
  SyncEngineOptions o = Options(hub_);
  o.poll_interval = 30s;  // long, so only RequestSyncNow can explain a prompt second sync
  SyncEngine engine(
      o, [this] { return std::unique_ptr<FeedSink>(std::make_unique<MemorySink>(state_)); },
      [&] { ++wakeups; });
  engine.Start();
  ASSERT_TRUE(WaitFor([&] { return engine.Stats().failed_rounds >= 4; }));
  SyncEngineStats failing = engine.Stats();
  EXPECT_GE(failing.consecutive_failures, 4);
  EXPECT_LE(failing.last_delay, 80ms);  // capped
  EXPECT_NE(failing.last_error.find("HTTP 500"), std::string::npos);
  EXPECT_EQ(wakeups, 0);
  {
    std::lock_guard lock(state_->mutex);
    EXPECT_TRUE(state_->notices.empty());
  }

  hub_.set_mode(FakeHub::Mode::Good);
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard lock(state_->mutex);
    return state_->notices.size() == 3;
  }));
  ASSERT_TRUE(WaitFor([&] { return engine.Stats().consecutive_failures == 0; }));
  EXPECT_EQ(engine.Stats().last_delay, 30000ms);  // back to the poll interval
  EXPECT_GE(wakeups, 1);

  // RequestSyncNow cuts the poll interval short.
  hub_.AddUpsert(FakeNotice("新通知"));
  engine.RequestSyncNow();
  EXPECT_TRUE(WaitFor(
      [&] {
        std::lock_guard lock(state_->mutex);
        return state_->notices.size() == 4;
      },
      5s));
  auto stop_start = std::chrono::steady_clock::now();
  engine.Stop();  // wakes the idle wait at once
  EXPECT_LT(std::chrono::steady_clock::now() - stop_start, 1s);
}

// Issue 16: a report queued while the hub was down went 29.5 s after it came back although the poll interval
// was 5 s: the backoff had grown past the interval. Retries now never wait longer than one interval.
TEST_F(SyncEngineTest, BackoffNeverWaitsLongerThanThePollInterval) {
  hub_.set_mode(FakeHub::Mode::ServerError);
  SyncEngineOptions o = Options(hub_);
  o.backoff_base = 100ms;
  o.backoff_cap = 60s;  // would allow ceilings of 0.1, 0.2, 0.4 … 6.4 s over seven failures
  o.poll_interval = 1s;
  SyncEngine engine(o, [this] { return std::unique_ptr<FeedSink>(std::make_unique<MemorySink>(state_)); },
                    [] {});
  engine.Start();
  std::chrono::milliseconds longest{0};
  ASSERT_TRUE(WaitFor(
      [&] {
        const SyncEngineStats s = engine.Stats();
        longest = std::max(longest, s.last_delay);
        return s.failed_rounds >= 7;
      },
      30s));
  EXPECT_LE(longest, 1000ms);
  engine.Stop();
}

TEST_F(SyncEngineTest, StopIsPromptEvenDuringASlowRequest) {
  hub_.set_mode(FakeHub::Mode::Slow);
  hub_.set_slow_delay(4s);
  SyncEngineOptions o = Options(hub_);
  o.request_timeout = 60s;
  SyncEngine engine(
      o, [this] { return std::unique_ptr<FeedSink>(std::make_unique<MemorySink>(state_)); }, nullptr);
  engine.Start();
  ASSERT_TRUE(WaitFor([&] { return hub_.feed_requests() >= 1; }));
  auto start = std::chrono::steady_clock::now();
  engine.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
}

TEST_F(SyncEngineTest, EngineWithoutASinkKeepsRetrying) {
  SyncEngine engine(
      Options(hub_), [] { return std::unique_ptr<FeedSink>(); }, nullptr);
  engine.Start();
  ASSERT_TRUE(WaitFor([&] { return engine.Stats().failed_rounds >= 2; }));
  engine.Stop();
  EXPECT_EQ(hub_.feed_requests(), 0);
}

TEST_F(SyncEngineTest, TokenWithALineBreakIsNeverSent) {
  SyncEngineOptions o = Options(hub_);
  o.token = "abc\r\nX-Injected: 1";
  SyncEngine engine(o, nullptr, nullptr);
  SyncRoundReport r = engine.RunOnce(*sink_);
  ExpectNothingApplied(r);
  EXPECT_EQ(hub_.feed_requests(), 0);
  EXPECT_EQ(r.error.find("Injected"), std::string::npos);
}

TEST(DescribeHttpError, UsesTheOpen311Description) {
  EXPECT_EQ(DescribeHttpError(403, R"([{"code":403,"description":"kiosk revoked"}])"),
            "HTTP 403: kiosk revoked");
  // The kiosk did send a token: a 401 says what to check, whatever hint the hub gives.
  EXPECT_EQ(DescribeHttpError(401, R"([{"code":401,"description":"missing or invalid token: send Authorization"}])"),
            "HTTP 401: the hub refused this kiosk's token; check device_id and token in the config (from "
            "`community-hub kiosk add`)");
  EXPECT_EQ(DescribeHttpError(502, "<html>bad gateway</html>"), "HTTP 502");
  EXPECT_EQ(DescribeHttpError(400, R"({"code":400,"description":"cursor: not a number"})"),
            "HTTP 400: cursor: not a number");
}

}  // namespace
}  // namespace ck::sync

// The sign-up routes and the activity pages through a real HubHttpServer on loopback: idempotent POST,
// refusals answered, lookups by code (throttled like ticket codes), cancel with promotion, a kiosk's list of
// only its own sign-ups, the feed's places left within one poll (an idle poll still a 304), no over-booking
// from concurrent kiosks, and the public pages.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/hub/api/http_server.h"
#include "sync/hub/api/lookup_throttle.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/store/sqlite_activity_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/feed.h"
#include "tests/sync/hub/activity_test_support.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using protocol::Publisher;

const std::string kDeviceA = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";
const std::string kDeviceB = "0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b";

// On every store backend (tests/sync/hub/store/store_backends.h).
class ActivityApiTest : public ::testing::TestWithParam<testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    backend_ = testing::StoreUnderTest::Make(GetParam(), &skip);
    if (!backend_) {
      if (testing::PgTestCluster::Required()) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
    auto r = backend_->OpenHub();
    ASSERT_TRUE(r.ok()) << r.error();
    repo_ = std::move(r).value();
    auto a = backend_->OpenActivities();
    ASSERT_TRUE(a.ok()) << a.error();
    activities_ = std::move(a).value();
    for (auto [device, token, number] : {std::tuple{kDeviceA, &token_a_, &number_a_},
                                         std::tuple{kDeviceB, &token_b_, &number_b_}}) {
      *token = NewBearerSecret();
      KioskRecord k;
      k.device_id = device;
      k.name = "大堂";
      k.token_hash = HashSecret(*token);
      auto added = repo_->AddKiosk(k);
      ASSERT_TRUE(added.ok());
      *number = static_cast<std::uint32_t>(added.value->kiosk_number);
    }
    HttpServerOptions options;
    options.public_url = "https://hub.example.cn";
    server_ = std::make_unique<HubHttpServer>(*repo_, options, activities_.get());
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.error();
    port_ = *port;
    thread_ = std::thread([this] { server_->Listen(); });
    for (int i = 0; i < 2000 && !server_->IsRunning(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(server_->IsRunning());
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  // A one-off activity tomorrow (the real clock: the routes decide at the hub's now).
  ActivityRecord Activity(int capacity) {
    ActivityEdit e;
    e.title = "健康义诊";
    e.place = "社区卫生站";
    e.start = (protocol::NowUtc() / 3600 + 30) * 3600;
    e.duration = 7200;
    e.capacity = capacity;
    auto r = CreateActivity(*activities_, Publisher::ResidentsCommittee, e, "test", protocol::NowUtc());
    EXPECT_TRUE(r.ok()) << r.message;
    return *r.value;
  }
  protocol::SignupSubmission Signup(const ActivityRecord& a, int people = 1, bool kiosk_b = false) {
    auto s = testing::SampleSignup(a.id, a.start, people);
    s.code = testing::NewSignupCode(kiosk_b ? number_b_ : number_a_);
    return s;
  }
  httplib::Result Post(const protocol::SignupSubmission& s, const std::string& token, std::string key = "") {
    httplib::Headers h{{"Authorization", "Bearer " + token}, {"Idempotency-Key", key.empty() ? s.signup_uuid : key}};
    return Client().Post("/api/v1/signups", h, nlohmann::json(s).dump(), "application/json");
  }
  static nlohmann::json Json(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

  std::unique_ptr<testing::StoreUnderTest> backend_;
  std::unique_ptr<HubRepository> repo_;
  std::unique_ptr<ActivityRepository> activities_;
  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::string token_a_, token_b_;
  std::uint32_t number_a_ = 0, number_b_ = 0;
};
CK_STORE_BACKENDS(ActivityApiTest);

TEST_P(ActivityApiTest, ASignupIsIdempotentAndARepeatAnswersTheSameStatus) {
  ActivityRecord a = Activity(10);
  auto s = Signup(a);
  auto first = Post(s, token_a_);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  EXPECT_EQ(Json(first)["state"], "confirmed");
  EXPECT_EQ(Json(first)["code"], s.code);
  EXPECT_FALSE(Json(first).contains("phone"));
  auto again = Post(s, token_a_);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(Json(again), Json(first));
  EXPECT_EQ(activities_->ListSignups(a.id, std::nullopt)->size(), 1u);

  EXPECT_EQ(Post(Signup(a), token_a_, protocol::NewUuid())->status, 400);  // key and uuid differ
  EXPECT_EQ(Post(Signup(a), "not-a-token")->status, 401);
  EXPECT_EQ(Post(Signup(a, 1, /*kiosk_b=*/true), token_a_)->status, 400);  // another kiosk's code
  auto bad = Signup(a);
  bad.people = 5;
  auto refused = Post(bad, token_a_);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("people"), std::string::npos) << refused->body;
  auto same_code = Signup(a);
  same_code.code = s.code;
  EXPECT_EQ(Post(same_code, token_a_)->status, 409);
}

TEST_P(ActivityApiTest, RefusalsAreStoredAndAnswered) {
  auto no_signup = Post(Signup(Activity(0)), token_a_);
  ASSERT_EQ(no_signup->status, 201) << no_signup->body;
  EXPECT_EQ(Json(no_signup)["state"], "refused");
  EXPECT_EQ(Json(no_signup)["refusal"], "no_signup_needed");
  ActivityRecord small = Activity(2);
  EXPECT_EQ(Json(Post(Signup(small, 3), token_a_))["refusal"], "too_many_people");
  auto unknown = Signup(small);
  unknown.activity_id = protocol::NewUuid();
  auto r = Post(unknown, token_a_);
  EXPECT_EQ(Json(r)["refusal"], "no_such_occurrence");
  // The refusal still answers by code.
  auto by_code = Client().Get("/api/v1/signups/" + unknown.code);
  ASSERT_EQ(by_code->status, 200);
  EXPECT_EQ(Json(by_code)["refusal"], "no_such_occurrence");
  ASSERT_TRUE(CancelActivity(*activities_, Publisher::ResidentsCommittee, small.id, "场地维修", std::nullopt,
                             protocol::NowUtc())
                  .ok());
  EXPECT_EQ(Json(Post(Signup(small), token_a_))["refusal"], "occurrence_cancelled");
}

TEST_P(ActivityApiTest, CancelByCodePromotesTheFirstWaiting) {
  ActivityRecord a = Activity(1);
  auto first = Signup(a), second = Signup(a), third = Signup(a);
  ASSERT_EQ(Post(first, token_a_)->status, 201);
  ASSERT_EQ(Json(Post(second, token_a_))["waitlist_position"], 1);
  ASSERT_EQ(Json(Post(third, token_a_))["waitlist_position"], 2);
  auto cancelled = Client().Post("/api/v1/signups/" + first.code + "/cancel", "", "application/json");
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  EXPECT_EQ(Json(cancelled)["state"], "cancelled");
  auto promoted = Client().Get("/api/v1/signups/" + second.code);
  EXPECT_EQ(Json(promoted)["state"], "confirmed");
  EXPECT_EQ(Json(Client().Get("/api/v1/signups/" + third.code))["waitlist_position"], 1);
  // Lower case and without dashes is the same code.
  std::string loose;
  for (char ch : third.code)
    if (ch != '-') loose += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(Client().Get("/api/v1/signups/" + loose)->status, 200);
}

TEST_P(ActivityApiTest, UnknownCodesSpendTheTicketLookupBudget) {
  ActivityRecord a = Activity(5);
  auto known = Signup(a);
  ASSERT_EQ(Post(known, token_a_)->status, 201);
  // A mistyped code (wrong check character) never spends the budget.
  std::string mistyped = known.code;
  mistyped.back() = mistyped.back() == '2' ? '3' : '2';
  for (int i = 0; i < 20; ++i) EXPECT_EQ(Client().Get("/api/v1/signups/" + mistyped)->status, 404);
  for (int i = 0; i < kLookupBurst; ++i)
    EXPECT_EQ(Client().Get("/api/v1/signups/" + testing::NewSignupCode(7))->status, 404) << i;
  // Past the budget every lookup is refused, found or not, and so is a cancel and the page.
  auto refused = Client().Get("/api/v1/signups/" + known.code);
  EXPECT_EQ(refused->status, 429);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
  EXPECT_EQ(Client().Post("/api/v1/signups/" + known.code + "/cancel", "", "application/json")->status, 429);
  EXPECT_EQ(Client().Get("/signups/" + known.code)->status, 429);
  // The ticket lookups share the budget: /t/ is refused too.
  EXPECT_EQ(Client().Get("/t/" + known.code)->status, 429);
  EXPECT_EQ((*activities_->FindSignupByCode(known.code))->state, protocol::SignupState::Confirmed);
}

TEST_P(ActivityApiTest, AKioskListsOnlyItsOwnSignups) {
  ActivityRecord a = Activity(5);
  auto mine = Signup(a), theirs = Signup(a, 1, true);
  ASSERT_EQ(Post(mine, token_a_)->status, 201);
  ASSERT_EQ(Post(theirs, token_b_)->status, 201);
  const std::string path = "/api/v1/signups?codes=" + mine.code + "," + theirs.code + "," + testing::NewSignupCode();
  auto as_a = Client().Get(path, {{"Authorization", "Bearer " + token_a_}});
  ASSERT_EQ(as_a->status, 200) << as_a->body;
  auto list = protocol::ParseSignupStatusList(as_a->body);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].code, mine.code);
  auto as_b = protocol::ParseSignupStatusList(Client().Get(path, {{"Authorization", "Bearer " + token_b_}})->body);
  ASSERT_EQ(as_b->size(), 1u);
  EXPECT_EQ((*as_b)[0].code, theirs.code);
  EXPECT_EQ(Client().Get(path)->status, 401);
  EXPECT_EQ(Client().Get("/api/v1/signups?codes=nonsense", {{"Authorization", "Bearer " + token_a_}})->status, 400);
}

TEST_P(ActivityApiTest, PlacesLeftReachTheFeedWithinOnePollAndAnIdlePollIsA304) {
  ActivityRecord a = Activity(10);
  httplib::Headers auth{{"Authorization", "Bearer " + token_a_}};
  auto page = Client().Get("/api/v1/feed?cursor=0", auth);
  ASSERT_EQ(page->status, 200);
  const std::string etag = page->get_header_value("ETag");
  httplib::Headers conditional = auth;
  conditional.emplace("If-None-Match", etag);
  EXPECT_EQ(Client().Get("/api/v1/feed?cursor=0", conditional)->status, 304);
  ASSERT_EQ(Post(Signup(a, 3), token_b_)->status, 400);  // kiosk B with kiosk A's code: refused, no change
  EXPECT_EQ(Client().Get("/api/v1/feed?cursor=0", conditional)->status, 304);
  ASSERT_EQ(Post(Signup(a, 3, true), token_b_)->status, 201);
  auto after = Client().Get("/api/v1/feed?cursor=0", conditional);
  ASSERT_EQ(after->status, 200);
  auto feed = protocol::ParseFeedPage(after->body);
  ASSERT_TRUE(feed.ok()) << feed.error();
  ASSERT_EQ(feed->changes.size(), 1u);
  ASSERT_TRUE(feed->changes[0].activity);
  EXPECT_EQ(feed->changes[0].activity->occurrences.at(0).signed_up, 3);
  EXPECT_EQ(protocol::PlacesLeft(*feed->changes[0].activity, feed->changes[0].activity->occurrences[0]), 7);
}

// Eight kiosks' threads post 40 sign-ups at once for 10 places through the real server.
TEST_P(ActivityApiTest, ConcurrentKiosksNeverOverBook) {
  ActivityRecord a = Activity(10);
  std::atomic<int> confirmed{0}, waiting{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto r = Post(Signup(a), token_a_);
        if (!r || r->status != 201) {
          ++other;
          continue;
        }
        const std::string state = Json(r)["state"];
        ++(state == "confirmed" ? confirmed : state == "waitlisted" ? waiting : other);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(confirmed.load(), 10);
  EXPECT_EQ(waiting.load(), 30);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(activities_->CountSignups(a.id)->at(a.start).confirmed, 10);
}

TEST_P(ActivityApiTest, ThePublicPagesShowTheActivityAndTheSignup) {
  ActivityRecord a = Activity(10);
  auto s = Signup(a, 2);
  ASSERT_EQ(Post(s, token_a_)->status, 201);
  auto page = Client().Get("/activities/" + a.id);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("健康义诊"), std::string::npos);
  EXPECT_NE(page->body.find("剩余名额 8"), std::string::npos);
  EXPECT_NE(page->body.find("/api/v1/events.ics?id=" + a.id), std::string::npos);
  EXPECT_NE(page->body.find("<svg"), std::string::npos);  // the QR code of the page itself
  EXPECT_EQ(Client().Get("/activities/" + protocol::NewUuid())->status, 404);

  auto signup = Client().Get("/signups/" + s.code);
  ASSERT_EQ(signup->status, 200);
  EXPECT_NE(signup->body.find("报名成功"), std::string::npos);
  EXPECT_NE(signup->body.find("action=\"/signups/" + s.code + "/cancel\""), std::string::npos);
  EXPECT_EQ(signup->body.find("13812345678"), std::string::npos);
  EXPECT_EQ(signup->body.find("王阿姨"), std::string::npos);
  EXPECT_EQ(signup->get_header_value("Referrer-Policy"), "no-referrer");
  auto cancel = Client().Post("/signups/" + s.code + "/cancel", "", "application/x-www-form-urlencoded");
  ASSERT_EQ(cancel->status, 303);
  EXPECT_EQ(cancel->get_header_value("Location"), "/signups/" + s.code);
  EXPECT_NE(Client().Get("/signups/" + s.code)->body.find("已取消"), std::string::npos);
  EXPECT_EQ(Client().Get("/signups/" + testing::NewSignupCode())->status, 404);
}

}  // namespace
}  // namespace ck::hub

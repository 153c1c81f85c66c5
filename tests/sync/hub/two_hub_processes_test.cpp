// Two real `community-hub serve` processes on one database — a SQLite file, and a PostgreSQL database (the
// district shape of issue 18) — on 127.0.0.1: what must be shared is shared. A clerk signed in through one is signed in through
// the other; lookup guesses and sign-in attempts spread over both spend one budget; a report sent to one and
// retried on the other (also at the same moment) is stored once and answered the same.
#include <gtest/gtest.h>
#include <httplib.h>
#include <thread>

#include "sync/hub/api/lookup_throttle.h"
#include "sync/hub/console/password.h"
#include "sync/hub/console/staff_auth.h"
#include "sync/hub/store/open_store.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::LineAfter;
using testing::RunHub;
using testing::ServedHub;

constexpr const char* kPassword = "a-long-password";

std::string CookieOf(const httplib::Result& r, const std::string& name) {
  for (auto it = r->headers.find("Set-Cookie"); it != r->headers.end() && it->first == "Set-Cookie"; ++it)
    if (it->second.rfind(name + "=", 0) == 0) return it->second.substr(0, it->second.find(';'));
  return {};
}

class TwoHubProcessesTest : public testing::HubCommandTest {
 protected:
  void SetUp() override {
    HubCommandTest::SetUp();  // a file, or a postgresql:// URI made a hub by `init` as a technician does
    if (IsSkipped() || HasFatalFailure()) return;
    HubRun add = RunHub(dir_, {"kiosk", "add", "--db", db_, "--name", "大堂"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    token_ = LineAfter(add.out, "token: ");
    kiosk_number_ = static_cast<std::uint32_t>(std::stoul(LineAfter(add.out, "kiosk_number: ")));
    {
      auto store = OpenConsoleStore(db_, StoreOpen::kExisting);
      ASSERT_TRUE(store.ok()) << store.error();
      StaffAccount clerk;
      clerk.name = "wang.li";
      clerk.party = Party::PropertyCompany;
      clerk.password_hash = console::HashPassword(kPassword, console::TestPasswordCost());
      clerk.created_at = protocol::NowUtc();
      ASSERT_TRUE((*store)->AddStaff(clerk).ok());
    }
    a_ = std::make_unique<ServedHub>(db_);
    b_ = std::make_unique<ServedHub>(db_);
    ASSERT_GT(a_->port(), 0);
    ASSERT_GT(b_->port(), 0);
    ASSERT_NE(a_->port(), b_->port());
  }
  void TearDown() override {
    for (ServedHub* hub : {a_.get(), b_.get()}) {
      if (hub) {
        EXPECT_EQ(hub->Stop(), 0);
      }
    }
  }

  static httplib::Client Client(const ServedHub& hub) {
    httplib::Client c("127.0.0.1", hub.port());
    c.set_connection_timeout(5);
    c.set_read_timeout(20);
    return c;
  }
  httplib::Headers Auth() const { return {{"Authorization", "Bearer " + token_}}; }

  // One sign-in through the real form; the answer (303 with a session cookie on success).
  static httplib::Result SignIn(const ServedHub& hub, const std::string& name, const std::string& password) {
    auto c = Client(hub);
    auto page = c.Get("/console/signin");
    if (!page) return page;
    const std::string cookie = CookieOf(page, "ck_signin");
    const auto at = page->body.find("name=\"csrf\" value=\"");
    const std::string csrf = page->body.substr(at + 19, page->body.find('"', at + 19) - at - 19);
    return c.Post("/console/signin", {{"Cookie", cookie}},
                  httplib::Params{{"name", name}, {"password", password}, {"csrf", csrf}});
  }

  // The requests the hub holds, as its command line lists them.
  std::int64_t StoredRequests() {
    HubRun list = RunHub(dir_, {"request", "list", "--db", db_, "--json"});
    if (list.exit_code != 0) return -1;
    std::int64_t n = 0;
    for (auto at = list.out.find("\"ticket_code\""); at != std::string::npos;
         at = list.out.find("\"ticket_code\"", at + 1))
      ++n;
    return n;
  }

  std::string token_;
  std::uint32_t kiosk_number_ = 0;
  std::unique_ptr<ServedHub> a_, b_;
};

TEST_P(TwoHubProcessesTest, AClerkSignedInThroughOneIsSignedInThroughTheOther) {
  auto signed_in = SignIn(*a_, "wang.li", kPassword);
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303) << signed_in->body;
  const std::string session = CookieOf(signed_in, "ck_session");
  ASSERT_FALSE(session.empty());
  for (const ServedHub* hub : {a_.get(), b_.get()}) {
    auto page = Client(*hub).Get("/console/orders", {{"Cookie", session}});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200) << "port " << hub->port();
  }
  // Signed out through B: A no longer knows the session either.
  auto orders = Client(*b_).Get("/console/orders", {{"Cookie", session}});
  ASSERT_TRUE(orders);
  const auto at = orders->body.find("name=\"csrf\" value=\"");
  ASSERT_NE(at, std::string::npos);
  const std::string csrf = orders->body.substr(at + 19, orders->body.find('"', at + 19) - at - 19);
  auto out = Client(*b_).Post("/console/signout", {{"Cookie", session}}, httplib::Params{{"csrf", csrf}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303) << out->body;
  auto after = Client(*a_).Get("/console/orders", {{"Cookie", session}});
  ASSERT_TRUE(after);
  EXPECT_NE(after->status, 200);  // sent to the sign-in page
}

TEST_P(TwoHubProcessesTest, LookupGuessesSpreadOverBothSpendOneBudget) {
  int unknown = 0, refused = 0;
  // Guesses alternate between the processes; bounded at twice the budget.
  for (int i = 0; i < 2 * kLookupBurst; ++i) {
    auto r = Client(i % 2 ? *b_ : *a_).Get("/t/" + *protocol::DrawTicketCode(kiosk_number_));
    ASSERT_TRUE(r);
    if (r->status == 404) ++unknown;
    if (r->status == 429) ++refused;
  }
  EXPECT_EQ(unknown, kLookupBurst);
  EXPECT_EQ(refused, kLookupBurst);
  // The kiosk API's lookups by code share the same budget, on either process.
  for (const ServedHub* hub : {a_.get(), b_.get()}) {
    auto api =
        Client(*hub).Get("/requests.json?ticket_code=" + *protocol::DrawTicketCode(kiosk_number_), Auth());
    ASSERT_TRUE(api);
    EXPECT_EQ(api->status, 429);
  }
}

TEST_P(TwoHubProcessesTest, SignInAttemptsSpreadOverBothSpendOneBudget) {
  // Unknown names, so no per-name lock-out gets in the way: only the per-address limit counts.
  int answered = 0, limited = 0;
  for (int i = 0; i < console::kAttemptsPerWindow + 2; ++i) {
    auto r = SignIn(i % 2 ? *b_ : *a_, "nobody." + std::to_string(i), "wrong-password");
    ASSERT_TRUE(r);
    if (r->status == 401) ++answered;
    if (r->status == 429) ++limited;
  }
  EXPECT_EQ(answered, console::kAttemptsPerWindow);
  EXPECT_EQ(limited, 2);
}

TEST_P(TwoHubProcessesTest, AReportRetriedOnTheOtherProcessIsStoredOnce) {
  auto send = [&](const ServedHub& hub, const std::string& key) {
    httplib::Headers h = Auth();
    h.emplace("Idempotency-Key", key);
    return Client(hub).Post("/requests.json", h,
                            httplib::Params{{"service_code", "repairs"},
                                            {"description", "电梯故障，困在 3 楼"},
                                            {"address_string", "5号楼"},
                                            {"ticket_code", *protocol::DrawTicketCode(kiosk_number_)}});
  };
  // Sent to A, its answer lost, retried on B (with a new code, as a kiosk would not, to show the first wins).
  const std::string key = protocol::NewUuid();
  auto first = send(*a_, key);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  auto retried = send(*b_, key);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->body, first->body);
  EXPECT_EQ(StoredRequests(), 1);

  // Both at the same moment, for several keys: each stored once, both answers identical.
  std::vector<std::string> keys;
  for (int i = 0; i < 5; ++i) keys.push_back(protocol::NewUuid());
  std::vector<std::string> answers_a(keys.size()), answers_b(keys.size());
  auto race = [&](const ServedHub& hub, std::vector<std::string>& answers) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto r = send(hub, keys[i]);
      answers[i] = r ? std::to_string(r->status) + " " + r->body : "no answer";
    }
  };
  std::thread ta(race, std::cref(*a_), std::ref(answers_a)), tb(race, std::cref(*b_), std::ref(answers_b));
  ta.join();
  tb.join();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(answers_a[i].rfind("20", 0), 0u) << answers_a[i];
    EXPECT_EQ(answers_b[i].rfind("20", 0), 0u) << answers_b[i];
    // The answer's body is the same from both, whichever stored it.
    EXPECT_EQ(answers_a[i].substr(4), answers_b[i].substr(4)) << i;
  }
  EXPECT_EQ(StoredRequests(), 1 + static_cast<std::int64_t>(keys.size()));
}

CK_STORE_BACKENDS(TwoHubProcessesTest);

}  // namespace
}  // namespace ck::hub

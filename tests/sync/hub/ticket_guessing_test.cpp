// Against the real community-hub process: guessing ticket codes runs into the lookup throttle (429 +
// Retry-After) and finds nothing, while a resident who mistypes twice still gets their ticket. On a SQLite
// file and on a PostgreSQL database, whose budgets live in the database (CK_STORE_BACKENDS).
#include <gtest/gtest.h>
#include <httplib.h>

#include "sync/hub/api/lookup_throttle.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_process.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::LineAfter;
using testing::RunHub;
using testing::ServedHub;

class TicketGuessingTest : public testing::HubCommandTest {
 protected:
  void SetUp() override {
    HubCommandTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    HubRun add = RunHub(dir_, {"kiosk", "add", "--db", db_, "--name", "大堂"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    token_ = LineAfter(add.out, "token: ");
    kiosk_number_ = static_cast<std::uint32_t>(std::stoul(LineAfter(add.out, "kiosk_number: ")));
    hub_ = std::make_unique<ServedHub>(db_);
    ASSERT_GT(hub_->port(), 0);
    // One real ticket, as a kiosk files it.
    code_ = *protocol::DrawTicketCode(kiosk_number_);
    httplib::Params form{{"service_code", "sanitation"},
                         {"description", "3号楼2单元502 漏水，家里只有老人"},
                         {"address_string", "3号楼2单元"},
                         {"ticket_code", code_}};
    auto r = Client().Post("/requests.json", Auth(), form);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    auto ack = protocol::ParseSubmissionAck(r->body);
    ASSERT_TRUE(ack.ok());
    ASSERT_EQ(ack->ticket_code, code_);
    id_ = ack->service_request_id;
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", hub_->port());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }
  httplib::Headers Auth() { return {{"Authorization", "Bearer " + token_}}; }
  // A well-formed code nobody was given: what a guesser sends.
  std::string Guess() { return *protocol::DrawTicketCode(kiosk_number_); }

  std::string token_, code_, id_;
  std::uint32_t kiosk_number_ = 0;
  std::unique_ptr<ServedHub> hub_;
};

TEST_P(TicketGuessingTest, AResidentWhoMistypesTwiceIsNotSlowed) {
  auto c = Client();
  // A one-symbol typo: the check character catches it, the hub says "mistyped" and spends nothing.
  std::string typo = code_;
  typo[2] = typo[2] == 'A' ? 'B' : 'A';
  auto mistyped = c.Get("/t/" + typo);
  ASSERT_TRUE(mistyped);
  EXPECT_EQ(mistyped->status, 404);
  EXPECT_NE(mistyped->body.find("输错"), std::string::npos);
  // Two typos that happen to pass the check: "not found", twice.
  for (int i = 0; i < 2; ++i) {
    auto unknown = c.Get("/t/" + Guess());
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_NE(unknown->body.find("未找到"), std::string::npos);
  }
  // Then the right code: the ticket, at once, with no Retry-After.
  auto found = c.Get("/t/" + code_);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, 200);
  EXPECT_FALSE(found->has_header("Retry-After"));
  EXPECT_NE(found->body.find("漏水"), std::string::npos);
  // And as often as the holder likes: found lookups spend nothing.
  for (int i = 0; i < 3 * kLookupBurst; ++i) {
    auto again = c.Get("/t/" + code_);
    ASSERT_TRUE(again);
    ASSERT_EQ(again->status, 200) << i;
  }
  auto api = c.Get("/requests.json?ticket_code=" + code_, Auth());
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
}

TEST_P(TicketGuessingTest, AGuessingLoopHitsTheThrottleAndFindsNothing) {
  auto c = Client();
  int found = 0, unknown = 0, throttled_at = -1;
  std::string retry_after;
  // Bounded: far more tries than the burst; stops at the first 429.
  for (int i = 0; i < 200 && throttled_at < 0; ++i) {
    auto r = c.Get("/t/" + Guess());
    ASSERT_TRUE(r);
    if (r->status == 200) ++found;
    if (r->status == 404) ++unknown;
    if (r->status == 429) {
      throttled_at = i;
      retry_after = r->get_header_value("Retry-After");
      EXPECT_NE(r->body.find("查询过于频繁"), std::string::npos);
    }
  }
  EXPECT_EQ(found, 0);
  EXPECT_EQ(unknown, kLookupBurst);
  EXPECT_EQ(throttled_at, kLookupBurst);
  ASSERT_FALSE(retry_after.empty());
  EXPECT_GT(std::stoi(retry_after), 0);
  EXPECT_LE(std::stoi(retry_after), static_cast<int>(kLookupRefill.count()));

  // Past the budget every lookup is refused, the real code too: the refusal is no oracle.
  auto real = c.Get("/t/" + code_);
  ASSERT_TRUE(real);
  EXPECT_EQ(real->status, 429);
  EXPECT_EQ(real->body.find("漏水"), std::string::npos);
  // The same budget covers the API's ticket_code= query and ratings.
  auto api = c.Get("/requests.json?ticket_code=" + code_, Auth());
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 429);
  EXPECT_FALSE(api->get_header_value("Retry-After").empty());
  EXPECT_NE(api->body.find("\"code\":429"), std::string::npos) << api->body;
  protocol::Rating rating{protocol::NewUuid(), "", code_, 1, "unresolved", "", 0};
  auto rate = c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(rating), "application/json");
  ASSERT_TRUE(rate);
  EXPECT_EQ(rate->status, 429);
  // A mistyped code is still answered as mistyped (it reveals nothing and costs nothing).
  std::string typo = code_;
  typo[3] = typo[3] == 'A' ? 'B' : 'A';
  auto mistyped = c.Get("/t/" + typo);
  ASSERT_TRUE(mistyped);
  EXPECT_EQ(mistyped->status, 404);
}

TEST_P(TicketGuessingTest, ListsWithAKioskTokenNeverCarryOtherKiosksCodes) {
  // A second kiosk (its token could be read off a lobby kiosk's disk) lists recent requests.
  HubRun add = RunHub(dir_, {"kiosk", "add", "--db", db_, "--name", "2号楼"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  httplib::Headers other{{"Authorization", "Bearer " + LineAfter(add.out, "token: ")}};
  auto c = Client();
  auto list = c.Get("/requests.json", other);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  auto parsed = protocol::ParseStatusList(list->body);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_TRUE((*parsed)[0].ticket_code.empty());
  EXPECT_EQ(list->body.find(code_), std::string::npos);
  auto one = c.Get("/requests/" + id_ + ".json", other);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->body.find(code_), std::string::npos);
  // Nor can the id it learnt rate (or re-open) the ticket: that takes the code.
  protocol::Rating by_id{protocol::NewUuid(), id_, "", 1, "unresolved", "", 0};
  auto rate = c.Post("/api/v1/ratings", other, protocol::RatingToJson(by_id), "application/json");
  ASSERT_TRUE(rate);
  EXPECT_EQ(rate->status, 400);
  // The kiosk that filed it still sees its own code.
  auto own = c.Get("/requests/" + id_ + ".json", Auth());
  ASSERT_TRUE(own);
  EXPECT_NE(own->body.find(code_), std::string::npos);
}

CK_STORE_BACKENDS(TicketGuessingTest);

}  // namespace
}  // namespace ck::hub

// The 12345 rules held against the parties themselves (issue 13), through the shared editor and every
// store backend: only the street office dispatches, re-dispatches, supervises and decides extensions; a
// party gives a ticket back (退单) or asks for more time (延期申请) but never moves its own deadline; the
// on-time rate counts the deadline in force when it passed; returns and extensions are counted beside the
// 三率; the queue finds a ticket by code, phone tail and text; timeline entries say what they record.
#include <gtest/gtest.h>
#include <sqlite3.h>


#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/hub/store/sqlite_migrations.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using protocol::Agency;
using protocol::EventKind;
using protocol::RequestStatus;
using testing::FileRequest;
using testing::SampleSubmission;
using testing::TempDir;

constexpr protocol::UnixSeconds kHour = 3600;
constexpr Agency kStreet = Agency::StreetOffice;
constexpr Agency kProperty = Agency::PropertyCompany;
constexpr Agency kCommittee = Agency::ResidentsCommittee;

class WorkOrderRulesTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
  }
  // Filed at t0 and dispatched by the street office to 物业 an hour later: due t0 + 1 h + 72 h.
  std::string FiledWithProperty(protocol::ServiceRequestSubmission s = SampleSubmission()) {
    std::string id = FileRequest(*repo_, std::move(s), t0_).status.service_request_id;
    auto r = DispatchRequest(*repo_, id, To(kProperty, "物业服务中心 张经理"), kStreet, t0_ + kHour);
    EXPECT_TRUE(r.ok()) << r.message;
    return id;
  }
  static AssignOrder To(Agency a, std::string who) {
    AssignOrder o;
    o.agency = a;
    o.responsible = std::move(who);
    return o;
  }
  RequestRecord Get(const std::string& id) { return **repo_->FindRequest(id); }
  void ReplyAndResolve(const std::string& id, Agency by, protocol::UnixSeconds at) {
    ASSERT_TRUE(ReplyToRequest(*repo_, id, "已处理完毕", by, at - 60).ok());
    auto r = SetRequestStatus(*repo_, id, RequestStatus::Resolved, "", by, at);
    ASSERT_TRUE(r.ok()) << r.message;
  }
  PartyMonthRates RatesOf(Agency party) {
    RatesQuery q;
    q.filed_from = *protocol::ParseUtc("2026-10-31T16:00:00Z");  // November, Beijing time
    q.filed_to = *protocol::ParseUtc("2026-11-30T16:00:00Z");
    q.now = t0_ + 30 * 24 * kHour;
    auto rates = repo_->MonthlyRates(q);
    EXPECT_TRUE(rates.ok()) << rates.error();
    for (const auto& m : *rates)
      if (m.party == party) return m;
    return {};
  }

  const protocol::UnixSeconds t0_ = *protocol::ParseUtc("2026-11-10T02:00:00Z");
  const protocol::UnixSeconds due_ = t0_ + kHour + 72 * kHour;
};
CK_STORE_BACKENDS(WorkOrderRulesTest);

TEST_P(WorkOrderRulesTest, OnlyTheStreetOfficeDispatchesRedispatchesAndSupervises) {
  std::string id = FileRequest(*repo_, SampleSubmission(), t0_).status.service_request_id;
  auto self = DispatchRequest(*repo_, id, To(kProperty, "物业 王"), kProperty, t0_ + kHour);
  EXPECT_EQ(self.error, WriteError::Refused);
  EXPECT_EQ(self.code, "street_only");
  id = FiledWithProperty();
  // 物业 pushing a ticket straight to 居委会 and naming its person itself: refused.
  auto push = RedispatchRequest(*repo_, id, To(kCommittee, "居委会 李主任"), "不归我们", kProperty, t0_ + 2 * kHour);
  EXPECT_EQ(push.code, "street_only");
  auto supervise = SuperviseRequest(*repo_, id, "快办", kCommittee, due_ + kHour);
  EXPECT_EQ(supervise.code, "street_only");
  EXPECT_EQ(Get(id).status.agency, kProperty);
  EXPECT_TRUE(SuperviseRequest(*repo_, id, "快办", kStreet, due_ + kHour).ok());
}

TEST_P(WorkOrderRulesTest, APartyCannotRedispatchToItselfNorMoveItsDeadline) {
  std::string id = FiledWithProperty();
  protocol::UnixSeconds late = due_ + 5 * kHour;
  // The attack of issue 13: 物业 re-dispatches to itself with reason "延期" and a far date.
  AssignOrder mine = To(kProperty, "物业服务中心 张经理");
  mine.expected_at = *protocol::ParseUtc("2030-01-01T00:00:00Z");
  auto self = RedispatchRequest(*repo_, id, mine, "延期", kProperty, late);
  EXPECT_EQ(self.code, "street_only");
  // Not even the street office re-dispatches to the party holding it: a later deadline is an extension.
  auto same = RedispatchRequest(*repo_, id, mine, "延期", kStreet, late);
  EXPECT_EQ(same.code, "redispatch_same_party");
  EXPECT_EQ(Get(id).work.due_at, due_);
  ReplyAndResolve(id, kProperty, late + kHour);
  PartyMonthRates m = RatesOf(kProperty);
  EXPECT_EQ(m.resolution_ok, 0);
  EXPECT_EQ(m.resolution_due, 1);
}

TEST_P(WorkOrderRulesTest, AReturnGoesBackToTheStreetOfficeMarkedWithThePartyAndReason) {
  std::string id = FiledWithProperty();
  EXPECT_EQ(ReturnRequest(*repo_, id, "  ", kProperty, t0_ + 2 * kHour).code, "reason.required");
  EXPECT_EQ(ReturnRequest(*repo_, id, "不归居委会", kCommittee, t0_ + 2 * kHour).code, "not_owner");
  EXPECT_EQ(ReturnRequest(*repo_, id, "退回", kStreet, t0_ + 2 * kHour).code, "street_cannot_return");
  auto back = ReturnRequest(*repo_, id, "属于居委会管辖的绿化", kProperty, t0_ + 2 * kHour);
  ASSERT_TRUE(back.ok()) << back.message;
  RequestRecord r = Get(id);
  EXPECT_EQ(r.status.agency, kStreet);
  EXPECT_TRUE(r.status.agency_responsible.empty());
  EXPECT_EQ(r.work.returned_at, t0_ + 2 * kHour);
  const protocol::StatusEvent& e = r.status.history.back();
  EXPECT_EQ(e.kind, EventKind::Return);
  EXPECT_EQ(e.agency, kProperty);
  EXPECT_EQ(e.note, "属于居委会管辖的绿化");
  // It waits in the street office's queue, not 物业's.
  WorkOrderQuery q;
  q.party = kStreet;
  q.now = t0_ + 3 * kHour;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
  q.party = kProperty;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 0);
  EXPECT_EQ(ReplyToRequest(*repo_, id, "我们来办", kProperty, t0_ + 3 * kHour).code, "not_owner");
  // The street office re-dispatches it to 居委会: a 改派 on the timeline, the mark cleared.
  auto on = RedispatchRequest(*repo_, id, To(kCommittee, "居委会 李主任"), "绿化归居委会", kStreet, t0_ + 3 * kHour);
  ASSERT_TRUE(on.ok()) << on.message;
  EXPECT_EQ(on.value->status.agency, kCommittee);
  EXPECT_FALSE(on.value->work.returned_at);
  EXPECT_EQ(on.value->status.history.back().kind, EventKind::Redispatch);
  EXPECT_EQ(RatesOf(kProperty).returns, 1);
}

TEST_P(WorkOrderRulesTest, AnExtensionIsAskedByTheHolderAndDecidedByTheStreetOffice) {
  std::string id = FiledWithProperty();
  protocol::UnixSeconds asked = due_ + 48 * kHour;
  protocol::UnixSeconds now = t0_ + 10 * kHour;
  EXPECT_EQ(AskExtension(*repo_, id, asked, "", kProperty, now).code, "reason.required");
  EXPECT_EQ(AskExtension(*repo_, id, due_ - kHour, "材料未到", kProperty, now).code, "extension_not_later");
  EXPECT_EQ(AskExtension(*repo_, id, asked, "材料未到", kCommittee, now).code, "not_owner");
  EXPECT_EQ(AskExtension(*repo_, id, asked, "材料未到", kStreet, now).code, "street_no_extension");
  ASSERT_TRUE(AskExtension(*repo_, id, asked, "材料未到", kProperty, now).ok());
  EXPECT_EQ(AskExtension(*repo_, id, asked + kHour, "再等等", kProperty, now).code, "extension_pending");
  EXPECT_EQ(Get(id).work.due_at, due_) << "asking moves nothing";
  EXPECT_EQ(DecideExtension(*repo_, id, true, "", kProperty, now + kHour).code, "street_only");
  auto granted = DecideExtension(*repo_, id, true, "同意", kStreet, now + kHour);
  ASSERT_TRUE(granted.ok()) << granted.message;
  EXPECT_EQ(granted.value->work.due_at, asked);
  EXPECT_FALSE(granted.value->work.extension_until);
  EXPECT_EQ(granted.value->status.history.back().kind, EventKind::ExtensionGranted);
  EXPECT_EQ(granted.value->status.history.back().agency, kProperty);
  // A second one, refused: the deadline stays.
  ASSERT_TRUE(AskExtension(*repo_, id, asked + 48 * kHour, "还要更久", kProperty, now + 2 * kHour).ok());
  auto refused = DecideExtension(*repo_, id, false, "不同意", kStreet, now + 3 * kHour);
  ASSERT_TRUE(refused.ok()) << refused.message;
  EXPECT_EQ(refused.value->work.due_at, asked);
  EXPECT_EQ(refused.value->status.history.back().kind, EventKind::ExtensionRefused);
  EXPECT_EQ(DecideExtension(*repo_, id, true, "", kStreet, now + 4 * kHour).code, "no_extension");
  PartyMonthRates m = RatesOf(kProperty);
  EXPECT_EQ(m.extensions_asked, 2);
  EXPECT_EQ(m.extensions_granted, 1);
  EXPECT_EQ(m.extensions_refused, 1);
}

TEST_P(WorkOrderRulesTest, OnTimeCountsTheDeadlineInForceWhenItPassed) {
  // Extended before its deadline and resolved by the new one: on time.
  std::string early = FiledWithProperty();
  ASSERT_TRUE(AskExtension(*repo_, early, due_ + 24 * kHour, "材料未到", kProperty, t0_ + 10 * kHour).ok());
  ASSERT_TRUE(DecideExtension(*repo_, early, true, "", kStreet, t0_ + 11 * kHour).ok());
  ReplyAndResolve(early, kProperty, due_ + 12 * kHour);
  // Asked after the deadline passed: granting it cannot erase the miss.
  std::string late = FiledWithProperty();
  ASSERT_TRUE(AskExtension(*repo_, late, due_ + 24 * kHour, "忘了", kProperty, due_ + kHour).ok());
  ASSERT_TRUE(DecideExtension(*repo_, late, true, "", kStreet, due_ + 2 * kHour).ok());
  EXPECT_EQ(Get(late).work.due_at, due_ + 24 * kHour);
  EXPECT_TRUE(Get(late).work.deadline_missed);
  EXPECT_FALSE(Get(early).work.deadline_missed);
  ReplyAndResolve(late, kProperty, due_ + 12 * kHour);
  PartyMonthRates m = RatesOf(kProperty);
  EXPECT_EQ(m.resolution_due, 2);
  EXPECT_EQ(m.resolution_ok, 1);
}

TEST_P(WorkOrderRulesTest, TheQueueFindsATicketByCodePhoneTailAndText) {
  auto s = SampleSubmission();
  s.description = "楼道灯坏了三天";
  s.phone = "13900005678";
  std::string lamp = FiledWithProperty(s);
  std::string other = FiledWithProperty();
  WorkOrderQuery q;
  q.now = t0_ + 2 * kHour;
  q.ticket_code = Get(lamp).status.ticket_code;
  auto page = repo_->QueryWorkOrders(q);
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->rows[0].status.service_request_id, lamp);
  q = {};
  q.now = t0_ + 2 * kHour;
  q.party = kProperty;
  q.phone_tail = "5678";
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
  q.party = kCommittee;  // another party's phones are not searched
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 0);
  q = {};
  q.now = t0_ + 2 * kHour;
  q.text = "灯坏了";  // trigram index
  page = repo_->QueryWorkOrders(q);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->rows[0].status.service_request_id, lamp);
  q.text = "灯坏";  // shorter than a trigram: matched within the other filters
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
  q.text = "3号楼";
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 2) << "the address is searched too";
  // A reply is searchable once written (the index follows updates).
  ASSERT_TRUE(ReplyToRequest(*repo_, other, "已安排清运车辆", kProperty, t0_ + 3 * kHour).ok());
  q.text = "清运车";
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
  q.text = "\"; DROP";
  EXPECT_TRUE(repo_->QueryWorkOrders(q).ok()) << "text is a phrase, never FTS syntax";
}

TEST_P(WorkOrderRulesTest, TimelineEntriesCarryTheirKindInTheStatusJson) {
  std::string id = FiledWithProperty();
  ASSERT_TRUE(ReturnRequest(*repo_, id, "不归我们", kProperty, t0_ + 2 * kHour).ok());
  ASSERT_TRUE(RedispatchRequest(*repo_, id, To(kCommittee, "居委会 李主任"), "绿化", kStreet, t0_ + 3 * kHour).ok());
  RequestRecord r = Get(id);
  std::vector<EventKind> kinds;
  for (const auto& e : r.status.history) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::Filed, EventKind::Dispatch, EventKind::Return,
                                           EventKind::Redispatch}));
  std::string json = protocol::StatusListToJson({r.status});
  EXPECT_NE(json.find("\"kind\":\"return\""), std::string::npos) << json;
  auto parsed = protocol::ParseStatusList(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ((*parsed)[0].history, r.status.history);
}

// Migration 8 fills the kind of old timeline entries from what they said, and a deadline an old ticket
// already missed stays missed.
TEST(WorkOrderMigrationTest, OldTimelineEntriesGetTheirKindAndOldMissesStay) {
  TempDir dir;
  const std::string path = dir.File("v7.db");
  sqlite3* db = nullptr;
  {
    auto conn = sqlite::Connection::Open(path);
    ASSERT_TRUE(conn.ok()) << conn.error();
    ASSERT_TRUE(sqlite::MigrateUpTo(**conn, 7).ok());
  }
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* rows =
      "INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, device_id, "
      "requested_at, updated_at, status, agency, agency_responsible, status_notes, expected_at, revision, answer, "
      "due_at) VALUES ('5b2c3e0a-1111-4222-8333-444455556666', 'ABCD-EFGH-JKLMN', 'sanitation', 'complaint', "
      "'3号楼', '漏水', '', '', 100, 400, 'resolved', 'property_company', '物业 王', '修好了', 200, 5, '{}', 200);"
      "INSERT INTO request_events VALUES ('5b2c3e0a-1111-4222-8333-444455556666', 1, 100, 'submitted', NULL, '');"
      "INSERT INTO request_events VALUES ('5b2c3e0a-1111-4222-8333-444455556666', 2, 110, 'assigned', "
      "'street_office', '街道受理台');"
      "INSERT INTO request_events VALUES ('5b2c3e0a-1111-4222-8333-444455556666', 3, 120, 'assigned', "
      "'property_company', '改派：街道受理台 → 物业 王；理由：归物业');"
      "INSERT INTO request_events VALUES ('5b2c3e0a-1111-4222-8333-444455556666', 4, 300, 'assigned', "
      "'street_office', '督办：快');"
      "INSERT INTO request_events VALUES ('5b2c3e0a-1111-4222-8333-444455556666', 5, 400, 'resolved', "
      "'property_company', '');"
      "UPDATE requests SET resolved_at = 400 WHERE ticket_code = 'ABCD-EFGH-JKLMN';";
  ASSERT_EQ(sqlite3_exec(db, rows, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto repo = SqliteHubRepository::Open(path);
  ASSERT_TRUE(repo.ok()) << repo.error();
  auto r = (*repo)->FindRequest("5b2c3e0a-1111-4222-8333-444455556666");
  ASSERT_TRUE(r.ok() && *r);
  std::vector<EventKind> kinds;
  for (const auto& e : (**r).status.history) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::Filed, EventKind::Dispatch, EventKind::Redispatch,
                                           EventKind::Supervise, EventKind::Status}));
  EXPECT_TRUE((**r).work.deadline_missed) << "resolved at 400, due at 200";
}

}  // namespace
}  // namespace ck::hub

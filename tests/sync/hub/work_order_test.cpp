// Work orders through the shared editor and the SQLite store: 派单 with a category's default deadline,
// 改派 with its reason in the timeline, 督办 only when overdue, queues (督办 first, filters, paging),
// channels, 代录入, reply templates, revocable operators, and the 三率 against a hand-counted fixture.
#include <gtest/gtest.h>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {

void PrintTo(const PartyMonthRates& m, std::ostream* os) {
  *os << "{" << protocol::AgencyCode(m.party) << " " << m.month << " tickets " << m.tickets << " response "
      << m.response_ok << "/" << m.response_due << " on-time " << m.resolution_ok << "/" << m.resolution_due
      << " satisfied " << m.satisfied << "/" << m.rated << "}";
}

namespace {

using protocol::Agency;
using protocol::RequestStatus;
using testing::FileRequest;
using testing::SampleSubmission;
using testing::TempDir;

protocol::UnixSeconds At(const char* rfc3339) {
  return *protocol::ParseUtc(rfc3339);
}

constexpr protocol::UnixSeconds kHour = 3600;

class WorkOrderTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
  }
  std::string File(const char* when, const char* service = "sanitation") {
    return FileRequest(*repo_, SampleSubmission(service), At(when)).status.service_request_id;
  }
  AssignOrder To(Agency a, std::string who = "物业服务中心 张经理") {
    AssignOrder o;
    o.agency = a;
    o.responsible = std::move(who);
    return o;
  }
  void Dispatch(const std::string& id, Agency a, protocol::UnixSeconds now) {
    auto r = DispatchRequest(*repo_, id, To(a), protocol::Agency::StreetOffice, now);
    ASSERT_TRUE(r.ok()) << r.message;
  }
  void Resolve(const std::string& id, protocol::UnixSeconds now) {
    ASSERT_TRUE(ReplyToRequest(*repo_, id, "已处理完毕", protocol::Agency::StreetOffice, now - 60).ok());
    auto r = SetRequestStatus(*repo_, id, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, now);
    ASSERT_TRUE(r.ok()) << r.message;
  }
  void Rate(const std::string& id, int score, protocol::UnixSeconds now, std::string quick = "") {
    protocol::Rating rating;
    rating.rating_uuid = protocol::NewUuid();
    rating.service_request_id = id;
    rating.ticket_code = Get(id).status.ticket_code;  // only the code's holder may rate
    rating.score = score;
    rating.quick_comment = std::move(quick);
    rating.rated_at = now;
    auto r = ApplyRating(*repo_, rating, now);
    ASSERT_TRUE(r.ok()) << r.message;
  }
  RequestRecord Get(const std::string& id) { return **repo_->FindRequest(id); }

};
CK_STORE_BACKENDS(WorkOrderTest);

TEST_P(WorkOrderTest, DispatchWithoutADatePromisesTheCategoryDefault) {
  ASSERT_TRUE(repo_->SetServiceDeadlineHours("repairs", 24).ok());
  EXPECT_EQ(*repo_->ServiceDeadlineHours("repairs"), 24);
  EXPECT_EQ(*repo_->ServiceDeadlineHours("sanitation"), 72);  // the migration's default
  EXPECT_EQ(repo_->SetServiceDeadlineHours("repairs", 0).error, WriteError::Invalid);
  EXPECT_EQ(repo_->SetServiceDeadlineHours("nope", 5).error, WriteError::NotFound);

  protocol::UnixSeconds t = At("2026-11-10T02:00:00Z");
  std::string id = File("2026-11-10T02:00:00Z", "repairs");
  Dispatch(id, Agency::PropertyCompany, t + kHour);
  RequestRecord r = Get(id);
  EXPECT_EQ(r.status.status, RequestStatus::Assigned);
  EXPECT_EQ(r.status.expected_at, t + kHour + 24 * kHour);
  EXPECT_EQ(r.work.due_at, t + kHour + 24 * kHour);
  EXPECT_EQ(r.work.responded_at, t + kHour);

  // A date the dispatcher names wins over the default.
  std::string other = File("2026-11-10T02:00:00Z", "repairs");
  AssignOrder o = To(Agency::ResidentsCommittee, "居委会 李主任");
  o.expected_at = t + 5 * 86400;
  ASSERT_TRUE(DispatchRequest(*repo_, other, o, protocol::Agency::StreetOffice, t + kHour).ok());
  EXPECT_EQ(Get(other).status.expected_at, t + 5 * 86400);
}

TEST_P(WorkOrderTest, RedispatchNeedsAReasonAndKeepsItInTheTimeline) {
  protocol::UnixSeconds t = At("2026-11-10T02:00:00Z");
  std::string id = File("2026-11-10T02:00:00Z");
  auto early =
      RedispatchRequest(*repo_, id, To(Agency::ResidentsCommittee, "居委会 李主任"), "不归我们管", protocol::Agency::StreetOffice, t);
  EXPECT_EQ(early.error, WriteError::Refused) << "not dispatched yet: nothing to re-dispatch";
  Dispatch(id, Agency::PropertyCompany, t + kHour);
  EXPECT_EQ(RedispatchRequest(*repo_, id, To(Agency::ResidentsCommittee, "居委会 李主任"), " ", protocol::Agency::StreetOffice, t + 2 * kHour)
                .error,
            WriteError::Invalid);
  auto moved = RedispatchRequest(*repo_, id, To(Agency::ResidentsCommittee, "居委会 李主任"),
                                 "属于邻里纠纷，应由居委会调解", protocol::Agency::StreetOffice, t + 2 * kHour);
  ASSERT_TRUE(moved.ok()) << moved.message;
  EXPECT_EQ(moved.value->status.agency, Agency::ResidentsCommittee);
  EXPECT_EQ(moved.value->status.agency_responsible, "居委会 李主任");
  const protocol::StatusEvent& last = moved.value->status.history.back();
  EXPECT_EQ(last.status, RequestStatus::Assigned);
  EXPECT_EQ(last.agency, Agency::ResidentsCommittee);
  EXPECT_NE(last.note.find("物业服务中心 张经理"), std::string::npos) << last.note;
  EXPECT_NE(last.note.find("属于邻里纠纷，应由居委会调解"), std::string::npos) << last.note;
  // The response time is the first answer, not the latest.
  EXPECT_EQ(moved.value->work.responded_at, t + kHour);
}

TEST_P(WorkOrderTest, SupervisionOnlyForOverdueOpenTicketsAndItPutsThemOnTop) {
  protocol::UnixSeconds t = At("2026-11-10T02:00:00Z");
  std::string late = File("2026-11-10T02:00:00Z");
  std::string newer = File("2026-11-11T02:00:00Z");
  Dispatch(late, Agency::PropertyCompany, t + kHour);
  Dispatch(newer, Agency::PropertyCompany, t + 25 * kHour);
  EXPECT_EQ(SuperviseRequest(*repo_, late, "请尽快处理", protocol::Agency::StreetOffice, t + 2 * kHour).error, WriteError::Refused);
  protocol::UnixSeconds later = t + 80 * kHour;  // past the 72 h default of `late`, not of `newer`
  EXPECT_EQ(SuperviseRequest(*repo_, late, "", protocol::Agency::StreetOffice, later).error, WriteError::Invalid);
  auto marked = SuperviseRequest(*repo_, late, "已超期，请今日答复", protocol::Agency::StreetOffice, later);
  ASSERT_TRUE(marked.ok()) << marked.message;
  EXPECT_EQ(marked.value->work.supervised_at, later);
  EXPECT_EQ(marked.value->work.supervision_note, "已超期，请今日答复");
  EXPECT_EQ(marked.value->status.status, RequestStatus::Assigned) << "督办 does not change the status";
  EXPECT_EQ(marked.value->status.history.back().note, "督办：已超期，请今日答复");

  WorkOrderQuery q;
  q.party = Agency::PropertyCompany;
  q.now = later;
  auto page = repo_->QueryWorkOrders(q);
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_EQ(page->rows[0].status.service_request_id, late) << "督办 first, though older";
  EXPECT_EQ(page->rows[1].status.service_request_id, newer);

  q.overdue_only = true;
  page = repo_->QueryWorkOrders(q);
  ASSERT_EQ(page->rows.size(), 1u);
  EXPECT_EQ(page->rows[0].status.service_request_id, late);
  q.overdue_only = false;
  q.supervised_only = true;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);

  // A resolved ticket cannot be supervised, and leaves the top of the queue.
  Resolve(late, later + kHour);
  EXPECT_EQ(SuperviseRequest(*repo_, late, "再次督办", protocol::Agency::StreetOffice, later + 2 * kHour).error, WriteError::Refused);
  q.supervised_only = false;
  page = repo_->QueryWorkOrders(q);
  EXPECT_EQ(page->rows[0].status.service_request_id, newer);
}

// The 督办 page's per-party summary: one aggregate that must say what the queue's totals say.
TEST_P(WorkOrderTest, OverdueByPartyMatchesTheQueueTotals) {
  protocol::UnixSeconds t = At("2026-11-10T02:00:00Z");
  std::string late = File("2026-11-10T02:00:00Z");
  std::string late_too = File("2026-11-10T03:00:00Z");
  std::string on_time = File("2026-11-12T02:00:00Z");
  std::string undispatched = File("2026-11-10T04:00:00Z");
  std::string resolved = File("2026-11-10T05:00:00Z");
  Dispatch(late, Agency::PropertyCompany, t + kHour);
  Dispatch(late_too, Agency::PropertyCompany, t + kHour);
  Dispatch(on_time, Agency::PropertyCompany, t + 49 * kHour);
  Dispatch(resolved, Agency::ResidentsCommittee, t + kHour);
  protocol::UnixSeconds later = t + 80 * kHour;  // past the 72 h default of the tickets filed on the 10th
  ASSERT_TRUE(SuperviseRequest(*repo_, late, "请今日答复", protocol::Agency::StreetOffice, later).ok());
  Resolve(resolved, later);

  auto counts = repo_->OverdueByParty(later + kHour);
  ASSERT_TRUE(counts.ok()) << counts.error();
  ASSERT_EQ(counts->size(), 2u) << "the residents' committee has nothing overdue";
  EXPECT_EQ((*counts)[0], (OverdueCount{Agency::StreetOffice, 1, 0}))
      << "not dispatched: the street office's";
  EXPECT_EQ((*counts)[1], (OverdueCount{Agency::PropertyCompany, 2, 1}));
  for (const OverdueCount& c : *counts) {
    WorkOrderQuery q;
    q.now = later + kHour;
    q.party = c.party;
    q.overdue_only = true;
    EXPECT_EQ(repo_->QueryWorkOrders(q)->total, c.overdue);
    q.supervised_only = true;
    EXPECT_EQ(repo_->QueryWorkOrders(q)->total, c.supervised);
  }
  EXPECT_TRUE(repo_->OverdueByParty(t)->empty()) << "nothing is overdue when filed";
}

TEST_P(WorkOrderTest, QueueIsolatesPartiesFiltersAndPages) {
  protocol::UnixSeconds t = At("2026-11-01T02:00:00Z");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    std::string when = "2026-11-0" + std::to_string(i + 1) + "T02:00:00Z";
    ids.push_back(FileRequest(*repo_, SampleSubmission(i % 2 ? "repairs" : "sanitation"), At(when.c_str()))
                      .status.service_request_id);
  }
  for (int i = 0; i < 4; ++i) Dispatch(ids[static_cast<size_t>(i)], Agency::PropertyCompany, t + 5 * 86400);
  WorkOrderQuery q;
  q.now = t + 6 * 86400;
  q.party = Agency::ResidentsCommittee;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 0);
  q.party = Agency::StreetOffice;  // holds what nobody has taken yet
  auto street = repo_->QueryWorkOrders(q);
  ASSERT_EQ(street->total, 1);
  EXPECT_EQ(street->rows[0].status.service_request_id, ids[4]);
  q.party = Agency::PropertyCompany;
  q.limit = 3;
  auto first = repo_->QueryWorkOrders(q);
  ASSERT_EQ(first->total, 4);
  ASSERT_EQ(first->rows.size(), 3u);
  EXPECT_EQ(first->rows[0].status.service_request_id, ids[3]) << "newest first";
  EXPECT_TRUE(first->rows[0].status.history.empty()) << "a queue row carries no history";
  q.offset = 3;
  auto second = repo_->QueryWorkOrders(q);
  ASSERT_EQ(second->rows.size(), 1u);
  EXPECT_EQ(second->rows[0].status.service_request_id, ids[0]);
  q.offset = 0;
  q.limit = 50;
  q.service_code = "repairs";
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 2);
  q.service_code.reset();
  q.filed_from = At("2026-11-02T00:00:00Z");
  q.filed_to = At("2026-11-03T00:00:00Z");
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
  q.filed_from.reset();
  q.filed_to.reset();
  q.device_id = "kiosk-device";
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 4);
  q.device_id = "another";
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 0);
  q.device_id.reset();
  q.status = RequestStatus::Assigned;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 4);
  q.status = RequestStatus::Resolved;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 0);
  q.status.reset();
  q.limit = 0;
  EXPECT_FALSE(repo_->QueryWorkOrders(q).ok());

  // Party isolation is a rule, not a query detail.
  RequestRecord r = Get(ids[0]);
  EXPECT_TRUE(PartyMayHandle(Agency::PropertyCompany, r));
  EXPECT_TRUE(PartyMayHandle(Agency::StreetOffice, r));
  EXPECT_FALSE(PartyMayHandle(Agency::ResidentsCommittee, r));
}

TEST_P(WorkOrderTest, ReopenedByARatingIsFilterableAndNotSatisfied) {
  protocol::UnixSeconds t = At("2026-11-01T02:00:00Z");
  std::string id = File("2026-11-01T02:00:00Z");
  Dispatch(id, Agency::PropertyCompany, t + kHour);
  Resolve(id, t + 5 * kHour);
  EXPECT_EQ(Get(id).work.resolved_at, t + 5 * kHour);
  Rate(id, 1, t + 6 * kHour);
  RequestRecord r = Get(id);
  EXPECT_EQ(r.status.status, RequestStatus::Reopened);
  EXPECT_TRUE(r.flagged);
  EXPECT_EQ(r.work.satisfied, false);
  EXPECT_FALSE(r.work.resolved_at.has_value()) << "re-opened: not resolved any more";
  WorkOrderQuery q;
  q.party = Agency::PropertyCompany;
  q.reopened_only = true;
  q.now = t + 7 * kHour;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
}

TEST_P(WorkOrderTest, ChannelIsKeptAndOnBehalfFilingUsesTheIntakeRules) {
  protocol::UnixSeconds t = At("2026-11-01T02:00:00Z");
  // A kiosk carries its own ticket code and clock; a plain Open311 client does not.
  protocol::ServiceRequestSubmission kiosk = SampleSubmission();
  kiosk.submitted_at = t - 60;
  EXPECT_EQ(FileRequest(*repo_, kiosk, t).work.channel, Channel::Kiosk);
  EXPECT_EQ(FileRequest(*repo_, SampleSubmission(), t).work.channel, Channel::Open311);

  protocol::ServiceRequestSubmission desk = SampleSubmission("repairs");
  desk.description = "电梯故障，老人无法下楼";
  auto filed = FileOnBehalf(*repo_, desk, Channel::Phone, t);
  ASSERT_TRUE(filed.ok()) << filed.message;
  EXPECT_EQ(filed.value->work.channel, Channel::Phone);
  EXPECT_TRUE(protocol::NormalizeTicketCode(filed.value->status.ticket_code).has_value())
      << "a real ticket code: " << filed.value->status.ticket_code;
  EXPECT_EQ(filed.value->device_id, "");
  EXPECT_EQ(Get(filed.value->status.service_request_id).description, "电梯故障，老人无法下楼");

  desk.description = "";
  EXPECT_EQ(FileOnBehalf(*repo_, desk, Channel::FrontDesk, t).error, WriteError::Invalid);
  desk.description = "x";
  desk.service_code = "nope";
  EXPECT_EQ(FileOnBehalf(*repo_, desk, Channel::FrontDesk, t).error, WriteError::Invalid);
  desk.service_code = "repairs";
  desk.phone = "138-1234";
  EXPECT_EQ(FileOnBehalf(*repo_, desk, Channel::FrontDesk, t).error, WriteError::Invalid);
  desk.phone = "";
  EXPECT_EQ(FileOnBehalf(*repo_, desk, Channel::Kiosk, t).error, WriteError::Invalid);

  WorkOrderQuery q;
  q.channel = Channel::Phone;
  q.now = t;
  EXPECT_EQ(repo_->QueryWorkOrders(q)->total, 1);
}

TEST_P(WorkOrderTest, ReplyTemplatesPerCategoryAndStatus) {
  ReplyTemplate any;
  any.title = "已收到";
  any.body = "您好，您反映的问题已收到，我们会尽快处理。";
  ReplyTemplate lift;
  lift.service_code = "repairs";
  lift.status = RequestStatus::Resolved;
  lift.title = "电梯已修复";
  lift.body = "电梯已由维保单位修复并通过检测。";
  auto a = repo_->AddReplyTemplate(any);
  auto b = repo_->AddReplyTemplate(lift);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a.value->id, b.value->id);
  ReplyTemplate bad = lift;
  bad.service_code = "nope";
  EXPECT_EQ(repo_->AddReplyTemplate(bad).error, WriteError::Invalid);

  EXPECT_EQ(repo_->ListReplyTemplates("repairs", RequestStatus::Resolved)->size(), 2u);
  EXPECT_EQ(repo_->ListReplyTemplates("sanitation", RequestStatus::Resolved)->size(), 1u);
  EXPECT_EQ(repo_->ListReplyTemplates("repairs", RequestStatus::Assigned)->size(), 1u);
  EXPECT_EQ(repo_->ListReplyTemplates(std::nullopt, std::nullopt)->size(), 2u);

  ReplyTemplate edited = *b.value;
  edited.body = "电梯已修复。";
  ASSERT_TRUE(repo_->UpdateReplyTemplate(edited).ok());
  auto list = repo_->ListReplyTemplates("repairs", RequestStatus::Resolved);
  EXPECT_EQ((*list)[1].body, "电梯已修复。");
  ASSERT_TRUE(repo_->DeleteReplyTemplate(a.value->id).ok());
  EXPECT_EQ(repo_->DeleteReplyTemplate(a.value->id).error, WriteError::NotFound);
  EXPECT_EQ(repo_->ListReplyTemplates(std::nullopt, std::nullopt)->size(), 1u);
}

TEST_P(WorkOrderTest, RevokedOperatorTokensStopWorking) {
  OperatorRecord op{protocol::NewUuid(), "city-12345", HashSecret("secret-token"), 1};
  ASSERT_TRUE(repo_->AddOperator(op).ok());
  EXPECT_TRUE(repo_->FindOperatorByTokenHash(op.token_hash)->has_value());
  EXPECT_EQ(repo_->ListOperators()->size(), 1u);
  auto revoked = repo_->RevokeOperator("city-12345", 2);
  ASSERT_TRUE(revoked.ok()) << revoked.message;
  EXPECT_EQ(revoked.value->id, op.id);
  EXPECT_FALSE(repo_->FindOperatorByTokenHash(op.token_hash)->has_value());
  EXPECT_TRUE(repo_->ListOperators()->empty());
  EXPECT_EQ(repo_->RevokeOperator(op.id, 3).error, WriteError::NotFound);
}

// ---- 三率 against a hand count ---------------------------------------------------------------------------
//
// Response window 24 h; repairs promise 24 h, sanitation and property 72 h. `now` 2026-12-01T00:00Z.
// Months are Asia/Shanghai months. Each ticket and what a person counting by hand gets:
//   A 10-05 sanitation → 物业 at +2h, resolved +20h, rated 5   Oct 物业: answered in time, on time, satisfied
//   B 10-10 repairs → 物业 at +30h, resolved +60h, rated 2      Oct 物业: late answer, reopened (due, not on
//                                                               time), rated unsatisfied
//   D 10-20 sanitation, untouched                              Oct 街道: no answer (due), past due
//   E 10-25 sanitation, accepted +1h, never dispatched          Oct 街道: answered in time, past due
//   C 10-31T17:00Z (11-01 01:00 in Shanghai) → 居委会 +1h,       Nov 居委会: answered, reopened → past due,
//     resolved +5h, rated 4 with 没解决                           rated unsatisfied
//   H 11-10 property → 物业 +3h, closed +10h, rated 3           Nov 物业: answered, on time, rated
//   unsatisfied K 11-15 phone (代录入) sanitation, untouched                 Nov 街道: no answer (due), past
//   due F 11-29T20:00Z sanitation, untouched (28 h before now)      Nov 街道: no answer (due); not yet due to
//   resolve G 11-30T12:00Z → 物业 +1h (12 h before now)                  Nov 物业: answered in time; not yet
//   due J 09-30T15:00Z (09-30 23:00 Shanghai)                       September: outside the range
TEST_P(WorkOrderTest, MonthlyRatesEqualAHandCount) {
  ASSERT_TRUE(repo_->SetServiceDeadlineHours("repairs", 24).ok());
  EXPECT_EQ(*repo_->ResponseWindowSeconds(), 86400);
  EXPECT_EQ(repo_->SetResponseWindowSeconds(5).error, WriteError::Invalid);

  auto a = File("2026-10-05T02:00:00Z");
  Dispatch(a, Agency::PropertyCompany, At("2026-10-05T04:00:00Z"));
  Resolve(a, At("2026-10-05T22:00:00Z"));
  Rate(a, 5, At("2026-10-06T00:00:00Z"));

  auto b = File("2026-10-10T02:00:00Z", "repairs");
  Dispatch(b, Agency::PropertyCompany, At("2026-10-11T08:00:00Z"));
  Resolve(b, At("2026-10-12T14:00:00Z"));
  Rate(b, 2, At("2026-10-12T15:00:00Z"));

  File("2026-10-20T02:00:00Z");  // D
  auto e = File("2026-10-25T02:00:00Z");
  ASSERT_TRUE(SetRequestStatus(*repo_, e, RequestStatus::Accepted, "", protocol::Agency::StreetOffice, At("2026-10-25T03:00:00Z")).ok());

  auto c = File("2026-10-31T17:00:00Z");
  DispatchRequest(*repo_, c, To(Agency::ResidentsCommittee, "居委会 李主任"), protocol::Agency::StreetOffice, At("2026-10-31T18:00:00Z"));
  Resolve(c, At("2026-10-31T22:00:00Z"));
  Rate(c, 4, At("2026-11-01T00:00:00Z"), "unresolved");

  auto h = File("2026-11-10T02:00:00Z", "property");
  Dispatch(h, Agency::PropertyCompany, At("2026-11-10T05:00:00Z"));
  ASSERT_TRUE(ReplyToRequest(*repo_, h, "已与保安队长沟通", protocol::Agency::StreetOffice, At("2026-11-10T11:00:00Z")).ok());
  ASSERT_TRUE(CloseRequest(*repo_, h, "", protocol::Agency::StreetOffice, At("2026-11-10T12:00:00Z")).ok());
  Rate(h, 3, At("2026-11-10T13:00:00Z"));

  ASSERT_TRUE(
      FileOnBehalf(*repo_, SampleSubmission(), Channel::Phone, At("2026-11-15T02:00:00Z")).ok());  // K
  File("2026-11-29T20:00:00Z");                                                                    // F
  auto g = File("2026-11-30T12:00:00Z");
  Dispatch(g, Agency::PropertyCompany, At("2026-11-30T13:00:00Z"));
  File("2026-09-30T15:00:00Z");  // J

  RatesQuery q;
  q.filed_from = At("2026-09-30T16:00:00Z");  // 2026-10-01 00:00 Shanghai
  q.filed_to = At("2026-11-30T16:00:00Z");    // 2026-12-01 00:00 Shanghai
  q.now = At("2026-12-01T00:00:00Z");
  auto rates = repo_->MonthlyRates(q);
  ASSERT_TRUE(rates.ok()) << rates.error();
  auto row = [](Agency p, const char* month, std::int64_t tickets, std::int64_t rd, std::int64_t ro,
                std::int64_t sd, std::int64_t so, std::int64_t rated,
                std::int64_t sat) { return PartyMonthRates{p, month, tickets, rd, ro, sd, so, rated, sat}; };
  std::vector<PartyMonthRates> expected = {
      row(Agency::StreetOffice, "2026-10", 2, 2, 1, 2, 0, 0, 0),
      row(Agency::PropertyCompany, "2026-10", 2, 2, 1, 2, 1, 2, 1),
      row(Agency::StreetOffice, "2026-11", 2, 2, 0, 1, 0, 0, 0),
      row(Agency::PropertyCompany, "2026-11", 2, 2, 2, 1, 1, 1, 0),
      row(Agency::ResidentsCommittee, "2026-11", 1, 1, 1, 1, 0, 1, 0),
  };
  EXPECT_EQ(*rates, expected);

  q.channel = Channel::Phone;
  EXPECT_EQ(*repo_->MonthlyRates(q),
            (std::vector{row(Agency::StreetOffice, "2026-11", 1, 1, 0, 1, 0, 0, 0)}));
}

}  // namespace
}  // namespace ck::hub

namespace ck::hub {
namespace {

TEST_P(WorkOrderTest, TheSupervisionListPutsTheMostLateFirst) {
  protocol::UnixSeconds t = At("2026-11-01T02:00:00Z");
  std::string older = File("2026-11-01T02:00:00Z");
  std::string newer = File("2026-11-02T02:00:00Z");
  std::string done = File("2026-10-30T02:00:00Z");
  Dispatch(done, Agency::PropertyCompany, t - kHour);
  Resolve(done, t);
  WorkOrderQuery q;
  q.now = t + 30 * 86400;
  q.overdue_only = true;
  q.most_late_first = true;
  auto page = repo_->QueryWorkOrders(q);
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->total, 2) << "a resolved ticket is not overdue";
  EXPECT_EQ(page->rows[0].status.service_request_id, older);
  EXPECT_EQ(page->rows[1].status.service_request_id, newer);
  EXPECT_EQ(page->rows[0].work.due_at, t + 72 * kHour) << "filed + the 72 h default";
}

}  // namespace
}  // namespace ck::hub

// The request lifecycle through the editor the CLI and the operator API share: assign → status → reply →
// resolve; ratings close or re-open (and flag); refusals for transitions that would blur responsibility.
#include "sync/hub/rules/request_editor.h"

#include <gtest/gtest.h>

#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using protocol::Agency;
using protocol::RequestStatus;
using testing::FileRequest;
using testing::SampleSubmission;
using testing::TempDir;

constexpr protocol::UnixSeconds kNow = 1'795'651'200;

class RequestEditorTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    id_ = FileRequest(*repo_, SampleSubmission(), kNow).status.service_request_id;
  }
  AssignOrder Order() {
    AssignOrder o;
    o.agency = Agency::PropertyCompany;
    o.responsible = "物业服务中心 张经理";
    o.expected_at = kNow + 2 * 86400;
    return o;
  }
  void Resolve() {
    ASSERT_TRUE(AssignRequest(*repo_, id_, Order(), protocol::Agency::StreetOffice, kNow + 10).ok());
    ASSERT_TRUE(ReplyToRequest(*repo_, id_, "已安排保洁清运", protocol::Agency::StreetOffice, kNow + 20).ok());
    ASSERT_TRUE(SetRequestStatus(*repo_, id_, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow + 30).ok());
  }
  protocol::Rating RatingOf(int score, std::string quick = "") {
    protocol::Rating r;
    r.rating_uuid = protocol::NewUuid();
    r.service_request_id = id_;
    r.ticket_code = Current().status.ticket_code;
    r.score = score;
    r.quick_comment = std::move(quick);
    return r;
  }
  RequestRecord Current() { return **repo_->FindRequest(id_); }

  std::string id_;
};
CK_STORE_BACKENDS(RequestEditorTest);

TEST_P(RequestEditorTest, AssignStatusReplyResolveKeepsAHistoryAndBumpsUpdatedAt) {
  auto assigned = AssignRequest(*repo_, id_, Order(), protocol::Agency::StreetOffice, kNow + 10);
  ASSERT_TRUE(assigned.ok()) << assigned.message;
  EXPECT_EQ(assigned.value->status.status, RequestStatus::Assigned);
  EXPECT_EQ(assigned.value->status.agency, Agency::PropertyCompany);
  EXPECT_EQ(assigned.value->status.agency_responsible, "物业服务中心 张经理");
  EXPECT_EQ(assigned.value->status.expected_at, kNow + 2 * 86400);
  EXPECT_EQ(assigned.value->status.updated_at, kNow + 10);

  auto progress = SetRequestStatus(*repo_, id_, RequestStatus::InProgress, "保洁已出发", protocol::Agency::StreetOffice, kNow + 20);
  ASSERT_TRUE(progress.ok()) << progress.message;
  auto replied = ReplyToRequest(*repo_, id_, "已安排保洁清运", protocol::Agency::StreetOffice, kNow + 30);
  ASSERT_TRUE(replied.ok()) << replied.message;
  EXPECT_EQ(replied.value->status.status, RequestStatus::InProgress);
  EXPECT_EQ(replied.value->status.status_notes, "已安排保洁清运");
  auto resolved = SetRequestStatus(*repo_, id_, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow + 40);
  ASSERT_TRUE(resolved.ok()) << resolved.message;
  EXPECT_EQ(resolved.value->status.updated_at, kNow + 40);

  std::vector<RequestStatus> statuses;
  for (const auto& e : Current().status.history) statuses.push_back(e.status);
  EXPECT_EQ(statuses,
            (std::vector{RequestStatus::Submitted, RequestStatus::Assigned, RequestStatus::InProgress,
                         RequestStatus::InProgress, RequestStatus::Resolved}));
  EXPECT_EQ(Current().status.history[1].agency, Agency::PropertyCompany);
  EXPECT_EQ(Current().revision, 5);
}

TEST_P(RequestEditorTest, TransitionsThatBlurResponsibilityAreRefused) {
  auto r = SetRequestStatus(*repo_, id_, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow);
  EXPECT_EQ(r.error, WriteError::Refused);
  EXPECT_NE(r.message.find("assign"), std::string::npos) << r.message;
  EXPECT_EQ(SetRequestStatus(*repo_, id_, RequestStatus::InProgress, "", protocol::Agency::StreetOffice, kNow).error, WriteError::Refused);
  auto close = CloseRequest(*repo_, id_, "", protocol::Agency::StreetOffice, kNow);
  EXPECT_EQ(close.error, WriteError::Refused);
  EXPECT_NE(close.message.find("reply"), std::string::npos) << close.message;
  EXPECT_EQ(SetRequestStatus(*repo_, id_, RequestStatus::Reopened, "", protocol::Agency::StreetOffice, kNow).error, WriteError::Invalid);
  EXPECT_EQ(SetRequestStatus(*repo_, id_, RequestStatus::Assigned, "", protocol::Agency::StreetOffice, kNow).error, WriteError::Invalid);
  ASSERT_TRUE(SetRequestStatus(*repo_, id_, RequestStatus::Accepted, "", protocol::Agency::StreetOffice, kNow).ok());
  EXPECT_EQ(SetRequestStatus(*repo_, id_, RequestStatus::Accepted, "", protocol::Agency::StreetOffice, kNow).error, WriteError::Refused);
  ASSERT_TRUE(AssignRequest(*repo_, id_, Order(), protocol::Agency::StreetOffice, kNow).ok());
  // Resolving needs a reply the resident can read.
  EXPECT_EQ(SetRequestStatus(*repo_, id_, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow).error, WriteError::Refused);
  // Bad input is Invalid, not Refused.
  AssignOrder blank = Order();
  blank.responsible = "  ";
  EXPECT_EQ(AssignRequest(*repo_, id_, blank, protocol::Agency::StreetOffice, kNow).error, WriteError::Invalid);
  AssignOrder past = Order();
  past.expected_at = kNow - 1;
  EXPECT_EQ(AssignRequest(*repo_, id_, past, protocol::Agency::StreetOffice, kNow).error, WriteError::Invalid);
  EXPECT_EQ(ReplyToRequest(*repo_, id_, "", protocol::Agency::StreetOffice, kNow).error, WriteError::Invalid);
  EXPECT_EQ(ReplyToRequest(*repo_, id_, std::string("\xff\xfe"), protocol::Agency::StreetOffice, kNow).error, WriteError::Invalid);
  EXPECT_EQ(AssignRequest(*repo_, protocol::NewUuid(), Order(), protocol::Agency::StreetOffice, kNow).error, WriteError::NotFound);
  EXPECT_EQ(Current().status.status, RequestStatus::Assigned);
}

TEST_P(RequestEditorTest, ATicketCodeWorksWhereAnIdDoes) {
  std::string code = Current().status.ticket_code;
  std::string typed = code;
  typed.erase(4, 1);  // what a resident reads out: no dash, lower case
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = AssignRequest(*repo_, typed, Order(), protocol::Agency::StreetOffice, kNow);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.value->status.service_request_id, id_);
}

TEST_P(RequestEditorTest, ARatingBeforeResolvedIsRefused) {
  auto r = ApplyRating(*repo_, RatingOf(5), kNow);
  EXPECT_EQ(r.error, WriteError::Refused);
  EXPECT_EQ(Current().status.status, RequestStatus::Submitted);
  EXPECT_FALSE(Current().status.rating);
}

TEST_P(RequestEditorTest, AGoodRatingClosesAResolvedRequest) {
  Resolve();
  auto r = ApplyRating(*repo_, RatingOf(5, "satisfied"), kNow + 100);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_NE(r.value->body.find("\"detailed_status\":\"closed\""), std::string::npos) << r.value->body;
  EXPECT_EQ(Current().status.status, RequestStatus::Closed);
  EXPECT_EQ(Current().status.rating, 5);
  EXPECT_FALSE(Current().flagged);
}

TEST_P(RequestEditorTest, ALowRatingReopensAndFlagsEvenAfterClose) {
  Resolve();
  ASSERT_TRUE(CloseRequest(*repo_, id_, "", protocol::Agency::StreetOffice, kNow + 50).ok());
  auto rating = RatingOf(1, "unresolved");
  auto r = ApplyRating(*repo_, rating, kNow + 100);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_FALSE(r.value->replayed);
  EXPECT_EQ(Current().status.status, RequestStatus::Reopened);
  EXPECT_TRUE(Current().flagged);
  EXPECT_EQ(Current().status.history.back().status, RequestStatus::Reopened);
  // Flagged requests come first in the operator's list.
  FileRequest(*repo_, SampleSubmission(), kNow + 200);
  RequestQuery q;
  q.flagged_first = true;
  EXPECT_EQ(repo_->QueryRequests(q)->front().status.service_request_id, id_);
  // The same rating again: the first answer, and nothing changes.
  auto again = ApplyRating(*repo_, rating, kNow + 300);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value->replayed);
  EXPECT_EQ(again.value->body, r.value->body);
  EXPECT_EQ(Current().revision, 6);
  // The unsatisfying reply stays in the history only: resolving again needs a new one.
  EXPECT_TRUE(Current().status.status_notes.empty());
  EXPECT_EQ(SetRequestStatus(*repo_, id_, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow + 350).error,
            WriteError::Refused);
  ASSERT_TRUE(ReplyToRequest(*repo_, id_, "已再次清运并加装垃圾桶", protocol::Agency::StreetOffice, kNow + 360).ok());
  // "unresolved" with a good score also reopens; resolving again clears the flag.
  ASSERT_TRUE(SetRequestStatus(*repo_, id_, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow + 400).ok());
  EXPECT_FALSE(Current().flagged);
  ASSERT_TRUE(ApplyRating(*repo_, RatingOf(4, "unresolved"), kNow + 500).ok());
  EXPECT_EQ(Current().status.status, RequestStatus::Reopened);

  auto summary = *repo_->Satisfaction();
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].agency, Agency::PropertyCompany);
  EXPECT_EQ(summary[0].ratings, 2);
  EXPECT_DOUBLE_EQ(summary[0].average_score, 2.5);
  EXPECT_EQ(summary[0].reopened, 2);
}

TEST_P(RequestEditorTest, ARatingNeedsTheTicketsCode) {
  Resolve();
  auto r = RatingOf(5);
  r.ticket_code.clear();  // the id alone is no proof of holding the ticket
  EXPECT_EQ(ApplyRating(*repo_, r, kNow).error, WriteError::Invalid);
  r.ticket_code = *protocol::MakeTicketCode({9, 9});  // a wrong code for the id: like an unknown code
  auto wrong = ApplyRating(*repo_, r, kNow);
  r.service_request_id.clear();
  auto unknown = ApplyRating(*repo_, r, kNow);
  EXPECT_EQ(wrong.error, WriteError::NotFound);
  EXPECT_EQ(unknown.error, WriteError::NotFound);
  EXPECT_EQ(wrong.message, unknown.message);
  EXPECT_EQ(Current().status.status, RequestStatus::Resolved);
  r.ticket_code = Current().status.ticket_code;
  EXPECT_TRUE(ApplyRating(*repo_, r, kNow).ok());
}

// One rating per round of handling: a holder cannot rate a closed ticket again and again (each "没解决"
// would re-open and flag it); once it is resolved again, it may be rated again.
TEST_P(RequestEditorTest, OneRatingPerRoundOfHandling) {
  Resolve();
  ASSERT_TRUE(ApplyRating(*repo_, RatingOf(5, "satisfied"), kNow + 10).ok());
  EXPECT_EQ(Current().status.status, RequestStatus::Closed);
  auto second = ApplyRating(*repo_, RatingOf(1, "unresolved"), kNow + 20);
  EXPECT_EQ(second.error, WriteError::Refused) << second.message;
  EXPECT_EQ(Current().status.status, RequestStatus::Closed);
  EXPECT_FALSE(Current().flagged);
  EXPECT_EQ(Current().status.rating, 5);

  // Staff close a resolved ticket before the resident rates: still one rating in that round.
  RequestRecord other = FileRequest(*repo_, SampleSubmission(), kNow);
  const std::string other_id = other.status.service_request_id;
  AssignOrder order = Order();
  ASSERT_TRUE(AssignRequest(*repo_, other_id, order, protocol::Agency::StreetOffice, kNow).ok());
  ASSERT_TRUE(ReplyToRequest(*repo_, other_id, "已处理", protocol::Agency::StreetOffice, kNow).ok());
  ASSERT_TRUE(SetRequestStatus(*repo_, other_id, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow).ok());
  ASSERT_TRUE(CloseRequest(*repo_, other_id, "", protocol::Agency::StreetOffice, kNow + 5).ok());
  protocol::Rating low;
  low.rating_uuid = protocol::NewUuid();
  low.ticket_code = other.status.ticket_code;
  low.score = 1;
  low.quick_comment = "unresolved";
  ASSERT_TRUE(ApplyRating(*repo_, low, kNow + 30).ok());
  EXPECT_EQ((*repo_->FindRequest(other_id))->status.status, RequestStatus::Reopened);
  low.rating_uuid = protocol::NewUuid();
  EXPECT_EQ(ApplyRating(*repo_, low, kNow + 40).error, WriteError::Refused);  // reopened: not rateable
  // Resolved again: a new round, one more rating.
  ASSERT_TRUE(ReplyToRequest(*repo_, other_id, "已再次处理", protocol::Agency::StreetOffice, kNow + 50).ok());
  ASSERT_TRUE(SetRequestStatus(*repo_, other_id, RequestStatus::Resolved, "", protocol::Agency::StreetOffice, kNow + 60).ok());
  ASSERT_TRUE(ApplyRating(*repo_, low, kNow + 70).ok());
  low.rating_uuid = protocol::NewUuid();
  EXPECT_EQ(ApplyRating(*repo_, low, kNow + 80).error, WriteError::Refused);
}

}  // namespace
}  // namespace ck::hub

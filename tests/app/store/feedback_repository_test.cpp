// FeedbackRepository: atomic submit with the outbox row, ticket codes, masking, lookups, ratings, statuses.
#include "app/store/feedback_repository.h"

#include <gtest/gtest.h>

#include <set>

#include "app/store/outbox_repository.h"
#include "sync/protocol/ticket_code.h"
#include "tests/app/store/feedback_fixture.h"

namespace ck::store {
namespace {

using protocol::RequestStatus;
using testing::CountRows;
using testing::kNow;
using testing::MakeDraft;
using testing::MakeStatus;

class FeedbackRepositoryTest : public testing::StoreTest {
 protected:
  FeedbackReceipt SubmitOk(const FeedbackDraft& draft = MakeDraft(), std::uint32_t kiosk = 7) {
    auto r = FeedbackRepository(*db_).Submit(draft, kNow, kiosk);
    EXPECT_TRUE(r.ok()) << r.error();
    return r ? r.value() : FeedbackReceipt{};
  }
  // Delivers the oldest queued item with the given hub answer.
  void Deliver(const std::string& id, const std::string& code = "") {
    OutboxRepository outbox(*db_);
    auto pending = outbox.Pending(1, kNow);
    ASSERT_EQ(pending.size(), 1u);
    ASSERT_TRUE(outbox.MarkDelivered(pending[0].id, {id, "", code}, kNow + 5).ok());
  }
};

TEST_F(FeedbackRepositoryTest, SubmitWritesTheReportAndItsOutboxRowTogether) {
  FeedbackReceipt receipt = SubmitOk(MakeDraft(), 7);
  EXPECT_TRUE(protocol::IsUuid(receipt.request_uuid));
  auto parts = protocol::ParseTicketCode(receipt.ticket_code);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->kiosk_number, 7u);
  EXPECT_EQ(receipt.ticket_code.size(), protocol::kTicketCodeLength);
  EXPECT_EQ(receipt.submitted_at, kNow);
  EXPECT_EQ(CountRows(*db_, "feedback"), 1);
  auto pending = OutboxRepository(*db_).Pending(10, kNow);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].kind, OutboxKind::Feedback);
  EXPECT_EQ(pending[0].record_key, receipt.request_uuid);
  EXPECT_EQ(pending[0].idempotency_key, receipt.request_uuid);

  auto view = FeedbackRepository(*db_).FindByTicketCode(receipt.ticket_code);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->delivery, DeliveryState::Pending);
  EXPECT_EQ(view->draft.service_name, "环境卫生");
  EXPECT_EQ(view->draft.description, MakeDraft().description);
  EXPECT_FALSE(view->status);
}

TEST_F(FeedbackRepositoryTest, AFailingOutboxInsertLeavesNoRow) {
  // Stands in for a full disk or an I/O error in the middle of the transaction.
  ASSERT_TRUE(db_->Exec("CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox "
                        "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
                  .ok());
  auto failed = FeedbackRepository(*db_).Submit(MakeDraft("13812341234"), kNow, 7);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().find("disk full"), std::string::npos) << failed.error();
  EXPECT_EQ(CountRows(*db_, "feedback"), 0);
  EXPECT_EQ(CountRows(*db_, "outbox"), 0);
  ASSERT_TRUE(db_->Exec("DROP TRIGGER fail_outbox").ok());
  EXPECT_TRUE(protocol::ParseTicketCode(SubmitOk().ticket_code));
  EXPECT_EQ(CountRows(*db_, "feedback"), 1);
}

TEST_F(FeedbackRepositoryTest, InvalidDraftsAreRefusedAndWriteNothing) {
  FeedbackRepository repo(*db_);
  FeedbackDraft empty = MakeDraft();
  empty.description.clear();
  EXPECT_FALSE(repo.Submit(empty, kNow, 1).ok());
  EXPECT_FALSE(repo.Submit(MakeDraft("138-1234"), kNow, 1).ok());
  FeedbackDraft no_service = MakeDraft();
  no_service.service_code.clear();
  EXPECT_FALSE(repo.Submit(no_service, kNow, 1).ok());
  FeedbackDraft broken = MakeDraft();
  broken.description = "\xE4\xB8";  // cut UTF-8
  EXPECT_FALSE(repo.Submit(broken, kNow, 1).ok());
  EXPECT_FALSE(repo.Submit(MakeDraft(), kNow, protocol::kMaxKioskNumber + 1).ok());
  EXPECT_EQ(CountRows(*db_, "feedback"), 0);
  EXPECT_EQ(CountRows(*db_, "outbox"), 0);
}

// Codes are drawn at random: distinct, of this kiosk, and not one following another (the old codes were a
// counter, so a stranger could compute a neighbour's), also across a reopen.
TEST_F(FeedbackRepositoryTest, CodesAreUniqueAndUnpredictableAcrossReopen) {
  std::set<std::string> codes;
  std::set<std::uint64_t> randoms;
  for (int i = 0; i < 200; ++i) {
    if (i == 100) {
      db_.reset();
      db_ = OpenOrDie();
    }
    FeedbackReceipt r = SubmitOk(MakeDraft(), 42);
    auto parts = protocol::ParseTicketCode(r.ticket_code);
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->kiosk_number, 42u);
    EXPECT_TRUE(codes.insert(r.ticket_code).second) << r.ticket_code;
    randoms.insert(parts->random);
  }
  // Sorted, no two neighbours are within 2^20 of each other: no counter, no short stride.
  std::uint64_t previous = 0;
  bool first = true;
  for (std::uint64_t v : randoms) {
    if (!first) {
      EXPECT_GT(v - previous, 1u << 20);
    }
    previous = v;
    first = false;
  }
}

TEST_F(FeedbackRepositoryTest, PhoneIsMaskedForDisplayAndPurgedOnDelivery) {
  EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("123456"), "****56");
  EXPECT_EQ(MaskPhone("1234"), "****");

  FeedbackReceipt receipt = SubmitOk(MakeDraft("13812341234"));
  auto before = FeedbackRepository(*db_).FindByTicketCode(receipt.ticket_code);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->masked_phone, "138****1234");
  EXPECT_EQ(before->draft.phone, "13812341234");  // still needed: it travels with the delivery

  Deliver("1001");
  auto after = FeedbackRepository(*db_).FindByTicketCode(receipt.ticket_code);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->delivery, DeliveryState::Delivered);
  EXPECT_TRUE(after->draft.phone.empty());
  EXPECT_EQ(after->masked_phone, "138****1234");
  Statement st = db_->Cached("SELECT count(*) FROM feedback WHERE phone IS NOT NULL");
  ASSERT_EQ(st.Step(), SQLITE_ROW);
  EXPECT_EQ(st.Int(0), 0);
  EXPECT_EQ(OutboxRepository(*db_).PendingCount(), 0);
  EXPECT_EQ(FeedbackRepository(*db_).OpenServiceRequestIds(), std::vector<std::string>{"1001"});
}

TEST_F(FeedbackRepositoryTest, AReassignedCodeIsAdoptedAndTheReceiptsCodeStillFindsIt) {
  FeedbackReceipt receipt = SubmitOk(MakeDraft(), 0);
  std::string hub_code = *protocol::MakeTicketCode({0, 900});
  Deliver("77", hub_code);
  FeedbackRepository repo(*db_);
  auto by_new = repo.FindByTicketCode(hub_code);
  ASSERT_TRUE(by_new);
  EXPECT_EQ(by_new->receipt.ticket_code, hub_code);
  EXPECT_EQ(by_new->receipt.request_uuid, receipt.request_uuid);
  auto by_receipt = repo.FindByTicketCode(receipt.ticket_code);
  ASSERT_TRUE(by_receipt);
  EXPECT_EQ(by_receipt->receipt.ticket_code, hub_code);
}

TEST_F(FeedbackRepositoryTest, FindByTicketCodeForgivesCaseAndDashButNotTypos) {
  FeedbackReceipt receipt = SubmitOk();
  FeedbackRepository repo(*db_);
  std::string code = receipt.ticket_code;  // "XXXX-XXXX-XXXXX"
  std::string plain = code.substr(0, 4) + code.substr(5);
  std::string lower;
  for (char c : plain) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& typed :
       {code, plain, lower, " " + code.substr(0, 4) + " " + code.substr(5) + " "}) {
    auto v = repo.FindByTicketCode(typed);
    ASSERT_TRUE(v) << typed;
    EXPECT_EQ(v->receipt.ticket_code, code);
  }
  // One wrong symbol anywhere is caught by the check character: no ticket, not someone else's ticket.
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '-') continue;
    std::string typo = code;
    typo[i] = code[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(repo.FindByTicketCode(typo)) << typo;
  }
  EXPECT_FALSE(repo.FindByTicketCode(""));
  EXPECT_FALSE(repo.FindByTicketCode(*protocol::MakeTicketCode({7, 999})));  // valid, but not made here
}

TEST_F(FeedbackRepositoryTest, StatusesShowOwnerReplyAndPromisedDate) {
  FeedbackReceipt receipt = SubmitOk();
  Deliver("42");
  auto status = MakeStatus("42", receipt.ticket_code, RequestStatus::Assigned, kNow + 100);
  status.agency = protocol::Agency::PropertyCompany;
  status.agency_responsible = "物业服务中心 张经理";
  status.status_notes = "已安排保洁员今天下午清运。";
  status.expected_at = kNow + 86400;
  status.history.push_back(
      {kNow + 100, RequestStatus::Assigned, protocol::Agency::PropertyCompany, "派单", protocol::EventKind::Dispatch});
  FeedbackRepository repo(*db_);
  ASSERT_TRUE(repo.ApplyStatuses({status}).ok());
  auto view = repo.FindByTicketCode(receipt.ticket_code);
  ASSERT_TRUE(view && view->status);
  EXPECT_EQ(*view->status, status);

  // An older answer (a slow request racing a newer one) does not win.
  auto stale = MakeStatus("42", receipt.ticket_code, RequestStatus::Submitted, kNow + 50);
  ASSERT_TRUE(repo.ApplyStatuses({stale}).ok());
  EXPECT_EQ(repo.FindByTicketCode(receipt.ticket_code)->status->status, RequestStatus::Assigned);
}

TEST_F(FeedbackRepositoryTest, ARepeatedStatusWritesNothingSoAnIdleScreenIsNotRedrawn) {
  FeedbackReceipt receipt = SubmitOk();
  Deliver("42");
  FeedbackRepository repo(*db_);
  auto status = MakeStatus("42", receipt.ticket_code, RequestStatus::Accepted, kNow + 100);
  EXPECT_EQ(repo.StoreStatuses({status}).value(), 1);
  std::int64_t counter = db_->ChangeCounter();
  EXPECT_EQ(repo.StoreStatuses({status}).value(), 0);
  EXPECT_EQ(db_->ChangeCounter(), counter);
  status.status_notes = "已受理";  // same time, new content: still news
  EXPECT_EQ(repo.StoreStatuses({status}).value(), 1);
  EXPECT_GT(db_->ChangeCounter(), counter);
}

TEST_F(FeedbackRepositoryTest, ClosedTicketsAreNotPulledUnlessRatedSince) {
  FeedbackReceipt a = SubmitOk();
  FeedbackReceipt b = SubmitOk();
  Deliver("1");
  Deliver("2");
  FeedbackRepository repo(*db_);
  EXPECT_EQ(repo.OpenServiceRequestIds().size(), 2u);
  ASSERT_TRUE(repo.ApplyStatuses({MakeStatus("1", a.ticket_code, RequestStatus::Closed, kNow + 10),
                                  MakeStatus("2", b.ticket_code, RequestStatus::InProgress, kNow + 10)})
                  .ok());
  EXPECT_EQ(repo.OpenServiceRequestIds(), std::vector<std::string>{"2"});
  // A low rating re-opens it on the hub: keep pulling until the hub says so.
  ASSERT_TRUE(repo.Rate(a.ticket_code, 1, "unresolved", "", kNow + 20).ok());
  auto open = repo.OpenServiceRequestIds();
  EXPECT_EQ(std::set<std::string>(open.begin(), open.end()), (std::set<std::string>{"1", "2"}));
}

TEST_F(FeedbackRepositoryTest, RateStoresTheRatingWithItsOutboxRowOnlyWhenResolved) {
  FeedbackReceipt receipt = SubmitOk();
  FeedbackRepository repo(*db_);
  EXPECT_FALSE(repo.Rate(receipt.ticket_code, 5, "satisfied", "", kNow).ok());  // not even delivered
  Deliver("9");
  ASSERT_TRUE(
      repo.ApplyStatuses({MakeStatus("9", receipt.ticket_code, RequestStatus::InProgress, kNow + 1)}).ok());
  EXPECT_FALSE(repo.Rate(receipt.ticket_code, 5, "satisfied", "", kNow).ok());  // hub would answer 409
  ASSERT_TRUE(
      repo.ApplyStatuses({MakeStatus("9", receipt.ticket_code, RequestStatus::Resolved, kNow + 2)}).ok());
  EXPECT_FALSE(repo.Rate(receipt.ticket_code, 6, "", "", kNow).ok());
  EXPECT_FALSE(repo.Rate(receipt.ticket_code, 4, "no-such-code", "", kNow).ok());
  EXPECT_EQ(CountRows(*db_, "ratings"), 0);

  auto rating = repo.Rate(receipt.ticket_code, 2, "slow", "等了一周", kNow + 3);
  ASSERT_TRUE(rating.ok()) << rating.error();
  EXPECT_EQ(rating->service_request_id, "9");
  EXPECT_EQ(rating->ticket_code, receipt.ticket_code);
  auto pending = OutboxRepository(*db_).Pending(10, kNow + 3);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].kind, OutboxKind::Rating);
  EXPECT_EQ(pending[0].idempotency_key, rating->rating_uuid);
  auto wire = repo.RatingFor(rating->rating_uuid);
  ASSERT_TRUE(wire);
  EXPECT_EQ(*wire, *rating);
  EXPECT_EQ(repo.FindByTicketCode(receipt.ticket_code)->my_rating, 2);
}

TEST_F(FeedbackRepositoryTest, ATicketFromAnotherKioskIsFoundOnceLookedUp) {
  std::string code = *protocol::MakeTicketCode({12, 345});
  FeedbackRepository repo(*db_);
  EXPECT_FALSE(repo.FindByTicketCode(code));
  auto status = MakeStatus("555", code, RequestStatus::Resolved, kNow + 10);
  status.status_notes = "已修复";
  ASSERT_TRUE(repo.ApplyStatuses({status}).ok());
  auto view = repo.FindByTicketCode(code);
  ASSERT_TRUE(view && view->status);
  EXPECT_EQ(view->receipt.ticket_code, code);
  EXPECT_EQ(view->status->status_notes, "已修复");
  EXPECT_EQ(view->delivery, DeliveryState::Delivered);
  EXPECT_TRUE(repo.OpenServiceRequestIds().empty());  // not this kiosk's to follow
  // Rated here, it goes through this kiosk's outbox like any other.
  ASSERT_TRUE(repo.Rate(code, 5, "satisfied", "", kNow + 20).ok());
  EXPECT_EQ(repo.FindByTicketCode(code)->my_rating, 5);
}

TEST_F(FeedbackRepositoryTest, SubmissionForCarriesEverythingTheHubNeeds) {
  FeedbackDraft draft = MakeDraft("13812341234");
  draft.kind = protocol::FeedbackKind::Suggestion;
  FeedbackReceipt receipt = SubmitOk(draft, 3);
  auto s = FeedbackRepository(*db_).SubmissionFor(receipt.request_uuid);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->request_uuid, receipt.request_uuid);
  EXPECT_EQ(s->ticket_code, receipt.ticket_code);
  EXPECT_EQ(s->kind, protocol::FeedbackKind::Suggestion);
  EXPECT_EQ(s->service_code, "sanitation");
  EXPECT_EQ(s->address_string, draft.address_string);
  EXPECT_EQ(s->description, draft.description);
  EXPECT_EQ(s->phone, "13812341234");
  EXPECT_EQ(s->submitted_at, kNow);
  EXPECT_TRUE(protocol::ValidateSubmission(*s).ok());
}

}  // namespace
}  // namespace ck::store

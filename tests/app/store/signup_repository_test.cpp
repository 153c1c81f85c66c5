// SignupRepository: a sign-up and its outbox row commit together; delivery records the hub's answer and
// erases name and phone; statuses never go back in time; codes are free among tickets and sign-ups.
#include "app/store/signup_repository.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "app/store/kiosk_outbox_sink.h"
#include "app/store/local_codes.h"
#include "app/store/outbox_repository.h"
#include "sync/protocol/ticket_code.h"
#include "tests/app/store/feedback_fixture.h"

namespace ck::store {
namespace {

using testing::CountRows;
using testing::kNow;

SignupDraft MakeSignup(int people = 2) {
  SignupDraft d;
  d.activity_id = "0f8e6a52-7d7c-4a8e-9d55-0c1d2e3f4a5b";
  d.occurrence = kNow + 86400;
  d.name = "王阿姨";
  d.phone = "13812345678";
  d.people = people;
  return d;
}

protocol::SignupStatus StatusFor(const std::string& code, protocol::SignupState state, protocol::UnixSeconds at,
                                 int position = 0) {
  protocol::SignupStatus s;
  s.code = code;
  s.activity_id = "0f8e6a52-7d7c-4a8e-9d55-0c1d2e3f4a5b";
  s.occurrence = kNow + 86400;
  s.people = 2;
  s.state = state;
  s.waitlist_position = position;
  s.updated_at = at;
  return s;
}

// Whether the row still holds a name or a phone.
bool HoldsContact(KioskDatabase& db, const std::string& code) {
  Statement st = db.Cached("SELECT name IS NOT NULL OR phone IS NOT NULL FROM signups WHERE code = ?1");
  st.Bind(1, code);
  return st.Step() == SQLITE_ROW && st.Int(0) != 0;
}

using SignupRepositoryTest = testing::StoreTest;

TEST_F(SignupRepositoryTest, SubmitCommitsTheSignupAndItsOutboxRowTogether) {
  SignupRepository signups(*db_);
  auto receipt = signups.Submit(MakeSignup(), kNow, 7);
  ASSERT_TRUE(receipt.ok()) << receipt.error();
  EXPECT_TRUE(protocol::NormalizeTicketCode(receipt->code).has_value());
  EXPECT_EQ(protocol::ParseTicketCode(receipt->code)->kiosk_number, 7u);
  const auto pending = OutboxRepository(*db_).Pending(10, kNow + 1);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].kind, OutboxKind::Signup);
  EXPECT_EQ(pending[0].idempotency_key, receipt->signup_uuid);

  const auto found = signups.FindByCode(receipt->code);
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->made_here);
  EXPECT_EQ(found->state, protocol::SignupState::Pending);
  EXPECT_EQ(found->masked_phone, "138****5678");
  EXPECT_EQ(found->people, 2);

  // The sync engine sees it as a sign-up with the wire form the hub validates.
  KioskOutboxSink sink(*db_);
  const auto items = sink.PendingOutbox(10, kNow + 1);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, sync::OutboxItem::Kind::Signup);
  EXPECT_EQ(items[0].signup.code, receipt->code);
  EXPECT_EQ(items[0].signup.name, "王阿姨");
  EXPECT_EQ(items[0].signup.phone, "13812345678");
}

TEST_F(SignupRepositoryTest, InvalidDraftsStoreNothing) {
  SignupRepository signups(*db_);
  SignupDraft no_name = MakeSignup();
  no_name.name.clear();
  EXPECT_FALSE(signups.Submit(no_name, kNow, 1).ok());
  SignupDraft five = MakeSignup(5);
  EXPECT_FALSE(signups.Submit(five, kNow, 1).ok());
  SignupDraft short_phone = MakeSignup();
  short_phone.phone = "1234";
  EXPECT_FALSE(signups.Submit(short_phone, kNow, 1).ok());
  EXPECT_EQ(CountRows(*db_, "signups"), 0);
  EXPECT_EQ(CountRows(*db_, "outbox"), 0);
}

TEST_F(SignupRepositoryTest, DeliveryRecordsTheAnswerAndErasesNameAndPhone) {
  SignupRepository signups(*db_);
  auto receipt = signups.Submit(MakeSignup(), kNow, 1);
  ASSERT_TRUE(receipt.ok());
  ASSERT_TRUE(HoldsContact(*db_, receipt->code));
  KioskOutboxSink sink(*db_);
  const auto items = sink.PendingOutbox(10, kNow + 1);
  ASSERT_EQ(items.size(), 1u);
  // The generic ack is no answer for a sign-up: the row stays queued.
  EXPECT_FALSE(sink.MarkDelivered(items[0].id, protocol::SubmissionAck{"x", "", receipt->code}).ok());
  EXPECT_EQ(OutboxRepository(*db_).PendingCount(), 1);
  ASSERT_TRUE(
      sink.MarkSignupDelivered(items[0].id, StatusFor(receipt->code, protocol::SignupState::Waitlisted, kNow + 5, 3))
          .ok());
  EXPECT_EQ(OutboxRepository(*db_).PendingCount(), 0);
  EXPECT_FALSE(HoldsContact(*db_, receipt->code));
  const auto found = signups.FindByCode(receipt->code);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->delivery, DeliveryState::Delivered);
  EXPECT_EQ(found->state, protocol::SignupState::Waitlisted);
  EXPECT_EQ(found->waitlist_position, 3);
  EXPECT_EQ(found->masked_phone, "138****5678");
  EXPECT_FALSE(signups.SubmissionFor(receipt->signup_uuid).has_value());
  // A second answer to the same key changes nothing.
  EXPECT_TRUE(sink.MarkSignupDelivered(items[0].id, StatusFor(receipt->code, protocol::SignupState::Confirmed, kNow))
                  .ok());
  EXPECT_EQ(signups.FindByCode(receipt->code)->state, protocol::SignupState::Waitlisted);
}

TEST_F(SignupRepositoryTest, ARejectedSignupStaysVisibleAndCanBeRequeued) {
  SignupRepository signups(*db_);
  auto receipt = signups.Submit(MakeSignup(), kNow, 1);
  ASSERT_TRUE(receipt.ok());
  OutboxRepository outbox(*db_);
  const auto pending = outbox.Pending(1, kNow + 1);
  ASSERT_TRUE(outbox.MarkRejected(pending[0].id, 422, "activity_id: unknown", kNow).ok());
  EXPECT_EQ(signups.FindByCode(receipt->code)->delivery, DeliveryState::Rejected);
  EXPECT_TRUE(HoldsContact(*db_, receipt->code));  // not delivered: staff may requeue it
  ASSERT_TRUE(outbox.Requeue(pending[0].id, kNow + 10).ok());
  EXPECT_EQ(signups.FindByCode(receipt->code)->delivery, DeliveryState::Pending);
}

TEST_F(SignupRepositoryTest, StatusesNeverGoBackAndLookupsAddForeignCodes) {
  SignupRepository signups(*db_);
  auto receipt = signups.Submit(MakeSignup(), kNow, 1);
  ASSERT_TRUE(receipt.ok());
  KioskOutboxSink sink(*db_);
  const auto items = sink.PendingOutbox(1, kNow + 1);
  ASSERT_TRUE(
      sink.MarkSignupDelivered(items[0].id, StatusFor(receipt->code, protocol::SignupState::Waitlisted, kNow, 1)).ok());
  EXPECT_EQ(signups.OpenCodes(kNow), std::vector<std::string>{receipt->code});

  // Promoted: newer answer applies; the same answer again changes nothing; an older one is ignored.
  auto changed = signups.StoreStatuses({StatusFor(receipt->code, protocol::SignupState::Confirmed, kNow + 60)});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 1);
  EXPECT_EQ(*signups.StoreStatuses({StatusFor(receipt->code, protocol::SignupState::Confirmed, kNow + 60)}), 0);
  EXPECT_EQ(*signups.StoreStatuses({StatusFor(receipt->code, protocol::SignupState::Waitlisted, kNow + 30, 1)}), 0);
  EXPECT_EQ(signups.FindByCode(receipt->code)->state, protocol::SignupState::Confirmed);

  // Cancelled: no longer open, so the refresh stops asking about it.
  ASSERT_TRUE(signups.StoreStatuses({StatusFor(receipt->code, protocol::SignupState::Cancelled, kNow + 90)}).ok());
  EXPECT_TRUE(signups.OpenCodes(kNow).empty());

  // A code made at another kiosk, learnt by a lookup: known here, but not this kiosk's to refresh.
  const std::string foreign = *protocol::MakeTicketCode({9, 12345});
  ASSERT_EQ(*signups.StoreStatuses({StatusFor(foreign, protocol::SignupState::Confirmed, kNow)}), 1);
  const auto other = signups.FindByCode(foreign);
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(other->made_here);
  EXPECT_EQ(other->state, protocol::SignupState::Confirmed);
  EXPECT_TRUE(signups.OpenCodes(kNow).empty());
}

TEST_F(SignupRepositoryTest, CodesAreKnownAcrossTicketsAndSignups) {
  auto ticket = FeedbackRepository(*db_).Submit(testing::MakeDraft("13800000000"), kNow, 1);
  ASSERT_TRUE(ticket.ok());
  auto signup = SignupRepository(*db_).Submit(MakeSignup(), kNow, 1);
  ASSERT_TRUE(signup.ok());
  EXPECT_NE(ticket->ticket_code, signup->code);
  EXPECT_TRUE(*CodeKnownLocally(*db_, ticket->ticket_code));
  EXPECT_TRUE(*CodeKnownLocally(*db_, signup->code));
  EXPECT_FALSE(*CodeKnownLocally(*db_, *protocol::MakeTicketCode({1, 42})));
}

TEST_F(SignupRepositoryTest, OutboxIdsKeepGrowingAcrossKinds) {
  auto ticket = FeedbackRepository(*db_).Submit(testing::MakeDraft(""), kNow, 1);
  ASSERT_TRUE(ticket.ok());
  OutboxRepository outbox(*db_);
  const auto first = outbox.Pending(1, kNow + 1);
  ASSERT_TRUE(outbox.MarkDelivered(first[0].id, protocol::SubmissionAck{"r1", "", ticket->ticket_code}, kNow).ok());
  ASSERT_TRUE(SignupRepository(*db_).Submit(MakeSignup(), kNow, 1).ok());
  const auto second = outbox.Pending(1, kNow + 1);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_GT(second[0].id, first[0].id);
}

}  // namespace
}  // namespace ck::store

// OutboxRepository: order, due times, delivered / rejected / retry transitions, and the KioskOutboxSink view.
#include "app/store/outbox_repository.h"

#include <gtest/gtest.h>

#include "app/store/kiosk_outbox_sink.h"
#include "tests/app/store/feedback_fixture.h"

namespace ck::store {
namespace {

using testing::CountRows;
using testing::kNow;
using testing::MakeDraft;

class OutboxRepositoryTest : public testing::StoreTest {
 protected:
  std::vector<FeedbackReceipt> Submit(int n) {
    std::vector<FeedbackReceipt> out;
    for (int i = 0; i < n; ++i) {
      auto r = FeedbackRepository(*db_).Submit(MakeDraft("13800000000"), kNow + i, 1);
      EXPECT_TRUE(r.ok()) << r.error();
      if (r) out.push_back(r.value());
    }
    return out;
  }
};

TEST_F(OutboxRepositoryTest, PendingIsOldestFirstAndAWaitingHeadIsNeverOvertaken) {
  auto receipts = Submit(3);
  OutboxRepository outbox(*db_);
  auto all = outbox.Pending(10, kNow + 10);
  ASSERT_EQ(all.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(all[i].record_key, receipts[i].request_uuid);
  EXPECT_LT(all[0].id, all[1].id);
  EXPECT_EQ(outbox.Pending(2, kNow + 10).size(), 2u);

  ASSERT_TRUE(outbox.RecordRetry(all[0].id, "cannot reach hub", kNow + 100).ok());
  EXPECT_TRUE(outbox.Pending(10, kNow + 10).empty());  // the head waits, so everyone waits
  auto forced = outbox.Pending(10, kNow + 100);
  ASSERT_EQ(forced.size(), 3u);
  EXPECT_EQ(forced[0].attempts, 1);
  EXPECT_EQ(forced[0].last_error, "cannot reach hub");
  EXPECT_EQ(outbox.PendingCount(), 3);
}

TEST_F(OutboxRepositoryTest, RejectedItemsLeaveTheQueueButStayVisibleAndCanBeRequeued) {
  auto receipts = Submit(2);
  OutboxRepository outbox(*db_);
  auto all = outbox.Pending(10, kNow + 10);
  ASSERT_TRUE(outbox.MarkRejected(all[0].id, 400, "service_code: unknown", kNow + 20).ok());
  EXPECT_EQ(outbox.PendingCount(), 1);
  EXPECT_EQ(outbox.RejectedCount(), 1);
  auto next = outbox.Pending(10, kNow + 10);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].record_key, receipts[1].request_uuid);  // the queue goes on

  auto rejected = outbox.Rejected(10);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].http_status, 400);
  EXPECT_NE(rejected[0].last_error.find("service_code: unknown"), std::string::npos);
  auto view = FeedbackRepository(*db_).FindByTicketCode(receipts[0].ticket_code);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->delivery, DeliveryState::Rejected);
  EXPECT_NE(view->delivery_error.find("service_code: unknown"), std::string::npos);
  EXPECT_EQ(view->draft.phone, "13800000000");  // never delivered, so not purged

  ASSERT_TRUE(outbox.Requeue(rejected[0].id, kNow + 30).ok());
  EXPECT_EQ(outbox.PendingCount(), 2);
  EXPECT_EQ(outbox.Pending(10, kNow + 30)[0].record_key, receipts[0].request_uuid);  // back at its place
  EXPECT_FALSE(outbox.Requeue(rejected[0].id, kNow + 30).ok());                      // not rejected any more
}

TEST_F(OutboxRepositoryTest, DeliveredRemovesTheRowAndASecondAnswerIsHarmless) {
  Submit(1);
  OutboxRepository outbox(*db_);
  auto item = outbox.Pending(1, kNow)[0];
  ASSERT_TRUE(outbox.MarkDelivered(item.id, {"1", "", ""}, kNow + 1).ok());
  EXPECT_EQ(CountRows(*db_, "outbox"), 0);
  EXPECT_TRUE(outbox.MarkDelivered(item.id, {"1", "", ""}, kNow + 2).ok());
  EXPECT_EQ(CountRows(*db_, "feedback"), 1);
}

TEST_F(OutboxRepositoryTest, AnAnswerWithoutAnIdKeepsTheRow) {
  Submit(1);
  OutboxRepository outbox(*db_);
  auto item = outbox.Pending(1, kNow)[0];
  EXPECT_FALSE(outbox.MarkDelivered(item.id, {"", "", ""}, kNow + 1).ok());
  EXPECT_EQ(outbox.PendingCount(), 1);
}

TEST_F(OutboxRepositoryTest, AFailedDeliveryRecordLeavesEverythingAsItWas) {
  Submit(1);
  OutboxRepository outbox(*db_);
  auto item = outbox.Pending(1, kNow)[0];
  ASSERT_TRUE(db_->Exec("CREATE TEMP TRIGGER fail_delete BEFORE DELETE ON outbox "
                        "BEGIN SELECT RAISE(ABORT, 'I/O error'); END")
                  .ok());
  EXPECT_FALSE(outbox.MarkDelivered(item.id, {"5", "", ""}, kNow + 1).ok());
  auto view = FeedbackRepository(*db_).FindByTicketCode(
      FeedbackRepository(*db_).SubmissionFor(item.record_key)->ticket_code);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->delivery, DeliveryState::Pending);  // the feedback update rolled back with the delete
  EXPECT_EQ(view->draft.phone, "13800000000");
  EXPECT_EQ(outbox.PendingCount(), 1);
}

TEST_F(OutboxRepositoryTest, TheSinkHandsOutWirePayloadsInOrder) {
  auto receipts = Submit(2);
  KioskOutboxSink sink(*db_);
  auto items = sink.PendingOutbox(10, kNow + 10);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, sync::OutboxItem::Kind::Feedback);
  EXPECT_EQ(items[0].submission.request_uuid, receipts[0].request_uuid);
  EXPECT_EQ(items[0].submission.ticket_code, receipts[0].ticket_code);
  EXPECT_EQ(items[0].submission.phone, "13800000000");
  EXPECT_EQ(items[0].idempotency_key, receipts[0].request_uuid);
  EXPECT_EQ(items[1].submission.request_uuid, receipts[1].request_uuid);

  ASSERT_TRUE(sink.MarkDelivered(items[0].id, {"100", "", ""}).ok());
  EXPECT_EQ(sink.OpenServiceRequestIds(), std::vector<std::string>{"100"});
  EXPECT_EQ(sink.KioskNumber(), 0u);
  ASSERT_TRUE(sink.SetKioskNumber(12).ok());
  EXPECT_EQ(sink.KioskNumber(), 12u);
  EXPECT_EQ(SyncStateRepository(*db_).KioskNumber(), 12u);
  EXPECT_EQ(TicketKioskNumber(*db_, 0), 12u);  // learned from the hub
  EXPECT_EQ(TicketKioskNumber(*db_, 5), 5u);   // the config wins
}

}  // namespace
}  // namespace ck::store

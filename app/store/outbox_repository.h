// OutboxRepository: the queue of submissions (feedback, ratings, sign-ups) waiting for the hub, in the order made.
//
// Invariants kept here:
//   - A row leaves the outbox only in the transaction that records the hub's parsed answer (MarkDelivered):
//     a crash, a kill or a lost answer anywhere before that leaves it queued, and the retry carries the same
//     Idempotency-Key, so the hub files it once.
//   - A rejected row (the hub answered 4xx about the item) stays, out of the queue, for staff to see.
//   - Ids only grow (AUTOINCREMENT): queue order is creation order, and an id is never reused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/store/kiosk_database.h"
#include "sync/protocol/activity_signup.h"
#include "sync/protocol/open311.h"

namespace ck::store {

enum class OutboxKind { Feedback, Rating, Signup };
std::string_view OutboxKindCode(OutboxKind k);  // "feedback" | "rating" | "signup"

struct OutboxEntry {
  std::int64_t id = 0;
  OutboxKind kind = OutboxKind::Feedback;
  std::string record_key;  // feedback.request_uuid, ratings.rating_uuid or signups.signup_uuid
  std::string idempotency_key;
  int attempts = 0;
  protocol::UnixSeconds next_attempt_at = 0;
  std::string last_error;
  protocol::UnixSeconds created_at = 0;
  std::optional<protocol::UnixSeconds> rejected_at;
  std::optional<int> http_status;  // of the rejection
};

class OutboxRepository {
 public:
  explicit OutboxRepository(KioskDatabase& db);

  // Oldest first, not rejected, at most `limit`; stops at the first entry not due by `due_before`, so a
  // head waiting for its retry is never overtaken.
  std::vector<OutboxEntry> Pending(int limit, protocol::UnixSeconds due_before) const;
  // One transaction: the row goes; the record becomes delivered (feedback: hub id, the hub's ticket code
  // if it reassigned ours, phone erased). Relaxed durability on purpose: if a power cut loses this commit,
  // the row is sent again and the hub answers with the original ack.
  Status MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack, protocol::UnixSeconds now);
  // The same for a sign-up, whose answer is its status (confirmed, wait-listed or refused); name and phone
  // are erased in the same transaction.
  Status MarkSignupDelivered(std::int64_t id, const protocol::SignupStatus& status);
  // The hub refused the item (4xx): out of the queue, kept with the reason; the record shows "rejected".
  Status MarkRejected(std::int64_t id, int http_status, const std::string& description,
                      protocol::UnixSeconds now);
  Status RecordRetry(std::int64_t id, const std::string& error, protocol::UnixSeconds next_at);
  // Staff: put a rejected item back in the queue (same idempotency key, so still at most once).
  Status Requeue(std::int64_t id, protocol::UnixSeconds now);

  std::int64_t PendingCount() const;  // queued, not rejected
  std::int64_t RejectedCount() const;
  std::vector<OutboxEntry> Rejected(int limit) const;  // newest first, for the staff view
  std::optional<OutboxEntry> Get(std::int64_t id) const;

 private:
  KioskDatabase& db_;
};

// Queues a record for delivery. Call inside the caller's transaction: the record and its outbox row must
// commit together (FeedbackRepository does).
Status EnqueueOutbox(KioskDatabase& db, OutboxKind kind, const std::string& record_key,
                     const std::string& idempotency_key, protocol::UnixSeconds now);

}  // namespace ck::store

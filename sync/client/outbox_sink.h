// OutboxSink: what the sync engine needs from the kiosk's outbox, services cache and ticket statuses.
// The kiosk's store implements it (app/store/kiosk_sync_sink.h); tests implement it in memory. Like
// FeedSink, it keeps sync/client free of app/ and SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/activity_signup.h"
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::sync {

// One queued delivery, with its payload as it must go on the wire now.
struct OutboxItem {
  enum class Kind { Feedback, Rating, Signup };
  std::int64_t id = 0;  // queue order
  Kind kind = Kind::Feedback;
  std::string idempotency_key;                    // the same on every attempt
  protocol::ServiceRequestSubmission submission;  // Kind::Feedback (device_id filled by the pusher)
  protocol::Rating rating;                        // Kind::Rating
  protocol::SignupSubmission signup;              // Kind::Signup (device_id filled by the pusher)
  int attempts = 0;
};

class OutboxSink {
 public:
  virtual ~OutboxSink() = default;

  // ---- outbox ----
  // At most `limit` items, oldest first, not rejected. The queue is strictly ordered: items stop at the
  // first one whose next attempt is after `due_before`, so a waiting head is never overtaken.
  virtual std::vector<OutboxItem> PendingOutbox(int limit, protocol::UnixSeconds due_before) = 0;
  // The hub's parsed answer: removes the row and records the delivery, in one transaction. For a rating
  // `ack` is empty.
  virtual Status MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack) = 0;
  // A sign-up's answer is its status (confirmed, wait-listed, refused): removes the row, records the status
  // and erases name and phone, in one transaction. A sink that takes no sign-ups never queues one.
  virtual Status MarkSignupDelivered(std::int64_t id, const protocol::SignupStatus& status) {
    (void)id, (void)status;
    return Status::Fail("this outbox holds no sign-ups");
  }
  // The hub refused the item itself (4xx): it leaves the queue but stays visible for staff.
  virtual Status MarkRejected(std::int64_t id, int http_status, const std::string& description) = 0;
  // A failure not the item's fault (network, 5xx, garbage): try again at `next_at`.
  virtual Status RecordRetry(std::int64_t id, const std::string& error, protocol::UnixSeconds next_at) = 0;

  // ---- services (feedback categories) ----
  virtual std::string ServicesETag() = 0;
  virtual std::optional<protocol::UnixSeconds> ServicesFetchedAt() = 0;
  // `body` is the hub's answer as received (already validated by the caller).
  virtual Status ReplaceServices(const std::string& body, const std::string& etag,
                                 protocol::UnixSeconds fetched_at) = 0;
  virtual Status TouchServices(protocol::UnixSeconds fetched_at) = 0;  // a 304: the cache is still right

  // ---- statuses ----
  virtual std::vector<std::string> OpenServiceRequestIds() = 0;
  // Returns how many tickets changed (0: the answer repeated what the store had, so nothing to redraw).
  virtual Result<int> ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses) = 0;

  // ---- sign-up statuses (GET /api/v1/signups?codes=) ----
  // Codes of this kiosk's delivered sign-ups whose answer may still change.
  virtual std::vector<std::string> OpenSignupCodes() { return {}; }
  // Stores the hub's answers (also for a code looked up from another kiosk); returns how many changed.
  virtual Result<int> ApplySignupStatuses(const std::vector<protocol::SignupStatus>& statuses) {
    (void)statuses;
    return Result<int>::Ok(0);
  }

  // ---- identity ----
  // The number the hub gave this kiosk (heartbeat answer), 0 when not known yet.
  virtual std::uint32_t KioskNumber() = 0;
  virtual Status SetKioskNumber(std::uint32_t number) = 0;

  // ---- health, for the heartbeat ----
  // Deliveries still queued, and those the platform refused (kept, not dropped: the operator must see that
  // this kiosk holds reports that never arrived). nullopt: not known.
  virtual std::optional<std::int64_t> PendingCount() { return std::nullopt; }
  virtual std::optional<std::int64_t> RefusedCount() { return std::nullopt; }
  // Maintenance-panel events the hub has not acknowledged yet, oldest first, at most `limit`
  // (protocol/heartbeat.h). They are marked sent only with the ids of the hub's answer, so an event lost
  // with a heartbeat goes again with the next one; the hub stores each once.
  virtual std::vector<protocol::PanelEvent> UnsentPanelEvents(std::size_t /*limit*/) { return {}; }
  virtual Status AcknowledgePanelEvents(const std::vector<std::int64_t>& /*ids*/, protocol::UnixSeconds /*at*/) {
    return OkStatus();
  }
};

}  // namespace ck::sync

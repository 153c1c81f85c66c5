// KioskOutboxSink: turns outbox rows into wire payloads and the engine's outcomes into repository calls.
#include "app/store/kiosk_outbox_sink.h"

#include <cstdio>

#include "app/store/maintenance_audit_repository.h"
#include "sync/protocol/journal_log.h"

namespace ck::store {

KioskOutboxSink::KioskOutboxSink(KioskDatabase& db)
    : db_(db), outbox_(db), feedback_(db), signups_(db), services_(db), state_(db) {}

std::vector<sync::OutboxItem> KioskOutboxSink::PendingOutbox(int limit, protocol::UnixSeconds due_before) {
  std::vector<sync::OutboxItem> items;
  for (const OutboxEntry& e : outbox_.Pending(limit, due_before)) {
    sync::OutboxItem item;
    item.id = e.id;
    item.idempotency_key = e.idempotency_key;
    item.attempts = e.attempts;
    if (e.kind == OutboxKind::Feedback) {
      item.kind = sync::OutboxItem::Kind::Feedback;
      auto s = feedback_.SubmissionFor(e.record_key);
      if (!s) {
        // The record is gone (should not happen: nothing deletes feedback while queued). Not deliverable;
        // keep the row for staff rather than drop it silently, and keep the queue moving.
        outbox_.MarkRejected(e.id, 0, "record missing", protocol::NowUtc());
        continue;
      }
      item.submission = std::move(*s);
    } else if (e.kind == OutboxKind::Signup) {
      item.kind = sync::OutboxItem::Kind::Signup;
      auto s = signups_.SubmissionFor(e.record_key);
      if (!s) {
        outbox_.MarkRejected(e.id, 0, "record missing", protocol::NowUtc());
        continue;
      }
      item.signup = std::move(*s);
    } else {
      item.kind = sync::OutboxItem::Kind::Rating;
      auto r = feedback_.RatingFor(e.record_key);
      if (!r) {
        outbox_.MarkRejected(e.id, 0, "record missing", protocol::NowUtc());
        continue;
      }
      item.rating = std::move(*r);
    }
    items.push_back(std::move(item));
  }
  return items;
}

Status KioskOutboxSink::MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack) {
  return outbox_.MarkDelivered(id, ack, protocol::NowUtc());
}

Status KioskOutboxSink::MarkSignupDelivered(std::int64_t id, const protocol::SignupStatus& status) {
  return outbox_.MarkSignupDelivered(id, status);
}

Status KioskOutboxSink::MarkRejected(std::int64_t id, int http_status, const std::string& description) {
  return outbox_.MarkRejected(id, http_status, description, protocol::NowUtc());
}

Status KioskOutboxSink::RecordRetry(std::int64_t id, const std::string& error,
                                    protocol::UnixSeconds next_at) {
  return outbox_.RecordRetry(id, error, next_at);
}

std::string KioskOutboxSink::ServicesETag() {
  return services_.ETag();
}
std::optional<protocol::UnixSeconds> KioskOutboxSink::ServicesFetchedAt() {
  return services_.FetchedAt();
}
Status KioskOutboxSink::ReplaceServices(const std::string& body, const std::string& etag,
                                        protocol::UnixSeconds fetched_at) {
  return services_.ReplaceBody(body, etag, fetched_at);
}
Status KioskOutboxSink::TouchServices(protocol::UnixSeconds fetched_at) {
  return services_.Touch(fetched_at);
}

std::vector<std::string> KioskOutboxSink::OpenServiceRequestIds() {
  return feedback_.OpenServiceRequestIds();
}
Result<int> KioskOutboxSink::ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses) {
  return feedback_.StoreStatuses(statuses);
}

std::vector<std::string> KioskOutboxSink::OpenSignupCodes() {
  return signups_.OpenCodes(protocol::NowUtc());
}
Result<int> KioskOutboxSink::ApplySignupStatuses(const std::vector<protocol::SignupStatus>& statuses) {
  return signups_.StoreStatuses(statuses);
}

std::uint32_t KioskOutboxSink::KioskNumber() {
  return state_.KioskNumber();
}
Status KioskOutboxSink::SetKioskNumber(std::uint32_t number) {
  return state_.SetKioskNumber(number);
}

// The maintenance panel's audit rides the heartbeat (sync/protocol/heartbeat.h).
std::vector<protocol::PanelEvent> KioskOutboxSink::UnsentPanelEvents(std::size_t limit) {
  auto entries = MaintenanceAuditRepository(db_).Unsent(static_cast<int>(limit));
  std::vector<protocol::PanelEvent> out;
  if (!entries) {
    log::Error("store: %s", entries.error().c_str());
    return out;
  }
  for (const MaintenanceAuditEntry& e : *entries) out.push_back({e.id, e.at, e.event});
  return out;
}

Status KioskOutboxSink::AcknowledgePanelEvents(const std::vector<std::int64_t>& ids, protocol::UnixSeconds at) {
  return MaintenanceAuditRepository(db_).MarkSent(ids, at);
}

}  // namespace ck::store

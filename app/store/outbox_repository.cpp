// OutboxRepository: queue reads and the delivered / rejected / retry transitions of the outbox table.
#include "app/store/outbox_repository.h"

#include <sqlite3.h>

#include "app/store/signup_repository.h"
#include "app/store/transaction.h"
#include "sync/protocol/ticket_code.h"

namespace ck::store {

namespace {

constexpr std::string_view kColumns =
    "id, kind, record_key, idempotency_key, attempts, next_attempt_at, last_error, created_at, rejected_at, "
    "http_status";

OutboxEntry ReadEntry(const Statement& st) {
  OutboxEntry e;
  e.id = st.Int(0);
  const std::string kind = st.Text(1);
  e.kind = kind == "rating" ? OutboxKind::Rating : kind == "signup" ? OutboxKind::Signup : OutboxKind::Feedback;
  e.record_key = st.Text(2);
  e.idempotency_key = st.Text(3);
  e.attempts = static_cast<int>(st.Int(4));
  e.next_attempt_at = st.Int(5);
  e.last_error = st.Text(6);
  e.created_at = st.Int(7);
  e.rejected_at = st.OptionalInt(8);
  if (auto s = st.OptionalInt(9)) e.http_status = static_cast<int>(*s);
  return e;
}

// Error text may come from a hostile hub: bounded, and cut on a UTF-8 boundary.
std::string Clip(std::string text) {
  constexpr std::size_t kMax = 500;
  if (text.size() <= kMax) return text;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

Status DeliverFeedback(KioskDatabase& db, const std::string& request_uuid, const protocol::SubmissionAck& ack,
                       protocol::UnixSeconds now) {
  // The hub may have reassigned the code (it collided there): adopt it unless this kiosk already uses it
  // for another ticket. original_ticket_code keeps what the receipt showed, and lookups accept both.
  std::string adopted = ack.ticket_code;
  if (auto canonical = protocol::NormalizeTicketCode(ack.ticket_code))
    adopted = *canonical;
  else
    adopted.clear();
  Statement st = db.Cached(
      "UPDATE feedback SET delivery_state = 'delivered', delivery_error = '', delivered_at = ?2, "
      "service_request_id = NULLIF(?3, ''), hub_token = NULLIF(?4, ''), phone = NULL, "
      "ticket_code = CASE WHEN ?5 = '' OR ?5 = ticket_code OR EXISTS "
      "(SELECT 1 FROM feedback o WHERE o.ticket_code = ?5 OR o.original_ticket_code = ?5) "
      "THEN ticket_code ELSE ?5 END "
      "WHERE request_uuid = ?1");
  st.Bind(1, request_uuid).Bind(2, now).Bind(3, ack.service_request_id).Bind(4, ack.token).Bind(5, adopted);
  if (!st.Run()) return Status::Fail("record delivery: " + db.LastError());
  return OkStatus();
}

}  // namespace

std::string_view OutboxKindCode(OutboxKind k) {
  switch (k) {
    case OutboxKind::Rating:
      return "rating";
    case OutboxKind::Signup:
      return "signup";
    case OutboxKind::Feedback:
      break;
  }
  return "feedback";
}

namespace {

// The record table behind an outbox kind, for the delivery-state updates every kind shares.
const char* RecordUpdate(OutboxKind kind, bool rejected) {
  switch (kind) {
    case OutboxKind::Rating:
      return rejected ? "UPDATE ratings SET delivery_state = 'rejected', delivery_error = ?2 WHERE rating_uuid = ?1"
                      : "UPDATE ratings SET delivery_state = 'pending' WHERE rating_uuid = ?1";
    case OutboxKind::Signup:
      return rejected ? "UPDATE signups SET delivery_state = 'rejected', delivery_error = ?2 WHERE signup_uuid = ?1"
                      : "UPDATE signups SET delivery_state = 'pending' WHERE signup_uuid = ?1";
    case OutboxKind::Feedback:
      break;
  }
  return rejected ? "UPDATE feedback SET delivery_state = 'rejected', delivery_error = ?2 WHERE request_uuid = ?1"
                  : "UPDATE feedback SET delivery_state = 'pending' WHERE request_uuid = ?1";
}

}  // namespace

Status EnqueueOutbox(KioskDatabase& db, OutboxKind kind, const std::string& record_key,
                     const std::string& idempotency_key, protocol::UnixSeconds now) {
  Statement st = db.Cached(
      "INSERT INTO outbox(kind, record_key, idempotency_key, next_attempt_at, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?4)");
  st.Bind(1, OutboxKindCode(kind)).Bind(2, record_key).Bind(3, idempotency_key).Bind(4, now);
  if (!st.Run()) return Status::Fail("queue for delivery: " + db.LastError());
  return OkStatus();
}

OutboxRepository::OutboxRepository(KioskDatabase& db) : db_(db) {}

std::vector<OutboxEntry> OutboxRepository::Pending(int limit, protocol::UnixSeconds due_before) const {
  std::vector<OutboxEntry> out;
  Statement st = db_.Cached("SELECT " + std::string(kColumns) +
                            " FROM outbox WHERE rejected_at IS NULL ORDER BY id LIMIT ?1");
  st.Bind(1, std::int64_t{limit});
  while (st.Step() == SQLITE_ROW) {
    OutboxEntry e = ReadEntry(st);
    if (e.next_attempt_at > due_before) break;
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<OutboxEntry> OutboxRepository::Get(std::int64_t id) const {
  Statement st = db_.Cached("SELECT " + std::string(kColumns) + " FROM outbox WHERE id = ?1");
  st.Bind(1, id);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return ReadEntry(st);
}

Status OutboxRepository::MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack,
                                       protocol::UnixSeconds now) {
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return Status::Fail("mark delivered: " + tx.error());
  auto entry = Get(id);
  if (!entry) return OkStatus();  // already recorded (a second answer to the same key)
  if (entry->kind == OutboxKind::Signup) return Status::Fail("mark delivered: a sign-up is answered by its status");
  if (entry->kind == OutboxKind::Feedback) {
    if (ack.service_request_id.empty() && ack.token.empty())
      return Status::Fail("mark delivered: the hub's answer has no id");
    if (auto s = DeliverFeedback(db_, entry->record_key, ack, now); !s) return s;
  } else {
    Statement st = db_.Cached(
        "UPDATE ratings SET delivery_state = 'delivered', delivery_error = '' WHERE rating_uuid = ?1");
    st.Bind(1, entry->record_key);
    if (!st.Run()) return Status::Fail("mark rating delivered: " + db_.LastError());
  }
  Statement del = db_.Cached("DELETE FROM outbox WHERE id = ?1");
  del.Bind(1, id);
  if (!del.Run()) return Status::Fail("mark delivered: " + db_.LastError());
  return tx.Commit();
}

Status OutboxRepository::MarkSignupDelivered(std::int64_t id, const protocol::SignupStatus& status) {
  // Relaxed, as for reports: a lost commit sends the sign-up again and the hub answers the same status.
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return Status::Fail("mark delivered: " + tx.error());
  auto entry = Get(id);
  if (!entry) return OkStatus();  // already recorded
  if (entry->kind != OutboxKind::Signup) return Status::Fail("mark delivered: not a sign-up");
  if (auto s = RecordSignupDelivery(db_, entry->record_key, status); !s) return s;
  Statement del = db_.Cached("DELETE FROM outbox WHERE id = ?1");
  del.Bind(1, id);
  if (!del.Run()) return Status::Fail("mark delivered: " + db_.LastError());
  return tx.Commit();
}

Status OutboxRepository::MarkRejected(std::int64_t id, int http_status, const std::string& description,
                                      protocol::UnixSeconds now) {
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return Status::Fail("mark rejected: " + tx.error());
  auto entry = Get(id);
  if (!entry) return OkStatus();
  std::string error = Clip("HTTP " + std::to_string(http_status) + ": " + description);
  Statement st = db_.Cached(
      "UPDATE outbox SET rejected_at = ?2, http_status = ?3, last_error = ?4, attempts = attempts + 1 "
      "WHERE id = ?1");
  st.Bind(1, id).Bind(2, now).Bind(3, std::int64_t{http_status}).Bind(4, error);
  if (!st.Run()) return Status::Fail("mark rejected: " + db_.LastError());
  Statement rec = db_.Cached(RecordUpdate(entry->kind, /*rejected=*/true));
  rec.Bind(1, entry->record_key).Bind(2, error);
  if (!rec.Run()) return Status::Fail("mark rejected: " + db_.LastError());
  return tx.Commit();
}

Status OutboxRepository::RecordRetry(std::int64_t id, const std::string& error,
                                     protocol::UnixSeconds next_at) {
  Statement st = db_.Cached(
      "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1");
  st.Bind(1, id).Bind(2, Clip(error)).Bind(3, next_at);
  if (!st.Run()) return Status::Fail("record retry: " + db_.LastError());
  return OkStatus();
}

Status OutboxRepository::Requeue(std::int64_t id, protocol::UnixSeconds now) {
  Transaction tx(db_, Durability::Full);
  if (!tx.ok()) return Status::Fail("requeue: " + tx.error());
  auto entry = Get(id);
  if (!entry || !entry->rejected_at) return Status::Fail("requeue: no rejected item " + std::to_string(id));
  Statement st = db_.Cached(
      "UPDATE outbox SET rejected_at = NULL, http_status = NULL, next_attempt_at = ?2 WHERE id = ?1");
  st.Bind(1, id).Bind(2, now);
  if (!st.Run()) return Status::Fail("requeue: " + db_.LastError());
  Statement rec = db_.Cached(RecordUpdate(entry->kind, /*rejected=*/false));
  rec.Bind(1, entry->record_key);
  if (!rec.Run()) return Status::Fail("requeue: " + db_.LastError());
  return tx.Commit();
}

std::int64_t OutboxRepository::PendingCount() const {
  Statement st = db_.Cached("SELECT count(*) FROM outbox WHERE rejected_at IS NULL");
  return st.Step() == SQLITE_ROW ? st.Int(0) : 0;
}

std::int64_t OutboxRepository::RejectedCount() const {
  Statement st = db_.Cached("SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL");
  return st.Step() == SQLITE_ROW ? st.Int(0) : 0;
}

std::vector<OutboxEntry> OutboxRepository::Rejected(int limit) const {
  std::vector<OutboxEntry> out;
  Statement st = db_.Cached("SELECT " + std::string(kColumns) +
                            " FROM outbox WHERE rejected_at IS NOT NULL ORDER BY id DESC LIMIT ?1");
  st.Bind(1, std::int64_t{limit});
  while (st.Step() == SQLITE_ROW) out.push_back(ReadEntry(st));
  return out;
}

}  // namespace ck::store

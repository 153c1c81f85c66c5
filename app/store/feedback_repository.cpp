// FeedbackRepository: submitting reports and ratings with their outbox rows, finding tickets by code, and
// storing the statuses pulled from the hub.
#include "app/store/feedback_repository.h"

#include <sqlite3.h>

#include "app/store/local_codes.h"
#include "app/store/outbox_repository.h"
#include "app/store/sync_state_repository.h"
#include "app/store/transaction.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

namespace ck::store {

namespace {

std::optional<protocol::ServiceRequestStatus> StatusFromJson(const std::string& json) {
  auto list = protocol::ParseStatusList("[" + json + "]");
  if (!list || list->size() != 1) return std::nullopt;
  return std::move(list.value()[0]);
}

std::optional<protocol::ServiceRequestStatus> StatusById(KioskDatabase& db, const std::string& id) {
  Statement st = db.Cached("SELECT status_json FROM ticket_status WHERE service_request_id = ?1");
  st.Bind(1, id);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return StatusFromJson(st.Text(0));
}

std::optional<int> LatestRating(KioskDatabase& db, const std::string& code_a, const std::string& code_b) {
  Statement st = db.Cached(
      "SELECT score FROM ratings WHERE ticket_code IN (?1, ?2) ORDER BY rated_at DESC, rowid DESC LIMIT 1");
  st.Bind(1, code_a).Bind(2, code_b);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return static_cast<int>(st.Int(0));
}

DeliveryState ParseDelivery(const std::string& code) {
  if (code == "delivered") return DeliveryState::Delivered;
  if (code == "rejected") return DeliveryState::Rejected;
  return DeliveryState::Pending;
}

}  // namespace

std::uint32_t TicketKioskNumber(KioskDatabase& db, std::uint32_t configured) {
  if (configured > 0) return configured;
  std::uint32_t learned = SyncStateRepository(db).KioskNumber();
  return learned <= protocol::kMaxKioskNumber ? learned : 0;
}

std::string MaskPhone(const std::string& digits) {
  if (digits.empty()) return {};
  if (digits.size() >= 8) return digits.substr(0, 3) + "****" + digits.substr(digits.size() - 4);
  if (digits.size() >= 5) return "****" + digits.substr(digits.size() - 2);
  return "****";
}

FeedbackRepository::FeedbackRepository(KioskDatabase& db) : db_(db) {}

Result<FeedbackReceipt> FeedbackRepository::Submit(const FeedbackDraft& draft, protocol::UnixSeconds now,
                                                   std::uint32_t kiosk_number) {
  using R = Result<FeedbackReceipt>;
  if (kiosk_number > protocol::kMaxKioskNumber) return R::Fail("kiosk number out of range");
  protocol::ServiceRequestSubmission s;
  s.request_uuid = protocol::NewUuid();
  s.ticket_code = *protocol::MakeTicketCode({kiosk_number, 0});  // placeholder so validation sees a code
  s.service_code = draft.service_code;
  s.kind = draft.kind;
  s.address_string = draft.address_string;
  s.description = draft.description;
  s.phone = draft.phone;
  s.submitted_at = now;
  if (auto st = protocol::ValidateSubmission(s); !st) return R::Fail(st.error());

  Transaction tx(db_, Durability::Full);
  if (!tx.ok()) return R::Fail("submit: " + tx.error());
  auto code = DrawLocalCode(db_, kiosk_number);  // free among tickets and sign-ups alike
  if (!code) return R::Fail(code.error());
  Statement st = db_.Cached(
      "INSERT INTO feedback(request_uuid, ticket_code, original_ticket_code, kind, service_code, "
      "service_name, "
      "address_string, description, phone, masked_phone, submitted_at) "
      "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, ''), ?9, ?10)");
  st.Bind(1, s.request_uuid)
      .Bind(2, *code)
      .Bind(3, protocol::FeedbackKindCode(s.kind))
      .Bind(4, s.service_code)
      .Bind(5, draft.service_name)
      .Bind(6, s.address_string)
      .Bind(7, s.description)
      .Bind(8, s.phone)
      .Bind(9, MaskPhone(s.phone))
      .Bind(10, now);
  if (!st.Run()) return R::Fail("submit: " + db_.LastError());
  if (auto q = EnqueueOutbox(db_, OutboxKind::Feedback, s.request_uuid, s.request_uuid, now); !q)
    return R::Fail(q.error());
  if (auto c = tx.Commit(); !c) return R::Fail("submit: " + c.error());
  return R::Ok(FeedbackReceipt{s.request_uuid, *code, now});
}

std::optional<TicketView> FeedbackRepository::FindByTicketCode(const std::string& typed) const {
  auto code = protocol::NormalizeTicketCode(typed);
  if (!code) return std::nullopt;
  std::optional<TicketView> mine;
  std::string original, id;
  {
    Statement st = db_.Cached(
        "SELECT request_uuid, ticket_code, original_ticket_code, kind, service_code, service_name, "
        "address_string, description, phone, masked_phone, submitted_at, delivery_state, delivery_error, "
        "service_request_id FROM feedback WHERE ticket_code = ?1 OR original_ticket_code = ?1 "
        "ORDER BY ticket_code = ?1 DESC LIMIT 1");
    st.Bind(1, *code);
    if (st.Step() == SQLITE_ROW) {
      TicketView& v = mine.emplace();
      v.receipt = {st.Text(0), st.Text(1), st.Int(10)};
      original = st.Text(2);
      v.draft.kind = protocol::ParseFeedbackKind(st.Text(3)).value_or(protocol::FeedbackKind::Complaint);
      v.draft.service_code = st.Text(4);
      v.draft.service_name = st.Text(5);
      v.draft.address_string = st.Text(6);
      v.draft.description = st.Text(7);
      v.draft.phone = st.Text(8);
      v.masked_phone = st.Text(9);
      v.delivery = ParseDelivery(st.Text(11));
      v.delivery_error = st.Text(12);
      id = st.Text(13);
    }
  }  // the statement is reset here, before the queries below
  if (mine) {
    if (!id.empty()) mine->status = StatusById(db_, id);
    mine->my_rating = LatestRating(db_, mine->receipt.ticket_code, original);
    return mine;
  }
  // A ticket made at another kiosk, known from a lookup.
  Statement other = db_.Cached(
      "SELECT status_json FROM ticket_status WHERE ticket_code = ?1 ORDER BY updated_at DESC LIMIT 1");
  other.Bind(1, *code);
  if (other.Step() != SQLITE_ROW) return std::nullopt;
  auto status = StatusFromJson(other.Text(0));
  if (!status) return std::nullopt;
  TicketView v;
  v.receipt = {"", status->ticket_code, status->requested_at};
  v.draft.service_code = status->service_code;
  v.draft.service_name = status->service_name;
  v.draft.address_string = status->address_string;
  v.delivery = DeliveryState::Delivered;
  v.my_rating = LatestRating(db_, *code, *code);
  v.status = std::move(status);
  return v;
}

Result<protocol::Rating> FeedbackRepository::Rate(const std::string& ticket_code, int score,
                                                  const std::string& quick_comment,
                                                  const std::string& comment, protocol::UnixSeconds now) {
  using R = Result<protocol::Rating>;
  auto ticket = FindByTicketCode(ticket_code);
  if (!ticket) return R::Fail("unknown ticket code");
  // The hub refuses a rating before the request is resolved (409); do not queue one that must fail.
  if (!ticket->status || !protocol::IsOpen311Closed(ticket->status->status))
    return R::Fail("the ticket is not resolved yet");
  protocol::Rating r;
  r.rating_uuid = protocol::NewUuid();
  r.service_request_id = ticket->status->service_request_id;
  r.ticket_code = ticket->receipt.ticket_code;
  r.score = score;
  r.quick_comment = quick_comment;
  r.comment = comment;
  r.rated_at = now;
  if (auto st = protocol::ValidateRating(r); !st) return R::Fail(st.error());

  Transaction tx(db_, Durability::Full);
  if (!tx.ok()) return R::Fail("rate: " + tx.error());
  Statement st = db_.Cached(
      "INSERT INTO ratings(rating_uuid, ticket_code, service_request_id, score, quick_comment, comment, "
      "rated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.Bind(1, r.rating_uuid)
      .Bind(2, r.ticket_code)
      .Bind(3, r.service_request_id)
      .Bind(4, std::int64_t{r.score})
      .Bind(5, r.quick_comment)
      .Bind(6, r.comment)
      .Bind(7, now);
  if (!st.Run()) return R::Fail("rate: " + db_.LastError());
  if (auto q = EnqueueOutbox(db_, OutboxKind::Rating, r.rating_uuid, r.rating_uuid, now); !q)
    return R::Fail(q.error());
  if (auto c = tx.Commit(); !c) return R::Fail("rate: " + c.error());
  return R::Ok(std::move(r));
}

std::vector<std::string> FeedbackRepository::OpenServiceRequestIds() const {
  std::vector<std::string> ids;
  Statement st = db_.Cached(
      "SELECT f.service_request_id FROM feedback f LEFT JOIN ticket_status s USING (service_request_id) "
      "WHERE f.service_request_id IS NOT NULL AND (s.status IS NULL OR s.status <> 'closed' OR EXISTS "
      "(SELECT 1 FROM ratings r WHERE r.ticket_code IN (f.ticket_code, f.original_ticket_code) "
      "AND r.rated_at >= s.updated_at)) ORDER BY f.submitted_at DESC LIMIT ?1");
  st.Bind(1, std::int64_t{kMaxOpenTickets});
  while (st.Step() == SQLITE_ROW) ids.push_back(st.Text(0));
  return ids;
}

Status FeedbackRepository::ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses) {
  auto stored = StoreStatuses(statuses);
  return stored ? OkStatus() : Status::Fail(stored.error());
}

Result<int> FeedbackRepository::StoreStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses) {
  using R = Result<int>;
  if (statuses.empty()) return R::Ok(0);
  // Relaxed: statuses are pulled again on the next round if a power cut loses them.
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return R::Fail("apply statuses: " + tx.error());
  int changed = 0;
  for (const protocol::ServiceRequestStatus& s : statuses) {
    std::string code = protocol::NormalizeTicketCode(s.ticket_code).value_or(s.ticket_code);
    std::string json = protocol::StatusListToJson({s});
    json = json.substr(1, json.size() - 2);  // one element of the list
    // An older answer (a slow lookup racing a pull) never overwrites a newer one; the same answer again
    // writes nothing.
    Statement st = db_.Cached(
        "INSERT INTO ticket_status(service_request_id, ticket_code, status, updated_at, status_json) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(service_request_id) DO UPDATE SET "
        "ticket_code = excluded.ticket_code, status = excluded.status, updated_at = excluded.updated_at, "
        "status_json = excluded.status_json WHERE excluded.updated_at > ticket_status.updated_at OR "
        "(excluded.updated_at = ticket_status.updated_at AND excluded.status_json <> "
        "ticket_status.status_json)");
    st.Bind(1, s.service_request_id)
        .Bind(2, code)
        .Bind(3, protocol::RequestStatusCode(s.status))
        .Bind(4, s.updated_at)
        .Bind(5, json);
    if (!st.Run()) return R::Fail("apply statuses: " + db_.LastError());
    changed += sqlite3_changes(db_.handle());
  }
  if (changed == 0) return R::Ok(0);  // rolled back: nothing to commit, no change for the UI to see
  if (auto c = tx.Commit(); !c) return R::Fail(c.error());
  return R::Ok(changed);
}

std::optional<protocol::ServiceRequestSubmission> FeedbackRepository::SubmissionFor(
    const std::string& request_uuid) const {
  Statement st = db_.Cached(
      "SELECT ticket_code, kind, service_code, address_string, description, phone, submitted_at "
      "FROM feedback WHERE request_uuid = ?1");
  st.Bind(1, request_uuid);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  protocol::ServiceRequestSubmission s;
  s.request_uuid = request_uuid;
  s.ticket_code = st.Text(0);
  s.kind = protocol::ParseFeedbackKind(st.Text(1)).value_or(protocol::FeedbackKind::Complaint);
  s.service_code = st.Text(2);
  s.address_string = st.Text(3);
  s.description = st.Text(4);
  s.phone = st.Text(5);
  s.submitted_at = st.Int(6);
  return s;
}

std::optional<protocol::Rating> FeedbackRepository::RatingFor(const std::string& rating_uuid) const {
  Statement st = db_.Cached(
      "SELECT r.ticket_code, r.service_request_id, r.score, r.quick_comment, r.comment, r.rated_at, "
      "coalesce(f.service_request_id, '') FROM ratings r LEFT JOIN feedback f "
      "ON f.ticket_code = r.ticket_code OR f.original_ticket_code = r.ticket_code WHERE r.rating_uuid = ?1");
  st.Bind(1, rating_uuid);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  protocol::Rating r;
  r.rating_uuid = rating_uuid;
  r.ticket_code = st.Text(0);
  r.service_request_id = st.Text(1).empty() ? st.Text(6) : st.Text(1);
  r.score = static_cast<int>(st.Int(2));
  r.quick_comment = st.Text(3);
  r.comment = st.Text(4);
  r.rated_at = st.Int(5);
  return r;
}

}  // namespace ck::store

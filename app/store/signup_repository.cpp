// SignupRepository: submitting sign-ups with their outbox rows, finding them by code, storing the hub's
// answers.
#include "app/store/signup_repository.h"

#include <sqlite3.h>

#include "app/store/local_codes.h"
#include "app/store/outbox_repository.h"
#include "app/store/transaction.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

namespace ck::store {

namespace {

// A status is only kept while the occurrence may still matter to the resident.
constexpr protocol::UnixSeconds kOpenAfterOccurrence = 2 * 86400;

constexpr std::string_view kColumns =
    "code, signup_uuid IS NOT NULL, activity_id, occurrence, people, masked_phone, submitted_at, "
    "delivery_state, delivery_error, state, waitlist_position, refusal, status_updated_at";

SignupRecord ReadRecord(const Statement& st) {
  SignupRecord r;
  r.code = st.Text(0);
  r.made_here = st.Int(1) != 0;
  r.activity_id = st.Text(2);
  r.occurrence = st.Int(3);
  r.people = static_cast<int>(st.Int(4));
  r.masked_phone = st.Text(5);
  r.submitted_at = st.Int(6);
  const std::string delivery = st.Text(7);
  r.delivery = delivery == "delivered" ? DeliveryState::Delivered
               : delivery == "rejected" ? DeliveryState::Rejected
                                        : DeliveryState::Pending;
  r.delivery_error = st.Text(8);
  r.state = protocol::ParseSignupState(st.Text(9)).value_or(protocol::SignupState::Pending);
  r.waitlist_position = static_cast<int>(st.Int(10));
  r.refusal = protocol::ParseSignupRefusal(st.Text(11)).value_or(protocol::SignupRefusal::None);
  r.status_updated_at = st.Int(12);
  return r;
}

}  // namespace

SignupRepository::SignupRepository(KioskDatabase& db) : db_(db) {}

Result<SignupReceipt> SignupRepository::Submit(const SignupDraft& draft, protocol::UnixSeconds now,
                                               std::uint32_t kiosk_number) {
  using R = Result<SignupReceipt>;
  if (kiosk_number > protocol::kMaxKioskNumber) return R::Fail("kiosk number out of range");
  protocol::SignupSubmission s;
  s.signup_uuid = protocol::NewUuid();
  s.code = *protocol::MakeTicketCode({kiosk_number, 0});  // placeholder so validation sees a code
  s.activity_id = draft.activity_id;
  s.occurrence = draft.occurrence;
  s.name = draft.name;
  s.phone = draft.phone;
  s.people = draft.people;
  s.submitted_at = now;
  if (auto st = protocol::ValidateSignup(s); !st) return R::Fail(st.error());

  Transaction tx(db_, Durability::Full);
  if (!tx.ok()) return R::Fail("sign-up: " + tx.error());
  auto code = DrawLocalCode(db_, kiosk_number);
  if (!code) return R::Fail(code.error());
  Statement st = db_.Cached(
      "INSERT INTO signups(code, signup_uuid, activity_id, occurrence, name, phone, masked_phone, people, "
      "submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  st.Bind(1, *code)
      .Bind(2, s.signup_uuid)
      .Bind(3, s.activity_id)
      .Bind(4, s.occurrence)
      .Bind(5, s.name)
      .Bind(6, s.phone)
      .Bind(7, MaskPhone(s.phone))
      .Bind(8, std::int64_t{s.people})
      .Bind(9, now);
  if (!st.Run()) return R::Fail("sign-up: " + db_.LastError());
  if (auto q = EnqueueOutbox(db_, OutboxKind::Signup, s.signup_uuid, s.signup_uuid, now); !q)
    return R::Fail(q.error());
  if (auto c = tx.Commit(); !c) return R::Fail("sign-up: " + c.error());
  return R::Ok(SignupReceipt{s.signup_uuid, *code, now});
}

std::optional<SignupRecord> SignupRepository::FindByCode(const std::string& typed) const {
  auto code = protocol::NormalizeTicketCode(typed);
  if (!code) return std::nullopt;
  Statement st = db_.Cached("SELECT " + std::string(kColumns) + " FROM signups WHERE code = ?1");
  st.Bind(1, *code);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return ReadRecord(st);
}

std::optional<protocol::SignupSubmission> SignupRepository::SubmissionFor(const std::string& signup_uuid) const {
  Statement st = db_.Cached(
      "SELECT code, activity_id, occurrence, name, phone, people, submitted_at FROM signups "
      "WHERE signup_uuid = ?1 AND name IS NOT NULL AND phone IS NOT NULL");
  st.Bind(1, signup_uuid);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  protocol::SignupSubmission s;
  s.signup_uuid = signup_uuid;
  s.code = st.Text(0);
  s.activity_id = st.Text(1);
  s.occurrence = st.Int(2);
  s.name = st.Text(3);
  s.phone = st.Text(4);
  s.people = static_cast<int>(st.Int(5));
  s.submitted_at = st.Int(6);
  return s;
}

std::vector<std::string> SignupRepository::OpenCodes(protocol::UnixSeconds now) const {
  std::vector<std::string> codes;
  Statement st = db_.Cached(
      "SELECT code FROM signups WHERE signup_uuid IS NOT NULL AND delivery_state = 'delivered' AND "
      "state IN ('pending','confirmed','waitlisted') AND occurrence > ?1 ORDER BY submitted_at DESC LIMIT ?2");
  st.Bind(1, now - kOpenAfterOccurrence).Bind(2, std::int64_t{kMaxOpenSignups});
  while (st.Step() == SQLITE_ROW) codes.push_back(st.Text(0));
  return codes;
}

Result<int> SignupRepository::StoreStatuses(const std::vector<protocol::SignupStatus>& statuses) {
  using R = Result<int>;
  if (statuses.empty()) return R::Ok(0);
  // Relaxed: statuses are asked for again on the next round if a power cut loses them.
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return R::Fail("sign-up statuses: " + tx.error());
  int changed = 0;
  for (const protocol::SignupStatus& s : statuses) {
    const auto code = protocol::NormalizeTicketCode(s.code);
    if (!code || protocol::ValidateSignupStatus(s).ok() == false) continue;  // not ours to keep
    Statement st = db_.Cached(
        "INSERT INTO signups(code, activity_id, occurrence, people, submitted_at, delivery_state, state, "
        "waitlist_position, refusal, status_updated_at) VALUES (?1, ?2, ?3, ?4, ?8, 'delivered', ?5, ?6, ?7, ?8) "
        "ON CONFLICT(code) DO UPDATE SET state = excluded.state, waitlist_position = excluded.waitlist_position, "
        "refusal = excluded.refusal, status_updated_at = excluded.status_updated_at "
        "WHERE excluded.status_updated_at > signups.status_updated_at OR "
        "(excluded.status_updated_at = signups.status_updated_at AND (excluded.state <> signups.state OR "
        "excluded.waitlist_position <> signups.waitlist_position OR excluded.refusal <> signups.refusal))");
    st.Bind(1, *code)
        .Bind(2, s.activity_id)
        .Bind(3, s.occurrence)
        .Bind(4, std::int64_t{s.people})
        .Bind(5, protocol::SignupStateCode(s.state))
        .Bind(6, std::int64_t{s.waitlist_position})
        .Bind(7, protocol::SignupRefusalCode(s.refusal))
        .Bind(8, s.updated_at);
    if (!st.Run()) return R::Fail("sign-up statuses: " + db_.LastError());
    changed += sqlite3_changes(db_.handle());
  }
  if (changed == 0) return R::Ok(0);  // rolled back: nothing for the UI to redraw
  if (auto c = tx.Commit(); !c) return R::Fail(c.error());
  return R::Ok(changed);
}

Status RecordSignupDelivery(KioskDatabase& db, const std::string& signup_uuid,
                            const protocol::SignupStatus& status) {
  Statement st = db.Cached(
      "UPDATE signups SET delivery_state = 'delivered', delivery_error = '', name = NULL, phone = NULL, "
      "state = ?2, waitlist_position = ?3, refusal = ?4, status_updated_at = max(status_updated_at, ?5) "
      "WHERE signup_uuid = ?1");
  st.Bind(1, signup_uuid)
      .Bind(2, protocol::SignupStateCode(status.state))
      .Bind(3, std::int64_t{status.waitlist_position})
      .Bind(4, protocol::SignupRefusalCode(status.refusal))
      .Bind(5, status.updated_at);
  if (!st.Run()) return Status::Fail("record sign-up delivery: " + db.LastError());
  return OkStatus();
}

}  // namespace ck::store

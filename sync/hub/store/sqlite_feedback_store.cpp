// SqliteHubRepository, feedback half: services, service requests with history, ratings and operators.
#include <mutex>
#include <utility>

#include <nlohmann/json.hpp>

#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/hub/store/sqlite_request_list.h"
#include "sync/hub/store/sqlite_request_rows.h"
#include "sync/protocol/ticket_code.h"

// A request's due date as stored (work_order_types.h): the promised date, else filed + its category's
// default deadline at that moment (kDefaultDeadlineHours for an unknown category). In INSERT, ?15 is expected_at, ?9 the
// filing time and ?3 the service code.
#define kDueOnWrite \
  "COALESCE(?15, ?9 + COALESCE((SELECT deadline_hours FROM services d WHERE d.code = ?3), " CK_HUB_DEFAULT_DEADLINE_HOURS_SQL ") * 3600)"

namespace ck::hub {

namespace {

using protocol::Agency;
using protocol::RequestStatus;
using protocol::Service;
using sqlite::Statement;

std::string PhrasesToJson(const std::vector<std::string>& phrases) {
  return nlohmann::json(phrases).dump();
}

// AddService and UpdateService share the parameter numbering ?1..?8.
void BindServiceFields(Statement& st, const Service& s) {
  st.Bind(1, s.service_code);
  st.Bind(2, s.service_name);
  st.Bind(3, s.name_en);
  st.Bind(4, s.description);
  st.Bind(5, s.group);
  st.Bind(6, s.icon);
  st.Bind(7, PhrasesToJson(s.quick_phrases));
  st.Bind(8, PhrasesToJson(s.quick_phrases_en));
}

// Stored by us from validated input; a hand-edited cell that is not a string array reads as empty.
std::vector<std::string> PhrasesFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j)
    if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

constexpr const char* kServiceSelect =
    "SELECT code, name, description, grp, name_en, icon, quick_phrases, quick_phrases_en FROM services ";

Service ReadServiceRow(const Statement& st) {
  Service s;
  s.service_code = st.Text(0);
  s.service_name = st.Text(1);
  s.description = st.Text(2);
  s.group = st.Text(3);
  s.name_en = st.Text(4);
  s.icon = st.Text(5);
  s.quick_phrases = PhrasesFromJson(st.Text(6));
  s.quick_phrases_en = PhrasesFromJson(st.Text(7));
  return s;
}

std::optional<Agency> OptAgency(const std::optional<std::string>& code) {
  return code ? protocol::ParseAgency(*code) : std::nullopt;
}

std::optional<std::string> AgencyText(const std::optional<Agency>& a) {
  return a ? std::optional<std::string>(std::string(protocol::AgencyCode(*a))) : std::nullopt;
}

}  // namespace

namespace sqlite_rows {

const char* const kRequestSelect =
    "SELECT r.id, r.ticket_code, r.service_code, COALESCE(s.name, r.service_code), r.kind, r.address, "
    "r.description, r.phone, r.device_id, r.requested_at, r.updated_at, r.status, r.agency, "
    "r.agency_responsible, r.status_notes, r.expected_at, r.rating, r.flagged, r.revision, "
    "r.channel, r.responded_at, r.resolved_at, r.supervised_at, r.supervision_note, r.satisfied, "
    "r.due_at, r.returned_at, r.extension_until, r.extension_reason, r.deadline_missed "
    "FROM requests r LEFT JOIN services s ON s.code = r.service_code ";

RequestRecord ReadRequestRow(const Statement& st) {
  RequestRecord r;
  protocol::ServiceRequestStatus& p = r.status;
  p.service_request_id = st.Text(0);
  p.ticket_code = st.Text(1);
  p.service_code = st.Text(2);
  p.service_name = st.Text(3);
  r.kind = protocol::ParseFeedbackKind(st.Text(4)).value_or(protocol::FeedbackKind::Complaint);
  p.address_string = st.Text(5);
  r.description = st.Text(6);
  r.phone = st.Text(7);
  r.device_id = st.Text(8);
  p.requested_at = st.Int(9);
  p.updated_at = st.Int(10);
  p.status = protocol::ParseRequestStatus(st.Text(11)).value_or(RequestStatus::Submitted);
  p.agency = OptAgency(st.OptText(12));
  p.agency_responsible = st.Text(13);
  p.status_notes = st.Text(14);
  p.expected_at = st.OptInt(15);
  if (auto rating = st.OptInt(16)) p.rating = static_cast<int>(*rating);
  r.flagged = st.Int(17) != 0;
  r.revision = st.Int(18);
  r.work.channel = ParseChannel(st.Text(19)).value_or(Channel::Kiosk);
  r.work.responded_at = st.OptInt(20);
  r.work.resolved_at = st.OptInt(21);
  r.work.supervised_at = st.OptInt(22);
  r.work.supervision_note = st.Text(23);
  if (auto sat = st.OptInt(24)) r.work.satisfied = *sat != 0;
  r.work.due_at = st.Int(25);
  r.work.returned_at = st.OptInt(26);
  r.work.extension_until = st.OptInt(27);
  r.work.extension_reason = st.Text(28);
  r.work.deadline_missed = st.Int(29) != 0;
  return r;
}

protocol::StatusEvent ReadEventRow(const Statement& st, int first) {
  protocol::StatusEvent e;
  e.at = st.Int(first);
  e.status = protocol::ParseRequestStatus(st.Text(first + 1)).value_or(RequestStatus::Submitted);
  e.agency = OptAgency(st.OptText(first + 2));
  e.note = st.Text(first + 3);
  e.kind = protocol::ParseEventKind(st.Text(first + 4)).value_or(protocol::EventKind::Status);
  return e;
}

}  // namespace sqlite_rows

using sqlite_rows::kRequestSelect;
using sqlite_rows::ReadRequestRow;

// ---- Services ---------------------------------------------------------------------------------------------

Result<std::vector<Service>> SqliteHubRepository::ListServices() {
  using R = Result<std::vector<Service>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(std::string(kServiceSelect) + "ORDER BY sort_order, code");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<Service> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadServiceRow(st));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

Result<std::optional<Service>> SqliteHubRepository::FindService(std::string_view code) {
  using R = Result<std::optional<Service>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(std::string(kServiceSelect) + "WHERE code = ?1");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, code);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(ReadServiceRow(st));
}

WriteResult<Service> SqliteHubRepository::AddService(const Service& s) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO services (code, sort_order, name, name_en, description, grp, icon, quick_phrases, "
      "quick_phrases_en) SELECT ?1, COALESCE(MAX(sort_order), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
      "FROM services WHERE true ON CONFLICT (code) DO NOTHING");
  if (!raw) return WriteFail<Service>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  BindServiceFields(st, s);
  if (st.Step() != SQLITE_DONE) return WriteFail<Service>(WriteError::Storage, db_->ErrorMessage());
  if (db_->Changes() == 0)
    return WriteFail<Service>(WriteError::Duplicate, "a service with code " + s.service_code + " exists");
  return WriteOk(s);
}

WriteResult<Service> SqliteHubRepository::UpdateService(const Service& s) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE services SET name = ?2, name_en = ?3, description = ?4, grp = ?5, icon = ?6, "
      "quick_phrases = ?7, quick_phrases_en = ?8 WHERE code = ?1");
  if (!raw) return WriteFail<Service>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  BindServiceFields(st, s);
  if (st.Step() != SQLITE_DONE) return WriteFail<Service>(WriteError::Storage, db_->ErrorMessage());
  if (db_->Changes() == 0)
    return WriteFail<Service>(WriteError::NotFound, "no service with code " + s.service_code);
  return WriteOk(s);
}

// ---- Requests ---------------------------------------------------------------------------------------------

Status SqliteHubRepository::LoadHistory(RequestRecord& r) {
  sqlite3_stmt* raw =
      db_->Prepare("SELECT at, status, agency, note, kind FROM request_events WHERE request_id = ?1 ORDER BY n");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, r.status.service_request_id);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) r.status.history.push_back(sqlite_rows::ReadEventRow(st, 0));
  if (rc != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Status SqliteHubRepository::AppendEvent(std::string_view request_id, const protocol::StatusEvent& e) {
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO request_events (request_id, n, at, status, agency, note, kind) "
      "SELECT ?1, COALESCE(MAX(n), 0) + 1, ?2, ?3, ?4, ?5, ?6 FROM request_events WHERE request_id = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, request_id);
  st.Bind(2, e.at);
  st.Bind(3, protocol::RequestStatusCode(e.status));
  st.BindOpt(4, AgencyText(e.agency));
  st.Bind(5, e.note);
  st.Bind(6, protocol::EventKindCode(e.kind));
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Result<std::optional<RequestRecord>> SqliteHubRepository::FindRequestLocked(std::string_view where,
                                                                            std::string_view value) {
  using R = Result<std::optional<RequestRecord>>;
  sqlite3_stmt* raw = db_->Prepare(std::string(kRequestSelect) + std::string(where));
  if (!raw) return R::Fail(db_->ErrorMessage());
  std::optional<RequestRecord> found;
  {
    Statement st(raw);
    st.Bind(1, value);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
    if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    found = ReadRequestRow(st);
  }
  if (auto s = LoadHistory(*found); !s) return R::Fail(s.error());
  return R::Ok(std::move(found));
}

Result<std::optional<RequestRecord>> SqliteHubRepository::FindRequest(std::string_view id) {
  std::lock_guard lock(mutex_);
  return FindRequestLocked("WHERE r.id = ?1", id);
}

Result<std::optional<RequestRecord>> SqliteHubRepository::FindRequestByTicket(std::string_view code) {
  std::lock_guard lock(mutex_);
  return FindRequestLocked("WHERE r.ticket_code = ?1", code);
}

Result<std::vector<RequestRecord>> SqliteHubRepository::QueryRequests(const RequestQuery& q) {
  std::lock_guard lock(mutex_);
  return sqlite_rows::ReadRequestList(*db_, q);  // sqlite_request_list.h
}

Result<std::string> SqliteHubRepository::FreeTicketCode(const std::string& wanted) {
  sqlite3_stmt* used_raw = db_->Prepare("SELECT 1 FROM requests WHERE ticket_code = ?1");
  if (!used_raw) return Result<std::string>::Fail(db_->ErrorMessage());
  auto used = [&](const std::string& code) -> std::optional<bool> {
    Statement st(used_raw);
    st.Bind(1, code);
    int rc = st.Step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return std::nullopt;
  };
  if (!wanted.empty()) {
    auto u = used(wanted);
    if (!u) return Result<std::string>::Fail(db_->ErrorMessage());
    if (!*u) return Result<std::string>::Ok(wanted);
  }
  // A code the hub makes itself (none wanted, or the wanted one is taken) carries kiosk number 0 and 50
  // random bits, like every code (sync/protocol/ticket_code.h); re-drawn while taken.
  for (int attempt = 0; attempt < 16; ++attempt) {
    auto code = protocol::DrawTicketCode(0);
    if (!code) return Result<std::string>::Fail("cannot draw a ticket code (no randomness?)");
    auto u = used(*code);
    if (!u) return Result<std::string>::Fail(db_->ErrorMessage());
    if (!*u) return Result<std::string>::Ok(*code);
  }
  return Result<std::string>::Fail("cannot draw a free ticket code");
}

WriteResult<StoredAnswer> SqliteHubRepository::InsertRequest(const RequestRecord& request,
                                                             const AnswerMaker& make_answer) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  auto stored = InsertRequestLocked(request, make_answer);
  // A replay or a refusal wrote nothing worth keeping: the transaction rolls back.
  if (!stored.ok() || stored.value->replayed) return stored;
  if (auto s = tx.Commit(); !s) return WriteFail<StoredAnswer>(WriteError::Storage, s.error());
  return stored;
}

Result<std::vector<WriteResult<StoredAnswer>>> SqliteHubRepository::InsertRequests(
    const std::vector<RequestRecord>& requests, const AnswerMaker& make_answer) {
  using R = Result<std::vector<WriteResult<StoredAnswer>>>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  std::vector<WriteResult<StoredAnswer>> out;
  out.reserve(requests.size());
  for (const auto& request : requests) {
    // A refused INSERT aborts only its own statement, so the rows before it stay in the transaction.
    auto stored = InsertRequestLocked(request, make_answer);
    if (stored.error == WriteError::Storage) return R::Fail(stored.message);
    out.push_back(std::move(stored));
  }
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

WriteResult<StoredAnswer> SqliteHubRepository::InsertRequestLocked(const RequestRecord& request,
                                                                   const AnswerMaker& make_answer) {
  RequestRecord rec = request;
  rec.revision = 1;
  auto code = FreeTicketCode(rec.status.ticket_code);
  if (!code) return WriteFail<StoredAnswer>(WriteError::Storage, code.error());
  rec.status.ticket_code = *code;
  std::string answer = make_answer(rec);
  // The primary key decides between concurrent duplicates: the loser inserts nothing and replays.
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, device_id, "
      "requested_at, updated_at, status, agency, agency_responsible, status_notes, expected_at, rating, "
      "flagged, revision, answer, channel, due_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
      "?12, "
      "?13, ?14, ?15, NULL, 0, 1, ?16, ?17, " kDueOnWrite ") ON CONFLICT (id) DO NOTHING");
  if (!raw) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  const protocol::ServiceRequestStatus& p = rec.status;
  {
    Statement st(raw);
    st.Bind(1, p.service_request_id);
    st.Bind(2, p.ticket_code);
    st.Bind(3, p.service_code);
    st.Bind(4, protocol::FeedbackKindCode(rec.kind));
    st.Bind(5, p.address_string);
    st.Bind(6, rec.description);
    st.Bind(7, rec.phone);
    st.Bind(8, rec.device_id);
    st.Bind(9, p.requested_at);
    st.Bind(10, p.updated_at);
    st.Bind(11, protocol::RequestStatusCode(p.status));
    st.BindOpt(12, AgencyText(p.agency));
    st.Bind(13, p.agency_responsible);
    st.Bind(14, p.status_notes);
    st.BindOpt(15, p.expected_at);
    st.Bind(16, answer);
    st.Bind(17, ChannelCode(rec.work.channel));
    int rc = st.Step();
    if (sqlite3_extended_errcode(db_->handle()) == SQLITE_CONSTRAINT_FOREIGNKEY)
      return WriteFail<StoredAnswer>(WriteError::Invalid, "service_code: unknown");
    if (rc != SQLITE_DONE) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  }
  if (db_->Changes() == 0) {
    sqlite3_stmt* ans_raw = db_->Prepare("SELECT answer FROM requests WHERE id = ?1");
    if (!ans_raw) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    Statement st(ans_raw);
    st.Bind(1, p.service_request_id);
    if (st.Step() != SQLITE_ROW) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    return WriteOk(StoredAnswer{st.Text(0), true, std::nullopt});
  }
  for (const auto& e : p.history)
    if (auto s = AppendEvent(p.service_request_id, e); !s)
      return WriteFail<StoredAnswer>(WriteError::Storage, s.error());
  return WriteOk(StoredAnswer{std::move(answer), false, std::move(rec)});
}

WriteResult<RequestRecord> SqliteHubRepository::ApplyChangeLocked(std::string_view id, const RequestChange& c,
                                                                  std::int64_t expected_revision) {
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE requests SET status = ?2, agency = ?3, agency_responsible = ?4, status_notes = ?5, "
      "expected_at = ?6, rating = ?7, flagged = ?8, updated_at = ?9, revision = revision + 1, "
      // The 三率 times follow the status here, whoever changes it (work_order_types.h).
      "responded_at = COALESCE(responded_at, CASE WHEN ?2 <> 'submitted' THEN ?9 END), "
      "resolved_at = CASE WHEN ?2 IN ('resolved', 'closed') THEN COALESCE(resolved_at, ?9) "
      "  WHEN ?2 = 'reopened' THEN NULL ELSE resolved_at END, "
      "supervised_at = COALESCE(?11, supervised_at), supervision_note = COALESCE(?12, supervision_note), "
      "returned_at = ?13, extension_until = ?14, extension_reason = ?15, "
      // A deadline that passed unmet stays missed, whatever later moves it (an extension, a re-dispatch):
      // SET reads the row before this change, so this is the old due date and status.
      "deadline_missed = deadline_missed OR (status NOT IN ('resolved', 'closed') AND due_at < ?9), "
      "due_at = COALESCE(?6, requested_at + COALESCE((SELECT deadline_hours FROM services d "
      "  WHERE d.code = requests.service_code), " CK_HUB_DEFAULT_DEADLINE_HOURS_SQL ") * 3600) "
      "WHERE id = ?1 AND revision = ?10");
  if (!raw) return WriteFail<RequestRecord>(WriteError::Storage, db_->ErrorMessage());
  {
    Statement st(raw);
    st.Bind(1, id);
    st.Bind(2, protocol::RequestStatusCode(c.status));
    st.BindOpt(3, AgencyText(c.agency));
    st.Bind(4, c.agency_responsible);
    st.Bind(5, c.status_notes);
    st.BindOpt(6, c.expected_at);
    st.BindOpt(7, c.rating ? std::optional<std::int64_t>(*c.rating) : std::nullopt);
    st.Bind(8, std::int64_t{c.flagged ? 1 : 0});
    st.Bind(9, c.event.at);
    st.Bind(10, expected_revision);
    if (c.supervise) {
      st.Bind(11, c.supervise->at);
      st.Bind(12, c.supervise->note);
    }
    st.BindOpt(13, c.returned_at);
    st.BindOpt(14, c.extension_until);
    st.Bind(15, c.extension_reason);
    if (st.Step() != SQLITE_DONE) return WriteFail<RequestRecord>(WriteError::Storage, db_->ErrorMessage());
  }
  if (db_->Changes() == 0) {
    auto existing = FindRequestLocked("WHERE r.id = ?1", id);
    if (!existing) return WriteFail<RequestRecord>(WriteError::Storage, existing.error());
    if (!*existing)
      return WriteFail<RequestRecord>(WriteError::NotFound, "no request with id " + std::string(id));
    return WriteFail<RequestRecord>(WriteError::Conflict,
                                    "request " + std::string(id) + " changed meanwhile");
  }
  if (auto s = AppendEvent(id, c.event); !s) return WriteFail<RequestRecord>(WriteError::Storage, s.error());
  auto after = FindRequestLocked("WHERE r.id = ?1", id);
  if (!after || !*after)
    return WriteFail<RequestRecord>(WriteError::Storage, after ? "request vanished" : after.error());
  return WriteOk(std::move(**after));
}

WriteResult<RequestRecord> SqliteHubRepository::UpdateRequest(std::string_view id,
                                                              const RequestChange& change,
                                                              std::int64_t expected_revision) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<RequestRecord>(WriteError::Storage, db_->ErrorMessage());
  auto r = ApplyChangeLocked(id, change, expected_revision);
  if (!r.ok()) return r;
  if (auto s = tx.Commit(); !s) return WriteFail<RequestRecord>(WriteError::Storage, s.error());
  return r;
}

// ---- Ratings ----------------------------------------------------------------------------------------------

WriteResult<StoredAnswer> SqliteHubRepository::RecordRating(const protocol::Rating& rating,
                                                            std::string_view request_id,
                                                            const RequestChange& change,
                                                            std::int64_t expected_revision,
                                                            const std::string& answer) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  // One rating per round of handling: a round is what follows each "resolved" (ratings.round counts them),
  // so a code's holder cannot rate a ticket over and over, re-opening it each time.
  sqlite3_stmt* round_raw = db_->Prepare(
      "SELECT EXISTS (SELECT 1 FROM ratings WHERE request_id = ?1 AND rating_uuid <> ?2 AND round = "
      "(SELECT COUNT(*) FROM request_events WHERE request_id = ?1 AND status = 'resolved'))");
  if (!round_raw) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  {
    Statement st(round_raw);
    st.Bind(1, request_id);
    st.Bind(2, rating.rating_uuid);
    if (st.Step() != SQLITE_ROW) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    if (st.Int(0) != 0)
      return WriteFail<StoredAnswer>(WriteError::Refused,
                                     "already rated: it can be rated again once it has been resolved again");
  }
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO ratings (rating_uuid, request_id, agency, score, quick_comment, comment, rated_at, "
      "received_at, reopened, answer, round) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "(SELECT COUNT(*) FROM request_events WHERE request_id = ?2 AND status = 'resolved')) "
      "ON CONFLICT (rating_uuid) DO NOTHING");
  if (!raw) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  {
    Statement st(raw);
    st.Bind(1, rating.rating_uuid);
    st.Bind(2, request_id);
    st.BindOpt(3, AgencyText(change.agency));
    st.Bind(4, std::int64_t{rating.score});
    st.Bind(5, rating.quick_comment);
    st.Bind(6, rating.comment);
    st.Bind(7, rating.rated_at);
    st.Bind(8, change.event.at);
    st.Bind(9, std::int64_t{change.status == RequestStatus::Reopened ? 1 : 0});
    st.Bind(10, answer);
    if (st.Step() != SQLITE_DONE) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
  }
  if (db_->Changes() == 0) {
    sqlite3_stmt* ans_raw = db_->Prepare("SELECT answer FROM ratings WHERE rating_uuid = ?1");
    if (!ans_raw) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    Statement st(ans_raw);
    st.Bind(1, rating.rating_uuid);
    if (st.Step() != SQLITE_ROW) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    return WriteOk(StoredAnswer{st.Text(0), true, std::nullopt});
  }
  auto changed = ApplyChangeLocked(request_id, change, expected_revision);
  if (!changed.ok()) return WriteFail<StoredAnswer>(changed.error, changed.message);
  {
    // 没解决 (a rating that re-opens) counts against, whatever its score.
    bool satisfied = rating.score >= 4 && change.status != RequestStatus::Reopened;
    sqlite3_stmt* sat_raw = db_->Prepare("UPDATE requests SET satisfied = ?2 WHERE id = ?1");
    if (!sat_raw) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    Statement st(sat_raw);
    st.Bind(1, request_id);
    st.Bind(2, std::int64_t{satisfied ? 1 : 0});
    if (st.Step() != SQLITE_DONE) return WriteFail<StoredAnswer>(WriteError::Storage, db_->ErrorMessage());
    changed.value->work.satisfied = satisfied;
  }
  if (auto s = tx.Commit(); !s) return WriteFail<StoredAnswer>(WriteError::Storage, s.error());
  return WriteOk(StoredAnswer{answer, false, std::move(changed.value)});
}

Result<std::optional<std::string>> SqliteHubRepository::FindRatingAnswer(std::string_view rating_uuid) {
  using R = Result<std::optional<std::string>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("SELECT answer FROM ratings WHERE rating_uuid = ?1");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, rating_uuid);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(st.Text(0));
}

Result<std::vector<AgencySatisfaction>> SqliteHubRepository::Satisfaction() {
  using R = Result<std::vector<AgencySatisfaction>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT agency, COUNT(*), SUM(score), SUM(reopened) FROM ratings GROUP BY agency ORDER BY agency");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<AgencySatisfaction> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    AgencySatisfaction a;
    a.agency = OptAgency(st.OptText(0));
    a.ratings = st.Int(1);
    a.average_score = a.ratings ? static_cast<double>(st.Int(2)) / static_cast<double>(a.ratings) : 0.0;
    a.reopened = st.Int(3);
    out.push_back(a);
  }
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

// ---- Operators --------------------------------------------------------------------------------------------

WriteResult<OperatorRecord> SqliteHubRepository::AddOperator(const OperatorRecord& op) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO operators (id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT DO NOTHING");
  if (!raw) return WriteFail<OperatorRecord>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, op.id);
  st.Bind(2, op.name);
  st.Bind(3, op.token_hash);
  st.Bind(4, op.created_at);
  if (st.Step() != SQLITE_DONE) return WriteFail<OperatorRecord>(WriteError::Storage, db_->ErrorMessage());
  if (db_->Changes() == 0) return WriteFail<OperatorRecord>(WriteError::Duplicate, "operator already exists");
  return WriteOk(op);
}

Result<std::optional<OperatorRecord>> SqliteHubRepository::FindOperatorByTokenHash(std::string_view hash) {
  using R = Result<std::optional<OperatorRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT id, name, token_hash, created_at FROM operators WHERE token_hash = ?1 "
      "AND revoked_at IS NULL");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, hash);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(OperatorRecord{st.Text(0), st.Text(1), st.Text(2), st.Int(3)});
}

}  // namespace ck::hub

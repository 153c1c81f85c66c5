// SqliteActivityRepository: activities, their occurrence changes and sign-ups in SQLite, prepared statements only.
#include "sync/hub/store/sqlite_activity_repository.h"

#include <algorithm>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "sync/hub/store/sqlite_migrations.h"

namespace ck::hub {

namespace {

using sqlite::Statement;

constexpr const char* kActivityColumns =
    "id, seq, revision, title, description, place, eligibility, start_at, duration, all_day, rrule, exdates, "
    "capacity, signup_closes_before, cancelled_at, cancel_reason, deleted_at, feed_body, expanded_from, "
    "created_by, created_at, updated_at";

std::string SelectActivities(const char* rest) {
  return std::string("SELECT ") + kActivityColumns + " FROM activities " + rest;
}

std::string ExdatesJson(const std::vector<protocol::UnixSeconds>& exdates) {
  return nlohmann::json(exdates).dump();
}

std::vector<protocol::UnixSeconds> ParseExdates(const std::string& text) {
  std::vector<protocol::UnixSeconds> out;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_number_integer()) out.push_back(v.get<protocol::UnixSeconds>());
  return out;
}

ActivityRecord ReadActivityRow(const Statement& st) {
  ActivityRecord a;
  a.id = st.Text(0);
  a.seq = st.Int(1);
  a.revision = st.Int(2);
  a.title = st.Text(3);
  a.description = st.Text(4);
  a.place = st.Text(5);
  a.eligibility = st.Text(6);
  a.start = st.Int(7);
  a.duration = st.Int(8);
  a.all_day = st.Int(9) != 0;
  a.rrule = st.Text(10);
  a.exdates = ParseExdates(st.Text(11));
  a.capacity = static_cast<int>(st.Int(12));
  a.signup_closes_before = st.Int(13);
  a.cancelled_at = st.OptInt(14);
  a.cancel_reason = st.Text(15);
  a.deleted_at = st.OptInt(16);
  a.feed_body = st.Text(17);
  a.expanded_from = st.Int(18);
  a.created_by = st.Text(19);
  a.created_at = st.Int(20);
  a.updated_at = st.Int(21);
  return a;
}

constexpr const char* kSignupColumns =
    "id, signup_uuid, code, activity_id, original_start, name, phone, people, status, refusal, reason, "
    "device_id, signed_up_at, received_at, decided_at, attended";

std::string SelectSignups(const char* rest) {
  return std::string("SELECT ") + kSignupColumns + " FROM activity_signups " + rest;
}

SignupRecord ReadSignupRow(const Statement& st) {
  SignupRecord s;
  s.id = st.Int(0);
  s.signup_uuid = st.Text(1);
  s.code = st.Text(2);
  s.activity_id = st.Text(3);
  s.original_start = st.Int(4);
  s.name = st.Text(5);
  s.phone = st.Text(6);
  s.people = static_cast<int>(st.Int(7));
  s.state = protocol::ParseSignupState(st.Text(8)).value_or(protocol::SignupState::Refused);
  s.refusal = protocol::ParseSignupRefusal(st.Text(9)).value_or(protocol::SignupRefusal::None);
  s.reason = st.Text(10);
  s.device_id = st.Text(11);
  s.signed_up_at = st.Int(12);
  s.received_at = st.Int(13);
  s.decided_at = st.Int(14);
  if (auto v = st.OptInt(15)) s.attended = *v != 0;
  return s;
}

template <typename T>
WriteResult<T> StorageFail(const sqlite::Connection& db) {
  return WriteFail<T>(WriteError::Storage, db.ErrorMessage());
}

}  // namespace

protocol::SignupStatus SignupRecord::Status() const {
  protocol::SignupStatus s;
  s.code = code;
  s.activity_id = activity_id;
  s.occurrence = original_start;
  s.people = people;
  s.state = state;
  s.waitlist_position = state == protocol::SignupState::Waitlisted ? waitlist_position : 0;
  s.refusal = state == protocol::SignupState::Refused ? refusal : protocol::SignupRefusal::None;
  s.updated_at = decided_at;
  return s;
}

Result<std::unique_ptr<SqliteActivityRepository>> SqliteActivityRepository::Open(const std::string& path,
                                                                             sqlite::HubFileMode mode) {
  using R = Result<std::unique_ptr<SqliteActivityRepository>>;
  auto conn = sqlite::OpenHubFile(path, mode);
  if (!conn) return R::Fail(conn.error());
  if (auto s = sqlite::Migrate(**conn); !s) return R::Fail(path + ": " + s.error());
  return R::Ok(
      std::unique_ptr<SqliteActivityRepository>(new SqliteActivityRepository(std::move(conn).value())));
}

// ---- Helpers (mutex held) ----

Result<std::int64_t> SqliteActivityRepository::NextSeqLocked() {
  sqlite3_stmt* raw =
      db_->Prepare("UPDATE change_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq");
  if (!raw) return Result<std::int64_t>::Fail(db_->ErrorMessage());
  Statement st(raw);
  if (st.Step() != SQLITE_ROW) return Result<std::int64_t>::Fail(db_->ErrorMessage());
  std::int64_t seq = st.Int(0);
  st.Step();  // runs the statement to completion so the UPDATE is final
  return Result<std::int64_t>::Ok(seq);
}

Status SqliteActivityRepository::TouchSeqLocked(std::string_view activity_id) {
  auto seq = NextSeqLocked();
  if (!seq) return Status::Fail(seq.error());
  sqlite3_stmt* raw = db_->Prepare("UPDATE activities SET seq = ?2 WHERE id = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, activity_id);
  st.Bind(2, *seq);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Status SqliteActivityRepository::LoadOrganisersLocked(ActivityRecord& a) {
  // Enum order (street office first), whatever order they were written in.
  sqlite3_stmt* raw = db_->Prepare("SELECT party FROM activity_organisers WHERE activity_id = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, a.id);
  a.organisers.clear();
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW)
    if (auto p = protocol::ParsePublisher(st.Text(0))) a.organisers.push_back(*p);
  if (rc != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  std::sort(a.organisers.begin(), a.organisers.end());
  return OkStatus();
}

Result<std::optional<ActivityRecord>> SqliteActivityRepository::FindActivityLocked(std::string_view id) {
  using R = Result<std::optional<ActivityRecord>>;
  sqlite3_stmt* raw = db_->Prepare(SelectActivities("WHERE id = ?1"));
  if (!raw) return R::Fail(db_->ErrorMessage());
  ActivityRecord a;
  {
    Statement st(raw);
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
    if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    a = ReadActivityRow(st);
  }
  if (auto s = LoadOrganisersLocked(a); !s) return R::Fail(s.error());
  return R::Ok(std::move(a));
}

Status SqliteActivityRepository::WriteActivityLocked(const ActivityRecord& a, bool insert) {
  const char* sql =
      insert ? "INSERT INTO activities (id, seq, revision, title, description, place, eligibility, start_at, "
               "duration, all_day, rrule, exdates, capacity, signup_closes_before, cancelled_at, cancel_reason, "
               "deleted_at, feed_body, expanded_from, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, "
               "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, ?17, ?18, ?19, ?20, ?21)"
             : "UPDATE activities SET seq = ?2, revision = ?3, title = ?4, description = ?5, place = ?6, "
               "eligibility = ?7, start_at = ?8, duration = ?9, all_day = ?10, rrule = ?11, exdates = ?12, "
               "capacity = ?13, signup_closes_before = ?14, cancelled_at = ?15, cancel_reason = ?16, "
               "feed_body = ?17, expanded_from = ?18, created_by = ?19, created_at = ?20, updated_at = ?21 WHERE id = ?1";
  sqlite3_stmt* raw = db_->Prepare(sql);
  if (!raw) return Status::Fail(db_->ErrorMessage());
  {
    Statement st(raw);
    st.Bind(1, a.id);
    st.Bind(2, a.seq);
    st.Bind(3, a.revision);
    st.Bind(4, a.title);
    st.Bind(5, a.description);
    st.Bind(6, a.place);
    st.Bind(7, a.eligibility);
    st.Bind(8, a.start);
    st.Bind(9, a.duration);
    st.Bind(10, std::int64_t{a.all_day ? 1 : 0});
    st.Bind(11, a.rrule);
    st.Bind(12, ExdatesJson(a.exdates));
    st.Bind(13, std::int64_t{a.capacity});
    st.Bind(14, a.signup_closes_before);
    st.BindOpt(15, a.cancelled_at);
    st.Bind(16, a.cancel_reason);
    st.Bind(17, a.feed_body);
    st.Bind(18, a.expanded_from);
    st.Bind(19, a.created_by);
    st.Bind(20, a.created_at);
    st.Bind(21, a.updated_at);
    if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  }
  // Organisers: replaced as a set.
  sqlite3_stmt* del = db_->Prepare("DELETE FROM activity_organisers WHERE activity_id = ?1");
  if (!del) return Status::Fail(db_->ErrorMessage());
  {
    Statement st(del);
    st.Bind(1, a.id);
    if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  }
  sqlite3_stmt* ins =
      db_->Prepare("INSERT OR IGNORE INTO activity_organisers (activity_id, party) VALUES (?1, ?2)");
  if (!ins) return Status::Fail(db_->ErrorMessage());
  for (protocol::Publisher p : a.organisers) {
    Statement st(ins);
    st.Bind(1, a.id);
    st.Bind(2, protocol::PublisherCode(p));
    if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  }
  return OkStatus();
}

// ---- Activities ----

WriteResult<ActivityRecord> SqliteActivityRepository::InsertActivity(const ActivityRecord& activity) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<ActivityRecord>(*db_);
  auto existing = FindActivityLocked(activity.id);
  if (!existing) return WriteFail<ActivityRecord>(WriteError::Storage, existing.error());
  if (*existing)
    return WriteFail<ActivityRecord>(WriteError::Duplicate, "an activity with id " + activity.id + " exists");
  auto seq = NextSeqLocked();
  if (!seq) return WriteFail<ActivityRecord>(WriteError::Storage, seq.error());
  ActivityRecord rec = activity;
  rec.seq = *seq;
  rec.revision = 1;
  rec.deleted_at.reset();
  if (auto s = WriteActivityLocked(rec, true); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  std::sort(rec.organisers.begin(), rec.organisers.end());
  return WriteOk(std::move(rec));
}

WriteResult<ActivityRecord> SqliteActivityRepository::UpdateActivity(const ActivityRecord& activity,
                                                                     std::int64_t expected_revision) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<ActivityRecord>(*db_);
  auto existing = FindActivityLocked(activity.id);
  if (!existing) return WriteFail<ActivityRecord>(WriteError::Storage, existing.error());
  if (!*existing || (*existing)->deleted_at)
    return WriteFail<ActivityRecord>(WriteError::NotFound, "no activity with id " + activity.id);
  if ((*existing)->revision != expected_revision)
    return WriteFail<ActivityRecord>(WriteError::Conflict,
                                     "activity " + activity.id + " changed meanwhile (revision " +
                                         std::to_string((*existing)->revision) + ")");
  auto seq = NextSeqLocked();
  if (!seq) return WriteFail<ActivityRecord>(WriteError::Storage, seq.error());
  ActivityRecord rec = activity;
  rec.seq = *seq;
  rec.revision = expected_revision + 1;
  rec.created_by = (*existing)->created_by;
  rec.created_at = (*existing)->created_at;
  if (auto s = WriteActivityLocked(rec, false); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  // More places may let waiting sign-ups in: every occurrence that has someone waiting is looked at.
  if (rec.capacity > (*existing)->capacity) {
    sqlite3_stmt* raw = db_->Prepare(
        "SELECT DISTINCT original_start FROM activity_signups WHERE activity_id = ?1 AND status = 'waitlisted'");
    if (!raw) return StorageFail<ActivityRecord>(*db_);
    std::vector<protocol::UnixSeconds> waiting;
    {
      Statement st(raw);
      st.Bind(1, rec.id);
      int rc;
      while ((rc = st.Step()) == SQLITE_ROW) waiting.push_back(st.Int(0));
      if (rc != SQLITE_DONE) return StorageFail<ActivityRecord>(*db_);
    }
    for (protocol::UnixSeconds o : waiting)
      if (auto s = PromoteLocked(rec.id, o, rec.updated_at); !s)
        return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  }
  if (auto s = tx.Commit(); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  std::sort(rec.organisers.begin(), rec.organisers.end());
  return WriteOk(std::move(rec));
}

WriteResult<ActivityRecord> SqliteActivityRepository::ChangeOccurrence(const OccurrenceChangeRecord& change,
                                                                       const std::string& feed_body,
                                                                       std::int64_t expected_revision,
                                                                       protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<ActivityRecord>(*db_);
  auto existing = FindActivityLocked(change.activity_id);
  if (!existing) return WriteFail<ActivityRecord>(WriteError::Storage, existing.error());
  if (!*existing || (*existing)->deleted_at)
    return WriteFail<ActivityRecord>(WriteError::NotFound, "no activity with id " + change.activity_id);
  if ((*existing)->revision != expected_revision)
    return WriteFail<ActivityRecord>(WriteError::Conflict,
                                     "activity " + change.activity_id + " changed meanwhile (revision " +
                                         std::to_string((*existing)->revision) + ")");
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO activity_occurrence_changes (activity_id, original_start, new_start, cancelled, reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (activity_id, original_start) DO UPDATE SET "
      "new_start = excluded.new_start, cancelled = excluded.cancelled, reason = excluded.reason");
  if (!raw) return StorageFail<ActivityRecord>(*db_);
  {
    Statement st(raw);
    st.Bind(1, change.activity_id);
    st.Bind(2, change.original_start);
    st.BindOpt(3, change.new_start);
    st.Bind(4, std::int64_t{change.cancelled ? 1 : 0});
    st.Bind(5, change.reason);
    if (st.Step() != SQLITE_DONE) return StorageFail<ActivityRecord>(*db_);
  }
  auto seq = NextSeqLocked();
  if (!seq) return WriteFail<ActivityRecord>(WriteError::Storage, seq.error());
  ActivityRecord rec = std::move(**existing);
  rec.seq = *seq;
  rec.revision = expected_revision + 1;
  rec.feed_body = feed_body;
  rec.updated_at = now;
  if (auto s = WriteActivityLocked(rec, false); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  return WriteOk(std::move(rec));
}

Result<std::optional<ActivityRecord>> SqliteActivityRepository::FindActivity(std::string_view id) {
  std::lock_guard lock(mutex_);
  return FindActivityLocked(id);
}

Result<std::vector<ActivityRecord>> SqliteActivityRepository::ListActivities(
    std::optional<protocol::Publisher> organiser) {
  using R = Result<std::vector<ActivityRecord>>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, false);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  sqlite3_stmt* raw =
      organiser ? db_->Prepare(SelectActivities(
                      "WHERE deleted_at IS NULL AND id IN (SELECT activity_id FROM activity_organisers WHERE "
                      "party = ?1) ORDER BY start_at, id"))
                : db_->Prepare(SelectActivities("WHERE deleted_at IS NULL ORDER BY start_at, id"));
  if (!raw) return R::Fail(db_->ErrorMessage());
  std::vector<ActivityRecord> out;
  {
    Statement st(raw);
    if (organiser) st.Bind(1, protocol::PublisherCode(*organiser));
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadActivityRow(st));
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  for (ActivityRecord& a : out)
    if (auto s = LoadOrganisersLocked(a); !s) return R::Fail(s.error());
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

Result<std::vector<OccurrenceChangeRecord>> SqliteActivityRepository::ListOccurrenceChanges(
    std::string_view activity_id) {
  using R = Result<std::vector<OccurrenceChangeRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT activity_id, original_start, new_start, cancelled, reason FROM activity_occurrence_changes "
      "WHERE activity_id = ?1 ORDER BY original_start");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, activity_id);
  std::vector<OccurrenceChangeRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW)
    out.push_back({st.Text(0), st.Int(1), st.OptInt(2), st.Int(3) != 0, st.Text(4)});
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

WriteResult<ActivityRecord> SqliteActivityRepository::RepublishActivity(std::string_view id,
                                                                        const std::string& feed_body,
                                                                        protocol::UnixSeconds expanded_from,
                                                                        std::int64_t expected_revision) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<ActivityRecord>(*db_);
  auto existing = FindActivityLocked(id);
  if (!existing) return WriteFail<ActivityRecord>(WriteError::Storage, existing.error());
  if (!*existing || (*existing)->deleted_at)
    return WriteFail<ActivityRecord>(WriteError::NotFound, "no activity with id " + std::string(id));
  if ((*existing)->revision != expected_revision)
    return WriteFail<ActivityRecord>(WriteError::Conflict, "activity " + std::string(id) + " changed meanwhile");
  // An unchanged body (an activity long over, or one whose next occurrences were already in the window)
  // keeps its seq: kiosks have nothing to fetch.
  auto seq = (*existing)->feed_body == feed_body ? Result<std::int64_t>::Ok((*existing)->seq) : NextSeqLocked();
  if (!seq) return WriteFail<ActivityRecord>(WriteError::Storage, seq.error());
  sqlite3_stmt* raw =
      db_->Prepare("UPDATE activities SET seq = ?2, feed_body = ?3, expanded_from = ?4 WHERE id = ?1");
  if (!raw) return StorageFail<ActivityRecord>(*db_);
  {
    Statement st(raw);
    st.Bind(1, id);
    st.Bind(2, *seq);
    st.Bind(3, feed_body);
    st.Bind(4, expanded_from);
    if (st.Step() != SQLITE_DONE) return StorageFail<ActivityRecord>(*db_);
  }
  if (auto s = tx.Commit(); !s) return WriteFail<ActivityRecord>(WriteError::Storage, s.error());
  ActivityRecord rec = std::move(**existing);
  rec.seq = *seq;
  rec.feed_body = feed_body;
  rec.expanded_from = expanded_from;
  return WriteOk(std::move(rec));
}

Result<std::vector<ActivityRecord>> SqliteActivityRepository::ListExpandedBefore(protocol::UnixSeconds before,
                                                                                 int limit) {
  using R = Result<std::vector<ActivityRecord>>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, false);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  sqlite3_stmt* raw = db_->Prepare(
      SelectActivities("WHERE deleted_at IS NULL AND expanded_from < ?1 ORDER BY expanded_from LIMIT ?2"));
  if (!raw) return R::Fail(db_->ErrorMessage());
  std::vector<ActivityRecord> out;
  {
    Statement st(raw);
    st.Bind(1, before);
    st.Bind(2, std::int64_t{limit});
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadActivityRow(st));
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  for (ActivityRecord& a : out)
    if (auto s = LoadOrganisersLocked(a); !s) return R::Fail(s.error());
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

// ---- Sign-ups ----

Result<std::optional<SignupRecord>> SqliteActivityRepository::FindSignupLocked(const char* where,
                                                                               std::string_view value) {
  using R = Result<std::optional<SignupRecord>>;
  sqlite3_stmt* raw = db_->Prepare(SelectSignups(where));
  if (!raw) return R::Fail(db_->ErrorMessage());
  SignupRecord s;
  {
    Statement st(raw);
    st.Bind(1, value);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
    if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    s = ReadSignupRow(st);
  }
  if (auto f = FillPositionLocked(s); !f) return R::Fail(f.error());
  return R::Ok(std::move(s));
}

Status SqliteActivityRepository::FillPositionLocked(SignupRecord& s) {
  s.waitlist_position = 0;
  if (s.state != protocol::SignupState::Waitlisted) return OkStatus();
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT COUNT(*) FROM activity_signups WHERE activity_id = ?1 AND original_start = ?2 "
      "AND status = 'waitlisted' AND id <= ?3");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, s.activity_id);
  st.Bind(2, s.original_start);
  st.Bind(3, s.id);
  if (st.Step() != SQLITE_ROW) return Status::Fail(db_->ErrorMessage());
  s.waitlist_position = static_cast<int>(st.Int(0));
  return OkStatus();
}

Result<OccurrenceCounts> SqliteActivityRepository::CountsLocked(std::string_view activity_id,
                                                                protocol::UnixSeconds occurrence) {
  using R = Result<OccurrenceCounts>;
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT status, SUM(people) FROM activity_signups WHERE activity_id = ?1 AND original_start = ?2 "
      "AND status IN ('confirmed', 'waitlisted') GROUP BY status");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, activity_id);
  st.Bind(2, occurrence);
  OccurrenceCounts c;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW)
    (st.Text(0) == "confirmed" ? c.confirmed : c.waitlisted) = static_cast<int>(st.Int(1));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(c);
}

Status SqliteActivityRepository::PromoteLocked(std::string_view activity_id, protocol::UnixSeconds occurrence,
                                               protocol::UnixSeconds now) {
  sqlite3_stmt* cap_raw = db_->Prepare("SELECT capacity FROM activities WHERE id = ?1");
  if (!cap_raw) return Status::Fail(db_->ErrorMessage());
  std::int64_t capacity = 0;
  {
    Statement st(cap_raw);
    st.Bind(1, activity_id);
    if (st.Step() != SQLITE_ROW) return OkStatus();  // no such activity: nobody can be let in
    capacity = st.Int(0);
  }
  auto counts = CountsLocked(activity_id, occurrence);
  if (!counts) return Status::Fail(counts.error());
  std::int64_t free = capacity - counts->confirmed;
  if (free <= 0) return OkStatus();
  sqlite3_stmt* wait_raw = db_->Prepare(
      "SELECT id, people FROM activity_signups WHERE activity_id = ?1 AND original_start = ?2 "
      "AND status = 'waitlisted' ORDER BY id");
  if (!wait_raw) return Status::Fail(db_->ErrorMessage());
  std::vector<std::int64_t> promote;
  {
    Statement st(wait_raw);
    st.Bind(1, activity_id);
    st.Bind(2, occurrence);
    int rc;
    while (free > 0 && (rc = st.Step()) == SQLITE_ROW) {
      if (st.Int(1) <= free) {
        promote.push_back(st.Int(0));
        free -= st.Int(1);
      }
    }
  }
  sqlite3_stmt* up = db_->Prepare("UPDATE activity_signups SET status = 'confirmed', decided_at = ?2 WHERE id = ?1");
  if (!up) return Status::Fail(db_->ErrorMessage());
  for (std::int64_t id : promote) {
    Statement st(up);
    st.Bind(1, id);
    st.Bind(2, now);
    if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  }
  return OkStatus();
}

WriteResult<SignupOutcome> SqliteActivityRepository::SubmitSignup(const protocol::SignupSubmission& sub,
                                                                  protocol::UnixSeconds now,
                                                                  const SignupDecider& decide) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<SignupOutcome>(*db_);
  auto known = FindSignupLocked("WHERE signup_uuid = ?1", sub.signup_uuid);
  if (!known) return WriteFail<SignupOutcome>(WriteError::Storage, known.error());
  if (*known) return WriteOk(SignupOutcome{std::move(**known), true});
  auto taken = FindSignupLocked("WHERE code = ?1", sub.code);
  if (!taken) return WriteFail<SignupOutcome>(WriteError::Storage, taken.error());
  if (*taken)
    return WriteFail<SignupOutcome>(WriteError::Duplicate, "code: already used by another sign-up");

  SignupContext context;
  auto activity = FindActivityLocked(sub.activity_id);
  if (!activity) return WriteFail<SignupOutcome>(WriteError::Storage, activity.error());
  if (*activity && !(*activity)->deleted_at) context.activity = std::move(**activity);
  auto counts = CountsLocked(sub.activity_id, sub.occurrence);
  if (!counts) return WriteFail<SignupOutcome>(WriteError::Storage, counts.error());
  context.counts = *counts;
  const SignupVerdict verdict = decide(context);

  SignupRecord rec;
  rec.signup_uuid = sub.signup_uuid;
  rec.code = sub.code;
  rec.activity_id = sub.activity_id;
  rec.original_start = sub.occurrence;
  rec.name = sub.name;
  rec.phone = sub.phone;
  rec.people = sub.people;
  rec.state = verdict.state;
  rec.refusal = verdict.state == protocol::SignupState::Refused ? verdict.refusal : protocol::SignupRefusal::None;
  rec.device_id = sub.device_id;
  rec.signed_up_at = sub.submitted_at;
  rec.received_at = now;
  rec.decided_at = now;
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO activity_signups (signup_uuid, code, activity_id, original_start, name, phone, people, status, "
      "refusal, device_id, signed_up_at, received_at, decided_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id");
  if (!raw) return StorageFail<SignupOutcome>(*db_);
  {
    Statement st(raw);
    st.Bind(1, rec.signup_uuid);
    st.Bind(2, rec.code);
    st.Bind(3, rec.activity_id);
    st.Bind(4, rec.original_start);
    st.Bind(5, rec.name);
    st.Bind(6, rec.phone);
    st.Bind(7, std::int64_t{rec.people});
    st.Bind(8, protocol::SignupStateCode(rec.state));
    st.Bind(9, protocol::SignupRefusalCode(rec.refusal));
    st.BindOpt(10, rec.device_id.empty() ? std::nullopt : std::optional<std::string>(rec.device_id));
    st.Bind(11, rec.signed_up_at);
    st.Bind(12, rec.received_at);
    st.Bind(13, rec.decided_at);
    if (st.Step() != SQLITE_ROW) return StorageFail<SignupOutcome>(*db_);
    rec.id = st.Int(0);
    st.Step();
  }
  if (rec.state == protocol::SignupState::Confirmed || rec.state == protocol::SignupState::Waitlisted) {
    if (auto s = TouchSeqLocked(rec.activity_id); !s) return WriteFail<SignupOutcome>(WriteError::Storage, s.error());
  }
  if (auto s = FillPositionLocked(rec); !s) return WriteFail<SignupOutcome>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<SignupOutcome>(WriteError::Storage, s.error());
  return WriteOk(SignupOutcome{std::move(rec), false});
}

WriteResult<SignupRecord> SqliteActivityRepository::SignupToChangeLocked(std::string_view code) {
  auto found = FindSignupLocked("WHERE code = ?1", code);
  if (!found) return WriteFail<SignupRecord>(WriteError::Storage, found.error());
  if (!*found) return WriteFail<SignupRecord>(WriteError::NotFound, "code: no such sign-up");
  return WriteOk(std::move(**found));
}

Result<std::optional<SignupRecord>> SqliteActivityRepository::FindSignupByCode(std::string_view code) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, false);  // the row and its position from one snapshot
  if (!tx.begun()) return Result<std::optional<SignupRecord>>::Fail(db_->ErrorMessage());
  return FindSignupLocked("WHERE code = ?1", code);
}

Result<std::vector<SignupRecord>> SqliteActivityRepository::FindSignupsByCodes(const std::vector<std::string>& codes,
                                                                               std::string_view device_id) {
  using R = Result<std::vector<SignupRecord>>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, false);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  std::vector<SignupRecord> out;
  for (const std::string& code : codes) {
    auto s = FindSignupLocked("WHERE code = ?1", code);
    if (!s) return R::Fail(s.error());
    if (*s && (*s)->device_id == device_id) out.push_back(std::move(**s));
  }
  return R::Ok(std::move(out));
}

WriteResult<SignupRecord> SqliteActivityRepository::CancelSignup(std::string_view code, std::string_view reason,
                                                                 protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<SignupRecord>(*db_);
  auto found = SignupToChangeLocked(code);
  if (!found.ok()) return found;
  SignupRecord rec = std::move(*found.value);
  if (rec.state != protocol::SignupState::Confirmed && rec.state != protocol::SignupState::Waitlisted)
    return WriteOk(std::move(rec));
  const bool had_place = rec.state == protocol::SignupState::Confirmed;
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE activity_signups SET status = 'cancelled', reason = ?2, decided_at = ?3 WHERE id = ?1");
  if (!raw) return StorageFail<SignupRecord>(*db_);
  {
    Statement st(raw);
    st.Bind(1, rec.id);
    st.Bind(2, reason);
    st.Bind(3, now);
    if (st.Step() != SQLITE_DONE) return StorageFail<SignupRecord>(*db_);
  }
  if (had_place)
    if (auto s = PromoteLocked(rec.activity_id, rec.original_start, now); !s)
      return WriteFail<SignupRecord>(WriteError::Storage, s.error());
  if (auto s = TouchSeqLocked(rec.activity_id); !s) return WriteFail<SignupRecord>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<SignupRecord>(WriteError::Storage, s.error());
  rec.state = protocol::SignupState::Cancelled;
  rec.waitlist_position = 0;
  rec.reason = std::string(reason);
  rec.decided_at = now;
  return WriteOk(std::move(rec));
}

WriteResult<SignupRecord> SqliteActivityRepository::PromoteSignup(std::string_view code, std::string_view reason,
                                                                  protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<SignupRecord>(*db_);
  auto found = SignupToChangeLocked(code);
  if (!found.ok()) return found;
  SignupRecord rec = std::move(*found.value);
  if (rec.state != protocol::SignupState::Waitlisted) {
    auto r = WriteFail<SignupRecord>(WriteError::Refused, "sign-up " + rec.code + " is not on the wait-list");
    r.code = "signup.not_waiting";
    return r;
  }
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE activity_signups SET status = 'confirmed', reason = ?2, decided_at = ?3 WHERE id = ?1");
  if (!raw) return StorageFail<SignupRecord>(*db_);
  {
    Statement st(raw);
    st.Bind(1, rec.id);
    st.Bind(2, reason);
    st.Bind(3, now);
    if (st.Step() != SQLITE_DONE) return StorageFail<SignupRecord>(*db_);
  }
  if (auto s = TouchSeqLocked(rec.activity_id); !s) return WriteFail<SignupRecord>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<SignupRecord>(WriteError::Storage, s.error());
  rec.state = protocol::SignupState::Confirmed;
  rec.waitlist_position = 0;
  rec.reason = std::string(reason);
  rec.decided_at = now;
  return WriteOk(std::move(rec));
}

WriteResult<SignupRecord> SqliteActivityRepository::SetAttendance(std::string_view code,
                                                                  std::optional<bool> attended) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return StorageFail<SignupRecord>(*db_);
  auto found = SignupToChangeLocked(code);
  if (!found.ok()) return found;
  SignupRecord rec = std::move(*found.value);
  if (rec.state != protocol::SignupState::Confirmed) {
    auto r = WriteFail<SignupRecord>(WriteError::Refused, "sign-up " + rec.code + " holds no place");
    r.code = "signup.not_confirmed";
    return r;
  }
  sqlite3_stmt* raw = db_->Prepare("UPDATE activity_signups SET attended = ?2 WHERE id = ?1");
  if (!raw) return StorageFail<SignupRecord>(*db_);
  {
    Statement st(raw);
    st.Bind(1, rec.id);
    st.BindOpt(2, attended ? std::optional<std::int64_t>(*attended ? 1 : 0) : std::nullopt);
    if (st.Step() != SQLITE_DONE) return StorageFail<SignupRecord>(*db_);
  }
  if (auto s = tx.Commit(); !s) return WriteFail<SignupRecord>(WriteError::Storage, s.error());
  rec.attended = attended;
  return WriteOk(std::move(rec));
}

Result<std::map<protocol::UnixSeconds, OccurrenceCounts>> SqliteActivityRepository::CountSignups(
    std::string_view activity_id) {
  using R = Result<std::map<protocol::UnixSeconds, OccurrenceCounts>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT original_start, status, SUM(people) FROM activity_signups"
      " WHERE activity_id = ?1 AND status IN ('confirmed', 'waitlisted') GROUP BY original_start, status");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, activity_id);
  std::map<protocol::UnixSeconds, OccurrenceCounts> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    OccurrenceCounts& c = out[st.Int(0)];
    (st.Text(1) == "confirmed" ? c.confirmed : c.waitlisted) = static_cast<int>(st.Int(2));
  }
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

Result<std::vector<SignupRecord>> SqliteActivityRepository::ListSignups(
    std::string_view activity_id, std::optional<protocol::UnixSeconds> occurrence) {
  using R = Result<std::vector<SignupRecord>>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, false);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  sqlite3_stmt* raw = db_->Prepare(SelectSignups(
      "WHERE activity_id = ?1 AND (?2 IS NULL OR original_start = ?2) ORDER BY original_start, id"));
  if (!raw) return R::Fail(db_->ErrorMessage());
  std::vector<SignupRecord> out;
  {
    Statement st(raw);
    st.Bind(1, activity_id);
    st.BindOpt(2, occurrence);
    int rc;
    // Positions counted as we go: rows come by occurrence, then arrival.
    std::map<protocol::UnixSeconds, int> waiting;
    while ((rc = st.Step()) == SQLITE_ROW) {
      SignupRecord s = ReadSignupRow(st);
      if (s.state == protocol::SignupState::Waitlisted) s.waitlist_position = ++waiting[s.original_start];
      out.push_back(std::move(s));
    }
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

}  // namespace ck::hub

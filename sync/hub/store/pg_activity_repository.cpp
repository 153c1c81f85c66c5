// PgActivityRepository: activities, their occurrence changes and sign-ups in PostgreSQL.
#include "sync/hub/store/pg_activity_repository.h"

#include <algorithm>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "sync/hub/store/pg_migrations.h"
#include "sync/hub/store/pg_request_rows.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;

constexpr const char* kActivitySelect =
    "SELECT id, seq, revision, title, description, place, eligibility, start_at, duration, all_day, rrule, "
    "exdates::text, capacity, signup_closes_before, cancelled_at, cancel_reason, deleted_at, feed_body, "
    "expanded_from, created_by, created_at, updated_at FROM activities ";

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

ActivityRecord ReadActivityRow(const Rows& st, int i) {
  ActivityRecord a;
  a.id = st.Text(i, 0);
  a.seq = st.Int(i, 1);
  a.revision = st.Int(i, 2);
  a.title = st.Text(i, 3);
  a.description = st.Text(i, 4);
  a.place = st.Text(i, 5);
  a.eligibility = st.Text(i, 6);
  a.start = st.Int(i, 7);
  a.duration = st.Int(i, 8);
  a.all_day = st.Bool(i, 9);
  a.rrule = st.Text(i, 10);
  a.exdates = ParseExdates(st.Text(i, 11));
  a.capacity = static_cast<int>(st.Int(i, 12));
  a.signup_closes_before = st.Int(i, 13);
  a.cancelled_at = st.OptInt(i, 14);
  a.cancel_reason = st.Text(i, 15);
  a.deleted_at = st.OptInt(i, 16);
  a.feed_body = st.Text(i, 17);
  a.expanded_from = st.Int(i, 18);
  a.created_by = st.Text(i, 19);
  a.created_at = st.Int(i, 20);
  a.updated_at = st.Int(i, 21);
  return a;
}

constexpr const char* kSignupSelect =
    "SELECT id, signup_uuid, code, activity_id, original_start, name, phone, people, status, refusal, "
    "reason, "
    "device_id, signed_up_at, received_at, decided_at, attended FROM activity_signups ";

SignupRecord ReadSignupRow(const Rows& st, int i) {
  SignupRecord s;
  s.id = st.Int(i, 0);
  s.signup_uuid = st.Text(i, 1);
  s.code = st.Text(i, 2);
  s.activity_id = st.Text(i, 3);
  s.original_start = st.Int(i, 4);
  s.name = st.Text(i, 5);
  s.phone = st.Text(i, 6);
  s.people = static_cast<int>(st.Int(i, 7));
  s.state = protocol::ParseSignupState(st.Text(i, 8)).value_or(protocol::SignupState::Refused);
  s.refusal = protocol::ParseSignupRefusal(st.Text(i, 9)).value_or(protocol::SignupRefusal::None);
  s.reason = st.Text(i, 10);
  s.device_id = st.Text(i, 11);
  s.signed_up_at = st.Int(i, 12);
  s.received_at = st.Int(i, 13);
  s.decided_at = st.Int(i, 14);
  s.attended = st.OptBool(i, 15);
  return s;
}

template <typename T>
WriteResult<T> StorageFail(std::string message) {
  return WriteFail<T>(WriteError::Storage, std::move(message));
}

// ---- Helpers: on the caller's connection, writes inside its transaction ----

// Every write here starts with this: the counter row first, then the activity's rows (one lock order for
// every feed writer), and sign-ups of any activity decided one at a time.
Status LockCounter(pg::Connection& db) {
  Rows r = db.Exec("SELECT last_seq FROM change_sequence WHERE id = 1 FOR UPDATE");
  if (!r.ok() || r.size() != 1) return Status::Fail("change sequence: " + r.error());
  return OkStatus();
}

Result<std::int64_t> NextSeq(pg::Connection& db) {
  Rows r = db.Exec("UPDATE change_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq");
  if (!r.ok() || r.size() != 1) return Result<std::int64_t>::Fail("change sequence: " + r.error());
  return Result<std::int64_t>::Ok(r.Int(0, 0));
}

Status TouchSeq(pg::Connection& db, std::string_view activity_id) {
  auto seq = NextSeq(db);
  if (!seq) return Status::Fail(seq.error());
  Rows r = db.Exec("UPDATE activities SET seq = $2 WHERE id = $1", Params().Add(activity_id).Add(*seq));
  if (!r.ok()) return Status::Fail(r.error());
  return OkStatus();
}

// Organisers in enum order (street office first), whatever order they were written in; one query for all.
Status LoadOrganisers(pg::Connection& db, std::vector<ActivityRecord>& activities) {
  if (activities.empty()) return OkStatus();
  std::vector<std::string> ids;
  std::map<std::string, ActivityRecord*> by_id;
  for (ActivityRecord& a : activities) {
    a.organisers.clear();
    ids.push_back(a.id);
    by_id[a.id] = &a;
  }
  Rows r = db.Exec("SELECT activity_id, party FROM activity_organisers WHERE activity_id = ANY($1::text[])",
                   Params().Add(pg_rows::TextArray(ids)));
  if (!r.ok()) return Status::Fail(r.error());
  for (int i = 0; i < r.size(); ++i)
    if (auto p = protocol::ParsePublisher(r.Text(i, 1))) by_id[r.Text(i, 0)]->organisers.push_back(*p);
  for (ActivityRecord& a : activities) std::sort(a.organisers.begin(), a.organisers.end());
  return OkStatus();
}

Result<std::vector<ActivityRecord>> SelectActivities(pg::Connection& db, const std::string& rest,
                                                     const Params& p) {
  using R = Result<std::vector<ActivityRecord>>;
  Rows r = db.Exec(kActivitySelect + rest, p);
  if (r.matches_nothing()) return R::Ok({});
  if (!r.ok()) return R::Fail(r.error());
  std::vector<ActivityRecord> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadActivityRow(r, i));
  if (auto s = LoadOrganisers(db, out); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

Result<std::optional<ActivityRecord>> FindActivityRow(pg::Connection& db, std::string_view id) {
  using R = Result<std::optional<ActivityRecord>>;
  auto found = SelectActivities(db, "WHERE id = $1", Params().Add(id));
  if (!found) return R::Fail(found.error());
  if (found->empty()) return R::Ok(std::nullopt);
  return R::Ok(std::move(found->front()));
}

Status WriteActivity(pg::Connection& db, const ActivityRecord& a, bool insert) {
  const char* sql =
      insert
          ? "INSERT INTO activities (id, seq, revision, title, description, place, eligibility, start_at, "
            "duration, all_day, rrule, exdates, capacity, signup_closes_before, cancelled_at, cancel_reason, "
            "deleted_at, feed_body, expanded_from, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
            "$4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, NULL, $17, $18, $19, $20, $21)"
          : "UPDATE activities SET seq = $2, revision = $3, title = $4, description = $5, place = $6, "
            "eligibility = $7, start_at = $8, duration = $9, all_day = $10, rrule = $11, exdates = "
            "$12::jsonb, "
            "capacity = $13, signup_closes_before = $14, cancelled_at = $15, cancel_reason = $16, "
            "feed_body = $17, expanded_from = $18, created_by = $19, created_at = $20, updated_at = $21 "
            "WHERE id = $1";
  Rows r = db.Exec(sql, Params()
                            .Add(a.id)
                            .Add(a.seq)
                            .Add(a.revision)
                            .Add(a.title)
                            .Add(a.description)
                            .Add(a.place)
                            .Add(a.eligibility)
                            .Add(a.start)
                            .Add(a.duration)
                            .Add(a.all_day)
                            .Add(a.rrule)
                            .Add(ExdatesJson(a.exdates))
                            .Add(a.capacity)
                            .Add(a.signup_closes_before)
                            .AddOpt(a.cancelled_at)
                            .Add(a.cancel_reason)
                            .Add(a.feed_body)
                            .Add(a.expanded_from)
                            .Add(a.created_by)
                            .Add(a.created_at)
                            .Add(a.updated_at));
  if (!r.ok()) return Status::Fail(r.error());
  // Organisers: replaced as a set.
  Rows del = db.Exec("DELETE FROM activity_organisers WHERE activity_id = $1", Params().Add(a.id));
  if (!del.ok()) return Status::Fail(del.error());
  for (protocol::Publisher p : a.organisers) {
    Rows ins =
        db.Exec("INSERT INTO activity_organisers (activity_id, party) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                Params().Add(a.id).Add(protocol::PublisherCode(p)));
    if (!ins.ok()) return Status::Fail(ins.error());
  }
  return OkStatus();
}

Status FillPosition(pg::Connection& db, SignupRecord& s) {
  s.waitlist_position = 0;
  if (s.state != protocol::SignupState::Waitlisted) return OkStatus();
  Rows r = db.Exec(
      "SELECT COUNT(*) FROM activity_signups WHERE activity_id = $1 AND original_start = $2 "
      "AND status = 'waitlisted' AND id <= $3",
      Params().Add(s.activity_id).Add(s.original_start).Add(s.id));
  if (!r.ok() || r.size() != 1) return Status::Fail(r.error());
  s.waitlist_position = static_cast<int>(r.Int(0, 0));
  return OkStatus();
}

// column: "code" or "signup_uuid".
Result<std::optional<SignupRecord>> FindSignup(pg::Connection& db, const char* column, std::string_view value,
                                               bool for_update = false) {
  using R = Result<std::optional<SignupRecord>>;
  Rows r =
      db.Exec(std::string(kSignupSelect) + "WHERE " + column + " = $1" + (for_update ? " FOR UPDATE" : ""),
              Params().Add(value));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  SignupRecord s = ReadSignupRow(r, 0);
  if (auto f = FillPosition(db, s); !f) return R::Fail(f.error());
  return R::Ok(std::move(s));
}

Result<OccurrenceCounts> Counts(pg::Connection& db, std::string_view activity_id,
                                protocol::UnixSeconds occurrence) {
  using R = Result<OccurrenceCounts>;
  Rows r = db.Exec(
      "SELECT status, SUM(people) FROM activity_signups WHERE activity_id = $1 AND original_start = $2 "
      "AND status IN ('confirmed', 'waitlisted') GROUP BY status",
      Params().Add(activity_id).Add(occurrence));
  if (!r.ok()) return R::Fail(r.error());
  OccurrenceCounts c;
  for (int i = 0; i < r.size(); ++i)
    (r.Text(i, 0) == "confirmed" ? c.confirmed : c.waitlisted) = static_cast<int>(r.Int(i, 1));
  return R::Ok(c);
}

// Lets in the waiting sign-ups that now fit, in order of arrival (one that does not fit keeps its place).
Status Promote(pg::Connection& db, std::string_view activity_id, protocol::UnixSeconds occurrence,
               protocol::UnixSeconds now) {
  Rows cap = db.Exec("SELECT capacity FROM activities WHERE id = $1", Params().Add(activity_id));
  if (!cap.ok()) return Status::Fail(cap.error());
  if (cap.size() == 0) return OkStatus();  // no such activity: nobody can be let in
  auto counts = Counts(db, activity_id, occurrence);
  if (!counts) return Status::Fail(counts.error());
  std::int64_t free = cap.Int(0, 0) - counts->confirmed;
  if (free <= 0) return OkStatus();
  Rows waiting = db.Exec(
      "SELECT id, people FROM activity_signups WHERE activity_id = $1 AND original_start = $2 "
      "AND status = 'waitlisted' ORDER BY id",
      Params().Add(activity_id).Add(occurrence));
  if (!waiting.ok()) return Status::Fail(waiting.error());
  for (int i = 0; i < waiting.size() && free > 0; ++i) {
    if (waiting.Int(i, 1) > free) continue;
    free -= waiting.Int(i, 1);
    Rows up = db.Exec("UPDATE activity_signups SET status = 'confirmed', decided_at = $2 WHERE id = $1",
                      Params().Add(waiting.Int(i, 0)).Add(now));
    if (!up.ok()) return Status::Fail(up.error());
  }
  return OkStatus();
}

// The live activity `id` locked for an edit, or the refusal to give (NotFound, Conflict).
WriteResult<ActivityRecord> ActivityToEdit(pg::Connection& db, const std::string& id,
                                           std::int64_t expected_revision) {
  auto existing = FindActivityRow(db, id);
  if (!existing) return StorageFail<ActivityRecord>(existing.error());
  if (!*existing || (*existing)->deleted_at)
    return WriteFail<ActivityRecord>(WriteError::NotFound, "no activity with id " + id);
  if ((*existing)->revision != expected_revision)
    return WriteFail<ActivityRecord>(
        WriteError::Conflict,
        "activity " + id + " changed meanwhile (revision " + std::to_string((*existing)->revision) + ")");
  return WriteOk(std::move(**existing));
}

}  // namespace

Result<std::unique_ptr<PgActivityRepository>> PgActivityRepository::Open(const std::string& conninfo,
                                                                         int connections) {
  using R = Result<std::unique_ptr<PgActivityRepository>>;
  auto conn = pg::Connection::Open(conninfo);
  if (!conn) return R::Fail(conn.error());
  if (auto s = pg::Migrate(**conn); !s) return R::Fail("PostgreSQL: " + s.error());
  auto pool = std::make_unique<pg::Pool>(conninfo, std::move(conn).value(), connections);
  return R::Ok(std::unique_ptr<PgActivityRepository>(new PgActivityRepository(std::move(pool))));
}

// ---- Activities ----

WriteResult<ActivityRecord> PgActivityRepository::InsertActivity(const ActivityRecord& activity) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<ActivityRecord>(db.error());
  WriteResult<ActivityRecord> out;
  auto tx = pg::Transact(*db, [&] {
    auto seq = NextSeq(*db);  // the counter first
    if (!seq) return out = StorageFail<ActivityRecord>(seq.error()), false;
    Rows exists = db->Exec("SELECT 1 FROM activities WHERE id = $1", Params().Add(activity.id));
    if (!exists.ok()) return out = StorageFail<ActivityRecord>(exists.error()), false;
    if (exists.size() > 0)
      return out = WriteFail<ActivityRecord>(WriteError::Duplicate,
                                             "an activity with id " + activity.id + " exists"),
             false;
    ActivityRecord rec = activity;
    rec.seq = *seq;
    rec.revision = 1;
    rec.deleted_at.reset();
    if (auto s = WriteActivity(*db, rec, true); !s)
      return out = StorageFail<ActivityRecord>(s.error()), false;
    std::sort(rec.organisers.begin(), rec.organisers.end());
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<ActivityRecord>(tx.error());
  return out;
}

WriteResult<ActivityRecord> PgActivityRepository::UpdateActivity(const ActivityRecord& activity,
                                                                 std::int64_t expected_revision) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<ActivityRecord>(db.error());
  WriteResult<ActivityRecord> out;
  auto tx = pg::Transact(*db, [&] {
    auto seq = NextSeq(*db);
    if (!seq) return out = StorageFail<ActivityRecord>(seq.error()), false;
    auto existing = ActivityToEdit(*db, activity.id, expected_revision);
    if (!existing.ok()) return out = std::move(existing), false;
    ActivityRecord rec = activity;
    rec.seq = *seq;
    rec.revision = expected_revision + 1;
    rec.created_by = existing.value->created_by;
    rec.created_at = existing.value->created_at;
    if (auto s = WriteActivity(*db, rec, false); !s)
      return out = StorageFail<ActivityRecord>(s.error()), false;
    // More places may let waiting sign-ups in: every occurrence that has someone waiting is looked at.
    if (rec.capacity > existing.value->capacity) {
      Rows waiting = db->Exec(
          "SELECT DISTINCT original_start FROM activity_signups WHERE activity_id = $1 AND status = "
          "'waitlisted'",
          Params().Add(rec.id));
      if (!waiting.ok()) return out = StorageFail<ActivityRecord>(waiting.error()), false;
      for (int i = 0; i < waiting.size(); ++i)
        if (auto s = Promote(*db, rec.id, waiting.Int(i, 0), rec.updated_at); !s)
          return out = StorageFail<ActivityRecord>(s.error()), false;
    }
    std::sort(rec.organisers.begin(), rec.organisers.end());
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<ActivityRecord>(tx.error());
  return out;
}

WriteResult<ActivityRecord> PgActivityRepository::ChangeOccurrence(const OccurrenceChangeRecord& change,
                                                                   const std::string& feed_body,
                                                                   std::int64_t expected_revision,
                                                                   protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<ActivityRecord>(db.error());
  WriteResult<ActivityRecord> out;
  auto tx = pg::Transact(*db, [&] {
    auto seq = NextSeq(*db);
    if (!seq) return out = StorageFail<ActivityRecord>(seq.error()), false;
    auto existing = ActivityToEdit(*db, change.activity_id, expected_revision);
    if (!existing.ok()) return out = std::move(existing), false;
    Rows up = db->Exec(
        "INSERT INTO activity_occurrence_changes (activity_id, original_start, new_start, cancelled, reason) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (activity_id, original_start) DO UPDATE SET "
        "new_start = excluded.new_start, cancelled = excluded.cancelled, reason = excluded.reason",
        Params()
            .Add(change.activity_id)
            .Add(change.original_start)
            .AddOpt(change.new_start)
            .Add(change.cancelled)
            .Add(change.reason));
    if (!up.ok()) return out = StorageFail<ActivityRecord>(up.error()), false;
    ActivityRecord rec = std::move(*existing.value);
    rec.seq = *seq;
    rec.revision = expected_revision + 1;
    rec.feed_body = feed_body;
    rec.updated_at = now;
    if (auto s = WriteActivity(*db, rec, false); !s)
      return out = StorageFail<ActivityRecord>(s.error()), false;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<ActivityRecord>(tx.error());
  return out;
}

Result<std::optional<ActivityRecord>> PgActivityRepository::FindActivity(std::string_view id) {
  using R = Result<std::optional<ActivityRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Result<std::optional<ActivityRecord>> out = R::Fail("");
  auto tx = pg::Transact(
      *db, [&] { return (out = FindActivityRow(*db, id)).ok(); }, /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  return out;
}

Result<std::vector<ActivityRecord>> PgActivityRepository::ListActivities(
    std::optional<protocol::Publisher> organiser) {
  using R = Result<std::vector<ActivityRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  R out = R::Fail("");
  auto tx = pg::Transact(
      *db,
      [&] {
        out = organiser ? SelectActivities(
                              *db,
                              "WHERE deleted_at IS NULL AND id IN (SELECT activity_id FROM "
                              "activity_organisers WHERE party = $1) ORDER BY start_at, id COLLATE \"C\"",
                              Params().Add(protocol::PublisherCode(*organiser)))
                        : SelectActivities(
                              *db, "WHERE deleted_at IS NULL ORDER BY start_at, id COLLATE \"C\"", Params());
        return out.ok();
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  return out;
}

Result<std::vector<OccurrenceChangeRecord>> PgActivityRepository::ListOccurrenceChanges(
    std::string_view activity_id) {
  using R = Result<std::vector<OccurrenceChangeRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "SELECT activity_id, original_start, new_start, cancelled, reason FROM activity_occurrence_changes "
      "WHERE activity_id = $1 ORDER BY original_start",
      Params().Add(activity_id));
  if (!r.ok()) return R::Fail(r.error());
  std::vector<OccurrenceChangeRecord> out;
  for (int i = 0; i < r.size(); ++i)
    out.push_back({r.Text(i, 0), r.Int(i, 1), r.OptInt(i, 2), r.Bool(i, 3), r.Text(i, 4)});
  return R::Ok(std::move(out));
}

WriteResult<ActivityRecord> PgActivityRepository::RepublishActivity(std::string_view id,
                                                                    const std::string& feed_body,
                                                                    protocol::UnixSeconds expanded_from,
                                                                    std::int64_t expected_revision) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<ActivityRecord>(db.error());
  WriteResult<ActivityRecord> out;
  auto tx = pg::Transact(*db, [&] {
    if (auto s = LockCounter(*db); !s) return out = StorageFail<ActivityRecord>(s.error()), false;
    auto existing = ActivityToEdit(*db, std::string(id), expected_revision);
    if (!existing.ok()) return out = std::move(existing), false;
    // An unchanged body keeps its seq: kiosks have nothing to fetch.
    auto seq =
        existing.value->feed_body == feed_body ? Result<std::int64_t>::Ok(existing.value->seq) : NextSeq(*db);
    if (!seq) return out = StorageFail<ActivityRecord>(seq.error()), false;
    Rows up = db->Exec("UPDATE activities SET seq = $2, feed_body = $3, expanded_from = $4 WHERE id = $1",
                       Params().Add(id).Add(*seq).Add(feed_body).Add(expanded_from));
    if (!up.ok()) return out = StorageFail<ActivityRecord>(up.error()), false;
    ActivityRecord rec = std::move(*existing.value);
    rec.seq = *seq;
    rec.feed_body = feed_body;
    rec.expanded_from = expanded_from;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<ActivityRecord>(tx.error());
  return out;
}

Result<std::vector<ActivityRecord>> PgActivityRepository::ListExpandedBefore(protocol::UnixSeconds before,
                                                                             int limit) {
  using R = Result<std::vector<ActivityRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  R out = R::Fail("");
  auto tx = pg::Transact(
      *db,
      [&] {
        out = SelectActivities(
            *db, "WHERE deleted_at IS NULL AND expanded_from < $1 ORDER BY expanded_from LIMIT $2",
            Params().Add(before).Add(limit));
        return out.ok();
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  return out;
}

// ---- Sign-ups ----

WriteResult<SignupOutcome> PgActivityRepository::SubmitSignup(const protocol::SignupSubmission& sub,
                                                              protocol::UnixSeconds now,
                                                              const SignupDecider& decide) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<SignupOutcome>(db.error());
  WriteResult<SignupOutcome> out;
  auto tx = pg::Transact(*db, [&] {
    // Sign-ups queue on the counter: the uuid and code checks, the counts and the insert see every
    // sign-up committed before, so an occurrence is never over-booked by two processes at once.
    if (auto s = LockCounter(*db); !s) return out = StorageFail<SignupOutcome>(s.error()), false;
    auto known = FindSignup(*db, "signup_uuid", sub.signup_uuid);
    if (!known) return out = StorageFail<SignupOutcome>(known.error()), false;
    if (*known) return out = WriteOk(SignupOutcome{std::move(**known), true}), false;
    auto taken = FindSignup(*db, "code", sub.code);
    if (!taken) return out = StorageFail<SignupOutcome>(taken.error()), false;
    if (*taken)
      return out = WriteFail<SignupOutcome>(WriteError::Duplicate, "code: already used by another sign-up"),
             false;

    SignupContext context;
    auto activity = FindActivityRow(*db, sub.activity_id);
    if (!activity) return out = StorageFail<SignupOutcome>(activity.error()), false;
    if (*activity && !(*activity)->deleted_at) context.activity = std::move(**activity);
    auto counts = Counts(*db, sub.activity_id, sub.occurrence);
    if (!counts) return out = StorageFail<SignupOutcome>(counts.error()), false;
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
    rec.refusal =
        verdict.state == protocol::SignupState::Refused ? verdict.refusal : protocol::SignupRefusal::None;
    rec.device_id = sub.device_id;
    rec.signed_up_at = sub.submitted_at;
    rec.received_at = now;
    rec.decided_at = now;
    Rows ins = db->Exec(
        "INSERT INTO activity_signups (signup_uuid, code, activity_id, original_start, name, phone, people, "
        "status, "
        "refusal, device_id, signed_up_at, received_at, decided_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        Params()
            .Add(rec.signup_uuid)
            .Add(rec.code)
            .Add(rec.activity_id)
            .Add(rec.original_start)
            .Add(rec.name)
            .Add(rec.phone)
            .Add(rec.people)
            .Add(protocol::SignupStateCode(rec.state))
            .Add(protocol::SignupRefusalCode(rec.refusal))
            .AddOpt(rec.device_id.empty() ? std::nullopt : std::optional<std::string>(rec.device_id))
            .Add(rec.signed_up_at)
            .Add(rec.received_at)
            .Add(rec.decided_at));
    if (!ins.ok() || ins.size() != 1) return out = StorageFail<SignupOutcome>(ins.error()), false;
    rec.id = ins.Int(0, 0);
    if (rec.state == protocol::SignupState::Confirmed || rec.state == protocol::SignupState::Waitlisted)
      if (auto s = TouchSeq(*db, rec.activity_id); !s)
        return out = StorageFail<SignupOutcome>(s.error()), false;
    if (auto s = FillPosition(*db, rec); !s) return out = StorageFail<SignupOutcome>(s.error()), false;
    out = WriteOk(SignupOutcome{std::move(rec), false});
    return true;
  });
  if (!tx) return StorageFail<SignupOutcome>(tx.error());
  return out;
}

Result<std::optional<SignupRecord>> PgActivityRepository::FindSignupByCode(std::string_view code) {
  using R = Result<std::optional<SignupRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  R out = R::Fail("");
  // The row and its position from one snapshot.
  auto tx = pg::Transact(
      *db, [&] { return (out = FindSignup(*db, "code", code)).ok(); }, /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  return out;
}

Result<std::vector<SignupRecord>> PgActivityRepository::FindSignupsByCodes(
    const std::vector<std::string>& codes, std::string_view device_id) {
  using R = Result<std::vector<SignupRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  std::vector<SignupRecord> out;
  std::string failure;
  auto tx = pg::Transact(
      *db,
      [&] {
        out.clear();
        for (const std::string& code : codes) {
          auto s = FindSignup(*db, "code", code);
          if (!s) return failure = s.error(), false;
          if (*s && (*s)->device_id == device_id) out.push_back(std::move(**s));
        }
        return true;
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  return R::Ok(std::move(out));
}

WriteResult<SignupRecord> PgActivityRepository::CancelSignup(std::string_view code, std::string_view reason,
                                                             protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<SignupRecord>(db.error());
  WriteResult<SignupRecord> out;
  auto tx = pg::Transact(*db, [&] {
    if (auto s = LockCounter(*db); !s) return out = StorageFail<SignupRecord>(s.error()), false;
    auto found = FindSignup(*db, "code", code, /*for_update=*/true);
    if (!found) return out = StorageFail<SignupRecord>(found.error()), false;
    if (!*found) return out = WriteFail<SignupRecord>(WriteError::NotFound, "code: no such sign-up"), false;
    SignupRecord rec = std::move(**found);
    if (rec.state != protocol::SignupState::Confirmed && rec.state != protocol::SignupState::Waitlisted)
      return out = WriteOk(std::move(rec)), false;
    const bool had_place = rec.state == protocol::SignupState::Confirmed;
    Rows up = db->Exec(
        "UPDATE activity_signups SET status = 'cancelled', reason = $2, decided_at = $3 WHERE id = $1",
        Params().Add(rec.id).Add(reason).Add(now));
    if (!up.ok()) return out = StorageFail<SignupRecord>(up.error()), false;
    if (had_place)
      if (auto s = Promote(*db, rec.activity_id, rec.original_start, now); !s)
        return out = StorageFail<SignupRecord>(s.error()), false;
    if (auto s = TouchSeq(*db, rec.activity_id); !s) return out = StorageFail<SignupRecord>(s.error()), false;
    rec.state = protocol::SignupState::Cancelled;
    rec.waitlist_position = 0;
    rec.reason = std::string(reason);
    rec.decided_at = now;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<SignupRecord>(tx.error());
  return out;
}

WriteResult<SignupRecord> PgActivityRepository::PromoteSignup(std::string_view code, std::string_view reason,
                                                              protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<SignupRecord>(db.error());
  WriteResult<SignupRecord> out;
  auto tx = pg::Transact(*db, [&] {
    if (auto s = LockCounter(*db); !s) return out = StorageFail<SignupRecord>(s.error()), false;
    auto found = FindSignup(*db, "code", code, /*for_update=*/true);
    if (!found) return out = StorageFail<SignupRecord>(found.error()), false;
    if (!*found) return out = WriteFail<SignupRecord>(WriteError::NotFound, "code: no such sign-up"), false;
    SignupRecord rec = std::move(**found);
    if (rec.state != protocol::SignupState::Waitlisted) {
      out = WriteFail<SignupRecord>(WriteError::Refused, "sign-up " + rec.code + " is not on the wait-list");
      out.code = "signup.not_waiting";
      return false;
    }
    Rows up = db->Exec(
        "UPDATE activity_signups SET status = 'confirmed', reason = $2, decided_at = $3 WHERE id = $1",
        Params().Add(rec.id).Add(reason).Add(now));
    if (!up.ok()) return out = StorageFail<SignupRecord>(up.error()), false;
    if (auto s = TouchSeq(*db, rec.activity_id); !s) return out = StorageFail<SignupRecord>(s.error()), false;
    rec.state = protocol::SignupState::Confirmed;
    rec.waitlist_position = 0;
    rec.reason = std::string(reason);
    rec.decided_at = now;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<SignupRecord>(tx.error());
  return out;
}

WriteResult<SignupRecord> PgActivityRepository::SetAttendance(std::string_view code,
                                                              std::optional<bool> attended) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<SignupRecord>(db.error());
  WriteResult<SignupRecord> out;
  // No seq and no count changes: only the sign-up's own row is locked.
  auto tx = pg::Transact(*db, [&] {
    auto found = FindSignup(*db, "code", code, /*for_update=*/true);
    if (!found) return out = StorageFail<SignupRecord>(found.error()), false;
    if (!*found) return out = WriteFail<SignupRecord>(WriteError::NotFound, "code: no such sign-up"), false;
    SignupRecord rec = std::move(**found);
    if (rec.state != protocol::SignupState::Confirmed) {
      out = WriteFail<SignupRecord>(WriteError::Refused, "sign-up " + rec.code + " holds no place");
      out.code = "signup.not_confirmed";
      return false;
    }
    Rows up = db->Exec("UPDATE activity_signups SET attended = $2 WHERE id = $1",
                       Params().Add(rec.id).AddOpt(
                           attended ? std::optional<std::string>(*attended ? "t" : "f") : std::nullopt));
    if (!up.ok()) return out = StorageFail<SignupRecord>(up.error()), false;
    rec.attended = attended;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<SignupRecord>(tx.error());
  return out;
}

Result<std::map<protocol::UnixSeconds, OccurrenceCounts>> PgActivityRepository::CountSignups(
    std::string_view activity_id) {
  using R = Result<std::map<protocol::UnixSeconds, OccurrenceCounts>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "SELECT original_start, status, SUM(people) FROM activity_signups"
      " WHERE activity_id = $1 AND status IN ('confirmed', 'waitlisted') GROUP BY original_start, status",
      Params().Add(activity_id));
  if (!r.ok()) return R::Fail(r.error());
  std::map<protocol::UnixSeconds, OccurrenceCounts> out;
  for (int i = 0; i < r.size(); ++i) {
    OccurrenceCounts& c = out[r.Int(i, 0)];
    (r.Text(i, 1) == "confirmed" ? c.confirmed : c.waitlisted) = static_cast<int>(r.Int(i, 2));
  }
  return R::Ok(std::move(out));
}

Result<std::vector<SignupRecord>> PgActivityRepository::ListSignups(
    std::string_view activity_id, std::optional<protocol::UnixSeconds> occurrence) {
  using R = Result<std::vector<SignupRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Params p;
  p.Add(activity_id);
  std::string sql = std::string(kSignupSelect) + "WHERE activity_id = $1";
  if (occurrence) {
    sql += " AND original_start = $2";
    p.Add(*occurrence);
  }
  Rows r = db->Exec(sql + " ORDER BY original_start, id", p);
  if (!r.ok()) return R::Fail(r.error());
  std::vector<SignupRecord> out;
  // Positions counted as we go: rows come by occurrence, then arrival.
  std::map<protocol::UnixSeconds, int> waiting;
  for (int i = 0; i < r.size(); ++i) {
    SignupRecord s = ReadSignupRow(r, i);
    if (s.state == protocol::SignupState::Waitlisted) s.waitlist_position = ++waiting[s.original_start];
    out.push_back(std::move(s));
  }
  return R::Ok(std::move(out));
}

}  // namespace ck::hub

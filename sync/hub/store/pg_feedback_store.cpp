// PgHubRepository, feedback half: services, service requests with history, ratings and operators.
#include <utility>

#include <nlohmann/json.hpp>

#include "sync/hub/store/pg_hub_repository.h"
#include "sync/hub/store/pg_request_rows.h"
#include "sync/protocol/ticket_code.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;
using pg_rows::AgencyText;
using protocol::RequestStatus;
using protocol::Service;

template <typename T>
WriteResult<T> StorageFail(std::string message) {
  return WriteFail<T>(WriteError::Storage, std::move(message));
}

std::string PhrasesToJson(const std::vector<std::string>& phrases) {
  return nlohmann::json(phrases).dump();
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

// AddService and UpdateService share the parameter numbering $1..$8.
Params ServiceParams(const Service& s) {
  Params p;
  p.Add(s.service_code)
      .Add(s.service_name)
      .Add(s.name_en)
      .Add(s.description)
      .Add(s.group)
      .Add(s.icon)
      .Add(PhrasesToJson(s.quick_phrases))
      .Add(PhrasesToJson(s.quick_phrases_en));
  return p;
}

constexpr const char* kServiceSelect =
    "SELECT code, name, description, grp, name_en, icon, quick_phrases, quick_phrases_en FROM services ";

Service ReadServiceRow(const Rows& st, int i) {
  Service s;
  s.service_code = st.Text(i, 0);
  s.service_name = st.Text(i, 1);
  s.description = st.Text(i, 2);
  s.group = st.Text(i, 3);
  s.name_en = st.Text(i, 4);
  s.icon = st.Text(i, 5);
  s.quick_phrases = PhrasesFromJson(st.Text(i, 6));
  s.quick_phrases_en = PhrasesFromJson(st.Text(i, 7));
  return s;
}

}  // namespace

// ---- Services ---------------------------------------------------------------------------------------------

Result<std::vector<Service>> PgHubRepository::ListServices() {
  using R = Result<std::vector<Service>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string(kServiceSelect) + "ORDER BY sort_order, code COLLATE \"C\"");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<Service> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadServiceRow(r, i));
  return R::Ok(std::move(out));
}

Result<std::optional<Service>> PgHubRepository::FindService(std::string_view code) {
  using R = Result<std::optional<Service>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string(kServiceSelect) + "WHERE code = $1", Params().Add(code));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(ReadServiceRow(r, 0));
}

WriteResult<Service> PgHubRepository::AddService(const Service& s) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<Service>(db.error());
  Rows r = db->Exec(
      "INSERT INTO services (code, sort_order, name, name_en, description, grp, icon, quick_phrases, "
      "quick_phrases_en) SELECT $1::text, COALESCE(MAX(sort_order), 0) + 1, $2::text, $3::text, $4::text, "
      "$5::text, $6::text, $7::text, $8::text "
      "FROM services ON CONFLICT (code) DO NOTHING",
      ServiceParams(s));
  if (!r.ok()) return StorageFail<Service>(r.error());
  if (r.affected() == 0)
    return WriteFail<Service>(WriteError::Duplicate, "a service with code " + s.service_code + " exists");
  return WriteOk(s);
}

WriteResult<Service> PgHubRepository::UpdateService(const Service& s) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<Service>(db.error());
  Rows r = db->Exec(
      "UPDATE services SET name = $2, name_en = $3, description = $4, grp = $5, icon = $6, "
      "quick_phrases = $7, quick_phrases_en = $8 WHERE code = $1",
      ServiceParams(s));
  if (!r.ok()) return StorageFail<Service>(r.error());
  if (r.affected() == 0)
    return WriteFail<Service>(WriteError::NotFound, "no service with code " + s.service_code);
  return WriteOk(s);
}

// ---- Requests ---------------------------------------------------------------------------------------------

Result<std::optional<RequestRecord>> PgHubRepository::FindRequest(std::string_view id) {
  auto db = pool_->Acquire();
  if (!db) return Result<std::optional<RequestRecord>>::Fail(db.error());
  return pg_rows::FindRequest(*db, "id", id);
}

Result<std::optional<RequestRecord>> PgHubRepository::FindRequestByTicket(std::string_view code) {
  auto db = pool_->Acquire();
  if (!db) return Result<std::optional<RequestRecord>>::Fail(db.error());
  return pg_rows::FindRequest(*db, "ticket_code", code);
}

Result<std::vector<RequestRecord>> PgHubRepository::QueryRequests(const RequestQuery& q) {
  using R = Result<std::vector<RequestRecord>>;
  const pg_rows::Statement st = pg_rows::RequestQueryStatement(q);
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  std::vector<RequestRecord> out;
  std::string failure;
  auto tx = pg::Transact(
      *db,
      [&] {
        out.clear();
        Rows rows = db->Exec(st.sql, st.params);  // rows and their histories from one snapshot
        if (rows.matches_nothing()) return true;
        if (!rows.ok()) return failure = rows.error(), false;
        for (int i = 0; i < rows.size(); ++i) out.push_back(pg_rows::ReadRequestRow(rows, i));
        if (auto s = pg_rows::LoadHistories(*db, out); !s) return failure = s.error(), false;
        return true;
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  return R::Ok(std::move(out));
}

WriteResult<StoredAnswer> PgHubRepository::InsertRequest(const RequestRecord& request,
                                                         const AnswerMaker& make_answer) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<StoredAnswer>(db.error());
  WriteResult<StoredAnswer> out;
  auto tx = pg::Transact(*db, [&] {
    out = InsertRequestTx(*db, request, make_answer);
    // A replay or a refusal wrote nothing worth keeping: the transaction rolls back.
    return out.ok() && !out.value->replayed;
  });
  if (!tx) return StorageFail<StoredAnswer>(tx.error());
  return out;
}

Result<std::vector<WriteResult<StoredAnswer>>> PgHubRepository::InsertRequests(
    const std::vector<RequestRecord>& requests, const AnswerMaker& make_answer) {
  using R = Result<std::vector<WriteResult<StoredAnswer>>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  std::vector<WriteResult<StoredAnswer>> out;
  std::string failure;
  auto tx = pg::Transact(*db, [&] {
    out.clear();
    out.reserve(requests.size());
    for (const auto& request : requests) {
      // A refusal (unknown service) is found before any statement fails, so the others still commit.
      auto stored = InsertRequestTx(*db, request, make_answer);
      if (stored.error == WriteError::Storage) return failure = stored.message, false;
      out.push_back(std::move(stored));
    }
    return true;
  });
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  return R::Ok(std::move(out));
}

// Inside the caller's transaction. The primary key and the ticket code's unique index decide between
// concurrent writers (ON CONFLICT DO NOTHING waits for the other to commit): a repeated id replays the
// answer the first one stored; a code taken meanwhile is drawn again.
WriteResult<StoredAnswer> PgHubRepository::InsertRequestTx(pg::Connection& db, const RequestRecord& request,
                                                           const AnswerMaker& make_answer) {
  const protocol::ServiceRequestStatus& in = request.status;
  auto stored_answer = [&]() -> std::optional<WriteResult<StoredAnswer>> {
    Rows ans = db.Exec("SELECT answer FROM requests WHERE id = $1", Params().Add(in.service_request_id));
    if (ans.matches_nothing()) return std::nullopt;
    if (!ans.ok()) return StorageFail<StoredAnswer>(ans.error());
    if (ans.size() == 0) return std::nullopt;
    return WriteOk(StoredAnswer{ans.Text(0, 0), true, std::nullopt});
  };
  if (auto replay = stored_answer()) return std::move(*replay);
  Rows service = db.Exec("SELECT 1 FROM services WHERE code = $1", Params().Add(in.service_code));
  if (!service.ok() && !service.matches_nothing()) return StorageFail<StoredAnswer>(service.error());
  if (service.size() == 0) return WriteFail<StoredAnswer>(WriteError::Invalid, "service_code: unknown");

  std::string wanted = in.ticket_code;
  for (int attempt = 0; attempt < 16; ++attempt) {
    RequestRecord rec = request;
    rec.revision = 1;
    if (!wanted.empty()) {
      Rows used = db.Exec("SELECT 1 FROM requests WHERE ticket_code = $1", Params().Add(wanted));
      if (!used.ok()) return StorageFail<StoredAnswer>(used.error());
      if (used.size() > 0) wanted.clear();
    }
    // A code the hub makes itself carries kiosk number 0 and 50 random bits (sync/protocol/ticket_code.h).
    if (wanted.empty()) {
      auto drawn = protocol::DrawTicketCode(0);
      if (!drawn) return StorageFail<StoredAnswer>("cannot draw a ticket code (no randomness?)");
      rec.status.ticket_code = *drawn;
    } else {
      rec.status.ticket_code = wanted;
    }
    std::string answer = make_answer(rec);
    const protocol::ServiceRequestStatus& p = rec.status;
    // due_at: the promised date, else filed + the category's default deadline (work_order_types.h).
    Rows ins = db.Exec(
        "INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, device_id, "
        "requested_at, updated_at, status, agency, agency_responsible, status_notes, expected_at, rating, "
        "flagged, revision, answer, channel, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint, "
        "$10, "
        "$11, $12, $13, $14, $15::bigint, NULL, false, 1, $16, $17, COALESCE($15::bigint, $9::bigint + "
        "COALESCE((SELECT deadline_hours FROM services d WHERE d.code = "
        "$3), " CK_HUB_DEFAULT_DEADLINE_HOURS_SQL ") * 3600)) ON CONFLICT DO NOTHING",
        Params()
            .Add(p.service_request_id)
            .Add(p.ticket_code)
            .Add(p.service_code)
            .Add(protocol::FeedbackKindCode(rec.kind))
            .Add(p.address_string)
            .Add(rec.description)
            .Add(rec.phone)
            .Add(rec.device_id)
            .Add(p.requested_at)
            .Add(p.updated_at)
            .Add(protocol::RequestStatusCode(p.status))
            .AddOpt(AgencyText(p.agency))
            .Add(p.agency_responsible)
            .Add(p.status_notes)
            .AddOpt(p.expected_at)
            .Add(answer)
            .Add(ChannelCode(rec.work.channel)));
    if (!ins.ok()) return StorageFail<StoredAnswer>(ins.error());
    if (ins.affected() == 0) {
      // Either the same id committed meanwhile (replay its answer) or the code did (draw another).
      if (auto replay = stored_answer()) return std::move(*replay);
      wanted.clear();
      continue;
    }
    for (const auto& e : p.history)
      if (auto s = pg_rows::AppendEvent(db, p.service_request_id, e); !s)
        return StorageFail<StoredAnswer>(s.error());
    return WriteOk(StoredAnswer{std::move(answer), false, std::move(rec)});
  }
  return StorageFail<StoredAnswer>("cannot draw a free ticket code");
}

WriteResult<RequestRecord> PgHubRepository::ApplyChangeTx(pg::Connection& db, std::string_view id,
                                                          const RequestChange& c,
                                                          std::int64_t expected_revision) {
  // An UPDATE that waits for a concurrent edit re-reads the row, so a stale revision matches nothing.
  Rows up = db.Exec(
      "UPDATE requests SET status = $2, agency = $3, agency_responsible = $4, status_notes = $5, "
      "expected_at = $6::bigint, rating = $7::integer, flagged = $8::boolean, updated_at = $9::bigint, "
      "revision = revision + 1, "
      // The 三率 times follow the status here, whoever changes it (work_order_types.h).
      "responded_at = COALESCE(responded_at, CASE WHEN $2::text <> 'submitted' THEN $9::bigint END), "
      "resolved_at = CASE WHEN $2::text IN ('resolved', 'closed') THEN COALESCE(resolved_at, $9::bigint) "
      "  WHEN $2::text = 'reopened' THEN NULL ELSE resolved_at END, "
      "supervised_at = COALESCE($11::bigint, supervised_at), "
      "supervision_note = COALESCE($12::text, supervision_note), "
      "returned_at = $13::bigint, extension_until = $14::bigint, extension_reason = $15, "
      // A deadline that passed unmet stays missed; SET reads the row before this change.
      "deadline_missed = deadline_missed OR (status NOT IN ('resolved', 'closed') AND due_at < $9::bigint), "
      "due_at = COALESCE($6::bigint, requested_at + COALESCE((SELECT deadline_hours FROM services d "
      "  WHERE d.code = requests.service_code), " CK_HUB_DEFAULT_DEADLINE_HOURS_SQL
      ") * 3600) "
      "WHERE id = $1 AND revision = $10::bigint",
      Params()
          .Add(id)
          .Add(protocol::RequestStatusCode(c.status))
          .AddOpt(AgencyText(c.agency))
          .Add(c.agency_responsible)
          .Add(c.status_notes)
          .AddOpt(c.expected_at)
          .AddOpt(c.rating ? std::optional<std::int64_t>(*c.rating) : std::nullopt)
          .Add(c.flagged)
          .Add(c.event.at)
          .Add(expected_revision)
          .AddOpt(c.supervise ? std::optional<std::int64_t>(c.supervise->at) : std::nullopt)
          .AddOpt(c.supervise ? std::optional<std::string>(c.supervise->note) : std::nullopt)
          .AddOpt(c.returned_at)
          .AddOpt(c.extension_until)
          .Add(c.extension_reason));
  if (!up.ok()) return StorageFail<RequestRecord>(up.error());
  if (up.affected() == 0) {
    Rows ex = db.Exec("SELECT 1 FROM requests WHERE id = $1", Params().Add(id));
    if (!ex.ok()) return StorageFail<RequestRecord>(ex.error());
    if (ex.size() == 0)
      return WriteFail<RequestRecord>(WriteError::NotFound, "no request with id " + std::string(id));
    return WriteFail<RequestRecord>(WriteError::Conflict,
                                    "request " + std::string(id) + " changed meanwhile");
  }
  if (auto s = pg_rows::AppendEvent(db, id, c.event); !s) return StorageFail<RequestRecord>(s.error());
  auto after = pg_rows::FindRequest(db, "id", id);
  if (!after || !*after) return StorageFail<RequestRecord>(after ? "request vanished" : after.error());
  return WriteOk(std::move(**after));
}

WriteResult<RequestRecord> PgHubRepository::UpdateRequest(std::string_view id, const RequestChange& change,
                                                          std::int64_t expected_revision) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<RequestRecord>(db.error());
  WriteResult<RequestRecord> out;
  auto tx = pg::Transact(*db, [&] {
    out = ApplyChangeTx(*db, id, change, expected_revision);
    return out.ok();
  });
  if (!tx) return StorageFail<RequestRecord>(tx.error());
  return out;
}

// ---- Ratings ----------------------------------------------------------------------------------------------

WriteResult<StoredAnswer> PgHubRepository::RecordRating(const protocol::Rating& rating,
                                                        std::string_view request_id,
                                                        const RequestChange& change,
                                                        std::int64_t expected_revision,
                                                        const std::string& answer) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<StoredAnswer>(db.error());
  WriteResult<StoredAnswer> out;
  auto tx = pg::Transact(*db, [&] {
    // The request's row lock queues every rating of one request: the replay, the one-per-round check and
    // the insert below see each other's results.
    Rows lock = db->Exec("SELECT 1 FROM requests WHERE id = $1 FOR UPDATE", Params().Add(request_id));
    if (!lock.ok()) return out = StorageFail<StoredAnswer>(lock.error()), false;
    Rows seen =
        db->Exec("SELECT answer FROM ratings WHERE rating_uuid = $1", Params().Add(rating.rating_uuid));
    if (!seen.ok()) return out = StorageFail<StoredAnswer>(seen.error()), false;
    if (seen.size() > 0) return out = WriteOk(StoredAnswer{seen.Text(0, 0), true, std::nullopt}), false;
    if (lock.size() == 0)
      return out = WriteFail<StoredAnswer>(WriteError::NotFound,
                                           "no request with id " + std::string(request_id)),
             false;
    // One rating per round of handling: a round is what follows each "resolved" (ratings.round counts them).
    Rows round = db->Exec(
        "SELECT EXISTS (SELECT 1 FROM ratings WHERE request_id = $1 AND round = "
        "(SELECT COUNT(*) FROM request_events WHERE request_id = $1 AND status = 'resolved'))",
        Params().Add(request_id));
    if (!round.ok() || round.size() != 1) return out = StorageFail<StoredAnswer>(round.error()), false;
    if (round.Bool(0, 0))
      return out = WriteFail<StoredAnswer>(
                 WriteError::Refused, "already rated: it can be rated again once it has been resolved again"),
             false;
    Rows ins = db->Exec(
        "INSERT INTO ratings (rating_uuid, request_id, agency, score, quick_comment, comment, rated_at, "
        "received_at, reopened, answer, round) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "(SELECT COUNT(*) FROM request_events WHERE request_id = $2 AND status = 'resolved'))",
        Params()
            .Add(rating.rating_uuid)
            .Add(request_id)
            .AddOpt(AgencyText(change.agency))
            .Add(rating.score)
            .Add(rating.quick_comment)
            .Add(rating.comment)
            .Add(rating.rated_at)
            .Add(change.event.at)
            .Add(change.status == RequestStatus::Reopened)
            .Add(answer));
    if (!ins.ok()) return out = StorageFail<StoredAnswer>(ins.error()), false;
    auto changed = ApplyChangeTx(*db, request_id, change, expected_revision);
    if (!changed.ok()) return out = WriteFail<StoredAnswer>(changed.error, changed.message), false;
    // 没解决 (a rating that re-opens) counts against, whatever its score.
    bool satisfied = rating.score >= 4 && change.status != RequestStatus::Reopened;
    Rows sat =
        db->Exec("UPDATE requests SET satisfied = $2 WHERE id = $1", Params().Add(request_id).Add(satisfied));
    if (!sat.ok()) return out = StorageFail<StoredAnswer>(sat.error()), false;
    changed.value->work.satisfied = satisfied;
    out = WriteOk(StoredAnswer{answer, false, std::move(changed.value)});
    return true;
  });
  if (!tx) return StorageFail<StoredAnswer>(tx.error());
  return out;
}

Result<std::optional<std::string>> PgHubRepository::FindRatingAnswer(std::string_view rating_uuid) {
  using R = Result<std::optional<std::string>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec("SELECT answer FROM ratings WHERE rating_uuid = $1", Params().Add(rating_uuid));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(r.Text(0, 0));
}

Result<std::vector<AgencySatisfaction>> PgHubRepository::Satisfaction() {
  using R = Result<std::vector<AgencySatisfaction>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  // NULLS FIRST and byte order: the order SQLite gives.
  Rows r = db->Exec(
      "SELECT agency, COUNT(*), SUM(score), COUNT(*) FILTER (WHERE reopened) FROM ratings GROUP BY agency "
      "ORDER BY agency COLLATE \"C\" NULLS FIRST");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<AgencySatisfaction> out;
  for (int i = 0; i < r.size(); ++i) {
    AgencySatisfaction a;
    auto code = r.OptText(i, 0);
    a.agency = code ? protocol::ParseAgency(*code) : std::nullopt;
    a.ratings = r.Int(i, 1);
    a.average_score = a.ratings ? static_cast<double>(r.Int(i, 2)) / static_cast<double>(a.ratings) : 0.0;
    a.reopened = r.Int(i, 3);
    out.push_back(a);
  }
  return R::Ok(std::move(out));
}

// ---- Operators --------------------------------------------------------------------------------------------

WriteResult<OperatorRecord> PgHubRepository::AddOperator(const OperatorRecord& op) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<OperatorRecord>(db.error());
  Rows r = db->Exec(
      "INSERT INTO operators (id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO "
      "NOTHING",
      Params().Add(op.id).Add(op.name).Add(op.token_hash).Add(op.created_at));
  if (!r.ok()) return StorageFail<OperatorRecord>(r.error());
  if (r.affected() == 0) return WriteFail<OperatorRecord>(WriteError::Duplicate, "operator already exists");
  return WriteOk(op);
}

Result<std::optional<OperatorRecord>> PgHubRepository::FindOperatorByTokenHash(std::string_view hash) {
  using R = Result<std::optional<OperatorRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "SELECT id, name, token_hash, created_at FROM operators WHERE token_hash = $1 AND revoked_at IS NULL",
      Params().Add(hash));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(OperatorRecord{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Int(0, 3)});
}

}  // namespace ck::hub

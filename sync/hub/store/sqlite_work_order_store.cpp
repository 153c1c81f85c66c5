// SqliteHubRepository, work-order half: queues, the 三率, deadlines and settings, reply templates and
// revocable operators (schema: migration 6).
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/hub/store/sqlite_request_rows.h"

namespace ck::hub {

namespace {

using protocol::RequestStatus;
using sqlite::Statement;

constexpr const char* kOpen = "r.status NOT IN ('resolved', 'closed')";
constexpr const char* kDue = "r.due_at";

// The WHERE clause of a queue and its parameters, bound in order. Built from a fixed set of clauses (never
// from input text) so each combination of filters gets its own plan and can use the agency index.
struct QueueFilter {
  std::string where = "WHERE 1";
  std::vector<std::optional<std::string>> texts;   // ?1.. as text
  std::vector<std::pair<int, std::int64_t>> ints;  // (index, value)
  int next = 1;
  void Text(const std::string& clause, std::string value) {
    where += " AND " + clause;
    texts.resize(static_cast<std::size_t>(next));
    texts[static_cast<std::size_t>(next - 1)] = std::move(value);
    ++next;
  }
  void Int(const std::string& clause, std::int64_t value) {
    where += " AND " + clause;
    texts.resize(static_cast<std::size_t>(next));
    ints.emplace_back(next, value);
    ++next;
  }
  std::string Param() const { return "?" + std::to_string(next); }
  void BindAll(Statement& st) const {
    for (std::size_t i = 0; i < texts.size(); ++i)
      if (texts[i]) st.Bind(static_cast<int>(i + 1), *texts[i]);
    for (auto [index, value] : ints) st.Bind(index, value);
  }
};

// The trigram tokenizer matches nothing shorter than three code points.
bool TrigramSearchable(std::string_view text) {
  std::size_t code_points = 0;
  for (unsigned char ch : text)
    if ((ch & 0xC0) != 0x80) ++code_points;
  return code_points >= 3;
}

QueueFilter BuildFilter(const WorkOrderQuery& q) {
  QueueFilter f;
  if (q.party) f.Text("r.owner = " + f.Param(), std::string(protocol::AgencyCode(*q.party)));
  if (q.status) f.Text("r.status = " + f.Param(), std::string(protocol::RequestStatusCode(*q.status)));
  if (q.service_code) f.Text("r.service_code = " + f.Param(), *q.service_code);
  if (q.device_id) f.Text("r.device_id = " + f.Param(), *q.device_id);
  if (q.channel) f.Text("r.channel = " + f.Param(), std::string(ChannelCode(*q.channel)));
  if (q.filed_from) f.Int("r.requested_at >= " + f.Param(), *q.filed_from);
  if (q.filed_to) f.Int("r.requested_at < " + f.Param(), *q.filed_to);
  if (q.overdue_only) f.Int(std::string(kOpen) + " AND " + kDue + " < " + f.Param(), q.now);
  // Open flagged tickets rank 1 or 2: the rank narrows the index walk, the flag decides.
  if (q.reopened_only) f.where += " AND r.queue_rank >= 1 AND r.flagged = 1";
  if (q.supervised_only) f.where += " AND r.queue_rank = 2";
  if (q.ticket_code) f.Text("r.ticket_code = " + f.Param(), *q.ticket_code);
  if (q.phone_tail) f.Text("r.phone <> '' AND r.phone_tail = " + f.Param(), *q.phone_tail);
  if (q.text && TrigramSearchable(*q.text)) {
    // The trigram index answers substrings of three characters or more in any script; the text is a
    // phrase (quoted), never FTS syntax.
    std::string phrase = "\"";
    for (char ch : *q.text) phrase += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    f.Text("r.rowid IN (SELECT rowid FROM requests_text WHERE requests_text MATCH " + f.Param() + ")",
           phrase + "\"");
  } else if (q.text) {
    f.Text("instr(r.description || ' ' || r.address || ' ' || r.agency_responsible || ' ' || "
           "r.status_notes, " + f.Param() + ") > 0",
           *q.text);
  }
  return f;
}

}  // namespace

// ---- Queues -----------------------------------------------------------------------------------------------

Result<WorkOrderPage> SqliteHubRepository::QueryWorkOrders(const WorkOrderQuery& q) {
  using R = Result<WorkOrderPage>;
  if (q.limit < 1 || q.limit > 500 || q.offset < 0) return R::Fail("limit 1..500 and offset >= 0");
  QueueFilter f = BuildFilter(q);
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, false);  // the count and the page from one snapshot
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  WorkOrderPage page;
  {
    sqlite3_stmt* raw = db_->Prepare("SELECT COUNT(*) FROM requests r " + f.where);
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    f.BindAll(st);
    if (st.Step() != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    page.total = st.Int(0);
  }
  std::string limit = "?" + std::to_string(f.next), offset = "?" + std::to_string(f.next + 1);
  sqlite3_stmt* raw =
      db_->Prepare(std::string(sqlite_rows::kRequestSelect) + f.where +
                   (q.most_late_first ? " ORDER BY r.due_at, r.requested_at DESC LIMIT "
                                      : " ORDER BY r.queue_rank DESC, r.requested_at DESC LIMIT ") +
                   limit + " OFFSET " + offset);
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  f.BindAll(st);
  st.Bind(f.next, std::int64_t{q.limit});
  st.Bind(f.next + 1, std::int64_t{q.offset});
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) page.rows.push_back(sqlite_rows::ReadRequestRow(st));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(page));
}

// One walk of requests_open_by_due_supervised (migration 7), index-only: an open ticket is 督办 exactly
// when supervised_at is set (queue_rank 2), so both counts come from the same rows.
Result<std::vector<OverdueCount>> SqliteHubRepository::OverdueByParty(protocol::UnixSeconds now) {
  using R = Result<std::vector<OverdueCount>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(std::string("SELECT r.owner, COUNT(*), SUM(r.supervised_at IS NOT NULL) "
                                               "FROM requests r WHERE ") +
                                   kOpen + " AND " + kDue + " < ?1 GROUP BY r.owner");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, now);
  std::vector<OverdueCount> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    OverdueCount c;
    c.party = protocol::ParseAgency(st.Text(0)).value_or(protocol::Agency::StreetOffice);
    c.overdue = st.Int(1);
    c.supervised = st.Int(2);
    out.push_back(c);
  }
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  std::sort(out.begin(), out.end(),
            [](const OverdueCount& a, const OverdueCount& b) { return a.party < b.party; });
  return R::Ok(std::move(out));
}

// ---- 三率 -------------------------------------------------------------------------------------------------

namespace {

// The start of the Shanghai month after the one holding `t` (UTC seconds).
protocol::UnixSeconds NextShanghaiMonth(protocol::UnixSeconds t) {
  std::time_t local = static_cast<std::time_t>(t + kShanghaiOffsetSeconds);
  std::tm tm{};
  gmtime_r(&local, &tm);
  tm.tm_mday = 1;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_mon += 1;  // timegm normalises December + 1
  return static_cast<protocol::UnixSeconds>(timegm(&tm)) - kShanghaiOffsetSeconds;
}

std::string ShanghaiMonthLabel(protocol::UnixSeconds t) {
  std::time_t local = static_cast<std::time_t>(t + kShanghaiOffsetSeconds);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", (tm.tm_year + 1900) % 10000, tm.tm_mon + 1);
  return buf;
}

// Returns and extensions of one month, by the party that acted (the events' agency), from the
// request_events_by_kind index (migration 8); merged into that month's rows, adding a row for a party that
// had no ticket filed that month. A channel filter counts only the ticket rows (events have no channel).
Status AddReturnsAndExtensions(sqlite::Connection& db, protocol::UnixSeconds start, protocol::UnixSeconds end,
                               const std::string& month, bool channel_filtered,
                               std::vector<PartyMonthRates>& out) {
  if (channel_filtered) return OkStatus();
  sqlite3_stmt* raw = db.Prepare(
      "SELECT kind, agency, COUNT(*) FROM request_events WHERE kind IN ('return', 'extension_asked', "
      "'extension_granted', 'extension_refused') AND at >= ?1 AND at < ?2 AND agency IS NOT NULL "
      "GROUP BY kind, agency");
  if (!raw) return Status::Fail(db.ErrorMessage());
  Statement st(raw);
  st.Bind(1, start);
  st.Bind(2, end);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    auto party = protocol::ParseAgency(st.Text(1));
    if (!party) continue;
    auto row = std::find_if(out.begin(), out.end(), [&](const PartyMonthRates& m) {
      return m.month == month && m.party == *party;
    });
    if (row == out.end()) {
      PartyMonthRates m;
      m.party = *party;
      m.month = month;
      out.push_back(std::move(m));
      row = out.end() - 1;
    }
    std::string kind = st.Text(0);
    std::int64_t n = st.Int(2);
    if (kind == "return") row->returns += n;
    if (kind == "extension_asked") row->extensions_asked += n;
    if (kind == "extension_granted") row->extensions_granted += n;
    if (kind == "extension_refused") row->extensions_refused += n;
  }
  if (rc != SQLITE_DONE) return Status::Fail(db.ErrorMessage());
  return OkStatus();
}

}  // namespace

Result<std::vector<PartyMonthRates>> SqliteHubRepository::MonthlyRates(const RatesQuery& q) {
  using R = Result<std::vector<PartyMonthRates>>;
  std::lock_guard lock(mutex_);
  std::int64_t window = 86400;
  {
    sqlite3_stmt* raw = db_->Prepare("SELECT value FROM hub_settings WHERE key = 'response_seconds'");
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    if (st.Step() == SQLITE_ROW) window = st.Int(0);
  }
  // One range query per month over the covering index requests_for_rates (no per-row date formatting);
  // each SUM is a count. The channel test is in its own statement so the plan stays index-only.
  std::string sql = std::string(
                        "SELECT COALESCE(r.agency, 'street_office'), COUNT(*), "
                        "SUM(r.responded_at IS NOT NULL OR r.requested_at + ?3 <= ?4), "
                        "SUM(r.responded_at IS NOT NULL AND r.responded_at - r.requested_at <= ?3), "
                        "SUM(r.resolved_at IS NOT NULL OR r.deadline_missed OR ") +
                    kDue + " <= ?4), SUM(r.resolved_at IS NOT NULL AND r.resolved_at <= " + kDue +
                    // A missed deadline stays missed: an extension granted after it cannot make it on time.
                    " AND NOT r.deadline_missed), SUM(r.satisfied IS NOT NULL), SUM(COALESCE(r.satisfied, 0)) "
                    "FROM requests r "
                    "WHERE r.requested_at >= ?1 AND r.requested_at < ?2" +
                    (q.channel ? " AND r.channel = ?5" : "") + " GROUP BY 1";
  sqlite3_stmt* raw = db_->Prepare(sql);
  if (!raw) return R::Fail(db_->ErrorMessage());
  sqlite::Transaction tx(*db_, false);  // every month from one snapshot
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  std::vector<PartyMonthRates> out;
  for (protocol::UnixSeconds start = q.filed_from; start < q.filed_to;) {
    protocol::UnixSeconds end = std::min(NextShanghaiMonth(start), q.filed_to);
    std::string month = ShanghaiMonthLabel(start);
    Statement st(raw);
    st.Bind(1, start);
    st.Bind(2, end);
    st.Bind(3, window);
    st.Bind(4, q.now);
    if (q.channel) st.Bind(5, ChannelCode(*q.channel));
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      PartyMonthRates m;
      m.party = protocol::ParseAgency(st.Text(0)).value_or(protocol::Agency::StreetOffice);
      m.month = month;
      m.tickets = st.Int(1);
      m.response_due = st.Int(2);
      m.response_ok = st.Int(3);
      m.resolution_due = st.Int(4);
      m.resolution_ok = st.Int(5);
      m.rated = st.Int(6);
      m.satisfied = st.Int(7);
      out.push_back(std::move(m));
    }
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
    if (auto s = AddReturnsAndExtensions(*db_, start, end, month, q.channel.has_value(), out); !s)
      return R::Fail(s.error());
    start = end;
  }
  std::sort(out.begin(), out.end(), [](const PartyMonthRates& a, const PartyMonthRates& b) {
    return a.month != b.month ? a.month < b.month : a.party < b.party;
  });
  return R::Ok(std::move(out));
}

// ---- Deadlines and settings -------------------------------------------------------------------------------

Result<std::optional<int>> SqliteHubRepository::ServiceDeadlineHours(std::string_view service_code) {
  using R = Result<std::optional<int>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("SELECT deadline_hours FROM services WHERE code = ?1");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, service_code);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(static_cast<int>(st.Int(0)));
}

WriteResult<int> SqliteHubRepository::SetServiceDeadlineHours(std::string_view service_code, int hours) {
  if (hours < 1 || hours > 24 * 365) return WriteFail<int>(WriteError::Invalid, "hours: 1 to 8760");
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("UPDATE services SET deadline_hours = ?2 WHERE code = ?1");
  if (!raw) return WriteFail<int>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, service_code);
  st.Bind(2, std::int64_t{hours});
  if (st.Step() != SQLITE_DONE) return WriteFail<int>(WriteError::Storage, db_->ErrorMessage());
  if (db_->Changes() == 0)
    return WriteFail<int>(WriteError::NotFound, "no service with code " + std::string(service_code));
  return WriteOk(hours);
}

Result<protocol::UnixSeconds> SqliteHubRepository::ResponseWindowSeconds() {
  using R = Result<protocol::UnixSeconds>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("SELECT value FROM hub_settings WHERE key = 'response_seconds'");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(86400);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(st.Int(0));
}

WriteResult<protocol::UnixSeconds> SqliteHubRepository::SetResponseWindowSeconds(protocol::UnixSeconds s) {
  if (s < 60 || s > 30 * 86400)
    return WriteFail<protocol::UnixSeconds>(WriteError::Invalid, "response window: 1 minute to 30 days");
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO hub_settings (key, value) VALUES ('response_seconds', ?1) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!raw) return WriteFail<protocol::UnixSeconds>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, s);
  if (st.Step() != SQLITE_DONE)
    return WriteFail<protocol::UnixSeconds>(WriteError::Storage, db_->ErrorMessage());
  return WriteOk(s);
}

// ---- Reply templates --------------------------------------------------------------------------------------

namespace {

ReplyTemplate ReadTemplateRow(const Statement& st) {
  ReplyTemplate t;
  t.id = st.Int(0);
  t.service_code = st.OptText(1);
  if (auto s = st.OptText(2)) t.status = protocol::ParseRequestStatus(*s);
  t.title = st.Text(3);
  t.body = st.Text(4);
  t.updated_at = st.Int(5);
  t.party = protocol::ParsePublisher(st.Text(6)).value_or(protocol::Publisher::StreetOffice);
  return t;
}

std::optional<std::string> StatusText(const std::optional<RequestStatus>& s) {
  return s ? std::optional<std::string>(std::string(protocol::RequestStatusCode(*s))) : std::nullopt;
}

}  // namespace

Result<std::vector<ReplyTemplate>> SqliteHubRepository::ListReplyTemplates(
    const std::optional<std::string>& service_code, const std::optional<RequestStatus>& status) {
  using R = Result<std::vector<ReplyTemplate>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT id, service_code, status, title, body, updated_at, party FROM reply_templates "
      "WHERE (?1 IS NULL OR service_code IS NULL OR service_code = ?1) "
      "AND (?2 IS NULL OR status IS NULL OR status = ?2) ORDER BY title, id");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.BindOpt(1, service_code);
  st.BindOpt(2, StatusText(status));
  std::vector<ReplyTemplate> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadTemplateRow(st));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

WriteResult<ReplyTemplate> SqliteHubRepository::AddReplyTemplate(const ReplyTemplate& t) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO reply_templates (service_code, status, title, body, updated_at, party) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  if (!raw) return WriteFail<ReplyTemplate>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.BindOpt(1, t.service_code);
  st.BindOpt(2, StatusText(t.status));
  st.Bind(3, t.title);
  st.Bind(4, t.body);
  st.Bind(5, t.updated_at);
  st.Bind(6, protocol::PublisherCode(t.party));
  int rc = st.Step();
  if (sqlite3_extended_errcode(db_->handle()) == SQLITE_CONSTRAINT_FOREIGNKEY)
    return WriteFail<ReplyTemplate>(WriteError::Invalid, "service_code: unknown");
  if (rc != SQLITE_ROW) return WriteFail<ReplyTemplate>(WriteError::Storage, db_->ErrorMessage());
  ReplyTemplate out = t;
  out.id = st.Int(0);
  st.Step();
  return WriteOk(std::move(out));
}

WriteResult<ReplyTemplate> SqliteHubRepository::UpdateReplyTemplate(const ReplyTemplate& t) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE reply_templates SET service_code = ?2, status = ?3, title = ?4, body = ?5, updated_at = ?6 "
      "WHERE id = ?1");
  if (!raw) return WriteFail<ReplyTemplate>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, t.id);
  st.BindOpt(2, t.service_code);
  st.BindOpt(3, StatusText(t.status));
  st.Bind(4, t.title);
  st.Bind(5, t.body);
  st.Bind(6, t.updated_at);
  int rc = st.Step();
  if (sqlite3_extended_errcode(db_->handle()) == SQLITE_CONSTRAINT_FOREIGNKEY)
    return WriteFail<ReplyTemplate>(WriteError::Invalid, "service_code: unknown");
  if (rc != SQLITE_DONE) return WriteFail<ReplyTemplate>(WriteError::Storage, db_->ErrorMessage());
  if (db_->Changes() == 0)
    return WriteFail<ReplyTemplate>(WriteError::NotFound, "no reply template " + std::to_string(t.id));
  return WriteOk(t);
}

WriteResult<std::int64_t> SqliteHubRepository::DeleteReplyTemplate(std::int64_t id) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("DELETE FROM reply_templates WHERE id = ?1");
  if (!raw) return WriteFail<std::int64_t>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, id);
  if (st.Step() != SQLITE_DONE) return WriteFail<std::int64_t>(WriteError::Storage, db_->ErrorMessage());
  if (db_->Changes() == 0)
    return WriteFail<std::int64_t>(WriteError::NotFound, "no reply template " + std::to_string(id));
  return WriteOk(id);
}

// ---- Operators --------------------------------------------------------------------------------------------

WriteResult<OperatorRecord> SqliteHubRepository::RevokeOperator(std::string_view id_or_name,
                                                                protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE operators SET revoked_at = ?2 WHERE (id = ?1 OR name = ?1) AND revoked_at IS NULL "
      "RETURNING id, name, token_hash, created_at");
  if (!raw) return WriteFail<OperatorRecord>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, id_or_name);
  st.Bind(2, now);
  int rc = st.Step();
  if (rc == SQLITE_DONE)
    return WriteFail<OperatorRecord>(WriteError::NotFound, "no live operator " + std::string(id_or_name));
  if (rc != SQLITE_ROW) return WriteFail<OperatorRecord>(WriteError::Storage, db_->ErrorMessage());
  OperatorRecord op{st.Text(0), st.Text(1), st.Text(2), st.Int(3)};
  // Two operators may share a name: all of them are revoked (the statement finishes the update).
  while ((rc = st.Step()) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) return WriteFail<OperatorRecord>(WriteError::Storage, db_->ErrorMessage());
  return WriteOk(std::move(op));
}

Result<std::vector<OperatorRecord>> SqliteHubRepository::ListOperators() {
  using R = Result<std::vector<OperatorRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT id, name, token_hash, created_at FROM operators WHERE revoked_at IS NULL "
      "ORDER BY created_at, id");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<OperatorRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3)});
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

}  // namespace ck::hub

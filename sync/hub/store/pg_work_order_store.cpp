// PgHubRepository, work-order half: queues, the 三率, deadlines and settings, reply templates and
// revocable operators.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "sync/hub/store/pg_hub_repository.h"
#include "sync/hub/store/pg_request_rows.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;
using protocol::RequestStatus;

constexpr const char* kOpen = "r.status NOT IN ('resolved', 'closed')";
// The text the queue searches, the same expression as the trigram index requests_text.
constexpr const char* kSearchText =
    "(r.description || ' ' || r.address || ' ' || r.agency_responsible || ' ' || r.status_notes)";

template <typename T>
WriteResult<T> StorageFail(std::string message) {
  return WriteFail<T>(WriteError::Storage, std::move(message));
}

// The WHERE clause of a queue and its parameters, in order. Built from a fixed set of clauses (never from
// input text) so each combination of filters gets its own plan and its index.
struct QueueFilter {
  std::string where = "WHERE true";
  Params params;
  int next = 1;
  std::string Param(const char* cast = "") { return "$" + std::to_string(next++) + cast; }
};

// A trigram index matches nothing shorter than three code points.
bool TrigramSearchable(std::string_view text) {
  std::size_t code_points = 0;
  for (unsigned char ch : text)
    if ((ch & 0xC0) != 0x80) ++code_points;
  return code_points >= 3;
}

std::string LikeEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

QueueFilter BuildFilter(const WorkOrderQuery& q) {
  QueueFilter f;
  auto text = [&](const std::string& clause_before_param, std::string value) {
    f.where += " AND " + clause_before_param + f.Param();
    f.params.Add(value);
  };
  if (q.party) text("r.owner = ", std::string(protocol::AgencyCode(*q.party)));
  if (q.status) text("r.status = ", std::string(protocol::RequestStatusCode(*q.status)));
  if (q.service_code) text("r.service_code = ", *q.service_code);
  if (q.device_id) text("r.device_id = ", *q.device_id);
  if (q.channel) text("r.channel = ", std::string(ChannelCode(*q.channel)));
  if (q.filed_from) {
    f.where += " AND r.requested_at >= " + f.Param("::bigint");
    f.params.Add(*q.filed_from);
  }
  if (q.filed_to) {
    f.where += " AND r.requested_at < " + f.Param("::bigint");
    f.params.Add(*q.filed_to);
  }
  if (q.overdue_only) {
    f.where += std::string(" AND ") + kOpen + " AND r.due_at < " + f.Param("::bigint");
    f.params.Add(q.now);
  }
  // Open flagged tickets rank 1 or 2: the rank narrows the index walk, the flag decides.
  if (q.reopened_only) f.where += " AND r.queue_rank >= 1 AND r.flagged";
  if (q.supervised_only) f.where += " AND r.queue_rank = 2";
  if (q.ticket_code) text("r.ticket_code = ", *q.ticket_code);
  if (q.phone_tail) text("r.phone <> '' AND r.phone_tail = ", *q.phone_tail);
  if (q.text && TrigramSearchable(*q.text)) {
    // ILIKE on the indexed expression: the trigram index answers it; the text is a literal, never a pattern.
    text(std::string(kSearchText) + " ILIKE ", "%" + LikeEscaped(*q.text) + "%");
  } else if (q.text) {
    f.where += std::string(" AND strpos(") + kSearchText + ", " + f.Param("::text") + ") > 0";
    f.params.Add(*q.text);
  }
  return f;
}

}  // namespace

// The page's ids first, in the queue's order, then only those tickets' rows: PostgreSQL reads every row
// an OFFSET skips, so a page far down read whole rows for all the tickets before it. The ids come from the
// queue's index alone where it holds them (pg migration 4). The inner query's `r` is its own (the filter
// names `r`); the outer ORDER BY only puts the page's 50 rows back in order.
pg_rows::Statement pg_rows::WorkOrderPageStatement(const WorkOrderQuery& q) {
  QueueFilter f = BuildFilter(q);
  Params p = f.params;
  std::string limit = f.Param("::bigint"), offset = f.Param("::bigint");
  p.Add(q.limit).Add(q.offset);
  const std::string order = q.most_late_first ? " ORDER BY r.due_at, r.requested_at DESC"
                                              : " ORDER BY r.queue_rank DESC, r.requested_at DESC";
  return {std::string(kRequestSelect) + "WHERE r.id IN (SELECT r.id FROM requests r " + f.where + order +
              " LIMIT " + limit + " OFFSET " + offset + ")" + order,
          std::move(p)};
}

// ---- Queues -----------------------------------------------------------------------------------------------

Result<WorkOrderPage> PgHubRepository::QueryWorkOrders(const WorkOrderQuery& q) {
  using R = Result<WorkOrderPage>;
  if (q.limit < 1 || q.limit > 500 || q.offset < 0) return R::Fail("limit 1..500 and offset >= 0");
  const QueueFilter f = BuildFilter(q);
  const std::string count_sql = "SELECT COUNT(*) FROM requests r " + f.where;
  const pg_rows::Statement page_st = pg_rows::WorkOrderPageStatement(q);
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  WorkOrderPage page;
  std::string failure;
  auto tx = pg::Transact(
      *db,
      [&] {
        page = WorkOrderPage{};
        Rows count = db->Exec(count_sql, f.params);  // the count and the page from one snapshot
        if (count.matches_nothing()) return true;    // a search text that is not UTF-8 finds nothing
        if (!count.ok() || count.size() != 1) return failure = count.error(), false;
        page.total = count.Int(0, 0);
        Rows rows = db->Exec(page_st.sql, page_st.params);
        if (!rows.ok()) return failure = rows.error(), false;
        for (int i = 0; i < rows.size(); ++i) page.rows.push_back(pg_rows::ReadRequestRow(rows, i));
        return true;
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  return R::Ok(std::move(page));
}

// From requests_open_by_due_supervised: an open ticket is 督办 exactly when supervised_at is set.
Result<std::vector<OverdueCount>> PgHubRepository::OverdueByParty(protocol::UnixSeconds now) {
  using R = Result<std::vector<OverdueCount>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string("SELECT r.owner, COUNT(*), COUNT(r.supervised_at) FROM requests r WHERE ") +
                        kOpen + " AND r.due_at < $1::bigint GROUP BY r.owner",
                    Params().Add(now));
  if (!r.ok()) return R::Fail(r.error());
  std::vector<OverdueCount> out;
  for (int i = 0; i < r.size(); ++i) {
    OverdueCount c;
    c.party = protocol::ParseAgency(r.Text(i, 0)).value_or(protocol::Agency::StreetOffice);
    c.overdue = r.Int(i, 1);
    c.supervised = r.Int(i, 2);
    out.push_back(c);
  }
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

// Returns and extensions of one month, by the party that acted (from request_events_by_kind), merged into
// that month's rows. A channel filter counts only the ticket rows (events have no channel).
Status AddReturnsAndExtensions(pg::Connection& db, protocol::UnixSeconds start, protocol::UnixSeconds end,
                               const std::string& month, bool channel_filtered,
                               std::vector<PartyMonthRates>& out) {
  if (channel_filtered) return OkStatus();
  Rows r = db.Exec(
      "SELECT kind, agency, COUNT(*) FROM request_events WHERE kind IN ('return', 'extension_asked', "
      "'extension_granted', 'extension_refused') AND at >= $1::bigint AND at < $2::bigint AND agency IS NOT "
      "NULL "
      "GROUP BY kind, agency",
      Params().Add(start).Add(end));
  if (!r.ok()) return Status::Fail(r.error());
  for (int i = 0; i < r.size(); ++i) {
    auto party = protocol::ParseAgency(r.Text(i, 1));
    if (!party) continue;
    auto row = std::find_if(out.begin(), out.end(),
                            [&](const PartyMonthRates& m) { return m.month == month && m.party == *party; });
    if (row == out.end()) {
      PartyMonthRates m;
      m.party = *party;
      m.month = month;
      out.push_back(std::move(m));
      row = out.end() - 1;
    }
    std::string kind = r.Text(i, 0);
    std::int64_t n = r.Int(i, 2);
    if (kind == "return") row->returns += n;
    if (kind == "extension_asked") row->extensions_asked += n;
    if (kind == "extension_granted") row->extensions_granted += n;
    if (kind == "extension_refused") row->extensions_refused += n;
  }
  return OkStatus();
}

}  // namespace

Result<std::vector<PartyMonthRates>> PgHubRepository::MonthlyRates(const RatesQuery& q) {
  using R = Result<std::vector<PartyMonthRates>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  // One range query per month over requests_for_rates; each rate's count is a FILTER.
  const std::string sql =
      std::string(
          "SELECT COALESCE(r.agency, 'street_office'), COUNT(*), "
          "COUNT(*) FILTER (WHERE r.responded_at IS NOT NULL OR r.requested_at + $3::bigint <= $4::bigint), "
          "COUNT(*) FILTER (WHERE r.responded_at IS NOT NULL AND r.responded_at - r.requested_at <= "
          "$3::bigint), "
          "COUNT(*) FILTER (WHERE r.resolved_at IS NOT NULL OR r.deadline_missed OR r.due_at <= $4::bigint), "
          // A missed deadline stays missed: an extension granted after it cannot make it on time.
          "COUNT(*) FILTER (WHERE r.resolved_at IS NOT NULL AND r.resolved_at <= r.due_at "
          "  AND NOT r.deadline_missed), "
          "COUNT(r.satisfied), COUNT(*) FILTER (WHERE r.satisfied) "
          "FROM requests r WHERE r.requested_at >= $1::bigint AND r.requested_at < $2::bigint") +
      (q.channel ? " AND r.channel = $5" : "") + " GROUP BY 1";
  std::vector<PartyMonthRates> out;
  std::string failure;
  auto tx = pg::Transact(
      *db,
      [&] {
        out.clear();
        std::int64_t window = 86400;
        Rows w = db->Exec("SELECT value FROM hub_settings WHERE key = 'response_seconds'");
        if (!w.ok()) return failure = w.error(), false;
        if (w.size() > 0) window = w.Int(0, 0);
        for (protocol::UnixSeconds start = q.filed_from; start < q.filed_to;) {  // every month, one snapshot
          protocol::UnixSeconds end = std::min(NextShanghaiMonth(start), q.filed_to);
          std::string month = ShanghaiMonthLabel(start);
          Params p;
          p.Add(start).Add(end).Add(window).Add(q.now);
          if (q.channel) p.Add(ChannelCode(*q.channel));
          Rows r = db->Exec(sql, p);
          if (!r.ok()) return failure = r.error(), false;
          for (int i = 0; i < r.size(); ++i) {
            PartyMonthRates m;
            m.party = protocol::ParseAgency(r.Text(i, 0)).value_or(protocol::Agency::StreetOffice);
            m.month = month;
            m.tickets = r.Int(i, 1);
            m.response_due = r.Int(i, 2);
            m.response_ok = r.Int(i, 3);
            m.resolution_due = r.Int(i, 4);
            m.resolution_ok = r.Int(i, 5);
            m.rated = r.Int(i, 6);
            m.satisfied = r.Int(i, 7);
            out.push_back(std::move(m));
          }
          if (auto s = AddReturnsAndExtensions(*db, start, end, month, q.channel.has_value(), out); !s)
            return failure = s.error(), false;
          start = end;
        }
        return true;
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  std::sort(out.begin(), out.end(), [](const PartyMonthRates& a, const PartyMonthRates& b) {
    return a.month != b.month ? a.month < b.month : a.party < b.party;
  });
  return R::Ok(std::move(out));
}

// ---- Deadlines and settings -------------------------------------------------------------------------------

Result<std::optional<int>> PgHubRepository::ServiceDeadlineHours(std::string_view service_code) {
  using R = Result<std::optional<int>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec("SELECT deadline_hours FROM services WHERE code = $1", Params().Add(service_code));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(static_cast<int>(r.Int(0, 0)));
}

WriteResult<int> PgHubRepository::SetServiceDeadlineHours(std::string_view service_code, int hours) {
  if (hours < 1 || hours > 24 * 365) return WriteFail<int>(WriteError::Invalid, "hours: 1 to 8760");
  auto db = pool_->Acquire();
  if (!db) return StorageFail<int>(db.error());
  Rows r = db->Exec("UPDATE services SET deadline_hours = $2 WHERE code = $1",
                    Params().Add(service_code).Add(hours));
  if (!r.ok() && !r.matches_nothing()) return StorageFail<int>(r.error());  // not UTF-8: no such service
  if (r.affected() == 0)
    return WriteFail<int>(WriteError::NotFound, "no service with code " + std::string(service_code));
  return WriteOk(hours);
}

Result<protocol::UnixSeconds> PgHubRepository::ResponseWindowSeconds() {
  using R = Result<protocol::UnixSeconds>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec("SELECT value FROM hub_settings WHERE key = 'response_seconds'");
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(86400);
  return R::Ok(r.Int(0, 0));
}

WriteResult<protocol::UnixSeconds> PgHubRepository::SetResponseWindowSeconds(protocol::UnixSeconds s) {
  if (s < 60 || s > 30 * 86400)
    return WriteFail<protocol::UnixSeconds>(WriteError::Invalid, "response window: 1 minute to 30 days");
  auto db = pool_->Acquire();
  if (!db) return StorageFail<protocol::UnixSeconds>(db.error());
  Rows r = db->Exec(
      "INSERT INTO hub_settings (key, value) VALUES ('response_seconds', $1) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      Params().Add(s));
  if (!r.ok()) return StorageFail<protocol::UnixSeconds>(r.error());
  return WriteOk(s);
}

// ---- Reply templates --------------------------------------------------------------------------------------

namespace {

ReplyTemplate ReadTemplateRow(const Rows& st, int i) {
  ReplyTemplate t;
  t.id = st.Int(i, 0);
  t.service_code = st.OptText(i, 1);
  if (auto s = st.OptText(i, 2)) t.status = protocol::ParseRequestStatus(*s);
  t.title = st.Text(i, 3);
  t.body = st.Text(i, 4);
  t.updated_at = st.Int(i, 5);
  t.party = protocol::ParsePublisher(st.Text(i, 6)).value_or(protocol::Publisher::StreetOffice);
  return t;
}

std::optional<std::string> StatusText(const std::optional<RequestStatus>& s) {
  return s ? std::optional<std::string>(std::string(protocol::RequestStatusCode(*s))) : std::nullopt;
}

}  // namespace

Result<std::vector<ReplyTemplate>> PgHubRepository::ListReplyTemplates(
    const std::optional<std::string>& service_code, const std::optional<RequestStatus>& status) {
  using R = Result<std::vector<ReplyTemplate>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "SELECT id, service_code, status, title, body, updated_at, party FROM reply_templates "
      "WHERE ($1::text IS NULL OR service_code IS NULL OR service_code = $1::text) "
      "AND ($2::text IS NULL OR status IS NULL OR status = $2::text) ORDER BY title COLLATE \"C\", id",
      Params().AddOpt(service_code).AddOpt(StatusText(status)));
  if (!r.ok()) return R::Fail(r.error());
  std::vector<ReplyTemplate> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadTemplateRow(r, i));
  return R::Ok(std::move(out));
}

WriteResult<ReplyTemplate> PgHubRepository::AddReplyTemplate(const ReplyTemplate& t) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<ReplyTemplate>(db.error());
  Rows r = db->Exec(
      "INSERT INTO reply_templates (service_code, status, title, body, updated_at, party) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      Params()
          .AddOpt(t.service_code)
          .AddOpt(StatusText(t.status))
          .Add(t.title)
          .Add(t.body)
          .Add(t.updated_at)
          .Add(protocol::PublisherCode(t.party)));
  if (r.sqlstate() == pg::kForeignKeyViolation)
    return WriteFail<ReplyTemplate>(WriteError::Invalid, "service_code: unknown");
  if (!r.ok() || r.size() != 1) return StorageFail<ReplyTemplate>(r.error());
  ReplyTemplate out = t;
  out.id = r.Int(0, 0);
  return WriteOk(std::move(out));
}

WriteResult<ReplyTemplate> PgHubRepository::UpdateReplyTemplate(const ReplyTemplate& t) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<ReplyTemplate>(db.error());
  Rows r = db->Exec(
      "UPDATE reply_templates SET service_code = $2, status = $3, title = $4, body = $5, updated_at = $6 "
      "WHERE id = $1",
      Params()
          .Add(t.id)
          .AddOpt(t.service_code)
          .AddOpt(StatusText(t.status))
          .Add(t.title)
          .Add(t.body)
          .Add(t.updated_at));
  if (r.sqlstate() == pg::kForeignKeyViolation)
    return WriteFail<ReplyTemplate>(WriteError::Invalid, "service_code: unknown");
  if (!r.ok()) return StorageFail<ReplyTemplate>(r.error());
  if (r.affected() == 0)
    return WriteFail<ReplyTemplate>(WriteError::NotFound, "no reply template " + std::to_string(t.id));
  return WriteOk(t);
}

WriteResult<std::int64_t> PgHubRepository::DeleteReplyTemplate(std::int64_t id) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<std::int64_t>(db.error());
  Rows r = db->Exec("DELETE FROM reply_templates WHERE id = $1", Params().Add(id));
  if (!r.ok()) return StorageFail<std::int64_t>(r.error());
  if (r.affected() == 0)
    return WriteFail<std::int64_t>(WriteError::NotFound, "no reply template " + std::to_string(id));
  return WriteOk(id);
}

// ---- Operators --------------------------------------------------------------------------------------------

WriteResult<OperatorRecord> PgHubRepository::RevokeOperator(std::string_view id_or_name,
                                                            protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<OperatorRecord>(db.error());
  // Two operators may share a name: all of them are revoked.
  Rows r = db->Exec(
      "UPDATE operators SET revoked_at = $2 WHERE (id = $1 OR name = $1) AND revoked_at IS NULL "
      "RETURNING id, name, token_hash, created_at",
      Params().Add(id_or_name).Add(now));
  if (!r.ok() && !r.matches_nothing()) return StorageFail<OperatorRecord>(r.error());  // not UTF-8: none
  if (r.size() == 0)
    return WriteFail<OperatorRecord>(WriteError::NotFound, "no live operator " + std::string(id_or_name));
  return WriteOk(OperatorRecord{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Int(0, 3)});
}

Result<std::vector<OperatorRecord>> PgHubRepository::ListOperators() {
  using R = Result<std::vector<OperatorRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "SELECT id, name, token_hash, created_at FROM operators WHERE revoked_at IS NULL "
      "ORDER BY created_at, id COLLATE \"C\"");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<OperatorRecord> out;
  for (int i = 0; i < r.size(); ++i) out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Int(i, 3)});
  return R::Ok(std::move(out));
}

}  // namespace ck::hub

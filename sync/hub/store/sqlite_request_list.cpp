// QueryRequests' statements from only the filters that are set; rows and histories in two statements.
#include "sync/hub/store/sqlite_request_list.h"

#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "sync/hub/store/sqlite_request_rows.h"

namespace ck::hub::sqlite_rows {

const char* const kHistoriesSelect =
    "SELECT request_id, at, status, agency, note, kind FROM request_events "
    "WHERE request_id IN (SELECT value FROM json_each(?1)) ORDER BY request_id, n";

RequestListStatement BuildRequestList(const RequestQuery& q) {
  RequestListStatement out;
  out.sql = kRequestSelect;
  // An id or a ticket code names at most a few rows: their unique index is the way in. The other filters
  // are then written "+column" (no index for them), so the planner cannot prefer a list's index and filter
  // a whole window by id.
  const bool keyed = !q.ids.empty() || q.ticket_code.has_value();
  const std::string c = keyed ? "+r." : "r.";
  // Each condition has one parameter, written "?" here and numbered as it is appended.
  auto where = [&out](std::string condition, SqlValue value) {
    out.values.push_back(std::move(value));
    condition.replace(condition.find('?'), 1, "?" + std::to_string(out.values.size()));
    out.sql += (out.values.size() == 1 ? "WHERE " : "AND ") + condition + " ";
  };
  if (!q.ids.empty()) where("r.id IN (SELECT value FROM json_each(?))", nlohmann::json(q.ids).dump());
  if (q.ticket_code) where("r.ticket_code = ?", *q.ticket_code);
  if (q.service_code) where(c + "service_code = ?", *q.service_code);
  if (q.open311_closed) where(c + "open311_closed = ?", std::int64_t{*q.open311_closed ? 1 : 0});
  if (q.status) where(c + "status = ?", std::string(protocol::RequestStatusCode(*q.status)));
  if (q.requested_from) where(c + "requested_at >= ?", std::int64_t{*q.requested_from});
  if (q.requested_to) where(c + "requested_at <= ?", std::int64_t{*q.requested_to});
  if (q.flagged_only) where(c + "flagged = ?", std::int64_t{1});
  // The same order as the indexes keep it (migration 12), so no sort of every match.
  out.sql += q.flagged_first ? "ORDER BY r.flagged DESC, r.requested_at DESC, r.id "
                             : "ORDER BY r.requested_at DESC, r.id ";
  out.values.emplace_back(std::int64_t{q.limit});
  out.sql += "LIMIT ?" + std::to_string(out.values.size());
  return out;
}

void BindAll(sqlite::Statement& st, const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int n = static_cast<int>(i + 1);
    if (const auto* number = std::get_if<std::int64_t>(&values[i]))
      st.Bind(n, *number);
    else
      st.Bind(n, std::get<std::string>(values[i]));
  }
}

Result<std::vector<RequestRecord>> ReadRequestList(sqlite::Connection& db, const RequestQuery& q) {
  using R = Result<std::vector<RequestRecord>>;
  const RequestListStatement list = BuildRequestList(q);
  sqlite3_stmt* rows_raw = db.Prepare(list.sql);
  if (!rows_raw) return R::Fail(db.ErrorMessage());
  sqlite3_stmt* history_raw = db.Prepare(kHistoriesSelect);
  if (!history_raw) return R::Fail(db.ErrorMessage());
  sqlite::Transaction tx(db, false);  // rows and their histories from one snapshot
  if (!tx.begun()) return R::Fail(db.ErrorMessage());
  std::vector<RequestRecord> out;
  {
    sqlite::Statement st(rows_raw);
    BindAll(st, list.values);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadRequestRow(st));
    if (rc != SQLITE_DONE) return R::Fail(db.ErrorMessage());
  }
  if (!out.empty()) {
    std::unordered_map<std::string, std::size_t> at;
    nlohmann::json ids = nlohmann::json::array();
    for (std::size_t i = 0; i < out.size(); ++i) {
      at.emplace(out[i].status.service_request_id, i);
      ids.push_back(out[i].status.service_request_id);
    }
    sqlite::Statement st(history_raw);
    st.Bind(1, ids.dump());
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW)
      if (auto it = at.find(st.Text(0)); it != at.end())
        out[it->second].status.history.push_back(ReadEventRow(st, 1));
    if (rc != SQLITE_DONE) return R::Fail(db.ErrorMessage());
  }
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

}  // namespace ck::hub::sqlite_rows

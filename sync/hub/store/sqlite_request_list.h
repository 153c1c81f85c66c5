// QueryRequests' statements, built from only the filters a RequestQuery sets (values always bound, never
// pasted), so SQLite answers each read from an index (migration 12) instead of walking every request.
//
// Why not one statement with "?2 IS NULL OR r.ticket_code = ?2" for every filter: SQLite plans a statement
// once, for any binding, so such a statement cannot use the index of a filter that may be absent. At most
// 2^8 shapes exist, each cached once by the connection.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/sqlite_connection.h"

namespace ck::hub::sqlite_rows {

// One bound value: a number or a text.
using SqlValue = std::variant<std::int64_t, std::string>;

struct RequestListStatement {
  std::string sql;               // kRequestSelect + WHERE … ORDER BY … LIMIT
  std::vector<SqlValue> values;  // ?1, ?2, … in order
};

// The statement for `q`, rows as ReadRequestRow reads them, in QueryRequests' order (re-opened first when
// flagged_first, then newest first, id breaking ties).
RequestListStatement BuildRequestList(const RequestQuery& q);

// The histories of many requests in one statement (a kiosk's poll of 50 was 50 statements): ?1 is a JSON
// array of their ids; rows by request, oldest event first; columns request_id, at, status, agency, note,
// kind.
extern const char* const kHistoriesSelect;

// Binds `values` as ?1, ?2, …
void BindAll(sqlite::Statement& st, const std::vector<SqlValue>& values);

// QueryRequests itself: rows and their histories from one snapshot. The caller holds the connection.
Result<std::vector<RequestRecord>> ReadRequestList(sqlite::Connection& db, const RequestQuery& q);

}  // namespace ck::hub::sqlite_rows

// A request row in PostgreSQL: the one SELECT, its reader, its history, and text arrays for id lists;
// shared by the PostgreSQL store's request files.
#pragma once

#include <string>
#include <vector>

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/pg_connection.h"

namespace ck::hub::pg_rows {

// "SELECT … FROM requests r LEFT JOIN services s …": append WHERE/ORDER BY; columns as ReadRequestRow reads.
extern const char* const kRequestSelect;
// Row `row` of kRequestSelect, without history.
RequestRecord ReadRequestRow(const pg::Rows& rows, int row);
// Fills each record's history in one query (not one per record).
Status LoadHistories(pg::Connection& db, std::vector<RequestRecord>& records);
// The one request with `column` = value and its history, or nullopt. column: "id" or "ticket_code".
Result<std::optional<RequestRecord>> FindRequest(pg::Connection& db, std::string_view column,
                                                 std::string_view value);
// Appends one history event (n = last + 1); the caller holds the request's row lock or just inserted it.
Status AppendEvent(pg::Connection& db, std::string_view request_id, const protocol::StatusEvent& e);
// A statement and its parameters. The store's request reads are built from fixed clauses (only the filters
// given), so each combination gets the plan its index allows; the plan tests EXPLAIN exactly these.
struct Statement {
  std::string sql;
  pg::Params params;
};
Statement RequestQueryStatement(const RequestQuery& q);            // QueryRequests
Statement TicketLookupStatement(std::string_view canonical_code);  // FindRequestByTicket, without history
Statement WorkOrderPageStatement(const WorkOrderQuery& q);  // QueryWorkOrders' page (pg_work_order_store.cpp)

// A PostgreSQL text[] literal ({"a","b"}), for `= ANY($n::text[])`.
std::string TextArray(const std::vector<std::string>& values);

std::optional<std::string> AgencyText(const std::optional<protocol::Agency>& a);

}  // namespace ck::hub::pg_rows

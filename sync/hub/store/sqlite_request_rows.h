// The one SELECT that reads a request row and its reader, the reader of one history event, shared by the SQLite store's two request files.
#pragma once

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/sqlite_connection.h"

namespace ck::hub::sqlite_rows {

// "SELECT … FROM requests r LEFT JOIN services s …": append WHERE/ORDER BY; columns as ReadRequestRow reads.
extern const char* const kRequestSelect;
// One row of kRequestSelect, without history.
RequestRecord ReadRequestRow(const sqlite::Statement& st);
// One history event from columns first..first+4: at, status, agency, note, kind (request_events).
protocol::StatusEvent ReadEventRow(const sqlite::Statement& st, int first);

}  // namespace ck::hub::sqlite_rows

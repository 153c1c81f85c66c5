// The notice and kiosk rows in PostgreSQL: their SELECTs and readers, shared by the hub's and the console's
// PostgreSQL stores, so a new column is read everywhere at once.
#pragma once

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/pg_connection.h"

namespace ck::hub::pg_rows {

// "SELECT <the notice columns> FROM notices ": append WHERE/ORDER BY.
extern const char* const kNoticeSelect;
NoticeRecord ReadNoticeRow(const pg::Rows& rows, int row);

// One feed page's changes after a cursor ($1 the cursor, $2 the rows wanted), from each table's seq index:
// the notices as ReadNoticeRow reads them, and the activities' id, seq, deleted, feed_body.
extern const char* const kFeedNoticesSql;
extern const char* const kFeedActivitiesSql;

// "SELECT <13 kiosk columns> FROM kiosks "; kKioskColumns alone for a query that selects more after them.
extern const char* const kKioskColumns;
inline constexpr int kKioskColumnCount = 13;
extern const char* const kKioskSelect;
KioskRecord ReadKioskRow(const pg::Rows& rows, int row);

}  // namespace ck::hub::pg_rows

// The hub's SQLite schema as numbered migrations; PRAGMA user_version records how many have run.
#pragma once

#include "sync/hub/store/sqlite_connection.h"
#include "sync/protocol/result.h"

namespace ck::hub::sqlite {

// Brings the database up to the newest schema, each migration in its own transaction.
// Refuses a database made by a newer hub rather than guess at its schema.
Status Migrate(Connection& db);

}  // namespace ck::hub::sqlite

// The hub's SQLite schema as numbered migrations; PRAGMA user_version records how many have run.
#pragma once

#include <cstdint>

#include "sync/hub/store/sqlite_connection.h"
#include "sync/protocol/result.h"

namespace ck::hub::sqlite {

// Brings the database up to the newest schema, each migration in its own transaction.
// Refuses a database made by a newer hub rather than guess at its schema.
Status Migrate(Connection& db);
// Runs the migrations up to `target_version` only: for tests that need a database as an older hub left it.
Status MigrateUpTo(Connection& db, std::int64_t target_version);

}  // namespace ck::hub::sqlite

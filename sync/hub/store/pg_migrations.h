// The hub's PostgreSQL schema as numbered migrations; table ck_schema_version records how many have run.
#pragma once

#include <cstdint>

#include "sync/hub/store/pg_connection.h"
#include "sync/protocol/result.h"

namespace ck::hub::pg {

// Brings the database up to the newest schema, each migration in its own transaction under an advisory
// lock (two hub processes starting at once run each migration once). Refuses a database made by a newer
// hub rather than guess at its schema.
Status Migrate(Connection& db);
// Runs the migrations up to `target_version` only: for tests that need a database as an older hub left it.
Status MigrateUpTo(Connection& db, std::int64_t target_version);
// The SQL of one migration (1-based), or nullptr: for tests that check the schema on its own.
const char* MigrationSql(std::int64_t version);

}  // namespace ck::hub::pg

// Schema migrations of the kiosk database: numbered, applied in order, each in its own transaction.
#pragma once

#include <sqlite3.h>

#include <span>
#include <string_view>

#include "sync/protocol/result.h"

namespace ck::store {

struct Migration {
  int version;           // 1, 2, 3 … with no gaps; PRAGMA user_version holds the last one applied
  std::string_view sql;  // may hold several statements
};

// Every migration the kiosk knows, oldest first. Never edit a released one: add the next number.
std::span<const Migration> KioskMigrations();
int LatestSchemaVersion();

// Brings the database to LatestSchemaVersion(). A database newer than this build is refused, so an old
// binary can never scribble on a schema it does not understand.
Status Migrate(sqlite3* db);

}  // namespace ck::store

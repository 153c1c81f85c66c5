// Which file may become a hub database: only `community-hub init` creates one; every other opener finds an
// existing hub database or says, in one line naming the file, what is wrong and how to fix it.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "sync/hub/store/sqlite_connection.h"
#include "sync/protocol/result.h"

namespace ck::hub::sqlite {

enum class HubFileMode {
  kExisting,         // the file must already be a hub database (every command but init)
  kCreateIfMissing,  // init, and tests that make a fresh database in a temp folder
};

// A hub database has the tables every hub migration starts from.
bool IsHubDatabase(sqlite3* db);

// Opens `path` as a hub database (not yet migrated). kExisting refuses a missing file and a file that is not
// a hub database (a kiosk's database, an empty or foreign file). kCreateIfMissing creates the file with mode
// 0600 (it will hold residents' phone numbers) and takes an empty database as new, but still refuses a
// database that belongs to something else.
Result<std::unique_ptr<Connection>> OpenHubFile(const std::string& path, HubFileMode mode);

}  // namespace ck::hub::sqlite

// Online backups of the hub's database with SQLite's backup API (the hub keeps serving), their retention,
// and the restore that puts one back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub::sqlite {

struct BackupMade {
  std::filesystem::path file;  // DIR/hub-YYYYMMDDTHHMMSSZ.db
  std::uintmax_t bytes = 0;
  int removed = 0;  // older backups deleted (past keep_days)
};

// Copies the live database `db` (WAL; writers go on) as one consistent snapshot into a new file in `dir`,
// checks it (PRAGMA integrity_check), fsyncs it, gives it mode 0600, then deletes this function's backups
// in `dir` whose names are older than keep_days before `now`. Never creates `db`.
Result<BackupMade> BackupDatabase(const std::filesystem::path& db, const std::filesystem::path& dir,
                                  int keep_days, protocol::UnixSeconds now);

// Checks `backup` (integrity_check, a hub database) and copies it over `db` (created 0600 if missing).
// The hub must be stopped: a running hub would go on from its own view of the old file.
Status RestoreDatabase(const std::filesystem::path& backup, const std::filesystem::path& db);

// The name BackupDatabase gives a backup taken at `at`.
std::string BackupFileName(protocol::UnixSeconds at);

}  // namespace ck::hub::sqlite

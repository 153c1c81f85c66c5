// Online backup and restore of the hub's SQLite database (sqlite3_backup_*), and backup retention.
#include "sync/hub/store/sqlite_backup.h"
#include "sync/hub/store/sqlite_hub_file.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <system_error>
#include <vector>

namespace ck::hub::sqlite {
namespace {

namespace fs = std::filesystem;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Result<Db> OpenDb(const fs::path& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK)
    return Result<Db>::Fail(path.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 10000);  // the hub may hold a write lock for a moment
  return Result<Db>::Ok(std::move(db));
}

// "ok", or what PRAGMA integrity_check found.
std::string IntegrityProblem(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK)
    return sqlite3_errmsg(db);
  std::string answer;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    if (!answer.empty()) answer += "; ";
    answer += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return answer == "ok" ? std::string{} : (answer.empty() ? std::string("no answer") : answer);
}

// Copies the whole of `from` into `to` in one step: one read transaction on `from`, so in WAL mode the
// copy is one consistent snapshot and writers are never blocked or restart it.
Status CopyAll(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return Status::Fail(sqlite3_errmsg(to));
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Status::Fail(sqlite3_errstr(rc));
  if (sqlite3_errcode(to) != SQLITE_OK && sqlite3_errcode(to) != SQLITE_DONE)
    return Status::Fail(sqlite3_errmsg(to));
  return OkStatus();
}

bool SyncFile(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// The time in a name BackupFileName made, or nullopt for any other file.
std::optional<protocol::UnixSeconds> TakenAt(const std::string& name) {
  // hub-YYYYMMDDTHHMMSSZ.db
  if (name.size() != 23 || !name.starts_with("hub-") || !name.ends_with("Z.db") || name[12] != 'T') return {};
  const std::string s = name.substr(4, 15);
  return protocol::ParseUtc(s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + "T" + s.substr(9, 2) +
                            ":" + s.substr(11, 2) + ":" + s.substr(13, 2) + "Z");
}

}  // namespace

std::string BackupFileName(protocol::UnixSeconds at) {
  std::string utc = protocol::FormatUtc(at);  // 2026-12-04T16:00:00Z
  std::string compact;
  for (char c : utc)
    if (c != '-' && c != ':') compact += c;
  return "hub-" + compact + ".db";
}

Result<BackupMade> BackupDatabase(const fs::path& db, const fs::path& dir, int keep_days,
                                  protocol::UnixSeconds now) {
  using R = Result<BackupMade>;
  std::error_code ec;
  if (!fs::is_regular_file(db, ec)) return R::Fail(db.string() + ": no such database (nothing to back up)");
  if (!fs::is_directory(dir, ec)) return R::Fail(dir.string() + ": no such directory for backups");
  if (keep_days < 1) return R::Fail("--keep-days must be at least 1");

  auto source = OpenDb(db, SQLITE_OPEN_READONLY);
  if (!source) return R::Fail("cannot open " + source.error());
  if (!IsHubDatabase(source->get())) return R::Fail(db.string() + ": not a hub database");

  BackupMade made;
  made.file = dir / BackupFileName(now);
  const fs::path partial = fs::path(made.file.string() + ".partial");
  fs::remove(partial, ec);
  {
    // 0600 from the start: the copy holds residents' phone numbers.
    int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return R::Fail(partial.string() + ": " + std::generic_category().message(errno));
    ::close(fd);
    auto target = OpenDb(partial, SQLITE_OPEN_READWRITE);
    if (!target) return R::Fail("cannot create " + target.error());
    if (Status copied = CopyAll(source->get(), target->get()); !copied) {
      target->reset();
      fs::remove(partial, ec);
      return R::Fail("backup of " + db.string() + " failed: " + copied.error());
    }
    // A backup is a single file: no WAL beside it.
    sqlite3_exec(target->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    if (std::string problem = IntegrityProblem(target->get()); !problem.empty()) {
      target->reset();
      fs::remove(partial, ec);
      return R::Fail("backup of " + db.string() + " failed its integrity check: " + problem);
    }
  }
  if (!SyncFile(partial)) return R::Fail(partial.string() + ": cannot fsync");
  fs::rename(partial, made.file, ec);
  if (ec) return R::Fail(made.file.string() + ": " + ec.message());
  SyncFile(dir);
  made.bytes = fs::file_size(made.file, ec);

  const protocol::UnixSeconds cutoff = now - static_cast<protocol::UnixSeconds>(keep_days) * 86400;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto taken = TakenAt(entry.path().filename().string());
    if (taken && *taken < cutoff && entry.path() != made.file && fs::remove(entry.path(), ec)) ++made.removed;
  }
  return R::Ok(std::move(made));
}

Status RestoreDatabase(const fs::path& backup, const fs::path& db) {
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec)) return Status::Fail(backup.string() + ": no such backup file");
  auto source = OpenDb(backup, SQLITE_OPEN_READONLY);
  if (!source) return Status::Fail("cannot open " + source.error());
  if (!IsHubDatabase(source->get())) return Status::Fail(backup.string() + ": not a hub database");
  if (std::string problem = IntegrityProblem(source->get()); !problem.empty())
    return Status::Fail(backup.string() + " is damaged (integrity check: " + problem + "); take an older one");
  if (!fs::exists(db, ec)) {
    int fd = ::open(db.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Fail(db.string() + ": " + std::generic_category().message(errno));
    ::close(fd);
  }
  auto target = OpenDb(db, SQLITE_OPEN_READWRITE);
  if (!target) return Status::Fail("cannot open " + target.error());
  // The hub runs in WAL mode; the restored file does too, with the backup's pages checkpointed in.
  if (Status copied = CopyAll(source->get(), target->get()); !copied)
    return Status::Fail("restore into " + db.string() + " failed: " + copied.error());
  sqlite3_exec(target->get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  sqlite3_exec(target->get(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
  if (std::string problem = IntegrityProblem(target->get()); !problem.empty())
    return Status::Fail(db.string() + " after the restore: " + problem);
  return OkStatus();
}

}  // namespace ck::hub::sqlite

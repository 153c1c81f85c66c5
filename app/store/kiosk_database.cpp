// KioskDatabase: opening, configuring and migrating the kiosk's SQLite file; the statement cache.
#include "app/store/kiosk_database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <system_error>

#include "app/store/migrations.h"
#include "sync/protocol/journal_log.h"

namespace ck::store {

namespace {

// How long a writer waits for another connection's write to finish before giving up.
constexpr int kBusyTimeoutMs = 5000;

// ", the disk is full (N KiB free)" when it nearly is, else "": the usual reason SQLite says "disk I/O error".
std::string FreeSpaceNote(const std::filesystem::path& file) {
  struct statvfs fs {};
  if (::statvfs(file.parent_path().empty() ? "." : file.parent_path().c_str(), &fs) != 0) return {};
  const unsigned long long free_bytes = static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize;
  if (free_bytes >= 1024ull * 1024) return {};
  return ", the disk is full (" + std::to_string(free_bytes / 1024) + " KiB free)";
}

}  // namespace

Result<std::unique_ptr<KioskDatabase>> KioskDatabase::Open(const std::filesystem::path& file) {
  using R = Result<std::unique_ptr<KioskDatabase>>;
  std::error_code ec;
  if (file.has_parent_path()) {
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return R::Fail("cannot create " + file.parent_path().string() + ": " + ec.message());
  }
  // 0600: the database holds residents' phone numbers. SQLite gives its -wal and -shm files the database
  // file's mode, so creating the file ourselves is enough; an older 0644 file is tightened.
  if (int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 0077) != 0) (void)::fchmod(fd, 0600);
    ::close(fd);
  }
  // A full disk after a clean shutdown: the -wal and -shm files are gone and SQLite cannot make the
  // shared-memory file again ("disk I/O error"), so the lobby screen stayed dark. Then open again with
  // locking_mode=EXCLUSIVE, where WAL keeps its index in this process's memory and needs no -shm: the
  // kiosk starts and shows what it has; writes fail as on any full disk (reports are refused with the
  // message residents already see), and the sync engine's own connection waits until space is freed and
  // the kiosk restarts.
  std::unique_ptr<KioskDatabase> db;
  for (const bool exclusive : {false, true}) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    // Own the handle at once so every early return below closes it.
    db.reset(new KioskDatabase(raw));
    if (rc != SQLITE_OK) return R::Fail("cannot open " + file.string() + ": " + sqlite3_errstr(rc));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    if (exclusive) {
      if (auto s = db->Exec("PRAGMA locking_mode=EXCLUSIVE"); !s)
        return R::Fail("cannot configure " + file.string() + ": " + s.error());
    }
    // WAL lets the UI thread read while the sync thread writes. synchronous=FULL is the connection's
    // default: receipts must survive a power cut; Transaction relaxes it for feed pages only.
    // temp_store=MEMORY keeps per-statement rollback journals (every upsert has one: it fires the FTS
    // triggers) off the disk: a tenth of the writes when a first sync applies 10,000 notices, and kinder
    // to a kiosk's flash storage.
    Status configured = OkStatus();
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                               "PRAGMA temp_store=MEMORY"}) {
      configured = db->Exec(pragma);
      if (!configured) break;
    }
    if (configured) break;
    const int code = sqlite3_extended_errcode(raw) & 0xff;
    if (exclusive || (code != SQLITE_IOERR && code != SQLITE_FULL))
      return R::Fail("cannot configure " + file.string() + ": " + configured.error() + FreeSpaceNote(file));
    log::Warning("store: %s: cannot open shared (%s)%s; opening it for this process alone: notices show, new "
                 "reports are refused and sync waits until space is freed and the kiosk restarts",
                 file.c_str(), configured.error().c_str(), FreeSpaceNote(file).c_str());
  }
  sqlite3* raw = db->handle();
  if (auto s = Migrate(raw); !s) return R::Fail(file.string() + ": " + s.error());
  sqlite3_commit_hook(raw, &KioskDatabase::CountCommit, db.get());
  return R::Ok(std::move(db));
}

KioskDatabase::~KioskDatabase() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

int KioskDatabase::CountCommit(void* self) {
  static_cast<KioskDatabase*>(self)->own_commits_.fetch_add(1, std::memory_order_relaxed);
  return 0;  // 0 lets the commit proceed
}

int KioskDatabase::SchemaVersion() const {
  Statement st = Cached("PRAGMA user_version");
  return st.Step() == SQLITE_ROW ? static_cast<int>(st.Int(0)) : -1;
}

std::int64_t KioskDatabase::ChangeCounter() const {
  Statement st = Cached("PRAGMA data_version");
  std::int64_t others = st.Step() == SQLITE_ROW ? st.Int(0) : 0;
  return others + own_commits_.load(std::memory_order_relaxed);
}

Statement KioskDatabase::Cached(std::string_view sql) const {
  std::string key(sql);
  if (auto it = statements_.find(key); it != statements_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    log::Error("store: cannot prepare statement: %s", sqlite3_errmsg(db_));
    sqlite3_finalize(stmt);
    return Statement(nullptr);
  }
  statements_.emplace(std::move(key), stmt);
  return Statement(stmt);
}

Status KioskDatabase::Exec(const char* sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Status::Fail(error);
  }
  return OkStatus();
}

std::string KioskDatabase::LastError() const {
  return db_ ? sqlite3_errmsg(db_) : "no database";
}

}  // namespace ck::store

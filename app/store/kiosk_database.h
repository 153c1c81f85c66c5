// KioskDatabase: the kiosk's own SQLite file (WAL mode, numbered migrations). Everything the kiosk shows
// is read from here; everything a resident submits is committed here first.
//
// One connection per thread: the UI thread and the sync thread each open their own KioskDatabase on the
// same file. WAL lets the UI read while sync writes.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/store/statement.h"

#include "sync/protocol/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ck::store {

class KioskDatabase {
 public:
  // Creates the file and its directory if needed and migrates it to the newest schema.
  static Result<std::unique_ptr<KioskDatabase>> Open(const std::filesystem::path& file);
  ~KioskDatabase();
  KioskDatabase(const KioskDatabase&) = delete;
  KioskDatabase& operator=(const KioskDatabase&) = delete;

  sqlite3* handle() const { return db_; }
  int SchemaVersion() const;

  // Grows whenever any connection commits a change to the file (PRAGMA data_version + own writes):
  // the UI polls it between frames to know its view model is stale, without re-running queries.
  std::int64_t ChangeCounter() const;

  // The connection's prepared statement for `sql`, prepared on first use and kept until close.
  // Check Statement::ok(): a statement that fails to prepare is logged and reported, never thrown.
  Statement Cached(std::string_view sql) const;
  // Runs SQL without results (PRAGMAs, BEGIN/COMMIT); for fixed text only, never for values.
  Status Exec(const char* sql) const;
  // The connection's last error message, for building Status values.
  std::string LastError() const;

 private:
  explicit KioskDatabase(sqlite3* db) : db_(db) {}
  static int CountCommit(void* self);
  sqlite3* db_;
  mutable std::unordered_map<std::string, sqlite3_stmt*> statements_;
  // Commits made through this connection: PRAGMA data_version only counts other connections' commits.
  std::atomic<std::int64_t> own_commits_{0};
};

}  // namespace ck::store

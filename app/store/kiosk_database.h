// KioskDatabase: the kiosk's own SQLite file (WAL mode, numbered migrations). Everything the kiosk shows
// is read from here; everything a resident submits is committed here first.
//
// One connection per thread: the UI thread and the sync thread each open their own KioskDatabase on the
// same file. WAL lets the UI read while sync writes.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "sync/protocol/result.h"

struct sqlite3;

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

 private:
  explicit KioskDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace ck::store

// The kiosk's schema, as numbered migrations, and the code that applies them.
#include "app/store/migrations.h"

#include <string>

namespace ck::store {

namespace {

// Migration 1: notices, their full-text index, the sync state.
//
// notices.row is an explicit INTEGER PRIMARY KEY because the FTS5 external-content index refers to rows by
// rowid, and an implicit rowid may change on VACUUM. priority is stored as its board rank
// (0 normal, 1 important, 2 urgent) so "ORDER BY priority DESC" is board order; publisher as its wire code.
// The CHECKs restate protocol::ValidateNotice's invariants so no code path can store a broken notice.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE schema_migrations(
  version INTEGER PRIMARY KEY,
  applied_at INTEGER NOT NULL
);
CREATE TABLE notices(
  row INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE CHECK(length(id) = 36),
  publisher TEXT NOT NULL
    CHECK(publisher IN ('street_office','property_company','residents_committee','owners_committee')),
  category TEXT NOT NULL CHECK(length(category) BETWEEN 1 AND 64),
  priority INTEGER NOT NULL CHECK(priority BETWEEN 0 AND 2),
  pinned INTEGER NOT NULL CHECK(pinned IN (0, 1)),
  title TEXT NOT NULL CHECK(length(title) BETWEEN 1 AND 200),
  body TEXT NOT NULL CHECK(length(body) <= 20000),
  published_at INTEGER NOT NULL,
  expires_at INTEGER CHECK(expires_at IS NULL OR expires_at > published_at),
  audience TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK(revision >= 1)
);
-- Board order, whole board and per category. They cover every column of a NoticeSummary, so listing the
-- board at start-up walks one index and never touches the table rows (which hold the long bodies).
CREATE INDEX notices_board ON notices(
  pinned DESC, priority DESC, published_at DESC, id, publisher, category, title, expires_at);
CREATE INDEX notices_category_board ON notices(
  category, pinned DESC, priority DESC, published_at DESC, id, publisher, title, expires_at);
-- NextTimeBoundary: the next publication and the next expiry.
CREATE INDEX notices_published_at ON notices(published_at);
CREATE INDEX notices_expires_at ON notices(expires_at) WHERE expires_at IS NOT NULL;

-- Trigram index for substring search of 3+ characters (shorter queries scan the live set instead).
CREATE VIRTUAL TABLE notices_fts USING fts5(
  title, body, content='notices', content_rowid='row', tokenize='trigram');
CREATE TRIGGER notices_fts_insert AFTER INSERT ON notices BEGIN
  INSERT INTO notices_fts(rowid, title, body) VALUES (new.row, new.title, new.body);
END;
CREATE TRIGGER notices_fts_delete AFTER DELETE ON notices BEGIN
  INSERT INTO notices_fts(notices_fts, rowid, title, body) VALUES ('delete', old.row, old.title, old.body);
END;
CREATE TRIGGER notices_fts_update AFTER UPDATE OF title, body ON notices BEGIN
  INSERT INTO notices_fts(notices_fts, rowid, title, body) VALUES ('delete', old.row, old.title, old.body);
  INSERT INTO notices_fts(rowid, title, body) VALUES (new.row, new.title, new.body);
END;

-- Small facts about syncing (feed cursor, ETag, last outcome), one row each.
CREATE TABLE sync_state(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr Migration kMigrations[] = {
    {1, kMigration1},
};

Status ExecAll(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return Status::Fail(error);
  }
  return OkStatus();
}

int UserVersion(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int version = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW)
    version = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return version;
}

}  // namespace

std::span<const Migration> KioskMigrations() {
  return kMigrations;
}
int LatestSchemaVersion() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

Status Migrate(sqlite3* db) {
  int current = UserVersion(db);
  if (current < 0) return Status::Fail(std::string("cannot read schema version: ") + sqlite3_errmsg(db));
  if (current > LatestSchemaVersion())
    return Status::Fail("database schema " + std::to_string(current) + " is newer than this kiosk (" +
                        std::to_string(LatestSchemaVersion()) + "); upgrade the kiosk");
  for (const Migration& m : kMigrations) {
    if (m.version <= current) continue;
    // Each migration and its bookkeeping commit together or not at all.
    if (auto s = ExecAll(db, "BEGIN IMMEDIATE"); !s) return s;
    std::string sql(m.sql);
    sql += "\nINSERT INTO schema_migrations(version, applied_at) VALUES (" + std::to_string(m.version) +
           ", CAST(strftime('%s','now') AS INTEGER));\nPRAGMA user_version = " + std::to_string(m.version) +
           ";";
    if (auto s = ExecAll(db, sql.c_str()); !s) {
      ExecAll(db, "ROLLBACK");
      return Status::Fail("migration " + std::to_string(m.version) + " failed: " + s.error());
    }
    if (auto s = ExecAll(db, "COMMIT"); !s) {
      ExecAll(db, "ROLLBACK");
      return Status::Fail("migration " + std::to_string(m.version) + " commit failed: " + s.error());
    }
  }
  return OkStatus();
}

}  // namespace ck::store

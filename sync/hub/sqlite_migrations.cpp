// Numbered schema migrations. Append new ones; never edit one that has shipped.
#include "sync/hub/sqlite_migrations.h"

#include <array>
#include <string>

namespace ck::hub::sqlite {

namespace {

// Times are Unix seconds UTC. notices.seq is UNIQUE: one global sequence, one latest change per row.
constexpr std::array<const char*, 1> kMigrations = {
    // 1: notices with the change sequence, kiosks with hashed tokens and their last heartbeat.
    R"sql(
CREATE TABLE change_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO change_sequence (id, last_seq) VALUES (1, 0);
CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  revision INTEGER NOT NULL,
  publisher TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL,
  pinned INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  expires_at INTEGER,
  audience TEXT NOT NULL,
  withdrawn_at INTEGER
);
CREATE TABLE kiosks (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_seen INTEGER,
  app_version TEXT,
  sync_cursor TEXT,
  outbox_pending INTEGER,
  last_sync_error TEXT
);
)sql",
};

}  // namespace

Status Migrate(Connection& db) {
  for (;;) {
    // Read the version inside the write transaction so two processes opening a new file at once
    // cannot both run the same migration.
    Transaction tx(db, /*immediate=*/true);
    if (!tx.begun()) return Status::Fail("cannot start migration: " + db.ErrorMessage());
    sqlite3_stmt* raw = db.Prepare("PRAGMA user_version");
    if (!raw) return Status::Fail("cannot read schema version: " + db.ErrorMessage());
    std::int64_t version = 0;
    {
      Statement st(raw);
      if (st.Step() != SQLITE_ROW) return Status::Fail("cannot read schema version: " + db.ErrorMessage());
      version = st.Int(0);
    }
    if (version == static_cast<std::int64_t>(kMigrations.size())) return OkStatus();
    if (version > static_cast<std::int64_t>(kMigrations.size()))
      return Status::Fail("database schema version " + std::to_string(version) +
                          " is newer than this community-hub understands");
    if (auto s = db.Exec(kMigrations[static_cast<size_t>(version)]); !s)
      return Status::Fail("migration " + std::to_string(version + 1) + " failed: " + s.error());
    std::string set_version = "PRAGMA user_version = " + std::to_string(version + 1);
    if (auto s = db.Exec(set_version.c_str()); !s) return s;
    if (auto s = tx.Commit(); !s) return s;
  }
}

}  // namespace ck::hub::sqlite

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

// Migration 2: resident feedback, ratings, the outbox that delivers them, the ticket sequence, the services
// cache and the statuses pulled from the hub.
//
// The outbox's INTEGER PRIMARY KEY AUTOINCREMENT is the delivery order and is never reused. A row leaves
// the outbox only in the transaction that records the hub's parsed answer (delivered); a 4xx keeps it with
// rejected_at set, out of the queue but visible to staff. ticket_sequence is one row whose value only grows:
// deleting feedback can never make a ticket code come back. original_ticket_code is the code printed on the
// resident's receipt; ticket_code becomes the hub's if the hub reassigned it, and lookups accept both.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE feedback(
  request_uuid TEXT PRIMARY KEY CHECK(length(request_uuid) = 36),
  ticket_code TEXT NOT NULL UNIQUE CHECK(length(ticket_code) = 9),
  original_ticket_code TEXT NOT NULL UNIQUE CHECK(length(original_ticket_code) = 9),
  kind TEXT NOT NULL CHECK(kind IN ('complaint','suggestion')),
  service_code TEXT NOT NULL CHECK(length(service_code) BETWEEN 1 AND 64),
  service_name TEXT NOT NULL,
  address_string TEXT NOT NULL,
  description TEXT NOT NULL CHECK(length(description) >= 1),
  phone TEXT CHECK(phone IS NULL OR length(phone) BETWEEN 1 AND 20),
  masked_phone TEXT NOT NULL DEFAULT '',
  submitted_at INTEGER NOT NULL,
  delivery_state TEXT NOT NULL DEFAULT 'pending' CHECK(delivery_state IN ('pending','delivered','rejected')),
  delivery_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER,
  service_request_id TEXT UNIQUE,
  hub_token TEXT,
  -- Only the hub has the phone once delivered: never keep it past that.
  CHECK(delivery_state <> 'delivered' OR phone IS NULL)
);

CREATE TABLE ratings(
  rating_uuid TEXT PRIMARY KEY CHECK(length(rating_uuid) = 36),
  ticket_code TEXT NOT NULL,
  service_request_id TEXT NOT NULL DEFAULT '',
  score INTEGER NOT NULL CHECK(score BETWEEN 1 AND 5),
  quick_comment TEXT NOT NULL,
  comment TEXT NOT NULL,
  rated_at INTEGER NOT NULL,
  delivery_state TEXT NOT NULL DEFAULT 'pending' CHECK(delivery_state IN ('pending','delivered','rejected')),
  delivery_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ratings_ticket ON ratings(ticket_code, rated_at);

CREATE TABLE outbox(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK(kind IN ('feedback','rating')),
  record_key TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  rejected_at INTEGER,
  http_status INTEGER
);
CREATE INDEX outbox_queue ON outbox(id) WHERE rejected_at IS NULL;

CREATE TABLE ticket_sequence(
  only_row INTEGER PRIMARY KEY CHECK(only_row = 1),
  last_value INTEGER NOT NULL CHECK(last_value >= 0)
);
INSERT INTO ticket_sequence(only_row, last_value) VALUES (1, 0);

CREATE TABLE services_cache(
  only_row INTEGER PRIMARY KEY CHECK(only_row = 1),
  body TEXT NOT NULL,
  etag TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);

-- The hub's view of a ticket, made here or looked up by code. status_json is one element of the
-- protocol's status list (history included); status and ticket_code are copied out for queries.
CREATE TABLE ticket_status(
  service_request_id TEXT PRIMARY KEY,
  ticket_code TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  status_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ticket_status_code ON ticket_status(ticket_code);
)sql";

// Migration 3: ticket codes become a capability (sync/protocol/ticket_code.h): 13 symbols, "XXXX-XXXX-XXXXX",
// 15 characters, with 50 random bits instead of a sequence, so ticket_sequence goes. A database that still
// holds old, guessable codes is refused before this runs (RefuseOldTicketCodes): no kiosk was deployed with
// them, and re-coding a ticket would orphan the receipt a resident holds.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE feedback_v3(
  request_uuid TEXT PRIMARY KEY CHECK(length(request_uuid) = 36),
  ticket_code TEXT NOT NULL UNIQUE CHECK(length(ticket_code) = 15),
  original_ticket_code TEXT NOT NULL UNIQUE CHECK(length(original_ticket_code) = 15),
  kind TEXT NOT NULL CHECK(kind IN ('complaint','suggestion')),
  service_code TEXT NOT NULL CHECK(length(service_code) BETWEEN 1 AND 64),
  service_name TEXT NOT NULL,
  address_string TEXT NOT NULL,
  description TEXT NOT NULL CHECK(length(description) >= 1),
  phone TEXT CHECK(phone IS NULL OR length(phone) BETWEEN 1 AND 20),
  masked_phone TEXT NOT NULL DEFAULT '',
  submitted_at INTEGER NOT NULL,
  delivery_state TEXT NOT NULL DEFAULT 'pending' CHECK(delivery_state IN ('pending','delivered','rejected')),
  delivery_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER,
  service_request_id TEXT UNIQUE,
  hub_token TEXT,
  CHECK(delivery_state <> 'delivered' OR phone IS NULL)
);
INSERT INTO feedback_v3 SELECT * FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_v3 RENAME TO feedback;
DROP TABLE ticket_sequence;
)sql";

// 4: the maintenance panel's PIN (an Argon2id hash, libsodium's crypto_pwhash_str format) and its lock-out,
// one row. Kept in the database so a restart (or a pulled plug) does not reset the growing delay.
constexpr std::string_view kMigration4 = R"sql(
CREATE TABLE maintenance_access(
  id INTEGER PRIMARY KEY CHECK(id = 1),
  pin_hash TEXT CHECK(pin_hash IS NULL OR pin_hash LIKE '$argon2id$%'),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK(failed_attempts >= 0),
  locked_until INTEGER NOT NULL DEFAULT 0
);
INSERT INTO maintenance_access(id) VALUES (1);
)sql";

// 5: every use of the maintenance panel (opened, wrong PIN, locked, sync now, screen test, restart, closed),
// kept for the technician's company and, once the hub's heartbeat takes them, sent (sent_at).
constexpr std::string_view kMigration5 = R"sql(
CREATE TABLE maintenance_audit(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  event TEXT NOT NULL CHECK(event IN ('opened', 'wrong_pin', 'locked', 'sync_now', 'screen_test', 'restart',
                                      'closed')),
  sent_at INTEGER
);
)sql";

// 6: community activities as the feed delivered them: the activity's JSON (parsed when a screen needs it)
// and its occurrences as rows, so the month view asks SQLite for one range instead of reading every activity.
constexpr std::string_view kMigration6 = R"sql(
CREATE TABLE activities(
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL CHECK(revision >= 1),
  body TEXT NOT NULL CHECK(json_valid(body))
);
CREATE TABLE activity_occurrences(
  activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  original_start INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL CHECK(end > start),
  cancelled INTEGER NOT NULL CHECK(cancelled IN (0, 1)),
  PRIMARY KEY(activity_id, original_start)
) WITHOUT ROWID;
CREATE INDEX activity_occurrences_by_start ON activity_occurrences(start, end);
)sql";

// 7: sign-ups for activities (made here, or learnt from a lookup by code: signup_uuid NULL), and the outbox
// taking them as a third kind. Name and phone go in the transaction that records the delivery, as a
// report's phone does. The outbox is rebuilt to widen its kind check; its AUTOINCREMENT high-water mark is
// carried over, so an id is still never reused.
constexpr std::string_view kMigration7 = R"sql(
CREATE TABLE signups(
  code TEXT PRIMARY KEY CHECK(length(code) = 15),
  signup_uuid TEXT UNIQUE CHECK(signup_uuid IS NULL OR length(signup_uuid) = 36),
  activity_id TEXT NOT NULL,
  occurrence INTEGER NOT NULL,
  name TEXT,
  phone TEXT CHECK(phone IS NULL OR length(phone) BETWEEN 5 AND 20),
  masked_phone TEXT NOT NULL DEFAULT '',
  people INTEGER NOT NULL CHECK(people BETWEEN 1 AND 4),
  submitted_at INTEGER NOT NULL,
  delivery_state TEXT NOT NULL DEFAULT 'pending' CHECK(delivery_state IN ('pending','delivered','rejected')),
  delivery_error TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK(state IN ('pending','confirmed','waitlisted','cancelled','refused')),
  waitlist_position INTEGER NOT NULL DEFAULT 0 CHECK(waitlist_position >= 0),
  refusal TEXT NOT NULL DEFAULT '',
  status_updated_at INTEGER NOT NULL DEFAULT 0,
  -- Only the hub keeps who signed up once it has the sign-up.
  CHECK(delivery_state <> 'delivered' OR (phone IS NULL AND name IS NULL))
);
CREATE INDEX signups_open ON signups(occurrence)
  WHERE signup_uuid IS NOT NULL AND state IN ('pending','confirmed','waitlisted');

CREATE TABLE outbox_v7(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK(kind IN ('feedback','rating','signup')),
  record_key TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  rejected_at INTEGER,
  http_status INTEGER
);
INSERT INTO outbox_v7 SELECT * FROM outbox;
DELETE FROM sqlite_sequence WHERE name = 'outbox_v7';
INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox_v7', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_v7 RENAME TO outbox;
CREATE INDEX outbox_queue ON outbox(id) WHERE rejected_at IS NULL;
)sql";

constexpr Migration kMigrations[] = {
    {1, kMigration1},
    {2, kMigration2},
    {3, kMigration3},
    {4, kMigration4},
    {5, kMigration5},
    {6, kMigration6},
    {7, kMigration7},
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

// Before migration 3: count the rows that carry a code of the old scheme (9 characters, "2222-223Y").
Status RefuseOldTicketCodes(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  const char* sql =
      "SELECT (SELECT count(*) FROM feedback WHERE length(ticket_code) <> 15 OR length(original_ticket_code) "
      "<> 15) + (SELECT count(*) FROM ratings WHERE length(ticket_code) <> 15) + (SELECT count(*) FROM "
      "ticket_status WHERE length(ticket_code) <> 15)";
  std::int64_t old_rows = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
    old_rows = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  if (old_rows < 0) return Status::Fail(std::string("cannot check ticket codes: ") + sqlite3_errmsg(db));
  if (old_rows > 0)
    return Status::Fail(
        "this kiosk database holds " + std::to_string(old_rows) +
        " tickets or ratings with the old, guessable ticket codes (like 2222-223Y), which this "
        "kiosk no longer accepts; deliver or discard them with the old build, then move the "
        "database file away so the kiosk starts a new one");
  return OkStatus();
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
    if (m.version == 3)
      if (auto s = RefuseOldTicketCodes(db); !s) return s;
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

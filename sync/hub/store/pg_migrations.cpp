// The hub's PostgreSQL schema as numbered migrations. Append new ones; never edit one that has shipped.
// Migration 1 is the SQLite schema as of its migration 11, in PostgreSQL's types (BIGINT Unix seconds UTC,
// BOOLEAN flags, STORED generated columns, pg_trgm for the queue's text search).
#include "sync/hub/store/pg_migrations.h"

#include <array>
#include <string>

#include "sync/hub/store/work_order_types.h"

namespace ck::hub::pg {

namespace {

// Every hub process takes this advisory lock before it reads the version, so two processes starting at
// once on a new database cannot both run the same migration.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7351022651043815169)";

constexpr std::array<const char*, 4> kMigrations = {
    // 1: everything the SQLite hub has. change_sequence is the one counter every feed write takes with
    // UPDATE … RETURNING inside its transaction: writers queue on its row, so seqs commit in order and a
    // kiosk reading "seq > cursor" never skips a change that commits later with a smaller seq.
    R"sql(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE change_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq BIGINT NOT NULL
);
INSERT INTO change_sequence (id, last_seq) VALUES (1, 0);
CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL UNIQUE,
  revision BIGINT NOT NULL,
  publisher TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL,
  pinned BOOLEAN NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  expires_at BIGINT,
  audience TEXT NOT NULL,
  withdrawn_at BIGINT
);
CREATE INDEX notices_by_publisher ON notices (publisher, seq);
CREATE TABLE kiosks (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_seen BIGINT,
  app_version TEXT,
  sync_cursor TEXT,
  outbox_pending BIGINT,
  last_sync_error TEXT,
  kiosk_number INTEGER UNIQUE CHECK (kiosk_number BETWEEN 1 AND 1023),
  outbox_refused BIGINT,
  revoked_at BIGINT,
  disk_free_bytes BIGINT,
  disk_full BOOLEAN
);
CREATE TABLE services (
  code TEXT PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description TEXT NOT NULL,
  grp TEXT NOT NULL,
  icon TEXT NOT NULL,
  quick_phrases TEXT NOT NULL,     -- JSON array of strings
  quick_phrases_en TEXT NOT NULL,  -- JSON array of strings, same order
  deadline_hours INTEGER NOT NULL DEFAULT )sql" CK_HUB_DEFAULT_DEADLINE_HOURS_SQL
    R"sql( CHECK (deadline_hours > 0)
);
INSERT INTO services (code, sort_order, name, name_en, description, grp, icon, quick_phrases, quick_phrases_en)
VALUES
 ('sanitation', 1, '环境卫生', 'Sanitation', '垃圾清运、楼道卫生、公共区域保洁', '环境', 'broom',
  '["垃圾未及时清运","楼道堆放杂物","垃圾分类不规范","公共区域有异味","宠物粪便未清理"]',
  '["Rubbish not collected on time","Clutter piled in the stairwell","Waste not sorted properly","Bad smell in a common area","Pet waste not cleaned up"]'),
 ('safety', 2, '安全隐患', 'Safety hazard', '消防、用电、高空坠物等安全隐患', '安全', 'warning',
  '["消防通道被堵塞","电动车楼道充电","灭火器缺失或过期","高空抛物","井盖破损或缺失"]',
  '["Fire lane blocked","E-bike charging in the stairwell","Fire extinguisher missing or expired","Objects thrown from height","Manhole cover broken or missing"]'),
 ('parking', 3, '停车管理', 'Parking', '乱停车、占用车位、充电桩', '交通', 'car',
  '["车辆乱停乱放","占用消防通道停车","私家车位被占用","非机动车乱停","充电桩损坏"]',
  '["Cars parked anywhere","Car parked in the fire lane","Private space taken","Bicycles parked in the way","Charging point broken"]'),
 ('repairs', 4, '设施维修', 'Repairs', '电梯、照明、门禁、水管等公共设施', '设施', 'wrench',
  '["电梯故障","楼道灯不亮","单元门禁损坏","水管漏水","路面破损"]',
  '["Lift out of order","Stairwell light out","Entrance door lock broken","Water pipe leaking","Pavement damaged"]'),
 ('noise', 5, '噪音扰民', 'Noise', '装修、商铺、夜间噪音', '环境', 'volume',
  '["装修时间违规","夜间噪音扰民","广场舞音量过大","商铺外放音乐","宠物长时间吠叫"]',
  '["Renovation outside permitted hours","Noise at night","Square dancing too loud","Shop playing loud music","Dog barking for hours"]'),
 ('greenery', 6, '绿化养护', 'Greenery', '树木、草坪、绿地', '环境', 'tree',
  '["树枝遮挡道路或窗户","草坪无人修剪","绿地被占用种菜","树木倾斜有危险","枯树未清理"]',
  '["Branches blocking a path or window","Lawn not mowed","Green space taken for vegetables","Leaning tree is dangerous","Dead tree not removed"]'),
 ('property', 7, '物业服务', 'Property service', '物业服务态度、收费、响应速度', '服务', 'building',
  '["报修无人响应","物业费收费不透明","保安不在岗","服务态度差"]',
  '["Repair request ignored","Unclear property fees","Guard not at post","Rude service"]'),
 ('other', 8, '其他', 'Other', '其他问题和建议', '其他', 'more',
  '["对社区活动的建议","希望增加便民设施","其他问题"]',
  '["Suggestion for community activities","More convenience facilities, please","Something else"]');
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  ticket_code TEXT NOT NULL UNIQUE,
  service_code TEXT NOT NULL REFERENCES services (code),
  kind TEXT NOT NULL,
  address TEXT NOT NULL,
  description TEXT NOT NULL,
  phone TEXT NOT NULL,
  device_id TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  agency TEXT,
  agency_responsible TEXT NOT NULL,
  status_notes TEXT NOT NULL,
  expected_at BIGINT,
  rating INTEGER,
  flagged BOOLEAN NOT NULL DEFAULT false,
  revision BIGINT NOT NULL,
  answer TEXT NOT NULL,  -- the body first answered to the POST, returned verbatim for a repeated key
  channel TEXT NOT NULL DEFAULT 'kiosk',
  responded_at BIGINT,
  resolved_at BIGINT,
  supervised_at BIGINT,
  supervision_note TEXT NOT NULL DEFAULT '',
  satisfied BOOLEAN,
  due_at BIGINT NOT NULL DEFAULT 0,
  returned_at BIGINT,
  extension_until BIGINT,
  extension_reason TEXT NOT NULL DEFAULT '',
  deadline_missed BOOLEAN NOT NULL DEFAULT false,
  -- The queue's order (see sqlite_migrations.cpp, 6): the owner, and the rank (2: open and 督办,
  -- 1: re-opened by a rating, 0: the rest); the last four digits of the phone for finding a ticket.
  owner TEXT GENERATED ALWAYS AS (COALESCE(agency, 'street_office')) STORED,
  queue_rank INTEGER GENERATED ALWAYS AS (CASE WHEN status IN ('resolved', 'closed') THEN 0
    WHEN supervised_at IS NOT NULL THEN 2 WHEN flagged THEN 1 ELSE 0 END) STORED,
  phone_tail TEXT GENERATED ALWAYS AS (right(phone, 4)) STORED
);
CREATE INDEX requests_by_requested_at ON requests (requested_at);
CREATE INDEX requests_by_updated_at ON requests (updated_at);
CREATE INDEX requests_queue_by_owner ON requests (owner, queue_rank, requested_at);
CREATE INDEX requests_queue ON requests (queue_rank, requested_at);
CREATE INDEX requests_open_by_due_supervised ON requests (owner, due_at, supervised_at)
  WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX requests_open_due ON requests (due_at) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX requests_for_rates ON requests (requested_at) INCLUDE (agency, responded_at, resolved_at, due_at,
  satisfied, channel, deadline_missed);
CREATE INDEX requests_by_phone_tail ON requests (phone_tail, owner) WHERE phone <> '';
-- Substrings of three characters or more, in any script, case-insensitive (as SQLite's trigram FTS).
CREATE INDEX requests_text ON requests USING gin ((description || ' ' || address || ' ' ||
  agency_responsible || ' ' || status_notes) gin_trgm_ops);
CREATE TABLE request_events (
  request_id TEXT NOT NULL REFERENCES requests (id),
  n INTEGER NOT NULL,
  at BIGINT NOT NULL,
  status TEXT NOT NULL,
  agency TEXT,
  note TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'status',
  PRIMARY KEY (request_id, n)
);
CREATE INDEX request_events_by_kind ON request_events (kind, at, agency);
CREATE TABLE ratings (
  rating_uuid TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES requests (id),
  agency TEXT,
  score INTEGER NOT NULL,
  quick_comment TEXT NOT NULL,
  comment TEXT NOT NULL,
  rated_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  reopened BOOLEAN NOT NULL,
  answer TEXT NOT NULL,
  round INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ratings_one_per_round ON ratings (request_id, round);
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE staff (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  party TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disabled_at BIGINT,
  failed_signins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_signin_at BIGINT,
  display_name TEXT NOT NULL DEFAULT '',
  must_change_password BOOLEAN NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX staff_by_name ON staff (lower(name));  -- unique regardless of case
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  staff_id BIGINT NOT NULL REFERENCES staff (id),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
CREATE TABLE staff_desks (
  staff_id BIGINT NOT NULL REFERENCES staff (id),
  remote TEXT NOT NULL,
  first_at BIGINT NOT NULL,
  PRIMARY KEY (staff_id, remote)
);
-- name is stored lower-cased (SQLite's COLLATE NOCASE).
CREATE TABLE signin_failures (
  name TEXT NOT NULL,
  remote TEXT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (name, remote)
);
CREATE TABLE audit_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  staff_id BIGINT,
  actor TEXT NOT NULL,
  party TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  remote TEXT NOT NULL
);
CREATE INDEX audit_by_at ON audit_log (at);
CREATE INDEX audit_by_action ON audit_log (action, id);
CREATE TABLE kiosk_panel_events (
  device_id TEXT NOT NULL,
  event_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  audit_id BIGINT NOT NULL,
  PRIMARY KEY (device_id, event_id, at)
);
CREATE TABLE hub_settings (
  key TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO hub_settings VALUES ('response_seconds', 86400);
CREATE TABLE reply_templates (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  service_code TEXT REFERENCES services (code),  -- NULL: any category
  status TEXT,                                   -- NULL: any status
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  party TEXT NOT NULL DEFAULT 'street_office'
);
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL UNIQUE,
  revision BIGINT NOT NULL CHECK (revision >= 1),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL,
  eligibility TEXT NOT NULL DEFAULT '',
  start_at BIGINT NOT NULL,
  duration BIGINT NOT NULL CHECK (duration > 0),
  all_day BOOLEAN NOT NULL DEFAULT false,
  rrule TEXT NOT NULL DEFAULT '',
  exdates JSONB NOT NULL DEFAULT '[]',
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  signup_closes_before BIGINT NOT NULL DEFAULT 0 CHECK (signup_closes_before >= 0),
  cancelled_at BIGINT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  deleted_at BIGINT,
  feed_body TEXT NOT NULL CHECK (feed_body::jsonb IS NOT NULL),
  expanded_from BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX activities_by_expansion ON activities (expanded_from) WHERE deleted_at IS NULL;
CREATE TABLE activity_organisers (
  activity_id TEXT NOT NULL REFERENCES activities (id),
  party TEXT NOT NULL,
  PRIMARY KEY (activity_id, party)
);
CREATE INDEX activity_organisers_by_party ON activity_organisers (party, activity_id);
CREATE TABLE activity_occurrence_changes (
  activity_id TEXT NOT NULL REFERENCES activities (id),
  original_start BIGINT NOT NULL,
  new_start BIGINT,
  cancelled BOOLEAN NOT NULL DEFAULT false,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (activity_id, original_start)
);
-- A refused sign-up is kept too (its code must still answer), so activity_id may name no activity.
CREATE TABLE activity_signups (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  signup_uuid TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE,
  activity_id TEXT NOT NULL,
  original_start BIGINT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  people INTEGER NOT NULL CHECK (people BETWEEN 1 AND 4),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'refused')),
  refusal TEXT NOT NULL DEFAULT '' CHECK ((status = 'refused') = (refusal <> '')),
  reason TEXT NOT NULL DEFAULT '',
  device_id TEXT,
  signed_up_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  decided_at BIGINT NOT NULL,
  attended BOOLEAN
);
CREATE INDEX activity_signups_by_occurrence ON activity_signups (activity_id, original_start, status, id);
)sql",
    // 2: the budgets every hub process shares (throttle_repository.h): lookup buckets and attempt windows.
    R"sql(
CREATE TABLE throttle_buckets (
  key TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX throttle_buckets_by_age ON throttle_buckets (updated_ms);
CREATE TABLE throttle_windows (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  attempts INTEGER NOT NULL
);
CREATE INDEX throttle_windows_by_age ON throttle_windows (window_start);
)sql",
    // 3: the operator's list (re-opened first, then newest) in its own order, so its first page is read from
    // an index instead of sorting every request (330 ms at 100,000 tickets). The other lists walk
    // requests_by_requested_at and only order ties by id (an incremental sort).
    R"sql(
CREATE INDEX requests_flagged_first ON requests (flagged DESC, requested_at DESC, id COLLATE "C");
)sql",
    // 4: the console's queues in their order with each ticket's id, so a page far down (OFFSET 15,000) is
    // found in the index alone (an index-only scan skips the rows before it) and only its 50 tickets are
    // read from the table (WorkOrderPageStatement), instead of 15,050 scattered rows (page 300 of a party's
    // queue at 100,000 tickets: p95 99 ms -> 8.5 ms). Each replaces migration 1's index of the same keys.
    R"sql(
CREATE INDEX requests_queue_by_owner_with_id ON requests (owner, queue_rank, requested_at) INCLUDE (id);
DROP INDEX requests_queue_by_owner;
CREATE INDEX requests_queue_with_id ON requests (queue_rank, requested_at) INCLUDE (id);
DROP INDEX requests_queue;
)sql",
};

}  // namespace

const char* MigrationSql(std::int64_t version) {
  if (version < 1 || version > static_cast<std::int64_t>(kMigrations.size())) return nullptr;
  return kMigrations[static_cast<std::size_t>(version - 1)];
}

Status Migrate(Connection& db) {
  return MigrateUpTo(db, static_cast<std::int64_t>(kMigrations.size()));
}

Status MigrateUpTo(Connection& db, std::int64_t target_version) {
  if (target_version > static_cast<std::int64_t>(kMigrations.size()))
    return Status::Fail("no migration " + std::to_string(target_version));
  for (;;) {
    std::string failure;
    bool done = false;
    auto tx = Transact(db, [&] {
      if (auto s = db.ExecScript(kMigrationLock); !s) return failure = s.error(), false;
      // A database that holds tables but no version table belongs to something else: refused untouched
      // (as the SQLite hub refuses a foreign file), never mixed with the hub's tables.
      Rows foreign = db.Exec(
          "SELECT to_regclass('ck_schema_version') IS NULL AND EXISTS (SELECT 1 FROM pg_tables "
          "WHERE schemaname = current_schema())");
      if (!foreign.ok() || foreign.size() != 1)
        return failure = "cannot inspect the database: " + foreign.error(), false;
      if (foreign.Bool(0, 0))
        return failure =
                   "the database already holds tables and is not a community-hub database; give the hub "
                   "an empty database of its own",
               false;
      // The version row lives in its own table, made by the first hub that opens the database.
      if (auto s = db.ExecScript(
              "CREATE TABLE IF NOT EXISTS ck_schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), "
              "version BIGINT NOT NULL); INSERT INTO ck_schema_version VALUES (1, 0) ON CONFLICT DO NOTHING");
          !s)
        return failure = s.error(), false;
      Rows v = db.Exec("SELECT version FROM ck_schema_version WHERE id = 1");
      if (!v.ok() || v.size() != 1) return failure = "cannot read schema version: " + v.error(), false;
      std::int64_t version = v.Int(0, 0);
      if (version == target_version) return done = true, false;
      if (version > static_cast<std::int64_t>(kMigrations.size())) {
        failure = "database schema version " + std::to_string(version) +
                  " is newer than this community-hub understands";
        return false;
      }
      if (version > target_version) return failure = "database is past the wanted version", false;
      if (auto s = db.ExecScript(kMigrations[static_cast<std::size_t>(version)]); !s) {
        failure = "migration " + std::to_string(version + 1) + " failed: " + s.error();
        return false;
      }
      Rows set = db.Exec("UPDATE ck_schema_version SET version = $1 WHERE id = 1", Params().Add(version + 1));
      if (!set.ok()) return failure = set.error(), false;
      return true;
    });
    if (!tx) return tx;
    if (!failure.empty()) return Status::Fail(failure);
    if (done) return OkStatus();
  }
}

}  // namespace ck::hub::pg

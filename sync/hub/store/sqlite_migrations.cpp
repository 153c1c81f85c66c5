// Numbered schema migrations. Append new ones; never edit one that has shipped.
#include "sync/hub/store/sqlite_migrations.h"
#include "sync/hub/store/work_order_types.h"

#include <array>
#include <string>

namespace ck::hub::sqlite {

namespace {

// Times are Unix seconds UTC. notices.seq is UNIQUE: one global sequence, one latest change per row.
constexpr std::array<const char*, 13> kMigrations = {
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
    // 2: resident feedback. Kiosk numbers (for ticket codes), services seeded with the demo categories,
    // service requests with their history and stored answers, ratings, operators.
    R"sql(
ALTER TABLE kiosks ADD COLUMN kiosk_number INTEGER CHECK (kiosk_number BETWEEN 1 AND 1023);
UPDATE kiosks SET kiosk_number = (SELECT COUNT(*) FROM kiosks k2 WHERE k2.rowid <= kiosks.rowid);
CREATE UNIQUE INDEX kiosks_by_number ON kiosks (kiosk_number);
CREATE TABLE services (
  code TEXT PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description TEXT NOT NULL,
  grp TEXT NOT NULL,
  icon TEXT NOT NULL,
  quick_phrases TEXT NOT NULL,     -- JSON array of strings
  quick_phrases_en TEXT NOT NULL   -- JSON array of strings, same order
);
INSERT INTO services VALUES
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
CREATE TABLE ticket_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO ticket_sequence (id, last_seq) VALUES (1, 0);
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  ticket_code TEXT NOT NULL UNIQUE,
  service_code TEXT NOT NULL REFERENCES services (code),
  kind TEXT NOT NULL,
  address TEXT NOT NULL,
  description TEXT NOT NULL,
  phone TEXT NOT NULL,
  device_id TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  agency TEXT,
  agency_responsible TEXT NOT NULL,
  status_notes TEXT NOT NULL,
  expected_at INTEGER,
  rating INTEGER,
  flagged INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL,
  answer TEXT NOT NULL  -- the body first answered to the POST, returned verbatim for a repeated key
);
CREATE INDEX requests_by_requested_at ON requests (requested_at);
CREATE INDEX requests_by_updated_at ON requests (updated_at);
CREATE TABLE request_events (
  request_id TEXT NOT NULL REFERENCES requests (id),
  n INTEGER NOT NULL,
  at INTEGER NOT NULL,
  status TEXT NOT NULL,
  agency TEXT,
  note TEXT NOT NULL,
  PRIMARY KEY (request_id, n)
);
CREATE TABLE ratings (
  rating_uuid TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES requests (id),
  agency TEXT,
  score INTEGER NOT NULL,
  quick_comment TEXT NOT NULL,
  comment TEXT NOT NULL,
  rated_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  reopened INTEGER NOT NULL,
  answer TEXT NOT NULL
);
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
)sql",
    // 3: ticket codes are capabilities (13 symbols, 50 random bits; sync/protocol/ticket_code.h). The hub
    // draws its own codes at random, so ticket_sequence goes. One rating per round of handling: round is
    // how many times the request had been resolved when it was rated. A database holding codes of the old
    // scheme is refused before this runs (RefuseOldTicketCodes).
    R"sql(
DROP TABLE ticket_sequence;
ALTER TABLE ratings ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX ratings_one_per_round ON ratings (request_id, round);
)sql",
    // 4: what a kiosk's heartbeat says about reports a platform refused and the kiosk keeps, so
    // `kiosk list` can show them.
    R"sql(
ALTER TABLE kiosks ADD COLUMN outbox_refused INTEGER;
)sql",
    // 5: the staff console. Staff accounts (one party, one role, an Argon2id hash, a stored lock-out),
    // their sessions (only a hash of the session id), the audit log, and revoked kiosks (a revoked kiosk
    // keeps its row and number, its token hash is replaced so no token matches it again).
    R"sql(
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  party TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  disabled_at INTEGER,
  failed_signins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  last_signin_at INTEGER
);
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  staff_id INTEGER,
  actor TEXT NOT NULL,
  party TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  remote TEXT NOT NULL
);
CREATE INDEX audit_by_at ON audit_log (at);
CREATE INDEX audit_by_action ON audit_log (action, id);
ALTER TABLE kiosks ADD COLUMN revoked_at INTEGER;
CREATE INDEX notices_by_publisher ON notices (publisher, seq);
)sql",
    // 6: work orders (the 12345 flow). The channel a report came by; when it was first answered
    // (accepted or dispatched) and last resolved, for the 三率; 督办 marks; whether its last rating was
    // satisfied; a default deadline per category; hub settings; reply templates; revocable operators.
    R"sql(
ALTER TABLE requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk';
UPDATE requests SET channel = 'open311' WHERE device_id = '';
ALTER TABLE requests ADD COLUMN responded_at INTEGER;
ALTER TABLE requests ADD COLUMN resolved_at INTEGER;
ALTER TABLE requests ADD COLUMN supervised_at INTEGER;
ALTER TABLE requests ADD COLUMN supervision_note TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN satisfied INTEGER;
UPDATE requests SET responded_at = updated_at WHERE status <> 'submitted';
UPDATE requests SET resolved_at = updated_at WHERE status IN ('resolved', 'closed');
UPDATE requests SET satisfied = (rating >= 4 AND status <> 'reopened') WHERE rating IS NOT NULL;
)sql" "ALTER TABLE services ADD COLUMN deadline_hours INTEGER NOT NULL DEFAULT " CK_HUB_DEFAULT_DEADLINE_HOURS_SQL R"sql( CHECK (deadline_hours > 0);
-- The queue, kept in index order so a page is a short index walk: the owner (the street office holds
-- what is not dispatched yet) and the rank (2: open and 督办, 1: re-opened by a rating, 0: the rest).
ALTER TABLE requests ADD COLUMN owner TEXT GENERATED ALWAYS AS (COALESCE(agency, 'street_office')) VIRTUAL;
ALTER TABLE requests ADD COLUMN queue_rank INTEGER GENERATED ALWAYS AS (CASE
  WHEN status IN ('resolved', 'closed') THEN 0 WHEN supervised_at IS NOT NULL THEN 2 WHEN flagged THEN 1
  ELSE 0 END) VIRTUAL;
CREATE INDEX requests_queue_by_owner ON requests (owner, queue_rank, requested_at);
CREATE INDEX requests_queue ON requests (queue_rank, requested_at);
-- Due: the promised date, else filed + the category's default deadline when it was filed or dispatched
-- (kept by the store on every write). Open tickets by owner and due date answer "overdue" from the index.
ALTER TABLE requests ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
UPDATE requests SET due_at = COALESCE(expected_at, requested_at + COALESCE((SELECT deadline_hours
  FROM services d WHERE d.code = requests.service_code), )sql" CK_HUB_DEFAULT_DEADLINE_HOURS_SQL R"sql() * 3600);
CREATE INDEX requests_open_by_due ON requests (owner, due_at) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX requests_open_due ON requests (due_at) WHERE status NOT IN ('resolved', 'closed');
-- 三率: one month's range read from this index alone (real columns only, so it covers the query).
CREATE INDEX requests_for_rates ON requests (requested_at, agency, responded_at, resolved_at, due_at,
  satisfied, channel);
CREATE TABLE hub_settings (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO hub_settings VALUES ('response_seconds', 86400);
CREATE TABLE reply_templates (
  id INTEGER PRIMARY KEY,
  service_code TEXT REFERENCES services (code),  -- NULL: any category
  status TEXT,                                   -- NULL: any status
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
ALTER TABLE operators ADD COLUMN revoked_at INTEGER;
)sql",
    // 7: 督办's per-party overdue and supervised counts read from one index alone: the open-by-due index
    // also carries supervised_at (same rows and order, so the overdue queues keep their plan).
    R"sql(
DROP INDEX requests_open_by_due;
CREATE INDEX requests_open_by_due_supervised ON requests (owner, due_at, supervised_at)
  WHERE status NOT IN ('resolved', 'closed');
)sql",
    // 8: the 12345 rules against the parties themselves (issue 13). What each timeline entry records
    // (old rows: the first is the filing, a re-dispatch and a 督办 are known by their notes, any other
    // move to `assigned` was a dispatch); 退单 marks (returned_at: back with the street office to be
    // re-assigned); a pending 延期申请; the fact that a deadline passed unmet, kept when an extension
    // later moves the deadline (old rows: resolved late, or open and past due today). The 三率 index
    // carries the fact; returns and extensions per party and month read from the events by kind; the
    // queue finds a ticket by the last four digits of its phone and by text (trigram, any language).
    // requests_text follows requests by rowid (requests has no INTEGER PRIMARY KEY): a VACUUM may renumber
    // rowids, so one must be followed by INSERT INTO requests_text (requests_text) VALUES ('rebuild').
    R"sql(
ALTER TABLE request_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';
UPDATE request_events SET kind = 'filed' WHERE n = 1;
UPDATE request_events SET kind = 'redispatch' WHERE n > 1 AND note LIKE '改派：%';
UPDATE request_events SET kind = 'supervise' WHERE n > 1 AND note LIKE '督办：%';
UPDATE request_events SET kind = 'dispatch' WHERE n > 1 AND kind = 'status' AND status = 'assigned';
CREATE INDEX request_events_by_kind ON request_events (kind, at, agency);
ALTER TABLE requests ADD COLUMN returned_at INTEGER;
ALTER TABLE requests ADD COLUMN extension_until INTEGER;
ALTER TABLE requests ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN deadline_missed INTEGER NOT NULL DEFAULT 0;
UPDATE requests SET deadline_missed = 1 WHERE (resolved_at IS NOT NULL AND resolved_at > due_at)
  OR (resolved_at IS NULL AND due_at < CAST(strftime('%s', 'now') AS INTEGER));
DROP INDEX requests_for_rates;
CREATE INDEX requests_for_rates ON requests (requested_at, agency, responded_at, resolved_at, due_at,
  satisfied, channel, deadline_missed);
ALTER TABLE requests ADD COLUMN phone_tail TEXT GENERATED ALWAYS AS (substr(phone, -4)) VIRTUAL;
CREATE INDEX requests_by_phone_tail ON requests (phone_tail, owner) WHERE phone <> '';
CREATE VIRTUAL TABLE requests_text USING fts5(description, address, agency_responsible, status_notes,
  content = 'requests', content_rowid = 'rowid', tokenize = 'trigram');
INSERT INTO requests_text (rowid, description, address, agency_responsible, status_notes)
  SELECT rowid, description, address, agency_responsible, status_notes FROM requests;
CREATE TRIGGER requests_text_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_text (rowid, description, address, agency_responsible, status_notes)
  VALUES (new.rowid, new.description, new.address, new.agency_responsible, new.status_notes);
END;
CREATE TRIGGER requests_text_update AFTER UPDATE OF description, address, agency_responsible, status_notes
  ON requests BEGIN
  INSERT INTO requests_text (requests_text, rowid, description, address, agency_responsible, status_notes)
  VALUES ('delete', old.rowid, old.description, old.address, old.agency_responsible, old.status_notes);
  INSERT INTO requests_text (rowid, description, address, agency_responsible, status_notes)
  VALUES (new.rowid, new.description, new.address, new.agency_responsible, new.status_notes);
END;
CREATE TRIGGER requests_text_delete AFTER DELETE ON requests BEGIN
  INSERT INTO requests_text (requests_text, rowid, description, address, agency_responsible, status_notes)
  VALUES ('delete', old.rowid, old.description, old.address, old.agency_responsible, old.status_notes);
END;
)sql",
    // 9: everything staff write has an owner; sign-in protects the people. A display name the public
    // sees (never the sign-in name); a one-time password forces a change at the next sign-in; the desks
    // (addresses) an account has signed in from, so the account-wide delay only slows strangers; failed
    // sign-ins per name and address, stored so a restart does not reset them; reply templates belong to
    // a party (those made before this are the street office's, shared read-only).
    R"sql(
ALTER TABLE staff ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
CREATE TABLE staff_desks (
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  remote TEXT NOT NULL,
  first_at INTEGER NOT NULL,
  PRIMARY KEY (staff_id, remote)
) WITHOUT ROWID;
CREATE TABLE signin_failures (
  name TEXT NOT NULL COLLATE NOCASE,
  remote TEXT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (name, remote)
) WITHOUT ROWID;
ALTER TABLE reply_templates ADD COLUMN party TEXT NOT NULL DEFAULT 'street_office';
)sql",
    // 10: community activities (store/activity_repository.h): the schedule as entered (RRULE, EXDATEs as a
    // JSON array of UTC seconds), the body kiosks get (and the time its occurrences were expanded from),
    // organisers, single-occurrence changes, sign-ups in order of arrival (their id) with the phone kept for
    // the organisers only. A refused sign-up is kept too (its code must still answer), so its activity_id
    // may name no activity: no foreign key there.
    R"sql(
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL,
  eligibility TEXT NOT NULL DEFAULT '',
  start_at INTEGER NOT NULL,
  duration INTEGER NOT NULL CHECK (duration > 0),
  all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  rrule TEXT NOT NULL DEFAULT '',
  exdates TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exdates)),
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  signup_closes_before INTEGER NOT NULL DEFAULT 0 CHECK (signup_closes_before >= 0),
  cancelled_at INTEGER,
  cancel_reason TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER,
  feed_body TEXT NOT NULL CHECK (json_valid(feed_body)),
  expanded_from INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE activity_organisers (
  activity_id TEXT NOT NULL REFERENCES activities (id),
  party TEXT NOT NULL,
  PRIMARY KEY (activity_id, party)
) WITHOUT ROWID;
CREATE INDEX activity_organisers_by_party ON activity_organisers (party, activity_id);
CREATE TABLE activity_occurrence_changes (
  activity_id TEXT NOT NULL REFERENCES activities (id),
  original_start INTEGER NOT NULL,
  new_start INTEGER,
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (activity_id, original_start)
) WITHOUT ROWID;
CREATE TABLE activity_signups (
  id INTEGER PRIMARY KEY,
  signup_uuid TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE,
  activity_id TEXT NOT NULL,
  original_start INTEGER NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  people INTEGER NOT NULL CHECK (people BETWEEN 1 AND 4),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'refused')),
  refusal TEXT NOT NULL DEFAULT '' CHECK ((status = 'refused') = (refusal <> '')),
  reason TEXT NOT NULL DEFAULT '',
  device_id TEXT,
  signed_up_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  decided_at INTEGER NOT NULL,
  attended INTEGER CHECK (attended IN (0, 1))
);
CREATE INDEX activity_signups_by_occurrence ON activity_signups (activity_id, original_start, status, id);
CREATE INDEX activities_by_expansion ON activities (expanded_from) WHERE deleted_at IS NULL;
)sql",
    // 11: what a kiosk's heartbeat says about its data disk, and which of its maintenance-panel events the
    // audit log already holds (one row per event, known by device id, the kiosk's event id and time), so an
    // event sent again after a lost answer is stored once.
    R"sql(
ALTER TABLE kiosks ADD COLUMN disk_free_bytes INTEGER;
ALTER TABLE kiosks ADD COLUMN disk_full INTEGER CHECK (disk_full IN (0, 1));
CREATE TABLE kiosk_panel_events (
  device_id TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  audit_id INTEGER NOT NULL,
  PRIMARY KEY (device_id, event_id, at)
) WITHOUT ROWID;
)sql",
    // 12: every list a kiosk, a resident or a clerk reads is answered from an index (issue 18): QueryRequests
    // builds its statement from the filters it is given (sqlite_request_list.h) and request_plans_test holds
    // each read to these. Open311's open/closed is a column; each list's order (newest first, id breaking
    // ties; the operator's re-opened first) is kept in its index, so a page stops after its LIMIT instead
    // of sorting every match. requests_newest_first replaces requests_by_requested_at.
    R"sql(
ALTER TABLE requests ADD COLUMN open311_closed INTEGER GENERATED ALWAYS AS (status IN ('resolved', 'closed')) VIRTUAL;
DROP INDEX requests_by_requested_at;
CREATE INDEX requests_newest_first ON requests (requested_at DESC, id);
CREATE INDEX requests_by_open311_state ON requests (open311_closed, requested_at DESC, id);
CREATE INDEX requests_by_service ON requests (service_code, requested_at DESC, id);
CREATE INDEX requests_by_service_state ON requests (service_code, open311_closed, requested_at DESC, id);
CREATE INDEX requests_flagged_first ON requests (flagged DESC, requested_at DESC, id);
CREATE INDEX requests_by_status_flagged_first ON requests (status, flagged DESC, requested_at DESC, id);
)sql",
    // 13: budgets every hub process on this file shares (store/throttle_repository.h): refilling buckets
    // (the unknown-code lookup budget per client) and fixed windows of attempts (console sign-in per
    // address). Rows whose budget is whole again are deleted as others are written (by age, hence the
    // indexes), so the tables hold only clients seen lately.
    R"sql(
CREATE TABLE throttle_buckets (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX throttle_buckets_by_age ON throttle_buckets (updated_ms);
CREATE TABLE throttle_windows (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  attempts INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX throttle_windows_by_start ON throttle_windows (window_start);
)sql",

};

// Before migration 3: the old codes ("2222-223Y") were a kiosk number and a counter, so anyone could compute
// every code. Such a database is refused, untouched, rather than re-coded: re-coding would orphan the codes
// residents hold, and no kiosk was ever deployed with them.
Status RefuseOldTicketCodes(Connection& db) {
  sqlite3_stmt* raw =
      db.Prepare("SELECT COUNT(*), MIN(ticket_code) FROM requests WHERE length(ticket_code) <> 15");
  if (!raw) return Status::Fail("cannot check ticket codes: " + db.ErrorMessage());
  Statement st(raw);
  if (st.Step() != SQLITE_ROW) return Status::Fail("cannot check ticket codes: " + db.ErrorMessage());
  if (st.Int(0) == 0) return OkStatus();
  return Status::Fail("this hub database holds " + std::to_string(st.Int(0)) +
                      " requests with ticket codes of the old, guessable scheme (like " + st.Text(1) +
                      "); this community-hub no longer serves them. No kiosk was deployed with them: move "
                      "the database file away and start the hub on a new one (kiosks must be registered "
                      "again), or keep running the old build on it");
}

}  // namespace

Status Migrate(Connection& db) {
  return MigrateUpTo(db, static_cast<std::int64_t>(kMigrations.size()));
}

Status MigrateUpTo(Connection& db, std::int64_t target_version) {
  if (target_version > static_cast<std::int64_t>(kMigrations.size()))
    return Status::Fail("no migration " + std::to_string(target_version));
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
    if (version == target_version) return OkStatus();
    if (version > static_cast<std::int64_t>(kMigrations.size()))
      return Status::Fail("database schema version " + std::to_string(version) +
                          " is newer than this community-hub understands");
    if (version == 2)
      if (auto s = RefuseOldTicketCodes(db); !s) return s;
    if (auto s = db.Exec(kMigrations[static_cast<size_t>(version)]); !s)
      return Status::Fail("migration " + std::to_string(version + 1) + " failed: " + s.error());
    std::string set_version = "PRAGMA user_version = " + std::to_string(version + 1);
    if (auto s = db.Exec(set_version.c_str()); !s) return s;
    if (auto s = tx.Commit(); !s) return s;
  }
}

}  // namespace ck::hub::sqlite

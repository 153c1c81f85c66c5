// SqliteHubRepository: notices, the change sequence and kiosks in SQLite, with prepared statements only.
#include "sync/hub/store/sqlite_hub_repository.h"

#include <utility>

#include "sync/hub/store/sqlite_kiosk_rows.h"
#include "sync/hub/store/sqlite_migrations.h"

namespace ck::hub {

namespace {

using protocol::Notice;
using sqlite::Statement;

constexpr const char* kNoticeColumns =
    "id, seq, revision, publisher, category, priority, pinned, title, body, published_at, expires_at, "
    "audience, withdrawn_at";

std::string SelectNotices(const char* where_and_order) {
  return std::string("SELECT ") + kNoticeColumns + " FROM notices " + where_and_order;
}

// Rows were validated before they were written, so unknown codes can only mean a hand-edited file;
// fall back to defaults rather than fail a whole feed page.
NoticeRecord ReadNoticeRow(const Statement& st) {
  NoticeRecord r;
  Notice& n = r.notice;
  n.id = st.Text(0);
  r.seq = st.Int(1);
  n.revision = st.Int(2);
  n.publisher = protocol::ParsePublisher(st.Text(3)).value_or(protocol::Publisher::ResidentsCommittee);
  n.category = st.Text(4);
  n.priority = protocol::ParsePriority(st.Text(5)).value_or(protocol::Priority::Normal);
  n.pinned = st.Int(6) != 0;
  n.title = st.Text(7);
  n.body = st.Text(8);
  n.published_at = st.Int(9);
  n.expires_at = st.OptInt(10);
  n.audience = st.Text(11);
  r.withdrawn_at = st.OptInt(12);
  return r;
}

constexpr const char* kKioskSelect = "SELECT " KIOSK_COLUMNS " FROM kiosks ";

}  // namespace

Result<std::unique_ptr<SqliteHubRepository>> SqliteHubRepository::Open(const std::string& path,
                                                                 sqlite::HubFileMode mode) {
  using R = Result<std::unique_ptr<SqliteHubRepository>>;
  auto conn = sqlite::OpenHubFile(path, mode);
  if (!conn) return R::Fail(conn.error());
  if (auto s = sqlite::Migrate(**conn); !s) return R::Fail(path + ": " + s.error());
  // A kiosk's status poll reads 50 requests and their histories scattered over the file: mapped, each page
  // comes from the OS cache without a read() call (measured: the poll's store time halves at 100,000
  // tickets; tests/bench/sync/request_read_bench.cpp). Only address space: the OS keeps what is used.
  if (auto s = (*conn)->Exec("PRAGMA mmap_size=1073741824"); !s) return R::Fail(path + ": " + s.error());
  return R::Ok(std::unique_ptr<SqliteHubRepository>(new SqliteHubRepository(std::move(conn).value())));
}

Result<std::int64_t> SqliteHubRepository::NextSeq() {
  sqlite3_stmt* raw =
      db_->Prepare("UPDATE change_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq");
  if (!raw) return Result<std::int64_t>::Fail(db_->ErrorMessage());
  Statement st(raw);
  if (st.Step() != SQLITE_ROW) return Result<std::int64_t>::Fail(db_->ErrorMessage());
  std::int64_t seq = st.Int(0);
  st.Step();  // runs the statement to completion so the UPDATE is final
  return Result<std::int64_t>::Ok(seq);
}

Result<std::optional<NoticeRecord>> SqliteHubRepository::FindNoticeLocked(std::string_view id) {
  using R = Result<std::optional<NoticeRecord>>;
  sqlite3_stmt* raw = db_->Prepare(SelectNotices("WHERE id = ?1"));
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(ReadNoticeRow(st));
}

Status SqliteHubRepository::WriteNoticeRow(const Notice& n, std::int64_t seq, bool insert) {
  // One statement shape for both, so a column can never be forgotten on one path.
  const char* sql =
      insert ? "INSERT INTO notices (id, seq, revision, publisher, category, priority, pinned, title, "
               "body, published_at, expires_at, audience, withdrawn_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL)"
             : "UPDATE notices SET seq = ?2, revision = ?3, publisher = ?4, category = ?5, "
               "priority = ?6, pinned = ?7, title = ?8, body = ?9, published_at = ?10, "
               "expires_at = ?11, audience = ?12, withdrawn_at = NULL WHERE id = ?1";
  sqlite3_stmt* raw = db_->Prepare(sql);
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, n.id);
  st.Bind(2, seq);
  st.Bind(3, n.revision);
  st.Bind(4, protocol::PublisherCode(n.publisher));
  st.Bind(5, n.category);
  st.Bind(6, protocol::PriorityCode(n.priority));
  st.Bind(7, std::int64_t{n.pinned ? 1 : 0});
  st.Bind(8, n.title);
  st.Bind(9, n.body);
  st.Bind(10, n.published_at);
  st.BindOpt(11, n.expires_at);
  st.Bind(12, n.audience);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

WriteResult<NoticeRecord> SqliteHubRepository::InsertNotice(const Notice& notice) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<NoticeRecord>(WriteError::Storage, db_->ErrorMessage());
  auto existing = FindNoticeLocked(notice.id);
  if (!existing) return WriteFail<NoticeRecord>(WriteError::Storage, existing.error());
  if (*existing)
    return WriteFail<NoticeRecord>(WriteError::Duplicate, "a notice with id " + notice.id + " exists");
  auto seq = NextSeq();
  if (!seq) return WriteFail<NoticeRecord>(WriteError::Storage, seq.error());
  NoticeRecord rec{notice, *seq, std::nullopt};
  rec.notice.revision = 1;
  if (auto s = WriteNoticeRow(rec.notice, rec.seq, true); !s)
    return WriteFail<NoticeRecord>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<NoticeRecord>(WriteError::Storage, s.error());
  return WriteOk(std::move(rec));
}

WriteResult<NoticeRecord> SqliteHubRepository::UpdateNotice(const Notice& notice,
                                                            std::int64_t expected_revision) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<NoticeRecord>(WriteError::Storage, db_->ErrorMessage());
  auto existing = FindNoticeLocked(notice.id);
  if (!existing) return WriteFail<NoticeRecord>(WriteError::Storage, existing.error());
  if (!*existing) return WriteFail<NoticeRecord>(WriteError::NotFound, "no notice with id " + notice.id);
  if ((*existing)->withdrawn())
    return WriteFail<NoticeRecord>(WriteError::Withdrawn, "notice " + notice.id + " has been withdrawn");
  if ((*existing)->notice.revision != expected_revision)
    return WriteFail<NoticeRecord>(WriteError::Conflict,
                                   "notice " + notice.id + " changed meanwhile (revision " +
                                       std::to_string((*existing)->notice.revision) + ")");
  auto seq = NextSeq();
  if (!seq) return WriteFail<NoticeRecord>(WriteError::Storage, seq.error());
  NoticeRecord rec{notice, *seq, std::nullopt};
  rec.notice.revision = expected_revision + 1;
  if (auto s = WriteNoticeRow(rec.notice, rec.seq, false); !s)
    return WriteFail<NoticeRecord>(WriteError::Storage, s.error());
  if (auto s = tx.Commit(); !s) return WriteFail<NoticeRecord>(WriteError::Storage, s.error());
  return WriteOk(std::move(rec));
}

WriteResult<NoticeRecord> SqliteHubRepository::WithdrawNotice(std::string_view id,
                                                              protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<NoticeRecord>(WriteError::Storage, db_->ErrorMessage());
  auto existing = FindNoticeLocked(id);
  if (!existing) return WriteFail<NoticeRecord>(WriteError::Storage, existing.error());
  if (!*existing)
    return WriteFail<NoticeRecord>(WriteError::NotFound, "no notice with id " + std::string(id));
  if ((*existing)->withdrawn())
    return WriteFail<NoticeRecord>(WriteError::Withdrawn,
                                   "notice " + std::string(id) + " is already withdrawn");
  auto seq = NextSeq();
  if (!seq) return WriteFail<NoticeRecord>(WriteError::Storage, seq.error());
  sqlite3_stmt* raw =
      db_->Prepare("UPDATE notices SET seq = ?2, revision = revision + 1, withdrawn_at = ?3 WHERE id = ?1");
  if (!raw) return WriteFail<NoticeRecord>(WriteError::Storage, db_->ErrorMessage());
  {
    Statement st(raw);
    st.Bind(1, id);
    st.Bind(2, *seq);
    st.Bind(3, now);
    if (st.Step() != SQLITE_DONE) return WriteFail<NoticeRecord>(WriteError::Storage, db_->ErrorMessage());
  }
  if (auto s = tx.Commit(); !s) return WriteFail<NoticeRecord>(WriteError::Storage, s.error());
  NoticeRecord rec = std::move(**existing);
  rec.seq = *seq;
  rec.notice.revision += 1;
  rec.withdrawn_at = now;
  return WriteOk(std::move(rec));
}

WriteResult<std::size_t> SqliteHubRepository::ImportNotices(const std::vector<Notice>& notices) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<std::size_t>(WriteError::Storage, db_->ErrorMessage());
  sqlite3_stmt* rev_raw = db_->Prepare("SELECT revision FROM notices WHERE id = ?1");
  if (!rev_raw) return WriteFail<std::size_t>(WriteError::Storage, db_->ErrorMessage());
  for (const Notice& in : notices) {
    std::optional<std::int64_t> old_revision;
    {
      Statement st(rev_raw);
      st.Bind(1, in.id);
      int rc = st.Step();
      if (rc == SQLITE_ROW)
        old_revision = st.Int(0);
      else if (rc != SQLITE_DONE)
        return WriteFail<std::size_t>(WriteError::Storage, db_->ErrorMessage());
    }
    auto seq = NextSeq();
    if (!seq) return WriteFail<std::size_t>(WriteError::Storage, seq.error());
    Notice n = in;
    n.revision = old_revision ? *old_revision + 1 : 1;
    if (auto s = WriteNoticeRow(n, *seq, !old_revision); !s)
      return WriteFail<std::size_t>(WriteError::Storage, "notice " + n.id + ": " + s.error());
  }
  if (auto s = tx.Commit(); !s) return WriteFail<std::size_t>(WriteError::Storage, s.error());
  return WriteOk(notices.size());
}

Result<std::optional<NoticeRecord>> SqliteHubRepository::FindNotice(std::string_view id) {
  std::lock_guard lock(mutex_);
  return FindNoticeLocked(id);
}

Result<std::vector<NoticeRecord>> SqliteHubRepository::ListNotices() {
  using R = Result<std::vector<NoticeRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(SelectNotices("ORDER BY seq DESC"));
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<NoticeRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadNoticeRow(st));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

Result<FeedSlice> SqliteHubRepository::ReadFeed(std::int64_t after_seq, int limit) {
  using R = Result<FeedSlice>;
  std::lock_guard lock(mutex_);
  // One read transaction: the page and max_seq (which feeds the ETag) come from the same snapshot.
  sqlite::Transaction tx(*db_, false);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  FeedSlice slice;
  {
    sqlite3_stmt* raw = db_->Prepare(SelectNotices("WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    st.Bind(1, after_seq);
    st.Bind(2, std::int64_t{limit} + 1);  // one extra row tells us whether there is more
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) slice.records.push_back(ReadNoticeRow(st));
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  {
    sqlite3_stmt* raw = db_->Prepare(
        "SELECT id, seq, deleted_at IS NOT NULL, feed_body FROM activities WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    st.Bind(1, after_seq);
    st.Bind(2, std::int64_t{limit} + 1);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      slice.activities.push_back({st.Text(0), st.Int(1), st.Int(2) != 0, st.Text(3), {}});
    }
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  // The first `limit` changes of both kinds by seq; anything past them is for the next page.
  std::size_t notices = 0, activities = 0;
  while (notices + activities < static_cast<std::size_t>(limit) &&
         (notices < slice.records.size() || activities < slice.activities.size())) {
    const bool notice_next =
        activities == slice.activities.size() ||
        (notices < slice.records.size() && slice.records[notices].seq < slice.activities[activities].seq);
    ++(notice_next ? notices : activities);
  }
  slice.has_more = notices < slice.records.size() || activities < slice.activities.size();
  slice.records.resize(notices);
  slice.activities.resize(activities);
  for (ActivityFeedRecord& a : slice.activities) {
    if (a.deleted) continue;
    sqlite3_stmt* raw = db_->Prepare(
        "SELECT original_start, status, SUM(people) FROM activity_signups"
        " WHERE activity_id = ?1 AND status IN ('confirmed', 'waitlisted') GROUP BY original_start, status");
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    st.Bind(1, a.id);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      OccurrenceCounts& c = a.counts[st.Int(0)];
      (st.Text(1) == "confirmed" ? c.confirmed : c.waitlisted) = static_cast<int>(st.Int(2));
    }
    if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  {
    sqlite3_stmt* raw = db_->Prepare("SELECT last_seq FROM change_sequence WHERE id = 1");
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    if (st.Step() != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    slice.max_seq = st.Int(0);
  }
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(std::move(slice));
}

Result<std::int64_t> SqliteHubRepository::MaxSeq() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("SELECT last_seq FROM change_sequence WHERE id = 1");
  if (!raw) return Result<std::int64_t>::Fail(db_->ErrorMessage());
  Statement st(raw);
  if (st.Step() != SQLITE_ROW) return Result<std::int64_t>::Fail(db_->ErrorMessage());
  return Result<std::int64_t>::Ok(st.Int(0));
}

WriteResult<KioskRecord> SqliteHubRepository::AddKiosk(const KioskRecord& kiosk) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  // The lowest free number, so numbers stay small and a gap (a hand-deleted row) is reused.
  sqlite3_stmt* num_raw = db_->Prepare(
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1023) "
      "SELECT x FROM n WHERE x NOT IN (SELECT kiosk_number FROM kiosks WHERE kiosk_number IS NOT NULL) "
      "LIMIT 1");
  if (!num_raw) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  KioskRecord stored = kiosk;
  {
    Statement st(num_raw);
    int rc = st.Step();
    if (rc == SQLITE_DONE)
      return WriteFail<KioskRecord>(WriteError::Invalid, "all 1023 kiosk numbers are in use");
    if (rc != SQLITE_ROW) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
    stored.kiosk_number = static_cast<int>(st.Int(0));
  }
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO kiosks (device_id, name, token_hash, created_at, kiosk_number) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
  if (!raw) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  {
    Statement st(raw);
    st.Bind(1, kiosk.device_id);
    st.Bind(2, kiosk.name);
    st.Bind(3, kiosk.token_hash);
    st.Bind(4, kiosk.created_at);
    st.Bind(5, std::int64_t{stored.kiosk_number});
    if (st.Step() != SQLITE_DONE) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  }
  if (db_->Changes() == 0) return WriteFail<KioskRecord>(WriteError::Duplicate, "kiosk already registered");
  if (auto s = tx.Commit(); !s) return WriteFail<KioskRecord>(WriteError::Storage, s.error());
  return WriteOk(std::move(stored));
}

Result<std::optional<KioskRecord>> SqliteHubRepository::FindKioskByTokenHash(std::string_view token_hash) {
  using R = Result<std::optional<KioskRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(std::string(kKioskSelect) + "WHERE token_hash = ?1");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, token_hash);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(sqlite::ReadKioskRow(st));
}

Status SqliteHubRepository::RecordHeartbeat(std::string_view device_id, const KioskHeartbeat& hb,
                                            protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return Status::Fail(db_->ErrorMessage());
  {
    sqlite3_stmt* raw = db_->Prepare(
        "UPDATE kiosks SET last_seen = ?2, app_version = ?3, sync_cursor = ?4, outbox_pending = ?5, "
        "last_sync_error = ?6, outbox_refused = ?7, disk_free_bytes = ?8, disk_full = ?9 WHERE device_id = ?1");
    if (!raw) return Status::Fail(db_->ErrorMessage());
    Statement st(raw);
    st.Bind(1, device_id);
    st.Bind(2, now);
    st.BindOpt(3, hb.app_version);
    st.BindOpt(4, hb.cursor);
    st.BindOpt(5, hb.outbox_pending);
    st.BindOpt(6, hb.last_sync_error);
    st.BindOpt(7, hb.outbox_refused);
    st.BindOpt(8, hb.disk_free_bytes);
    st.BindOpt(9, hb.disk_full ? std::optional<std::int64_t>(*hb.disk_full ? 1 : 0) : std::nullopt);
    if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
    if (db_->Changes() == 0) return Status::Fail("no kiosk with device id " + std::string(device_id));
  }
  // Each panel event once: one sent again (its acknowledgement was lost) finds its row and is skipped.
  const std::string actor = "kiosk:" + std::string(device_id);
  for (const protocol::PanelEvent& e : hb.panel_events) {
    {
      sqlite3_stmt* raw =
          db_->Prepare("SELECT 1 FROM kiosk_panel_events WHERE device_id = ?1 AND event_id = ?2 AND at = ?3");
      if (!raw) return Status::Fail(db_->ErrorMessage());
      Statement st(raw);
      st.Bind(1, device_id);
      st.Bind(2, e.id);
      st.Bind(3, e.at);
      int rc = st.Step();
      if (rc == SQLITE_ROW) continue;
      if (rc != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
    }
    std::int64_t audit_id = 0;
    {
      // The entry's time is when it happened at the kiosk; the detail keeps when the hub heard of it.
      sqlite3_stmt* raw = db_->Prepare(
          "INSERT INTO audit_log (at, staff_id, actor, party, action, target, detail, remote) "
          "VALUES (?1, NULL, ?2, NULL, 'kiosk.panel', ?3, ?4, '') RETURNING id");
      if (!raw) return Status::Fail(db_->ErrorMessage());
      Statement st(raw);
      st.Bind(1, e.at);
      st.Bind(2, actor);
      st.Bind(3, device_id);
      st.Bind(4, e.event + " (kiosk event " + std::to_string(e.id) + ", received " + protocol::FormatUtc(now) + ")");
      if (st.Step() != SQLITE_ROW) return Status::Fail(db_->ErrorMessage());
      audit_id = st.Int(0);
      st.Step();
    }
    {
      sqlite3_stmt* raw = db_->Prepare(
          "INSERT INTO kiosk_panel_events (device_id, event_id, at, audit_id) VALUES (?1, ?2, ?3, ?4)");
      if (!raw) return Status::Fail(db_->ErrorMessage());
      Statement st(raw);
      st.Bind(1, device_id);
      st.Bind(2, e.id);
      st.Bind(3, e.at);
      st.Bind(4, audit_id);
      if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
    }
  }
  return tx.Commit();
}

Result<std::vector<KioskRecord>> SqliteHubRepository::ListKiosks() {
  using R = Result<std::vector<KioskRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(std::string(kKioskSelect) + "ORDER BY name, device_id");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<KioskRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(sqlite::ReadKioskRow(st));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

WriteResult<KioskRecord> SqliteHubRepository::RevokeKiosk(std::string_view device_id, protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  // The token hash becomes a value no BLAKE2b hex digest can equal ("revoked:" is not hex), so the
  // hub's existing token lookup refuses the kiosk without knowing about revocation.
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE kiosks SET revoked_at = ?2, token_hash = 'revoked:' || device_id "
      "WHERE device_id = ?1 AND revoked_at IS NULL RETURNING name, kiosk_number");
  if (!raw) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, device_id);
  st.Bind(2, now);
  int rc = st.Step();
  if (rc == SQLITE_ROW) {
    KioskRecord k;
    k.device_id = std::string(device_id);
    k.name = st.Text(0);
    k.kiosk_number = static_cast<int>(st.OptInt(1).value_or(0));
    st.Step();
    return WriteOk(std::move(k));
  }
  if (rc != SQLITE_DONE) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  sqlite3_stmt* exists = db_->Prepare("SELECT 1 FROM kiosks WHERE device_id = ?1");
  if (!exists) return WriteFail<KioskRecord>(WriteError::Storage, db_->ErrorMessage());
  Statement ex(exists);
  ex.Bind(1, device_id);
  if (ex.Step() == SQLITE_ROW) return WriteFail<KioskRecord>(WriteError::Refused, "kiosk already revoked");
  return WriteFail<KioskRecord>(WriteError::NotFound, "no kiosk with device id " + std::string(device_id));
}

}  // namespace ck::hub

// PgHubRepository: notices, the change sequence, the feed and kiosks in PostgreSQL.
#include "sync/hub/store/pg_hub_repository.h"

#include <utility>

#include "sync/hub/store/pg_hub_rows.h"
#include "sync/hub/store/pg_migrations.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;
using pg_rows::kKioskSelect;
using pg_rows::kNoticeSelect;
using pg_rows::ReadKioskRow;
using pg_rows::ReadNoticeRow;
using protocol::Notice;

// The next change of the feed. Always the first row a feed write locks (see pg_hub_repository.h).
Result<std::int64_t> NextSeq(pg::Connection& db) {
  Rows r = db.Exec("UPDATE change_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq");
  if (!r.ok() || r.size() != 1) return Result<std::int64_t>::Fail("change sequence: " + r.error());
  return Result<std::int64_t>::Ok(r.Int(0, 0));
}

// The notice as stored, locked for this transaction's write.
Result<std::optional<NoticeRecord>> FindNoticeForUpdate(pg::Connection& db, std::string_view id) {
  using R = Result<std::optional<NoticeRecord>>;
  Rows r = db.Exec(std::string(kNoticeSelect) + "WHERE id = $1 FOR UPDATE", Params().Add(id));
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(ReadNoticeRow(r, 0));
}

// One statement shape for insert and update, so a column can never be forgotten on one path.
Status WriteNoticeRow(pg::Connection& db, const Notice& n, std::int64_t seq, bool insert) {
  const char* sql =
      insert ? "INSERT INTO notices (id, seq, revision, publisher, category, priority, pinned, title, "
               "body, published_at, expires_at, audience, withdrawn_at) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL)"
             : "UPDATE notices SET seq = $2, revision = $3, publisher = $4, category = $5, "
               "priority = $6, pinned = $7, title = $8, body = $9, published_at = $10, "
               "expires_at = $11, audience = $12, withdrawn_at = NULL WHERE id = $1";
  Rows r = db.Exec(sql, Params()
                            .Add(n.id)
                            .Add(seq)
                            .Add(n.revision)
                            .Add(protocol::PublisherCode(n.publisher))
                            .Add(n.category)
                            .Add(protocol::PriorityCode(n.priority))
                            .Add(n.pinned)
                            .Add(n.title)
                            .Add(n.body)
                            .Add(n.published_at)
                            .AddOpt(n.expires_at)
                            .Add(n.audience));
  if (!r.ok()) return Status::Fail(r.error());
  return OkStatus();
}

template <typename T>
WriteResult<T> StorageFail(std::string message) {
  return WriteFail<T>(WriteError::Storage, std::move(message));
}

}  // namespace

Result<std::unique_ptr<PgHubRepository>> PgHubRepository::Open(const std::string& conninfo, int connections) {
  using R = Result<std::unique_ptr<PgHubRepository>>;
  auto conn = pg::Connection::Open(conninfo);
  if (!conn) return R::Fail(conn.error());
  if (auto s = pg::Migrate(**conn); !s) return R::Fail("PostgreSQL: " + s.error());
  auto pool = std::make_unique<pg::Pool>(conninfo, std::move(conn).value(), connections);
  return R::Ok(std::unique_ptr<PgHubRepository>(new PgHubRepository(std::move(pool))));
}

// ---- Notices ----------------------------------------------------------------------------------------------

WriteResult<NoticeRecord> PgHubRepository::InsertNotice(const Notice& notice) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<NoticeRecord>(db.error());
  WriteResult<NoticeRecord> out;
  auto tx = pg::Transact(*db, [&] {
    auto seq = NextSeq(*db);
    if (!seq) return out = StorageFail<NoticeRecord>(seq.error()), false;
    NoticeRecord rec{notice, *seq, std::nullopt};
    rec.notice.revision = 1;
    Rows exists = db->Exec("SELECT 1 FROM notices WHERE id = $1", Params().Add(notice.id));
    if (!exists.ok()) return out = StorageFail<NoticeRecord>(exists.error()), false;
    if (exists.size() > 0)
      return out =
                 WriteFail<NoticeRecord>(WriteError::Duplicate, "a notice with id " + notice.id + " exists"),
             false;
    if (auto s = WriteNoticeRow(*db, rec.notice, rec.seq, true); !s)
      return out = StorageFail<NoticeRecord>(s.error()), false;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<NoticeRecord>(tx.error());
  return out;
}

WriteResult<NoticeRecord> PgHubRepository::UpdateNotice(const Notice& notice,
                                                        std::int64_t expected_revision) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<NoticeRecord>(db.error());
  WriteResult<NoticeRecord> out;
  auto tx = pg::Transact(*db, [&] {
    auto seq = NextSeq(*db);  // first: the counter, then the notice (one lock order everywhere)
    if (!seq) return out = StorageFail<NoticeRecord>(seq.error()), false;
    auto existing = FindNoticeForUpdate(*db, notice.id);
    if (!existing) return out = StorageFail<NoticeRecord>(existing.error()), false;
    if (!*existing)
      return out = WriteFail<NoticeRecord>(WriteError::NotFound, "no notice with id " + notice.id), false;
    if ((*existing)->withdrawn())
      return out = WriteFail<NoticeRecord>(WriteError::Withdrawn,
                                           "notice " + notice.id + " has been withdrawn"),
             false;
    if ((*existing)->notice.revision != expected_revision)
      return out = WriteFail<NoticeRecord>(WriteError::Conflict,
                                           "notice " + notice.id + " changed meanwhile (revision " +
                                               std::to_string((*existing)->notice.revision) + ")"),
             false;
    NoticeRecord rec{notice, *seq, std::nullopt};
    rec.notice.revision = expected_revision + 1;
    if (auto s = WriteNoticeRow(*db, rec.notice, rec.seq, false); !s)
      return out = StorageFail<NoticeRecord>(s.error()), false;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<NoticeRecord>(tx.error());
  return out;
}

WriteResult<NoticeRecord> PgHubRepository::WithdrawNotice(std::string_view id, protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<NoticeRecord>(db.error());
  WriteResult<NoticeRecord> out;
  auto tx = pg::Transact(*db, [&] {
    auto seq = NextSeq(*db);
    if (!seq) return out = StorageFail<NoticeRecord>(seq.error()), false;
    auto existing = FindNoticeForUpdate(*db, id);
    if (!existing) return out = StorageFail<NoticeRecord>(existing.error()), false;
    if (!*existing)
      return out = WriteFail<NoticeRecord>(WriteError::NotFound, "no notice with id " + std::string(id)),
             false;
    if ((*existing)->withdrawn())
      return out = WriteFail<NoticeRecord>(WriteError::Withdrawn,
                                           "notice " + std::string(id) + " is already withdrawn"),
             false;
    Rows r = db->Exec("UPDATE notices SET seq = $2, revision = revision + 1, withdrawn_at = $3 WHERE id = $1",
                      Params().Add(id).Add(*seq).Add(now));
    if (!r.ok()) return out = StorageFail<NoticeRecord>(r.error()), false;
    NoticeRecord rec = std::move(**existing);
    rec.seq = *seq;
    rec.notice.revision += 1;
    rec.withdrawn_at = now;
    out = WriteOk(std::move(rec));
    return true;
  });
  if (!tx) return StorageFail<NoticeRecord>(tx.error());
  return out;
}

WriteResult<std::size_t> PgHubRepository::ImportNotices(const std::vector<Notice>& notices) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<std::size_t>(db.error());
  WriteResult<std::size_t> out;
  auto tx = pg::Transact(*db, [&] {
    for (const Notice& in : notices) {
      auto seq = NextSeq(*db);  // the counter before the notice, as every other writer
      if (!seq) return out = StorageFail<std::size_t>(seq.error()), false;
      Rows rev = db->Exec("SELECT revision FROM notices WHERE id = $1 FOR UPDATE", Params().Add(in.id));
      if (!rev.ok()) return out = StorageFail<std::size_t>(rev.error()), false;
      Notice n = in;
      n.revision = rev.size() > 0 ? rev.Int(0, 0) + 1 : 1;
      if (auto s = WriteNoticeRow(*db, n, *seq, rev.size() == 0); !s)
        return out = StorageFail<std::size_t>("notice " + n.id + ": " + s.error()), false;
    }
    out = WriteOk(notices.size());
    return true;
  });
  if (!tx) return StorageFail<std::size_t>(tx.error());
  return out;
}

Result<std::optional<NoticeRecord>> PgHubRepository::FindNotice(std::string_view id) {
  using R = Result<std::optional<NoticeRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string(kNoticeSelect) + "WHERE id = $1", Params().Add(id));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(ReadNoticeRow(r, 0));
}

Result<std::vector<NoticeRecord>> PgHubRepository::ListNotices() {
  using R = Result<std::vector<NoticeRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string(kNoticeSelect) + "ORDER BY seq DESC");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<NoticeRecord> out;
  out.reserve(static_cast<std::size_t>(r.size()));
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadNoticeRow(r, i));
  return R::Ok(std::move(out));
}

Result<FeedSlice> PgHubRepository::ReadFeed(std::int64_t after_seq, int limit) {
  using R = Result<FeedSlice>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  FeedSlice slice;
  std::string failure;
  // One snapshot (REPEATABLE READ): the page and max_seq (which feeds the ETag) agree.
  auto tx = pg::Transact(
      *db,
      [&] {
        slice = FeedSlice{};
        const Params page = Params().Add(after_seq).Add(std::int64_t{limit} + 1);  // +1: is there more?
        Rows n = db->Exec(pg_rows::kFeedNoticesSql, page);
        if (!n.ok()) return failure = n.error(), false;
        for (int i = 0; i < n.size(); ++i) slice.records.push_back(ReadNoticeRow(n, i));
        Rows a = db->Exec(pg_rows::kFeedActivitiesSql, page);
        if (!a.ok()) return failure = a.error(), false;
        for (int i = 0; i < a.size(); ++i)
          slice.activities.push_back({a.Text(i, 0), a.Int(i, 1), a.Bool(i, 2), a.Text(i, 3), {}});
        // The first `limit` changes of both kinds by seq; anything past them is for the next page.
        std::size_t notices = 0, activities = 0;
        while (notices + activities < static_cast<std::size_t>(limit) &&
               (notices < slice.records.size() || activities < slice.activities.size())) {
          const bool notice_next = activities == slice.activities.size() ||
                                   (notices < slice.records.size() &&
                                    slice.records[notices].seq < slice.activities[activities].seq);
          ++(notice_next ? notices : activities);
        }
        slice.has_more = notices < slice.records.size() || activities < slice.activities.size();
        slice.records.resize(notices);
        slice.activities.resize(activities);
        for (ActivityFeedRecord& act : slice.activities) {
          if (act.deleted) continue;
          Rows c = db->Exec(
              "SELECT original_start, status, SUM(people) FROM activity_signups WHERE activity_id = $1 "
              "AND status IN ('confirmed', 'waitlisted') GROUP BY original_start, status",
              Params().Add(act.id));
          if (!c.ok()) return failure = c.error(), false;
          for (int i = 0; i < c.size(); ++i) {
            OccurrenceCounts& oc = act.counts[c.Int(i, 0)];
            (c.Text(i, 1) == "confirmed" ? oc.confirmed : oc.waitlisted) = static_cast<int>(c.Int(i, 2));
          }
        }
        Rows m = db->Exec("SELECT last_seq FROM change_sequence WHERE id = 1");
        if (!m.ok() || m.size() != 1) return failure = "change sequence: " + m.error(), false;
        slice.max_seq = m.Int(0, 0);
        return true;
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  return R::Ok(std::move(slice));
}

Result<std::int64_t> PgHubRepository::MaxSeq() {
  auto db = pool_->Acquire();
  if (!db) return Result<std::int64_t>::Fail(db.error());
  Rows r = db->Exec("SELECT last_seq FROM change_sequence WHERE id = 1");
  if (!r.ok() || r.size() != 1) return Result<std::int64_t>::Fail("change sequence: " + r.error());
  return Result<std::int64_t>::Ok(r.Int(0, 0));
}

// ---- Kiosks -----------------------------------------------------------------------------------------------

WriteResult<KioskRecord> PgHubRepository::AddKiosk(const KioskRecord& kiosk) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<KioskRecord>(db.error());
  WriteResult<KioskRecord> out;
  auto tx = pg::Transact(*db, [&] {
    // Registrations queue here (reads go on), so two at once cannot pick the same lowest free number.
    if (auto s = db->ExecScript("LOCK TABLE kiosks IN SHARE ROW EXCLUSIVE MODE"); !s)
      return out = StorageFail<KioskRecord>(s.error()), false;
    Rows num = db->Exec(
        "SELECT x FROM generate_series(1, 1023) AS x WHERE NOT EXISTS "
        "(SELECT 1 FROM kiosks WHERE kiosk_number = x) ORDER BY x LIMIT 1");
    if (!num.ok()) return out = StorageFail<KioskRecord>(num.error()), false;
    if (num.size() == 0)
      return out = WriteFail<KioskRecord>(WriteError::Invalid, "all 1023 kiosk numbers are in use"), false;
    KioskRecord stored = kiosk;
    stored.kiosk_number = static_cast<int>(num.Int(0, 0));
    Rows ins = db->Exec(
        "INSERT INTO kiosks (device_id, name, token_hash, created_at, kiosk_number) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        Params()
            .Add(kiosk.device_id)
            .Add(kiosk.name)
            .Add(kiosk.token_hash)
            .Add(kiosk.created_at)
            .Add(stored.kiosk_number));
    if (!ins.ok()) return out = StorageFail<KioskRecord>(ins.error()), false;
    if (ins.affected() == 0)
      return out = WriteFail<KioskRecord>(WriteError::Duplicate, "kiosk already registered"), false;
    out = WriteOk(std::move(stored));
    return true;
  });
  if (!tx) return StorageFail<KioskRecord>(tx.error());
  return out;
}

Result<std::optional<KioskRecord>> PgHubRepository::FindKioskByTokenHash(std::string_view token_hash) {
  using R = Result<std::optional<KioskRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string(kKioskSelect) + "WHERE token_hash = $1", Params().Add(token_hash));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(ReadKioskRow(r, 0));
}

Status PgHubRepository::RecordHeartbeat(std::string_view device_id, const KioskHeartbeat& hb,
                                        protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return Status::Fail(db.error());
  std::string failure;
  auto tx = pg::Transact(*db, [&] {
    failure.clear();
    // The kiosk's row lock also queues two heartbeats of one kiosk, so each panel event is stored once.
    Rows up = db->Exec(
        "UPDATE kiosks SET last_seen = $2, app_version = $3, sync_cursor = $4, outbox_pending = $5, "
        "last_sync_error = $6, outbox_refused = $7, disk_free_bytes = $8, disk_full = $9 WHERE device_id = "
        "$1",
        Params()
            .Add(device_id)
            .Add(now)
            .AddOpt(hb.app_version)
            .AddOpt(hb.cursor)
            .AddOpt(hb.outbox_pending)
            .AddOpt(hb.last_sync_error)
            .AddOpt(hb.outbox_refused)
            .AddOpt(hb.disk_free_bytes)
            .AddOpt(hb.disk_full ? std::optional<std::string>(*hb.disk_full ? "t" : "f") : std::nullopt));
    if (!up.ok()) return failure = up.error(), false;
    if (up.affected() == 0) return failure = "no kiosk with device id " + std::string(device_id), false;
    const std::string actor = "kiosk:" + std::string(device_id);
    for (const protocol::PanelEvent& e : hb.panel_events) {
      Rows seen =
          db->Exec("SELECT 1 FROM kiosk_panel_events WHERE device_id = $1 AND event_id = $2 AND at = $3",
                   Params().Add(device_id).Add(e.id).Add(e.at));
      if (!seen.ok()) return failure = seen.error(), false;
      if (seen.size() > 0) continue;
      // The entry's time is when it happened at the kiosk; the detail keeps when the hub heard of it.
      Rows audit = db->Exec(
          "INSERT INTO audit_log (at, staff_id, actor, party, action, target, detail, remote) "
          "VALUES ($1, NULL, $2, NULL, 'kiosk.panel', $3, $4, '') RETURNING id",
          Params().Add(e.at).Add(actor).Add(device_id).Add(e.event + " (kiosk event " + std::to_string(e.id) +
                                                           ", received " + protocol::FormatUtc(now) + ")"));
      if (!audit.ok() || audit.size() != 1) return failure = audit.error(), false;
      Rows mark = db->Exec(
          "INSERT INTO kiosk_panel_events (device_id, event_id, at, audit_id) VALUES ($1, $2, $3, $4)",
          Params().Add(device_id).Add(e.id).Add(e.at).Add(audit.Int(0, 0)));
      if (!mark.ok()) return failure = mark.error(), false;
    }
    return true;
  });
  if (!tx) return tx;
  if (!failure.empty()) return Status::Fail(failure);
  return OkStatus();
}

Result<std::vector<KioskRecord>> PgHubRepository::ListKiosks() {
  using R = Result<std::vector<KioskRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  // COLLATE "C": SQLite's byte order, whatever the database's locale.
  Rows r = db->Exec(std::string(kKioskSelect) + "ORDER BY name COLLATE \"C\", device_id COLLATE \"C\"");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<KioskRecord> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadKioskRow(r, i));
  return R::Ok(std::move(out));
}

WriteResult<KioskRecord> PgHubRepository::RevokeKiosk(std::string_view device_id, protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<KioskRecord>(db.error());
  // The token hash becomes a value no BLAKE2b hex digest can equal ("revoked:" is not hex).
  Rows r = db->Exec(
      "UPDATE kiosks SET revoked_at = $2, token_hash = 'revoked:' || device_id "
      "WHERE device_id = $1 AND revoked_at IS NULL RETURNING name, kiosk_number",
      Params().Add(device_id).Add(now));
  if (!r.ok()) return StorageFail<KioskRecord>(r.error());
  if (r.size() == 1) {
    KioskRecord k;
    k.device_id = std::string(device_id);
    k.name = r.Text(0, 0);
    k.kiosk_number = static_cast<int>(r.OptInt(0, 1).value_or(0));
    return WriteOk(std::move(k));
  }
  Rows ex = db->Exec("SELECT 1 FROM kiosks WHERE device_id = $1", Params().Add(device_id));
  if (!ex.ok()) return StorageFail<KioskRecord>(ex.error());
  if (ex.size() > 0) return WriteFail<KioskRecord>(WriteError::Refused, "kiosk already revoked");
  return WriteFail<KioskRecord>(WriteError::NotFound, "no kiosk with device id " + std::string(device_id));
}

}  // namespace ck::hub

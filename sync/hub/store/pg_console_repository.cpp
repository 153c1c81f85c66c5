// PgConsoleRepository: staff, sessions, sign-in failures, audit and the console's notice/kiosk reads in
// PostgreSQL.
#include "sync/hub/store/pg_console_repository.h"

#include <algorithm>
#include <utility>

#include "sync/hub/store/pg_hub_rows.h"
#include "sync/hub/store/pg_migrations.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;

constexpr const char* kStaffSelect =
    "SELECT id, name, party, role, password_hash, created_at, disabled_at, failed_signins, locked_until, "
    "last_signin_at, display_name, must_change_password FROM staff ";
// The name compared regardless of case, from the staff_by_name index.
constexpr const char* kByName = "WHERE lower(name) = lower($1)";

StaffAccount ReadStaffRow(const Rows& st, int i) {
  StaffAccount a;
  a.id = st.Int(i, 0);
  a.name = st.Text(i, 1);
  a.party = protocol::ParsePublisher(st.Text(i, 2)).value_or(Party::ResidentsCommittee);
  a.role = ParseStaffRole(st.Text(i, 3)).value_or(StaffRole::Clerk);
  a.password_hash = st.Text(i, 4);
  a.created_at = st.Int(i, 5);
  a.disabled_at = st.OptInt(i, 6);
  a.failed_signins = static_cast<int>(st.Int(i, 7));
  a.locked_until = st.Int(i, 8);
  a.last_signin_at = st.OptInt(i, 9);
  a.display_name = st.Text(i, 10);
  a.must_change_password = st.Bool(i, 11);
  return a;
}

Result<std::optional<StaffAccount>> FindStaffWhere(pg::Connection& db, const char* where, const Params& p) {
  using R = Result<std::optional<StaffAccount>>;
  Rows r = db.Exec(std::string(kStaffSelect) + where, p);
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(ReadStaffRow(r, 0));
}

// For ILIKE (SQLite's LIKE ignores ASCII case): the user's text matches literally.
std::string LikePattern(std::string_view text) {
  std::string p = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  p += '%';
  return p;
}

// A feed cursor is the decimal seq the kiosk applied; anything else counts as nothing received.
std::int64_t CursorSeq(const std::optional<std::string>& cursor) {
  if (!cursor || cursor->empty() || cursor->size() > 18) return 0;
  std::int64_t v = 0;
  for (char c : *cursor) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

Result<std::vector<std::int64_t>> ActiveKioskCursors(pg::Connection& db) {
  using R = Result<std::vector<std::int64_t>>;
  Rows r = db.Exec("SELECT sync_cursor FROM kiosks WHERE revoked_at IS NULL");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<std::int64_t> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(CursorSeq(r.OptText(i, 0)));
  return R::Ok(std::move(out));
}

template <typename T>
WriteResult<T> StorageFail(std::string message) {
  return WriteFail<T>(WriteError::Storage, std::move(message));
}

std::optional<std::string> PartyText(const std::optional<Party>& p) {
  return p ? std::optional<std::string>(std::string(protocol::PublisherCode(*p))) : std::nullopt;
}

}  // namespace

Result<std::unique_ptr<PgConsoleRepository>> PgConsoleRepository::Open(const std::string& conninfo,
                                                                       int connections) {
  using R = Result<std::unique_ptr<PgConsoleRepository>>;
  auto conn = pg::Connection::Open(conninfo);
  if (!conn) return R::Fail(conn.error());
  if (auto s = pg::Migrate(**conn); !s) return R::Fail("PostgreSQL: " + s.error());
  auto pool = std::make_unique<pg::Pool>(conninfo, std::move(conn).value(), connections);
  return R::Ok(std::unique_ptr<PgConsoleRepository>(new PgConsoleRepository(std::move(pool))));
}

Status PgConsoleRepository::Exec(const char* sql, const Params& params) {
  auto db = pool_->Acquire();
  if (!db) return Status::Fail(db.error());
  Rows r = db->Exec(sql, params);
  if (!r.ok()) return Status::Fail(r.error());
  return OkStatus();
}

// ---- Staff accounts ----

WriteResult<StaffAccount> PgConsoleRepository::AddStaff(const StaffAccount& account) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<StaffAccount>(db.error());
  // The unique index on lower(name) decides, also between two processes adding the same name at once.
  Rows r = db->Exec(
      "INSERT INTO staff (name, party, role, password_hash, created_at, display_name, must_change_password) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
      Params()
          .Add(account.name)
          .Add(protocol::PublisherCode(account.party))
          .Add(StaffRoleCode(account.role))
          .Add(account.password_hash)
          .Add(account.created_at)
          .Add(account.display_name)
          .Add(account.must_change_password));
  if (!r.ok()) return StorageFail<StaffAccount>(r.error());
  if (r.size() == 0)
    return WriteFail<StaffAccount>(WriteError::Duplicate,
                                   "a staff account named " + account.name + " exists");
  StaffAccount stored = account;
  stored.id = r.Int(0, 0);
  stored.failed_signins = 0;
  stored.locked_until = 0;
  stored.disabled_at.reset();
  stored.last_signin_at.reset();
  return WriteOk(std::move(stored));
}

Result<std::optional<StaffAccount>> PgConsoleRepository::FindStaff(std::int64_t id) {
  auto db = pool_->Acquire();
  if (!db) return Result<std::optional<StaffAccount>>::Fail(db.error());
  return FindStaffWhere(*db, "WHERE id = $1", Params().Add(id));
}

Result<std::optional<StaffAccount>> PgConsoleRepository::FindStaffByName(std::string_view name) {
  auto db = pool_->Acquire();
  if (!db) return Result<std::optional<StaffAccount>>::Fail(db.error());
  return FindStaffWhere(*db, kByName, Params().Add(name));
}

Result<std::vector<StaffAccount>> PgConsoleRepository::ListStaff() {
  using R = Result<std::vector<StaffAccount>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  // SQLite's order: party, then the name ignoring case.
  Rows r = db->Exec(std::string(kStaffSelect) +
                    "ORDER BY party COLLATE \"C\", lower(name) COLLATE \"C\", name COLLATE \"C\"");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<StaffAccount> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadStaffRow(r, i));
  return R::Ok(std::move(out));
}

WriteResult<StaffAccount> PgConsoleRepository::DisableStaff(std::string_view name,
                                                            protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<StaffAccount>(db.error());
  WriteResult<StaffAccount> out;
  auto tx = pg::Transact(*db, [&] {
    auto found = FindStaffWhere(*db, "WHERE lower(name) = lower($1) FOR UPDATE", Params().Add(name));
    if (!found) return out = StorageFail<StaffAccount>(found.error()), false;
    if (!*found)
      return out =
                 WriteFail<StaffAccount>(WriteError::NotFound, "no staff account named " + std::string(name)),
             false;
    StaffAccount a = **found;
    if (!a.disabled()) {
      Rows up = db->Exec("UPDATE staff SET disabled_at = $2 WHERE id = $1", Params().Add(a.id).Add(now));
      if (!up.ok()) return out = StorageFail<StaffAccount>(up.error()), false;
      a.disabled_at = now;
    }
    Rows del = db->Exec("DELETE FROM staff_sessions WHERE staff_id = $1", Params().Add(a.id));
    if (!del.ok()) return out = StorageFail<StaffAccount>(del.error()), false;
    out = WriteOk(std::move(a));
    return true;
  });
  if (!tx) return StorageFail<StaffAccount>(tx.error());
  return out;
}

WriteResult<StaffAccount> PgConsoleRepository::EnableStaff(std::string_view name) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<StaffAccount>(db.error());
  Rows up = db->Exec("UPDATE staff SET disabled_at = NULL WHERE lower(name) = lower($1)", Params().Add(name));
  if (!up.ok() && !up.matches_nothing()) return StorageFail<StaffAccount>(up.error());
  auto found = FindStaffWhere(*db, kByName, Params().Add(name));
  if (!found) return StorageFail<StaffAccount>(found.error());
  if (!*found)
    return WriteFail<StaffAccount>(WriteError::NotFound, "no staff account named " + std::string(name));
  return WriteOk(std::move(**found));
}

WriteResult<StaffAccount> PgConsoleRepository::UnlockStaff(std::string_view name) {
  auto db = pool_->Acquire();
  if (!db) return StorageFail<StaffAccount>(db.error());
  WriteResult<StaffAccount> out;
  auto tx = pg::Transact(*db, [&] {
    Rows up = db->Exec("UPDATE staff SET failed_signins = 0, locked_until = 0 WHERE lower(name) = lower($1)",
                       Params().Add(name));
    // A name that is not UTF-8 matches nothing (FindStaffWhere then says so).
    if (!up.ok() && !up.matches_nothing()) return out = StorageFail<StaffAccount>(up.error()), false;
    Rows del = db->Exec("DELETE FROM signin_failures WHERE name = lower($1)", Params().Add(name));
    if (!del.ok() && !del.matches_nothing()) return out = StorageFail<StaffAccount>(del.error()), false;
    auto found = FindStaffWhere(*db, kByName, Params().Add(name));
    if (!found) return out = StorageFail<StaffAccount>(found.error()), false;
    if (!*found)
      return out =
                 WriteFail<StaffAccount>(WriteError::NotFound, "no staff account named " + std::string(name)),
             false;
    out = WriteOk(std::move(**found));
    return true;
  });
  if (!tx) return StorageFail<StaffAccount>(tx.error());
  return out;
}

Status PgConsoleRepository::SetStaffPassword(std::int64_t staff_id, std::string_view password_hash,
                                             bool must_change, std::string_view keep_session_hash) {
  auto db = pool_->Acquire();
  if (!db) return Status::Fail(db.error());
  std::string failure;
  auto tx = pg::Transact(*db, [&] {
    Rows up = db->Exec("UPDATE staff SET password_hash = $2, must_change_password = $3 WHERE id = $1",
                       Params().Add(staff_id).Add(password_hash).Add(must_change));
    if (!up.ok()) return failure = up.error(), false;
    Rows del = db->Exec("DELETE FROM staff_sessions WHERE staff_id = $1 AND id_hash <> $2",
                        Params().Add(staff_id).Add(keep_session_hash));
    if (!del.ok()) return failure = del.error(), false;
    return true;
  });
  if (!tx) return tx;
  if (!failure.empty()) return Status::Fail(failure);
  return OkStatus();
}

Status PgConsoleRepository::SetStaffDisplayName(std::int64_t staff_id, std::string_view display_name) {
  return Exec("UPDATE staff SET display_name = $2 WHERE id = $1", Params().Add(staff_id).Add(display_name));
}

Result<int> PgConsoleRepository::CountFailedSignIn(std::int64_t staff_id) {
  auto db = pool_->Acquire();
  if (!db) return Result<int>::Fail(db.error());
  // One statement: two processes counting at once both count (the row lock queues them).
  Rows r =
      db->Exec("UPDATE staff SET failed_signins = failed_signins + 1 WHERE id = $1 RETURNING failed_signins",
               Params().Add(staff_id));
  if (!r.ok()) return Result<int>::Fail(r.error());
  if (r.size() == 0) return Result<int>::Fail("no staff account with id " + std::to_string(staff_id));
  return Result<int>::Ok(static_cast<int>(r.Int(0, 0)));
}

Status PgConsoleRepository::LockStaffUntil(std::int64_t staff_id, protocol::UnixSeconds until) {
  return Exec("UPDATE staff SET locked_until = $2 WHERE id = $1", Params().Add(staff_id).Add(until));
}

Status PgConsoleRepository::RecordSignIn(std::int64_t staff_id, protocol::UnixSeconds now) {
  return Exec("UPDATE staff SET failed_signins = 0, locked_until = 0, last_signin_at = $2 WHERE id = $1",
              Params().Add(staff_id).Add(now));
}

// ---- Where sign-ins come from ----

Result<bool> PgConsoleRepository::IsKnownDesk(std::int64_t staff_id, std::string_view remote) {
  auto db = pool_->Acquire();
  if (!db) return Result<bool>::Fail(db.error());
  Rows r = db->Exec("SELECT 1 FROM staff_desks WHERE staff_id = $1 AND remote = $2",
                    Params().Add(staff_id).Add(remote));
  if (!r.ok()) return Result<bool>::Fail(r.error());
  return Result<bool>::Ok(r.size() > 0);
}

Status PgConsoleRepository::RememberDesk(std::int64_t staff_id, std::string_view remote,
                                         protocol::UnixSeconds now) {
  return Exec(
      "INSERT INTO staff_desks (staff_id, remote, first_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      Params().Add(staff_id).Add(remote).Add(now));
}

Result<int> PgConsoleRepository::CountAddressFailure(std::string_view name, std::string_view remote,
                                                     protocol::UnixSeconds now) {
  auto db = pool_->Acquire();
  if (!db) return Result<int>::Fail(db.error());
  // An upsert: guesses through two processes at once add up; neither overwrites the other's count.
  Rows r = db->Exec(
      "INSERT INTO signin_failures (name, remote, failures, last_at) VALUES (lower($1), $2, 1, $3) "
      "ON CONFLICT (name, remote) DO UPDATE SET failures = signin_failures.failures + 1, last_at = $3 "
      "RETURNING failures",
      Params().Add(name).Add(remote).Add(now));
  if (!r.ok() || r.size() != 1) return Result<int>::Fail(r.error());
  return Result<int>::Ok(static_cast<int>(r.Int(0, 0)));
}

Status PgConsoleRepository::LockAddressUntil(std::string_view name, std::string_view remote,
                                             protocol::UnixSeconds until) {
  return Exec("UPDATE signin_failures SET locked_until = $3 WHERE name = lower($1) AND remote = $2",
              Params().Add(name).Add(remote).Add(until));
}

Result<protocol::UnixSeconds> PgConsoleRepository::AddressLockedUntil(std::string_view name,
                                                                      std::string_view remote) {
  using R = Result<protocol::UnixSeconds>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec("SELECT locked_until FROM signin_failures WHERE name = lower($1) AND remote = $2",
                    Params().Add(name).Add(remote));
  if (r.matches_nothing()) return R::Ok(0);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(0);
  return R::Ok(r.Int(0, 0));
}

Status PgConsoleRepository::ClearAddressFailures(std::string_view name, std::string_view remote) {
  return Exec("DELETE FROM signin_failures WHERE name = lower($1) AND remote = $2",
              Params().Add(name).Add(remote));
}

Status PgConsoleRepository::ForgetAddressFailures(protocol::UnixSeconds before) {
  return Exec("DELETE FROM signin_failures WHERE last_at < $1 AND locked_until < $1", Params().Add(before));
}

// ---- Sessions ----

Status PgConsoleRepository::CreateSession(const SessionRecord& s) {
  return Exec(
      "INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
      Params().Add(s.id_hash).Add(s.staff_id).Add(s.created_at).Add(s.last_seen_at));
}

Result<std::optional<SessionRecord>> PgConsoleRepository::FindSession(std::string_view id_hash) {
  using R = Result<std::optional<SessionRecord>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r =
      db->Exec("SELECT id_hash, staff_id, created_at, last_seen_at FROM staff_sessions WHERE id_hash = $1",
               Params().Add(id_hash));
  if (r.matches_nothing()) return R::Ok(std::nullopt);
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(std::nullopt);
  return R::Ok(SessionRecord{r.Text(0, 0), r.Int(0, 1), r.Int(0, 2), r.Int(0, 3)});
}

Status PgConsoleRepository::TouchSession(std::string_view id_hash, protocol::UnixSeconds now) {
  return Exec("UPDATE staff_sessions SET last_seen_at = $2 WHERE id_hash = $1",
              Params().Add(id_hash).Add(now));
}

Status PgConsoleRepository::DeleteSession(std::string_view id_hash) {
  return Exec("DELETE FROM staff_sessions WHERE id_hash = $1", Params().Add(id_hash));
}

Status PgConsoleRepository::DeleteExpiredSessions(protocol::UnixSeconds idle_before,
                                                  protocol::UnixSeconds created_before) {
  return Exec("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2",
              Params().Add(idle_before).Add(created_before));
}

// ---- Audit log ----

Result<std::int64_t> PgConsoleRepository::AppendAudit(const AuditEntry& e) {
  using R = Result<std::int64_t>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "INSERT INTO audit_log (at, staff_id, actor, party, action, target, detail, remote) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      Params()
          .Add(e.at)
          .AddOpt(e.staff_id)
          .Add(e.actor)
          .AddOpt(PartyText(e.party))
          .Add(e.action)
          .Add(e.target)
          .Add(e.detail)
          .Add(e.remote));
  if (!r.ok() || r.size() != 1) return R::Fail(r.error());
  return R::Ok(r.Int(0, 0));
}

Result<AuditPage> PgConsoleRepository::QueryAudit(const AuditQuery& q) {
  using R = Result<AuditPage>;
  // Only the filters given, each a fixed clause.
  std::string where = "WHERE true";
  Params p;
  int n = 0;
  auto param = [&] { return "$" + std::to_string(++n); };
  if (q.text && !q.text->empty()) {
    std::string t = param();
    where += " AND (actor ILIKE " + t + " OR action ILIKE " + t + " OR target ILIKE " + t +
             " OR detail ILIKE " + t + ")";
    p.Add(LikePattern(*q.text));
  }
  if (q.action && !q.action->empty()) {
    where += " AND action = " + param();
    p.Add(*q.action);
  }
  if (q.from) {
    where += " AND at >= " + param() + "::bigint";
    p.Add(*q.from);
  }
  if (q.to) {
    where += " AND at <= " + param() + "::bigint";
    p.Add(*q.to);
  }
  if (q.party) {
    where += " AND party = " + param();
    p.Add(protocol::PublisherCode(*q.party));
  }
  const int limit = std::clamp(q.limit, 1, 1000);
  std::string sql = "SELECT id, at, staff_id, actor, party, action, target, detail, remote FROM audit_log " +
                    where + " ORDER BY id DESC LIMIT " + param() + "::bigint";
  p.Add(limit + 1);
  sql += " OFFSET " + param() + "::bigint";
  p.Add(std::max(0, q.offset));
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(sql, p);
  if (r.matches_nothing()) return R::Ok(AuditPage{});  // a filter that is not UTF-8
  if (!r.ok()) return R::Fail(r.error());
  AuditPage page;
  for (int i = 0; i < r.size(); ++i) {
    AuditEntry e;
    e.id = r.Int(i, 0);
    e.at = r.Int(i, 1);
    e.staff_id = r.OptInt(i, 2);
    e.actor = r.Text(i, 3);
    if (auto party = r.OptText(i, 4)) e.party = protocol::ParsePublisher(*party);
    e.action = r.Text(i, 5);
    e.target = r.Text(i, 6);
    e.detail = r.Text(i, 7);
    e.remote = r.Text(i, 8);
    page.entries.push_back(std::move(e));
  }
  if (page.entries.size() > static_cast<std::size_t>(limit)) {
    page.entries.pop_back();
    page.has_more = true;
  }
  return R::Ok(std::move(page));
}

// ---- Console reads ----

Result<NoticeListPage> PgConsoleRepository::QueryNotices(const NoticeListQuery& q) {
  using R = Result<NoticeListPage>;
  // The state is a function of the times and `now`; only the filters given, each a fixed clause.
  std::string where = "WHERE true";
  Params p;
  int n = 0;
  auto param = [&] { return "$" + std::to_string(++n) + "::bigint"; };
  auto text_param = [&] { return "$" + std::to_string(++n); };
  if (q.state == NoticeState::Withdrawn) {
    where += " AND withdrawn_at IS NOT NULL";
  } else if (q.state) {
    std::string now = param();
    p.Add(q.now);
    switch (*q.state) {
      case NoticeState::Scheduled:
        where += " AND withdrawn_at IS NULL AND published_at > " + now;
        break;
      case NoticeState::Expired:
        where += " AND withdrawn_at IS NULL AND published_at <= " + now +
                 " AND expires_at IS NOT NULL AND expires_at <= " + now;
        break;
      case NoticeState::Live:
        where += " AND withdrawn_at IS NULL AND published_at <= " + now +
                 " AND (expires_at IS NULL OR expires_at > " + now + ")";
        break;
      case NoticeState::Withdrawn:
        break;
    }
  }
  if (q.publisher) {
    where += " AND publisher = " + text_param();
    p.Add(protocol::PublisherCode(*q.publisher));
  }
  if (q.category && !q.category->empty()) {
    where += " AND category = " + text_param();
    p.Add(*q.category);
  }
  if (q.text && !q.text->empty()) {
    std::string t = text_param();
    where += " AND (title ILIKE " + t + " OR body ILIKE " + t + ")";
    p.Add(LikePattern(*q.text));
  }
  Params page_params = p;
  std::string limit = param(), offset = param();
  page_params.Add(std::clamp(q.limit, 1, 500)).Add(std::max(0, q.offset));

  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  NoticeListPage page;
  std::string failure;
  auto tx = pg::Transact(
      *db,
      [&] {
        page = NoticeListPage{};
        Rows count = db->Exec("SELECT COUNT(*) FROM notices " + where, p);
        if (!count.ok() || count.size() != 1) return failure = count.error(), false;
        page.total = count.Int(0, 0);
        auto cursors = ActiveKioskCursors(*db);
        if (!cursors) return failure = cursors.error(), false;
        page.active_kiosks = static_cast<int>(cursors->size());
        Rows rows = db->Exec(std::string(pg_rows::kNoticeSelect) + where + " ORDER BY seq DESC LIMIT " +
                                 limit + " OFFSET " + offset,
                             page_params);
        if (!rows.ok()) return failure = rows.error(), false;
        for (int i = 0; i < rows.size(); ++i) {
          NoticeListRow row;
          row.record = pg_rows::ReadNoticeRow(rows, i);
          row.delivered = static_cast<int>(std::count_if(
              cursors->begin(), cursors->end(), [&](std::int64_t c) { return c >= row.record.seq; }));
          page.rows.push_back(std::move(row));
        }
        return true;
      },
      /*read_only=*/true);
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  return R::Ok(std::move(page));
}

Result<std::pair<int, int>> PgConsoleRepository::NoticeDelivery(std::int64_t seq) {
  using R = Result<std::pair<int, int>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  auto cursors = ActiveKioskCursors(*db);
  if (!cursors) return R::Fail(cursors.error());
  int delivered = static_cast<int>(
      std::count_if(cursors->begin(), cursors->end(), [&](std::int64_t c) { return c >= seq; }));
  return R::Ok({delivered, static_cast<int>(cursors->size())});
}

Result<std::vector<ConsoleKiosk>> PgConsoleRepository::ListConsoleKiosks() {
  using R = Result<std::vector<ConsoleKiosk>>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(std::string("SELECT ") + pg_rows::kKioskColumns +
                    ", revoked_at FROM kiosks ORDER BY name COLLATE \"C\", device_id COLLATE \"C\"");
  if (!r.ok()) return R::Fail(r.error());
  std::vector<ConsoleKiosk> out;
  for (int i = 0; i < r.size(); ++i) {
    ConsoleKiosk c;
    c.kiosk = pg_rows::ReadKioskRow(r, i);
    c.revoked_at = r.OptInt(i, pg_rows::kKioskColumnCount);
    out.push_back(std::move(c));
  }
  return R::Ok(std::move(out));
}

}  // namespace ck::hub

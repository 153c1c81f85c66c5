// SqliteConsoleRepository: staff, sessions, audit and the console's notice/kiosk reads, prepared
// statements only.
#include "sync/hub/store/sqlite_console_repository.h"

#include <algorithm>
#include <array>
#include <utility>

#include "sync/hub/store/sqlite_kiosk_rows.h"
#include "sync/hub/store/sqlite_migrations.h"

namespace ck::hub {

namespace {

using sqlite::Statement;

constexpr const char* kStaffSelect =
    "SELECT id, name, party, role, password_hash, created_at, disabled_at, failed_signins, locked_until, "
    "last_signin_at, display_name, must_change_password FROM staff ";

StaffAccount ReadStaffRow(const Statement& st) {
  StaffAccount a;
  a.id = st.Int(0);
  a.name = st.Text(1);
  a.party = protocol::ParsePublisher(st.Text(2)).value_or(Party::ResidentsCommittee);
  a.role = ParseStaffRole(st.Text(3)).value_or(StaffRole::Clerk);
  a.password_hash = st.Text(4);
  a.created_at = st.Int(5);
  a.disabled_at = st.OptInt(6);
  a.failed_signins = static_cast<int>(st.Int(7));
  a.locked_until = st.Int(8);
  a.last_signin_at = st.OptInt(9);
  a.display_name = st.Text(10);
  a.must_change_password = st.Int(11) != 0;
  return a;
}

// Same column order as SqliteHubRepository's notice reads.
constexpr const char* kNoticeColumns =
    "id, seq, revision, publisher, category, priority, pinned, title, body, published_at, expires_at, "
    "audience, withdrawn_at";

NoticeRecord ReadNoticeRow(const Statement& st) {
  NoticeRecord r;
  protocol::Notice& n = r.notice;
  n.id = st.Text(0);
  r.seq = st.Int(1);
  n.revision = st.Int(2);
  n.publisher = protocol::ParsePublisher(st.Text(3)).value_or(Party::ResidentsCommittee);
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

// For LIKE … ESCAPE '\': the user's text matches literally.
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

}  // namespace

std::string_view StaffRoleCode(StaffRole r) {
  return r == StaffRole::Manager ? "manager" : "clerk";
}

std::optional<StaffRole> ParseStaffRole(std::string_view code) {
  if (code == "clerk") return StaffRole::Clerk;
  if (code == "manager") return StaffRole::Manager;
  return std::nullopt;
}

std::string_view NoticeStateCode(NoticeState s) {
  switch (s) {
    case NoticeState::Scheduled:
      return "scheduled";
    case NoticeState::Live:
      return "live";
    case NoticeState::Expired:
      return "expired";
    case NoticeState::Withdrawn:
      return "withdrawn";
  }
  return "live";
}

std::optional<NoticeState> ParseNoticeState(std::string_view code) {
  for (NoticeState s :
       {NoticeState::Scheduled, NoticeState::Live, NoticeState::Expired, NoticeState::Withdrawn})
    if (NoticeStateCode(s) == code) return s;
  return std::nullopt;
}

NoticeState StateOf(const NoticeRecord& r, protocol::UnixSeconds now) {
  if (r.withdrawn()) return NoticeState::Withdrawn;
  if (r.notice.published_at > now) return NoticeState::Scheduled;
  if (r.notice.expires_at && *r.notice.expires_at <= now) return NoticeState::Expired;
  return NoticeState::Live;
}

Result<std::unique_ptr<SqliteConsoleRepository>> SqliteConsoleRepository::Open(const std::string& path,
                                                                 sqlite::HubFileMode mode) {
  using R = Result<std::unique_ptr<SqliteConsoleRepository>>;
  auto conn = sqlite::OpenHubFile(path, mode);
  if (!conn) return R::Fail(conn.error());
  if (auto s = sqlite::Migrate(**conn); !s) return R::Fail(path + ": " + s.error());
  return R::Ok(
      std::unique_ptr<SqliteConsoleRepository>(new SqliteConsoleRepository(std::move(conn).value())));
}

// ---- Staff accounts ----

WriteResult<StaffAccount> SqliteConsoleRepository::AddStaff(const StaffAccount& account) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO staff (name, party, role, password_hash, created_at, display_name, must_change_password) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING RETURNING id");
  if (!raw) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, account.name);
  st.Bind(2, protocol::PublisherCode(account.party));
  st.Bind(3, StaffRoleCode(account.role));
  st.Bind(4, account.password_hash);
  st.Bind(5, account.created_at);
  st.Bind(6, account.display_name);
  st.Bind(7, std::int64_t{account.must_change_password ? 1 : 0});
  int rc = st.Step();
  if (rc == SQLITE_DONE)
    return WriteFail<StaffAccount>(WriteError::Duplicate,
                                   "a staff account named " + account.name + " exists");
  if (rc != SQLITE_ROW) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
  StaffAccount stored = account;
  stored.id = st.Int(0);
  stored.failed_signins = 0;
  stored.locked_until = 0;
  stored.disabled_at.reset();
  stored.last_signin_at.reset();
  st.Step();
  return WriteOk(std::move(stored));
}

Result<std::optional<StaffAccount>> SqliteConsoleRepository::FindStaffLocked(std::string_view where,
                                                                             std::string_view value) {
  using R = Result<std::optional<StaffAccount>>;
  sqlite3_stmt* raw = db_->Prepare(std::string(kStaffSelect) + std::string(where));
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(ReadStaffRow(st));
}

Result<std::optional<StaffAccount>> SqliteConsoleRepository::FindStaff(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return FindStaffLocked("WHERE id = CAST(?1 AS INTEGER)", std::to_string(id));
}

Result<std::optional<StaffAccount>> SqliteConsoleRepository::FindStaffByName(std::string_view name) {
  std::lock_guard lock(mutex_);
  return FindStaffLocked("WHERE name = ?1", name);
}

Result<std::vector<StaffAccount>> SqliteConsoleRepository::ListStaff() {
  using R = Result<std::vector<StaffAccount>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(std::string(kStaffSelect) + "ORDER BY party, name");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<StaffAccount> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadStaffRow(st));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

WriteResult<StaffAccount> SqliteConsoleRepository::DisableStaff(std::string_view name,
                                                                protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
  auto found = FindStaffLocked("WHERE name = ?1", name);
  if (!found) return WriteFail<StaffAccount>(WriteError::Storage, found.error());
  if (!*found)
    return WriteFail<StaffAccount>(WriteError::NotFound, "no staff account named " + std::string(name));
  StaffAccount a = **found;
  if (!a.disabled()) {
    sqlite3_stmt* raw = db_->Prepare("UPDATE staff SET disabled_at = ?2 WHERE id = ?1");
    if (!raw) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
    Statement st(raw);
    st.Bind(1, a.id);
    st.Bind(2, now);
    if (st.Step() != SQLITE_DONE) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
    a.disabled_at = now;
  }
  sqlite3_stmt* del = db_->Prepare("DELETE FROM staff_sessions WHERE staff_id = ?1");
  if (!del) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
  {
    Statement st(del);
    st.Bind(1, a.id);
    if (st.Step() != SQLITE_DONE) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
  }
  if (auto s = tx.Commit(); !s) return WriteFail<StaffAccount>(WriteError::Storage, s.error());
  return WriteOk(std::move(a));
}

Status SqliteConsoleRepository::ExecLocked(const char* sql, std::initializer_list<Arg> args) {
  sqlite3_stmt* raw = db_->Prepare(sql);
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  int i = 1;
  for (const Arg& a : args) {
    if (a.is_int)
      st.Bind(i++, a.i);
    else
      st.Bind(i++, a.s);
  }
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

WriteResult<StaffAccount> SqliteConsoleRepository::EnableStaff(std::string_view name) {
  std::lock_guard lock(mutex_);
  if (auto s = ExecLocked("UPDATE staff SET disabled_at = NULL WHERE name = ?1", {name}); !s)
    return WriteFail<StaffAccount>(WriteError::Storage, s.error());
  auto found = FindStaffLocked("WHERE name = ?1", name);
  if (!found) return WriteFail<StaffAccount>(WriteError::Storage, found.error());
  if (!*found)
    return WriteFail<StaffAccount>(WriteError::NotFound, "no staff account named " + std::string(name));
  return WriteOk(std::move(**found));
}

WriteResult<StaffAccount> SqliteConsoleRepository::UnlockStaff(std::string_view name) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return WriteFail<StaffAccount>(WriteError::Storage, db_->ErrorMessage());
  if (auto s = ExecLocked("UPDATE staff SET failed_signins = 0, locked_until = 0 WHERE name = ?1", {name}); !s)
    return WriteFail<StaffAccount>(WriteError::Storage, s.error());
  if (auto s = ExecLocked("DELETE FROM signin_failures WHERE name = ?1", {name}); !s)
    return WriteFail<StaffAccount>(WriteError::Storage, s.error());
  auto found = FindStaffLocked("WHERE name = ?1", name);
  if (!found) return WriteFail<StaffAccount>(WriteError::Storage, found.error());
  if (!*found)
    return WriteFail<StaffAccount>(WriteError::NotFound, "no staff account named " + std::string(name));
  if (auto s = tx.Commit(); !s) return WriteFail<StaffAccount>(WriteError::Storage, s.error());
  return WriteOk(std::move(**found));
}

Status SqliteConsoleRepository::SetStaffPassword(std::int64_t staff_id, std::string_view password_hash,
                                                 bool must_change, std::string_view keep_session_hash) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return Status::Fail(db_->ErrorMessage());
  if (auto s = ExecLocked("UPDATE staff SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1",
                          {staff_id, password_hash, std::int64_t{must_change ? 1 : 0}});
      !s)
    return s;
  if (auto s = ExecLocked("DELETE FROM staff_sessions WHERE staff_id = ?1 AND id_hash <> ?2",
                          {staff_id, keep_session_hash});
      !s)
    return s;
  return tx.Commit();
}

Status SqliteConsoleRepository::SetStaffDisplayName(std::int64_t staff_id, std::string_view display_name) {
  std::lock_guard lock(mutex_);
  return ExecLocked("UPDATE staff SET display_name = ?2 WHERE id = ?1", {staff_id, display_name});
}

// ---- Where sign-ins come from ----

Result<bool> SqliteConsoleRepository::IsKnownDesk(std::int64_t staff_id, std::string_view remote) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("SELECT 1 FROM staff_desks WHERE staff_id = ?1 AND remote = ?2");
  if (!raw) return Result<bool>::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, staff_id);
  st.Bind(2, remote);
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Result<bool>::Fail(db_->ErrorMessage());
  return Result<bool>::Ok(rc == SQLITE_ROW);
}

Status SqliteConsoleRepository::RememberDesk(std::int64_t staff_id, std::string_view remote,
                                             protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  return ExecLocked("INSERT INTO staff_desks (staff_id, remote, first_at) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT DO NOTHING",
                    {staff_id, remote, now});
}

Result<int> SqliteConsoleRepository::CountAddressFailure(std::string_view name, std::string_view remote,
                                                         protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO signin_failures (name, remote, failures, last_at) VALUES (?1, ?2, 1, ?3) "
      "ON CONFLICT (name, remote) DO UPDATE SET failures = failures + 1, last_at = ?3 RETURNING failures");
  if (!raw) return Result<int>::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, name);
  st.Bind(2, remote);
  st.Bind(3, now);
  if (st.Step() != SQLITE_ROW) return Result<int>::Fail(db_->ErrorMessage());
  int n = static_cast<int>(st.Int(0));
  st.Step();
  return Result<int>::Ok(n);
}

Status SqliteConsoleRepository::LockAddressUntil(std::string_view name, std::string_view remote,
                                                 protocol::UnixSeconds until) {
  std::lock_guard lock(mutex_);
  return ExecLocked("UPDATE signin_failures SET locked_until = ?3 WHERE name = ?1 AND remote = ?2",
                    {name, remote, until});
}

Result<protocol::UnixSeconds> SqliteConsoleRepository::AddressLockedUntil(std::string_view name,
                                                                          std::string_view remote) {
  using R = Result<protocol::UnixSeconds>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw =
      db_->Prepare("SELECT locked_until FROM signin_failures WHERE name = ?1 AND remote = ?2");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, name);
  st.Bind(2, remote);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(0);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(st.Int(0));
}

Status SqliteConsoleRepository::ClearAddressFailures(std::string_view name, std::string_view remote) {
  std::lock_guard lock(mutex_);
  return ExecLocked("DELETE FROM signin_failures WHERE name = ?1 AND remote = ?2", {name, remote});
}

Status SqliteConsoleRepository::ForgetAddressFailures(protocol::UnixSeconds before) {
  std::lock_guard lock(mutex_);
  return ExecLocked("DELETE FROM signin_failures WHERE last_at < ?1 AND locked_until < ?1", {before});
}

Result<int> SqliteConsoleRepository::CountFailedSignIn(std::int64_t staff_id) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE staff SET failed_signins = failed_signins + 1 WHERE id = ?1 RETURNING failed_signins");
  if (!raw) return Result<int>::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, staff_id);
  if (st.Step() != SQLITE_ROW)
    return Result<int>::Fail("no staff account with id " + std::to_string(staff_id));
  int n = static_cast<int>(st.Int(0));
  st.Step();
  return Result<int>::Ok(n);
}

Status SqliteConsoleRepository::LockStaffUntil(std::int64_t staff_id, protocol::UnixSeconds until) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("UPDATE staff SET locked_until = ?2 WHERE id = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, staff_id);
  st.Bind(2, until);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Status SqliteConsoleRepository::RecordSignIn(std::int64_t staff_id, protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "UPDATE staff SET failed_signins = 0, locked_until = 0, last_signin_at = ?2 WHERE id = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, staff_id);
  st.Bind(2, now);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

// ---- Sessions ----

Status SqliteConsoleRepository::CreateSession(const SessionRecord& s) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4)");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, s.id_hash);
  st.Bind(2, s.staff_id);
  st.Bind(3, s.created_at);
  st.Bind(4, s.last_seen_at);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Result<std::optional<SessionRecord>> SqliteConsoleRepository::FindSession(std::string_view id_hash) {
  using R = Result<std::optional<SessionRecord>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT id_hash, staff_id, created_at, last_seen_at FROM staff_sessions WHERE id_hash = ?1");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, id_hash);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(std::nullopt);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(SessionRecord{st.Text(0), st.Int(1), st.Int(2), st.Int(3)});
}

Status SqliteConsoleRepository::TouchSession(std::string_view id_hash, protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("UPDATE staff_sessions SET last_seen_at = ?2 WHERE id_hash = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, id_hash);
  st.Bind(2, now);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Status SqliteConsoleRepository::DeleteSession(std::string_view id_hash) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("DELETE FROM staff_sessions WHERE id_hash = ?1");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, id_hash);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

Status SqliteConsoleRepository::DeleteExpiredSessions(protocol::UnixSeconds idle_before,
                                                      protocol::UnixSeconds created_before) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare("DELETE FROM staff_sessions WHERE last_seen_at < ?1 OR created_at < ?2");
  if (!raw) return Status::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, idle_before);
  st.Bind(2, created_before);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db_->ErrorMessage());
  return OkStatus();
}

// ---- Audit log ----

Result<std::int64_t> SqliteConsoleRepository::AppendAudit(const AuditEntry& e) {
  using R = Result<std::int64_t>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO audit_log (at, staff_id, actor, party, action, target, detail, remote) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, e.at);
  st.BindOpt(2, e.staff_id);
  st.Bind(3, e.actor);
  st.BindOpt(
      4, e.party ? std::optional<std::string>(std::string(protocol::PublisherCode(*e.party))) : std::nullopt);
  st.Bind(5, e.action);
  st.Bind(6, e.target);
  st.Bind(7, e.detail);
  st.Bind(8, e.remote);
  if (st.Step() != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  std::int64_t id = st.Int(0);
  st.Step();
  return R::Ok(id);
}

Result<AuditPage> SqliteConsoleRepository::QueryAudit(const AuditQuery& q) {
  using R = Result<AuditPage>;
  std::lock_guard lock(mutex_);
  // Fixed SQL with "unset" sentinels, so one cached statement serves every combination of filters.
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT id, at, staff_id, actor, party, action, target, detail, remote FROM audit_log "
      "WHERE (?1 IS NULL OR actor LIKE ?1 ESCAPE '\\' OR action LIKE ?1 ESCAPE '\\' "
      "       OR target LIKE ?1 ESCAPE '\\' OR detail LIKE ?1 ESCAPE '\\') "
      "AND (?2 IS NULL OR action = ?2) AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at <= ?4) "
      "AND (?7 IS NULL OR party = ?7) "
      "ORDER BY id DESC LIMIT ?5 OFFSET ?6");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.BindOpt(1, q.text && !q.text->empty() ? std::optional<std::string>(LikePattern(*q.text)) : std::nullopt);
  st.BindOpt(2, q.action && !q.action->empty() ? q.action : std::nullopt);
  st.BindOpt(3, q.from);
  st.BindOpt(4, q.to);
  int limit = std::clamp(q.limit, 1, 1000);
  st.Bind(5, std::int64_t{limit + 1});
  st.Bind(6, std::int64_t{std::max(0, q.offset)});
  st.BindOpt(
      7, q.party ? std::optional<std::string>(std::string(protocol::PublisherCode(*q.party))) : std::nullopt);
  AuditPage page;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    AuditEntry e;
    e.id = st.Int(0);
    e.at = st.Int(1);
    e.staff_id = st.OptInt(2);
    e.actor = st.Text(3);
    if (auto p = st.OptText(4)) e.party = protocol::ParsePublisher(*p);
    e.action = st.Text(5);
    e.target = st.Text(6);
    e.detail = st.Text(7);
    e.remote = st.Text(8);
    page.entries.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  if (page.entries.size() > static_cast<std::size_t>(limit)) {
    page.entries.pop_back();
    page.has_more = true;
  }
  return R::Ok(std::move(page));
}

// ---- Console reads ----

Result<std::vector<std::int64_t>> SqliteConsoleRepository::ActiveKioskCursorsLocked() {
  using R = Result<std::vector<std::int64_t>>;
  sqlite3_stmt* raw = db_->Prepare("SELECT sync_cursor FROM kiosks WHERE revoked_at IS NULL");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<std::int64_t> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(CursorSeq(st.OptText(0)));
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

Result<NoticeListPage> SqliteConsoleRepository::QueryNotices(const NoticeListQuery& q) {
  using R = Result<NoticeListPage>;
  std::lock_guard lock(mutex_);
  // The state is a function of the times and `now`: ?2 selects one of the four (NULL: any).
  constexpr const char* kWhere =
      "WHERE (?2 IS NULL"
      "  OR (?2 = 'withdrawn' AND withdrawn_at IS NOT NULL)"
      "  OR (?2 = 'scheduled' AND withdrawn_at IS NULL AND published_at > ?1)"
      "  OR (?2 = 'expired' AND withdrawn_at IS NULL AND published_at <= ?1 AND expires_at IS NOT NULL"
      "      AND expires_at <= ?1)"
      "  OR (?2 = 'live' AND withdrawn_at IS NULL AND published_at <= ?1"
      "      AND (expires_at IS NULL OR expires_at > ?1)))"
      " AND (?3 IS NULL OR publisher = ?3) AND (?4 IS NULL OR category = ?4)"
      " AND (?5 IS NULL OR title LIKE ?5 ESCAPE '\\' OR body LIKE ?5 ESCAPE '\\') ";
  auto bind = [&](Statement& st) {
    st.Bind(1, q.now);
    st.BindOpt(2,
               q.state ? std::optional<std::string>(std::string(NoticeStateCode(*q.state))) : std::nullopt);
    st.BindOpt(3, q.publisher ? std::optional<std::string>(std::string(protocol::PublisherCode(*q.publisher)))
                              : std::nullopt);
    st.BindOpt(4, q.category && !q.category->empty() ? q.category : std::nullopt);
    st.BindOpt(5,
               q.text && !q.text->empty() ? std::optional<std::string>(LikePattern(*q.text)) : std::nullopt);
  };
  NoticeListPage page;
  {
    sqlite3_stmt* raw = db_->Prepare(std::string("SELECT COUNT(*) FROM notices ") + kWhere);
    if (!raw) return R::Fail(db_->ErrorMessage());
    Statement st(raw);
    bind(st);
    if (st.Step() != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    page.total = st.Int(0);
  }
  auto cursors = ActiveKioskCursorsLocked();
  if (!cursors) return R::Fail(cursors.error());
  page.active_kiosks = static_cast<int>(cursors->size());
  sqlite3_stmt* raw = db_->Prepare(std::string("SELECT ") + kNoticeColumns + " FROM notices " + kWhere +
                                   "ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  bind(st);
  st.Bind(6, std::int64_t{std::clamp(q.limit, 1, 500)});
  st.Bind(7, std::int64_t{std::max(0, q.offset)});
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    NoticeListRow row;
    row.record = ReadNoticeRow(st);
    row.delivered = static_cast<int>(
        std::count_if(cursors->begin(), cursors->end(), [&](std::int64_t c) { return c >= row.record.seq; }));
    page.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(page));
}

Result<std::pair<int, int>> SqliteConsoleRepository::NoticeDelivery(std::int64_t seq) {
  using R = Result<std::pair<int, int>>;
  std::lock_guard lock(mutex_);
  auto cursors = ActiveKioskCursorsLocked();
  if (!cursors) return R::Fail(cursors.error());
  int delivered = static_cast<int>(
      std::count_if(cursors->begin(), cursors->end(), [&](std::int64_t c) { return c >= seq; }));
  return R::Ok({delivered, static_cast<int>(cursors->size())});
}

Result<std::vector<ConsoleKiosk>> SqliteConsoleRepository::ListConsoleKiosks() {
  using R = Result<std::vector<ConsoleKiosk>>;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* raw =
      db_->Prepare("SELECT " KIOSK_COLUMNS ", revoked_at FROM kiosks ORDER BY name, device_id");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  std::vector<ConsoleKiosk> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    ConsoleKiosk c;
    c.kiosk = sqlite::ReadKioskRow(st);
    c.revoked_at = st.OptInt(sqlite::kKioskColumnCount);
    out.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  return R::Ok(std::move(out));
}

}  // namespace ck::hub

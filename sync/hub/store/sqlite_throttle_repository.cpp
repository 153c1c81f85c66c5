// SqliteThrottleRepository: each spend is one UPSERT … RETURNING in a write transaction, so processes on
// one file take turns and none reads a budget another is about to spend.
#include "sync/hub/store/sqlite_throttle_repository.h"

#include <algorithm>

#include "sync/hub/store/sqlite_migrations.h"

namespace ck::hub {

namespace {

using sqlite::Statement;

// At most this many stale rows are deleted per write: the sweep's cost stays flat under any load.
constexpr std::int64_t kSweepRows = 64;

// Runs a sweep statement: ?1 the time at or before which a row is stale, ?2 kSweepRows.
Status Sweep(sqlite::Connection& db, const char* sql, std::int64_t before) {
  sqlite3_stmt* raw = db.Prepare(sql);
  if (!raw) return Status::Fail(db.ErrorMessage());
  Statement st(raw);
  st.Bind(1, before);
  st.Bind(2, kSweepRows);
  if (st.Step() != SQLITE_DONE) return Status::Fail(db.ErrorMessage());
  return OkStatus();
}

}  // namespace

Result<std::unique_ptr<SqliteThrottleRepository>> SqliteThrottleRepository::Open(const std::string& path,
                                                                                 sqlite::HubFileMode mode) {
  using R = Result<std::unique_ptr<SqliteThrottleRepository>>;
  auto conn = sqlite::OpenHubFile(path, mode);
  if (!conn) return R::Fail(conn.error());
  if (auto s = sqlite::Migrate(**conn); !s) return R::Fail(path + ": " + s.error());
  // A budget need not survive a power cut (it refills anyway): skip the fsync of every spend. This
  // connection's commits only; WAL keeps the file consistent.
  if (auto s = (*conn)->Exec("PRAGMA synchronous=NORMAL"); !s) return R::Fail(path + ": " + s.error());
  return R::Ok(
      std::unique_ptr<SqliteThrottleRepository>(new SqliteThrottleRepository(std::move(conn).value())));
}

Result<double> SqliteThrottleRepository::BucketTokens(std::string_view key, const BucketRule& rule,
                                                      std::int64_t now_ms) {
  using R = Result<double>;
  std::lock_guard lock(mutex_);
  // The same formula as RefilledTokens (memory_throttle_repository.h).
  sqlite3_stmt* raw = db_->Prepare(
      "SELECT min(?2, tokens + max(0, ?3 - updated_ms) * 1.0 / ?4) FROM throttle_buckets WHERE key = ?1");
  if (!raw) return R::Fail(db_->ErrorMessage());
  Statement st(raw);
  st.Bind(1, key);
  st.Bind(2, std::int64_t{rule.burst});
  st.Bind(3, now_ms);
  st.Bind(4, std::max<std::int64_t>(1, rule.refill_ms));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Ok(rule.burst);
  if (rc != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
  return R::Ok(st.Real(0));
}

Result<double> SqliteThrottleRepository::TakeToken(std::string_view key, const BucketRule& rule,
                                                   std::int64_t now_ms) {
  using R = Result<double>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  const std::int64_t refill_ms = std::max<std::int64_t>(1, rule.refill_ms);
  // Buckets untouched for a whole burst's refill are full again: forgetting them changes nothing.
  if (auto s = Sweep(*db_,
                     "DELETE FROM throttle_buckets WHERE key IN "
                     "(SELECT key FROM throttle_buckets WHERE updated_ms <= ?1 ORDER BY updated_ms LIMIT ?2)",
                     now_ms - refill_ms * rule.burst);
      !s)
    return R::Fail(s.error());
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO throttle_buckets (key, tokens, updated_ms) VALUES (?1, max(0.0, ?2 - 1.0), ?3) "
      "ON CONFLICT (key) DO UPDATE SET "
      "tokens = max(0.0, min(?2, tokens + max(0, ?3 - updated_ms) * 1.0 / ?4) - 1.0), "
      "updated_ms = max(updated_ms, ?3) RETURNING tokens");
  if (!raw) return R::Fail(db_->ErrorMessage());
  double left = 0;
  {
    Statement st(raw);
    st.Bind(1, key);
    st.Bind(2, std::int64_t{rule.burst});
    st.Bind(3, now_ms);
    st.Bind(4, refill_ms);
    if (st.Step() != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    left = st.Real(0);
    if (st.Step() != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(left);
}

Result<bool> SqliteThrottleRepository::CountAttempt(std::string_view key, protocol::UnixSeconds now,
                                                    protocol::UnixSeconds window_seconds, int max) {
  using R = Result<bool>;
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(*db_, true);
  if (!tx.begun()) return R::Fail(db_->ErrorMessage());
  if (auto s =
          Sweep(*db_,
                "DELETE FROM throttle_windows WHERE key IN "
                "(SELECT key FROM throttle_windows WHERE window_start <= ?1 ORDER BY window_start LIMIT ?2)",
                now - window_seconds);
      !s)
    return R::Fail(s.error());
  // Attempts past `max` are counted up to max + 1 only: enough to say "refused", and never overflows.
  sqlite3_stmt* raw = db_->Prepare(
      "INSERT INTO throttle_windows (key, window_start, attempts) VALUES (?1, ?2, 1) "
      "ON CONFLICT (key) DO UPDATE SET "
      "window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END, "
      "attempts = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE min(attempts + 1, ?4 + 1) END "
      "RETURNING attempts");
  if (!raw) return R::Fail(db_->ErrorMessage());
  bool allowed = false;
  {
    Statement st(raw);
    st.Bind(1, key);
    st.Bind(2, now);
    st.Bind(3, window_seconds);
    st.Bind(4, std::int64_t{max});
    if (st.Step() != SQLITE_ROW) return R::Fail(db_->ErrorMessage());
    allowed = st.Int(0) <= max;
    if (st.Step() != SQLITE_DONE) return R::Fail(db_->ErrorMessage());
  }
  if (auto s = tx.Commit(); !s) return R::Fail(s.error());
  return R::Ok(allowed);
}

}  // namespace ck::hub

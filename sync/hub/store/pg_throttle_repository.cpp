// PgThrottleRepository: the same formulas as SqliteThrottleRepository, one statement per spend.
#include "sync/hub/store/pg_throttle_repository.h"

#include <algorithm>

#include "sync/hub/store/pg_migrations.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;

// At most this many stale rows are deleted per write (rows another process holds are skipped), so the
// sweep's cost stays flat under any load.
constexpr std::int64_t kSweepRows = 64;

}  // namespace

Result<std::unique_ptr<PgThrottleRepository>> PgThrottleRepository::Open(const std::string& conninfo,
                                                                         int connections) {
  using R = Result<std::unique_ptr<PgThrottleRepository>>;
  auto conn = pg::Connection::Open(conninfo);
  if (!conn) return R::Fail(conn.error());
  if (auto s = pg::Migrate(**conn); !s) return R::Fail("PostgreSQL: " + s.error());
  auto pool = std::make_unique<pg::Pool>(conninfo, std::move(conn).value(), connections);
  return R::Ok(std::unique_ptr<PgThrottleRepository>(new PgThrottleRepository(std::move(pool))));
}

Result<double> PgThrottleRepository::BucketTokens(std::string_view key, const BucketRule& rule,
                                                  std::int64_t now_ms) {
  using R = Result<double>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows r = db->Exec(
      "SELECT least($2::float8, tokens + greatest(0, $3::bigint - updated_ms)::float8 / $4::bigint)::text "
      "FROM throttle_buckets WHERE key = $1",
      Params().Add(key).Add(rule.burst).Add(now_ms).Add(std::max<std::int64_t>(1, rule.refill_ms)));
  if (!r.ok()) return R::Fail(r.error());
  if (r.size() == 0) return R::Ok(rule.burst);
  return R::Ok(std::stod(r.Text(0, 0)));
}

Result<double> PgThrottleRepository::TakeToken(std::string_view key, const BucketRule& rule,
                                               std::int64_t now_ms) {
  using R = Result<double>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  const std::int64_t refill_ms = std::max<std::int64_t>(1, rule.refill_ms);
  // Buckets untouched for a whole burst's refill are full again: forgetting them changes nothing.
  Rows swept = db->Exec(
      "DELETE FROM throttle_buckets WHERE key IN (SELECT key FROM throttle_buckets WHERE updated_ms <= $1 "
      "ORDER BY updated_ms LIMIT $2 FOR UPDATE SKIP LOCKED)",
      Params().Add(now_ms - refill_ms * rule.burst).Add(kSweepRows));
  if (!swept.ok()) return R::Fail(swept.error());
  Rows r = db->Exec(
      "INSERT INTO throttle_buckets AS b (key, tokens, updated_ms) VALUES ($1, greatest(0, $2::float8 - 1), $3) "
      "ON CONFLICT (key) DO UPDATE SET "
      "tokens = greatest(0, least($2::float8, b.tokens + greatest(0, $3::bigint - b.updated_ms)::float8 / "
      "$4::bigint) - 1), updated_ms = greatest(b.updated_ms, $3::bigint) RETURNING tokens::text",
      Params().Add(key).Add(rule.burst).Add(now_ms).Add(refill_ms));
  if (!r.ok() || r.size() != 1) return R::Fail(r.error());
  return R::Ok(std::stod(r.Text(0, 0)));
}

Result<bool> PgThrottleRepository::CountAttempt(std::string_view key, protocol::UnixSeconds now,
                                                protocol::UnixSeconds window_seconds, int max) {
  using R = Result<bool>;
  auto db = pool_->Acquire();
  if (!db) return R::Fail(db.error());
  Rows swept = db->Exec(
      "DELETE FROM throttle_windows WHERE key IN (SELECT key FROM throttle_windows WHERE window_start <= $1 "
      "ORDER BY window_start LIMIT $2 FOR UPDATE SKIP LOCKED)",
      Params().Add(now - window_seconds).Add(kSweepRows));
  if (!swept.ok()) return R::Fail(swept.error());
  // Attempts past `max` are counted up to max + 1 only: enough to say "refused", and never overflows.
  Rows r = db->Exec(
      "INSERT INTO throttle_windows AS w (key, window_start, attempts) VALUES ($1, $2, 1) "
      "ON CONFLICT (key) DO UPDATE SET "
      "window_start = CASE WHEN $2::bigint - w.window_start >= $3::bigint THEN $2::bigint ELSE w.window_start END, "
      "attempts = CASE WHEN $2::bigint - w.window_start >= $3::bigint THEN 1 "
      "ELSE least(w.attempts + 1, $4::int + 1) END RETURNING attempts",
      Params().Add(key).Add(now).Add(window_seconds).Add(max));
  if (!r.ok() || r.size() != 1) return R::Fail(r.error());
  return R::Ok(r.Int(0, 0) <= max);
}

}  // namespace ck::hub

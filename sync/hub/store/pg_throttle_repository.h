// PgThrottleRepository: ThrottleRepository in the hub's PostgreSQL database (migration 2), so every hub
// process of a district spends from one budget. Each spend is one INSERT … ON CONFLICT DO UPDATE … RETURNING:
// the row lock makes two processes take turns on a key, and neither reads a budget the other is spending.
#pragma once

#include <memory>
#include <string>

#include "sync/hub/store/pg_pool.h"
#include "sync/hub/store/throttle_repository.h"

namespace ck::hub {

class PgThrottleRepository final : public ThrottleRepository {
 public:
  // Connects and migrates, as PgHubRepository::Open does.
  static Result<std::unique_ptr<PgThrottleRepository>> Open(const std::string& conninfo, int connections = 2);

  Result<double> BucketTokens(std::string_view key, const BucketRule& rule, std::int64_t now_ms) override;
  Result<double> TakeToken(std::string_view key, const BucketRule& rule, std::int64_t now_ms) override;
  Result<bool> CountAttempt(std::string_view key, protocol::UnixSeconds now,
                            protocol::UnixSeconds window_seconds, int max) override;

 private:
  explicit PgThrottleRepository(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}
  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace ck::hub

// SqliteThrottleRepository: ThrottleRepository in the hub's SQLite file (migration 13), on its own
// connection, so every hub process on the file spends from one budget. Each call is one write transaction.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "sync/hub/store/sqlite_connection.h"
#include "sync/hub/store/sqlite_hub_file.h"
#include "sync/hub/store/throttle_repository.h"

namespace ck::hub {

class SqliteThrottleRepository final : public ThrottleRepository {
 public:
  // Opens the hub database at `path` and migrates it to the current schema (kExisting from the command line).
  static Result<std::unique_ptr<SqliteThrottleRepository>> Open(
      const std::string& path, sqlite::HubFileMode mode = sqlite::HubFileMode::kCreateIfMissing);

  Result<double> BucketTokens(std::string_view key, const BucketRule& rule, std::int64_t now_ms) override;
  Result<double> TakeToken(std::string_view key, const BucketRule& rule, std::int64_t now_ms) override;
  Result<bool> CountAttempt(std::string_view key, protocol::UnixSeconds now,
                            protocol::UnixSeconds window_seconds, int max) override;

 private:
  explicit SqliteThrottleRepository(std::unique_ptr<sqlite::Connection> db) : db_(std::move(db)) {}

  std::mutex mutex_;  // one connection, many server threads
  std::unique_ptr<sqlite::Connection> db_;
};

}  // namespace ck::hub

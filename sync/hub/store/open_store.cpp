// Opening the store a --db names (open_store.h).
#include "sync/hub/store/open_store.h"

#include <regex>

#include "sync/hub/store/pg_activity_repository.h"
#include "sync/hub/store/pg_connection.h"
#include "sync/hub/store/pg_console_repository.h"
#include "sync/hub/store/pg_hub_repository.h"
#include "sync/hub/store/pg_throttle_repository.h"
#include "sync/hub/store/sqlite_activity_repository.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/hub/store/sqlite_throttle_repository.h"

namespace ck::hub {

namespace {

sqlite::HubFileMode FileMode(StoreOpen mode) {
  return mode == StoreOpen::kCreate ? sqlite::HubFileMode::kCreateIfMissing : sqlite::HubFileMode::kExisting;
}

// Like a SQLite file that is not a hub's, a PostgreSQL database without the hub's schema is refused by
// every command but init: a mistyped database name must not quietly become a second, empty hub.
Status CheckPostgresIsHub(const std::string& db) {
  auto conn = pg::Connection::Open(db);
  if (!conn) return Status::Fail(RedactedDb(db) + ": " + conn.error());
  pg::Rows r = (*conn)->Exec("SELECT to_regclass('ck_schema_version') IS NOT NULL");
  if (!r.ok() || r.size() != 1) return Status::Fail(RedactedDb(db) + ": " + r.error());
  if (!r.Bool(0, 0))
    return Status::Fail(RedactedDb(db) + " holds no hub yet (only `community-hub init --db " + RedactedDb(db) +
                        "` creates one)");
  return OkStatus();
}

// Opens one repository of either kind: Sqlite::Open(path, mode) or Pg::Open(conninfo).
template <typename Interface, typename Sqlite, typename Pg>
Result<std::unique_ptr<Interface>> Open(const std::string& db, StoreOpen mode) {
  using R = Result<std::unique_ptr<Interface>>;
  if (IsPostgresDb(db)) {
    if (mode == StoreOpen::kExisting)
      if (auto s = CheckPostgresIsHub(db); !s) return R::Fail(s.error());
    auto r = Pg::Open(db);
    if (!r) return R::Fail(RedactedDb(db) + ": " + r.error());
    return R::Ok(std::move(r).value());
  }
  auto r = Sqlite::Open(db, FileMode(mode));
  if (!r) return R::Fail(r.error());
  return R::Ok(std::move(r).value());
}

}  // namespace

bool IsPostgresDb(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string RedactedDb(std::string_view db) {
  if (!IsPostgresDb(db)) return std::string(db);
  // scheme://user:password@host… → scheme://user:***@host…
  static const std::regex password(R"(^(postgres(?:ql)?://[^:/@]*:)[^@]*@)");
  return std::regex_replace(std::string(db), password, "$1***@");
}

Result<std::unique_ptr<HubRepository>> OpenHubStore(const std::string& db, StoreOpen mode) {
  return Open<HubRepository, SqliteHubRepository, PgHubRepository>(db, mode);
}
Result<std::unique_ptr<ConsoleRepository>> OpenConsoleStore(const std::string& db, StoreOpen mode) {
  return Open<ConsoleRepository, SqliteConsoleRepository, PgConsoleRepository>(db, mode);
}
Result<std::unique_ptr<ActivityRepository>> OpenActivityStore(const std::string& db, StoreOpen mode) {
  return Open<ActivityRepository, SqliteActivityRepository, PgActivityRepository>(db, mode);
}
Result<std::unique_ptr<ThrottleRepository>> OpenThrottleStore(const std::string& db, StoreOpen mode) {
  return Open<ThrottleRepository, SqliteThrottleRepository, PgThrottleRepository>(db, mode);
}

}  // namespace ck::hub

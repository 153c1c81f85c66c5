// Which store a `--db` names, and opening each repository on it: a PostgreSQL connection URI
// (postgresql://… or postgres://…) for a district's hub, anything else a SQLite file. The one place above
// the repositories that knows there are two backends; every command goes through it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/throttle_repository.h"
#include "sync/protocol/result.h"

namespace ck::hub {

enum class StoreOpen {
  kExisting,  // the store must already be a hub's (every command but init)
  kCreate,    // init: a new SQLite file, or an empty PostgreSQL database given the hub's schema
};

bool IsPostgresDb(std::string_view db);
// The --db as it may be shown or logged: a PostgreSQL URI without its password.
std::string RedactedDb(std::string_view db);

Result<std::unique_ptr<HubRepository>> OpenHubStore(const std::string& db, StoreOpen mode);
Result<std::unique_ptr<ConsoleRepository>> OpenConsoleStore(const std::string& db, StoreOpen mode);
Result<std::unique_ptr<ActivityRepository>> OpenActivityStore(const std::string& db, StoreOpen mode);
Result<std::unique_ptr<ThrottleRepository>> OpenThrottleStore(const std::string& db, StoreOpen mode);

}  // namespace ck::hub

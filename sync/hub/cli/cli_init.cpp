// `community-hub init`: the one command that creates a hub database (cli_support.h). Every other command
// refuses a missing file, so a mistyped --db can never start an empty hub beside the real one.
#include <filesystem>
#include <ostream>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/store/open_store.h"

namespace ck::hub::cli {

void AddInitCommand(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* init = app.add_subcommand(
      "init", "Create the hub's database (mode 0600); on an existing hub database, only bring its schema up to date");
  init->add_option("--db", db,
                   "The new database file, e.g. /var/lib/community-hub/hub.db, or an empty PostgreSQL database, "
                   "e.g. postgresql:///community_hub?host=/var/run/postgresql")
      ->required();
  actions.push_back({init, [&db](std::ostream& out) {
                       std::error_code ec;
                       // On PostgreSQL: an existing hub schema is brought up to date the same way.
                       const bool existed = IsPostgresDb(db) ? OpenHubStore(db, StoreOpen::kExisting).ok()
                                                             : std::filesystem::exists(db, ec);
                       auto repo = OpenHubStore(db, StoreOpen::kCreate);
                       if (!repo) throw InvalidInput{repo.error()};
                       out << (existed ? "already a hub database, schema up to date: " : "created hub database: ")
                           << RedactedDb(db) << "\n";
                       return 0;
                     }});
}

}  // namespace ck::hub::cli

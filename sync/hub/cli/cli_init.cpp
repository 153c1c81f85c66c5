// `community-hub init`: the one command that creates a hub database (cli_support.h). Every other command
// refuses a missing file, so a mistyped --db can never start an empty hub beside the real one.
#include <filesystem>
#include <ostream>

#include "sync/hub/cli/cli_support.h"

namespace ck::hub::cli {

void AddInitCommand(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* init = app.add_subcommand(
      "init", "Create the hub's database (mode 0600); on an existing hub database, only bring its schema up to date");
  init->add_option("--db", db, "The new database file, e.g. /var/lib/community-hub/hub.db")->required();
  actions.push_back({init, [&db](std::ostream& out) {
                       std::error_code ec;
                       const bool existed = std::filesystem::exists(db, ec);
                       auto repo = SqliteHubRepository::Open(db, sqlite::HubFileMode::kCreateIfMissing);
                       if (!repo) throw InvalidInput{repo.error()};
                       out << (existed ? "already a hub database, schema up to date: " : "created hub database: ")
                           << db << "\n";
                       return 0;
                     }});
}

}  // namespace ck::hub::cli

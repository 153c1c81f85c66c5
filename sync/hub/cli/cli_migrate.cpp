// `community-hub migrate --from FILE --to postgresql://…`: moves a community's hub from its SQLite file to
// PostgreSQL (store/sqlite_to_pg.h), for a district's shape. Stop the hub first; the file is left as it was.
#include <ostream>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/store/open_store.h"
#include "sync/hub/store/sqlite_to_pg.h"

namespace ck::hub::cli {

void AddMigrateCommand(CLI::App& app, std::vector<Action>& actions) {
  CLI::App* migrate = app.add_subcommand(
      "migrate", "Copy a hub's SQLite file into an empty PostgreSQL database, checking every table's count");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  migrate->add_option("--from", *from, "The hub's SQLite file, e.g. /var/lib/community-hub/hub.db")->required();
  migrate->add_option("--to", *to, "An empty PostgreSQL database, e.g. postgresql:///community_hub")->required();
  actions.push_back({migrate, [from, to](std::ostream& out) {
                       if (!IsPostgresDb(*to))
                         throw InvalidInput{"--to: a PostgreSQL database as postgresql://… (the file stays the "
                                            "SQLite hub; use `backup` for a copy of it)"};
                       if (IsPostgresDb(*from)) throw InvalidInput{"--from: the hub's SQLite file"};
                       auto copied = CopySqliteHubToPostgres(*from, *to);
                       if (!copied) throw std::runtime_error(copied.error());
                       std::int64_t rows = 0;
                       for (const auto& t : *copied) {
                         out << t.table << ": " << t.rows << "\n";
                         rows += t.rows;
                       }
                       out << "migrated " << rows << " rows in " << copied->size() << " tables to "
                           << RedactedDb(*to) << "; serve with --db " << RedactedDb(*to) << "\n";
                       return 0;
                     }});
}

}  // namespace ck::hub::cli

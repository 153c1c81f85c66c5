// `community-hub backup` (an online backup, kept N days) and `community-hub restore` (cli_support.h).
#include <ostream>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/store/open_store.h"
#include "sync/hub/store/sqlite_backup.h"

namespace ck::hub::cli {

namespace {

// A PostgreSQL hub is backed up by PostgreSQL's own tools, which know its server (README: "A district's hub").
void RefusePostgres(const std::string& db) {
  if (IsPostgresDb(db))
    throw InvalidInput{"backup and restore are for a hub on a SQLite file; back up a PostgreSQL hub with "
                       "pg_dump and restore it with pg_restore (README, \"A district's hub\")"};
}

}  // namespace

void AddBackupCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy the database (the hub may keep serving) to DIR/hub-<UTC time>.db; drop old copies");
  backup->add_option("--db", db, "The hub's SQLite database (must exist)")->required();
  auto dir = std::make_shared<std::string>();
  auto keep_days = std::make_shared<int>(14);
  backup->add_option("--dir", *dir, "Folder for the backups, e.g. /var/lib/community-hub/backups")->required();
  backup->add_option("--keep-days", *keep_days, "Delete backups older than this many days")
      ->capture_default_str()
      ->check(CLI::Range(1, 3650));
  actions.push_back({backup, [&db, dir, keep_days](std::ostream& out) {
                       RefusePostgres(db);
                       auto made = sqlite::BackupDatabase(db, *dir, *keep_days, protocol::NowUtc());
                       if (!made) throw std::runtime_error(made.error());
                       out << "backup: " << made->file.string() << " (" << made->bytes
                           << " bytes, integrity ok); removed " << made->removed << " older than " << *keep_days
                           << " days\n";
                       return 0;
                     }});

  CLI::App* restore = app.add_subcommand(
      "restore", "Put a backup back as the database (stop the hub first: systemctl stop community-hub)");
  restore->add_option("--db", db, "The hub's SQLite database to overwrite")->required();
  auto from = std::make_shared<std::string>();
  restore->add_option("--from", *from, "A file `community-hub backup` made")->required();
  actions.push_back({restore, [&db, from](std::ostream& out) {
                       RefusePostgres(db);
                       if (auto done = sqlite::RestoreDatabase(*from, db); !done)
                         throw std::runtime_error(done.error());
                       out << "restore: " << db << " now holds " << *from << " (integrity ok)\n";
                       return 0;
                     }});
}

}  // namespace ck::hub::cli

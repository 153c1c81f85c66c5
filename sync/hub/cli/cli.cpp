// community-hub's command line (CLI11): RunCli only wires the command files together (one function per
// subcommand, cli_support.h) and maps what they throw to exit codes. Each command opens the database, does one
// thing, and prints a stable, parseable answer; `serve` runs the HTTP server until SIGINT/SIGTERM.
#include "sync/hub/cli/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "sync/hub/cli/cli_support.h"

namespace ck::hub {

using cli::InvalidInput;

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"community-hub: the reference central platform for Community Kiosk"};
  app.require_subcommand(1);
  std::string db;
  // Registration order is the order --help lists the commands in.
  std::vector<cli::Action> actions;
  cli::AddInitCommand(app, db, actions);
  cli::AddServeCommand(app, db, actions, err);
  cli::AddKioskCommands(app, db, actions);
  cli::AddNoticeCommands(app, db, actions);
  cli::AddEventCommands(app, db, actions);
  cli::AddFeedbackCommands(app, db, actions);
  cli::AddWorkOrderCommands(app, db, actions);
  cli::AddRequestActionCommands(app, db, actions);
  cli::AddStaffCommands(app, db, actions);
  cli::AddBackupCommands(app, db, actions);
  cli::AddMigrateCommand(app, actions);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "community-hub: " << e.what() << "\n(run with --help for usage)\n";
    return kExitInvalidInput;
  } catch (const InvalidInput& e) {  // a value that parses but cannot be right (a mistyped ticket code)
    err << "community-hub: " << e.message << "\n";
    return kExitInvalidInput;
  }

  try {
    cli::CheckClockOffsetEnvironment();
    for (const cli::Action& action : actions)
      if (action.command->parsed()) return action.run(out);
    err << "community-hub: nothing to do (run with --help)\n";
    return kExitInvalidInput;
  } catch (const InvalidInput& e) {
    err << "community-hub: " << e.message << "\n";
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    err << "community-hub: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace ck::hub

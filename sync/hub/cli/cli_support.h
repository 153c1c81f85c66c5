// Pieces shared by the community-hub command files: input errors (exit 2), opening the database, and
// small formatting helpers for table output.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub::cli {

// An input problem found after parsing (bad value, unknown id): reported and mapped to exit code 2.
struct InvalidInput {
  std::string message;
};

// A subcommand and what running it does; RunCli runs the one that was parsed and maps exceptions.
struct Action {
  CLI::App* command = nullptr;
  std::function<int(std::ostream& out)> run;
};

// Opens an existing hub store (a SQLite file, or a postgresql:// URI: store/open_store.h); a missing or
// foreign file, or a database without the hub's schema, is refused with the fix (only init creates).
std::unique_ptr<HubRepository> OpenRepo(const std::string& db);
protocol::UnixSeconds ParseTimeOrThrow(const std::string& text, const char* flag);
std::string FormatOptTime(const std::optional<protocol::UnixSeconds>& t);

// How every help text shows a ticket code: the current 13-symbol format.
inline constexpr const char* kTicketCodeExample = "3K7M-XQ9R-4TWBR";

// CK_HUB_CLOCK_OFFSET_SECONDS, when set, must be a whole number of seconds like the flag: anything else is
// InvalidInput rather than silently ignored. Returns the offset (0 when unset).
protocol::UnixSeconds CheckClockOffsetEnvironment();

// --db, required by every command that opens the hub's database (a file, or postgresql://…).
void AddDbOption(CLI::App* cmd, std::string& db);

// Ticket-shaped (13 letters and digits, dashes aside) but failing its check character: a typo, not an
// unknown ticket, so the answer can say so.
bool LooksLikeMistypedTicketCode(std::string_view text);

// --id / --ticket on a command that acts on one request (exactly one of them is required).
void AddRequestTarget(CLI::App* cmd, std::string& id, std::string& ticket);

// A refused write becomes InvalidInput (exit 2), a storage failure an exception (exit 1).
template <typename T>
T Check(WriteResult<T> r) {
  if (r.ok()) return std::move(*r.value);
  if (r.error == WriteError::Storage) throw std::runtime_error(r.message);
  throw InvalidInput{r.message};
}

// `init`: creates the hub database, the one command that may (cli_init.cpp).
void AddInitCommand(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `serve` (cli_serve.cpp); errors that stop the server before it listens go to err.
void AddServeCommand(CLI::App& app, std::string& db, std::vector<Action>& actions, std::ostream& err);
// `kiosk add|list` (cli_kiosk.cpp).
void AddKioskCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `notice publish|update|withdraw|list|import` (cli_notice.cpp).
void AddNoticeCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `event add|update|cancel|move|list|signups|import|export` (cli_event.cpp).
void AddEventCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `service …`, `request …` and `operator …` (cli_feedback.cpp).
void AddFeedbackCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `request dispatch|redispatch|supervise|queue`, `category …`, `template …`, `operator revoke|list`,
// `rates` (cli_work_orders.cpp); call after AddFeedbackCommands (it extends `request` and `operator`).
void AddWorkOrderCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `staff add|disable|enable|unlock|reset-password|list` and `audit` (cli_staff.cpp).
void AddStaffCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// `migrate --from FILE --to postgresql://…` (cli_migrate.cpp).
void AddMigrateCommand(CLI::App& app, std::vector<Action>& actions);
// `backup` and `restore` (cli_backup.cpp).
void AddBackupCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// --as: the party a request command acts for (request_editor.h); default the street office.
void AddActingParty(CLI::App* cmd, std::string& as);
protocol::Agency ActingParty(const std::string& as);  // throws InvalidInput for an unknown code
// `request assign|status|reply|close|dispatch|redispatch|supervise|return|extension …`
// (cli_request_actions.cpp); call after AddFeedbackCommands (it extends `request`).
void AddRequestActionCommands(CLI::App& app, std::string& db, std::vector<Action>& actions);
// "cli:<unix user>": who ran the command, for the audit log.
std::string CliActor();
// Appends an audit entry by CliActor() (the hub's own command line) for a change made there (cli_staff.cpp).
void AuditCliChange(const std::string& db, std::string_view action, std::string_view target,
                    std::string_view detail, std::optional<protocol::Publisher> party = std::nullopt);

}  // namespace ck::hub::cli

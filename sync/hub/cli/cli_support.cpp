// Shared command-line helpers: opening the database, times and table formatting.
#include "sync/protocol/utf8.h"
#include "sync/hub/cli/cli_support.h"

#include <pwd.h>
#include <unistd.h>

namespace ck::hub::cli {

std::unique_ptr<SqliteHubRepository> OpenRepo(const std::string& path) {
  auto repo = SqliteHubRepository::Open(path, sqlite::HubFileMode::kExisting);
  if (!repo) throw std::runtime_error(repo.error());
  return std::move(repo).value();
}

protocol::UnixSeconds ParseTimeOrThrow(const std::string& text, const char* flag) {
  auto t = protocol::ParseUtc(text);
  if (!t) throw InvalidInput{std::string(flag) + ": not an RFC 3339 time like 2026-11-26T08:00:00Z"};
  return *t;
}

std::string FormatOptTime(const std::optional<protocol::UnixSeconds>& t) {
  return t ? protocol::FormatUtc(*t) : "-";
}

std::string CliActor() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return std::string("cli:") + pw->pw_name;
  return "cli:uid " + std::to_string(geteuid());
}

void AddDbOption(CLI::App* cmd, std::string& db) {
  cmd->add_option("--db", db, "The hub's SQLite database (made once by `community-hub init --db FILE`)")->required();
}

void AddRequestTarget(CLI::App* cmd, std::string& id, std::string& ticket) {
  auto* by_id = cmd->add_option("--id", id, "service_request_id (or a ticket code)");
  auto* by_ticket = cmd->add_option("--ticket", ticket, std::string("Ticket code, e.g. ") + kTicketCodeExample);
  by_id->excludes(by_ticket);
  cmd->callback([by_id, by_ticket] {
    if (!by_id->count() && !by_ticket->count()) throw CLI::RequiredError("--id or --ticket");
  });
}

}  // namespace ck::hub::cli

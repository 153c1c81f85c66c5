// Shared command-line helpers: opening the database, times and table formatting.
#include "sync/protocol/utf8.h"
#include "sync/hub/cli/cli_support.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "sync/hub/api/hub_clock.h"
#include "sync/hub/store/open_store.h"
#include "sync/protocol/ticket_code.h"
#include <pwd.h>
#include <unistd.h>

namespace ck::hub::cli {

std::unique_ptr<HubRepository> OpenRepo(const std::string& db) {
  auto repo = OpenHubStore(db, StoreOpen::kExisting);
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

protocol::UnixSeconds CheckClockOffsetEnvironment() {
  const char* text = std::getenv(kClockOffsetEnv);
  if (!text || !*text) return 0;
  protocol::UnixSeconds v = 0;
  const char* end = text + std::strlen(text);
  auto [stop, ec] = std::from_chars(text, end, v);
  if (ec != std::errc() || stop != end)
    throw InvalidInput{std::string(kClockOffsetEnv) + "=" + text +
                       ": not a whole number of seconds (e.g. 345600 for four days; unset it for the real clock)"};
  return v;
}

void AddActingParty(CLI::App* cmd, std::string& as) {
  cmd->add_option("--as", as,
                  "The party acting: street_office (default; dispatches, re-dispatches, supervises, decides "
                  "extensions), property_company or residents_committee (handle, return, ask for an extension)")
      ->capture_default_str();
}

protocol::Agency ActingParty(const std::string& as) {
  auto a = protocol::ParseAgency(as);
  if (!a) throw InvalidInput{"--as: street_office, property_company or residents_committee"};
  return *a;
}

std::string CliActor() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return std::string("cli:") + pw->pw_name;
  return "cli:uid " + std::to_string(geteuid());
}

void AddDbOption(CLI::App* cmd, std::string& db) {
  cmd->add_option("--db", db,
                  "The hub's SQLite file, or its PostgreSQL database as postgresql://… (made once by "
                  "`community-hub init --db …`)")
      ->required();
}

bool LooksLikeMistypedTicketCode(std::string_view text) {
  std::string symbols;
  for (char c : text)
    if (c != '-' && c != ' ') symbols += c;
  if (symbols.size() != protocol::kTicketSymbols) return false;
  for (char c : symbols)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return !protocol::ParseTicketCode(text);
}

void AddRequestTarget(CLI::App* cmd, std::string& id, std::string& ticket) {
  auto* by_id = cmd->add_option("--id", id, "service_request_id (or a ticket code)");
  auto* by_ticket = cmd->add_option("--ticket", ticket, std::string("Ticket code, e.g. ") + kTicketCodeExample);
  by_id->excludes(by_ticket);
  cmd->callback([by_id, by_ticket, &id, &ticket] {
    if (!by_id->count() && !by_ticket->count()) throw CLI::RequiredError("--id or --ticket");
    const std::string& given = by_ticket->count() ? ticket : id;
    if (LooksLikeMistypedTicketCode(given))
      throw InvalidInput{"no request " + given +
                         ": this code looks mistyped (its last symbol, a check character, does not match the "
                         "rest); read it again from the receipt"};
  });
}

}  // namespace ck::hub::cli

// `community-hub staff add|disable|enable|unlock|reset-password|list` and `community-hub audit`: console
// accounts and the audit log. Every change is audited as `cli:<unix user>`.
// A password is read from the terminal with echo off (asked twice), or as one line from stdin when stdin
// is not a terminal — never from an argument, where `ps` and shell history would show it.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/console/password.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/hub/store/open_store.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::cli {

namespace {

std::unique_ptr<ConsoleRepository> OpenConsoleRepo(const std::string& db) {
  auto r = OpenConsoleStore(db, StoreOpen::kExisting);
  if (!r) throw std::runtime_error(r.error());
  return std::move(r).value();
}

std::string ReadLineNoEcho(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::cerr << "\n";
  }
  return line;
}

std::string ReadPassword() {
  std::string pw;
  if (isatty(STDIN_FILENO)) {
    pw = ReadLineNoEcho("Password: ");
    std::string again = ReadLineNoEcho("Repeat password: ");
    if (pw != again) throw InvalidInput{"the two passwords differ"};
  } else {
    if (!std::getline(std::cin, pw)) throw InvalidInput{"no password on stdin (give one line)"};
    if (!pw.empty() && pw.back() == '\r') pw.pop_back();
  }
  if (pw.size() < console::kMinPasswordBytes)
    throw InvalidInput{"password: at least " + std::to_string(console::kMinPasswordBytes) + " characters"};
  if (pw.size() > console::kMaxPasswordBytes) throw InvalidInput{"password: too long"};
  if (!protocol::IsValidUtf8(pw)) throw InvalidInput{"password: not valid UTF-8"};
  return pw;
}

void AuditCli(ConsoleRepository& repo, std::string_view action, const StaffAccount& target,
              std::string detail) {
  AuditEntry e;
  e.at = protocol::NowUtc();
  e.actor = CliActor();
  e.party = target.party;
  e.action = std::string(action);
  e.target = target.name;
  e.detail = std::move(detail);
  if (auto r = repo.AppendAudit(e); !r) throw std::runtime_error("audit log: " + r.error());
}

bool ValidName(const std::string& n) {
  if (n.empty() || n.size() > 64 || !protocol::IsValidUtf8(n)) return false;
  for (unsigned char c : n)
    if (c < 0x20 || c == 0x7f || c == ' ') return false;
  return true;
}

}  // namespace

void AuditCliChange(const std::string& db, std::string_view action, std::string_view target,
                    std::string_view detail, std::optional<protocol::Publisher> party) {
  auto repo = OpenConsoleRepo(db);
  AuditEntry e;
  e.at = protocol::NowUtc();
  e.actor = CliActor();
  e.party = party;
  e.action = std::string(action);
  e.target = std::string(target);
  e.detail = std::string(detail);
  if (auto r = repo->AppendAudit(e); !r) throw std::runtime_error("audit log: " + r.error());
}

void AddStaffCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  auto add_db = [&db](CLI::App* cmd) { AddDbOption(cmd, db); };
  CLI::App* staff = app.add_subcommand("staff", "Staff console accounts");
  staff->require_subcommand(1);

  struct AddOpts {
    std::string name, party, role, display_name;
  };
  auto add_opts = std::make_shared<AddOpts>();
  CLI::App* add =
      staff->add_subcommand("add", "Create an account; the password is read from the terminal or stdin");
  add_db(add);
  add->add_option("--name", add_opts->name, "Sign-in name, e.g. wang.li (no spaces)")->required();
  add->add_option("--party", add_opts->party,
                  "street_office|property_company|residents_committee|owners_committee")
      ->required();
  add->add_option("--role", add_opts->role, "clerk|manager")->required();
  add->add_option("--display-name", add_opts->display_name,
                  "What residents see after the party, e.g. 张经理 (never the sign-in name)");
  actions.push_back({add, [&db, add_opts](std::ostream& out) {
                       if (!ValidName(add_opts->name))
                         throw InvalidInput{"--name: 1-64 characters, no spaces or control characters"};
                       auto party = protocol::ParsePublisher(add_opts->party);
                       if (!party)
                         throw InvalidInput{
                             "--party: must be street_office, property_company, residents_committee or "
                             "owners_committee"};
                       auto role = ParseStaffRole(add_opts->role);
                       if (!role) throw InvalidInput{"--role: must be clerk or manager"};
                       if (!add_opts->display_name.empty())
                         if (auto e = CheckDisplayName(add_opts->display_name))
                           throw InvalidInput{"--display-name: 1-" + std::to_string(kMaxDisplayNameCodepoints) +
                                              " characters, no control characters"};
                       auto repo = OpenConsoleRepo(db);
                       if (auto existing = repo->FindStaffByName(add_opts->name); existing && *existing)
                         throw InvalidInput{"a staff account named " + add_opts->name + " exists"};
                       std::string pw = ReadPassword();
                       StaffAccount a;
                       a.name = add_opts->name;
                       a.party = *party;
                       a.role = *role;
                       a.display_name = add_opts->display_name;
                       a.password_hash = console::HashPassword(pw);
                       if (a.password_hash.empty())
                         throw std::runtime_error("password hashing ran out of memory");
                       a.created_at = protocol::NowUtc();
                       StaffAccount stored = Check(repo->AddStaff(a));
                       AuditCli(*repo, "staff.add", stored,
                                std::string(protocol::PublisherCode(stored.party)) + " " +
                                    std::string(StaffRoleCode(stored.role)));
                       out << "staff added: " << stored.name << " (" << protocol::PublisherCode(stored.party)
                           << ", " << StaffRoleCode(stored.role) << ")\n";
                       return 0;
                     }});

  auto disable_name = std::make_shared<std::string>();
  CLI::App* disable = staff->add_subcommand("disable", "Disable an account and end its sessions");
  add_db(disable);
  disable->add_option("--name", *disable_name, "Sign-in name")->required();
  actions.push_back({disable, [&db, disable_name](std::ostream& out) {
                       auto repo = OpenConsoleRepo(db);
                       StaffAccount a = Check(repo->DisableStaff(*disable_name, protocol::NowUtc()));
                       AuditCli(*repo, "staff.disable", a, "");
                       out << "staff disabled: " << a.name << "\n";
                       return 0;
                     }});

  auto enable_name = std::make_shared<std::string>();
  CLI::App* enable = staff->add_subcommand("enable", "Re-enable a disabled account");
  add_db(enable);
  enable->add_option("--name", *enable_name, "Sign-in name")->required();
  actions.push_back({enable, [&db, enable_name](std::ostream& out) {
                       auto repo = OpenConsoleRepo(db);
                       StaffAccount a = Check(repo->EnableStaff(*enable_name));
                       AuditCli(*repo, "staff.enable", a, "");
                       out << "staff enabled: " << a.name << "\n";
                       return 0;
                     }});

  auto unlock_name = std::make_shared<std::string>();
  CLI::App* unlock = staff->add_subcommand(
      "unlock", "Clear an account's failed sign-ins and locks (account-wide and per address)");
  add_db(unlock);
  unlock->add_option("--name", *unlock_name, "Sign-in name")->required();
  actions.push_back({unlock, [&db, unlock_name](std::ostream& out) {
                       auto repo = OpenConsoleRepo(db);
                       StaffAccount a = Check(repo->UnlockStaff(*unlock_name));
                       AuditCli(*repo, "staff.unlock", a, "");
                       out << "staff unlocked: " << a.name << "\n";
                       return 0;
                     }});

  auto reset_name = std::make_shared<std::string>();
  CLI::App* reset = staff->add_subcommand(
      "reset-password",
      "Set a one-time password (read like `add`'s); it must be changed at the next sign-in. Ends the "
      "account's sessions and clears its locks");
  add_db(reset);
  reset->add_option("--name", *reset_name, "Sign-in name")->required();
  actions.push_back({reset, [&db, reset_name](std::ostream& out) {
                       auto repo = OpenConsoleRepo(db);
                       auto found = repo->FindStaffByName(*reset_name);
                       if (!found) throw std::runtime_error(found.error());
                       if (!*found) throw InvalidInput{"no staff account named " + *reset_name};
                       std::string pw = ReadPassword();
                       std::string hash = console::HashPassword(pw);
                       if (hash.empty()) throw std::runtime_error("password hashing ran out of memory");
                       if (auto s = repo->SetStaffPassword((*found)->id, hash, true, ""); !s)
                         throw std::runtime_error(s.error());
                       StaffAccount a = Check(repo->UnlockStaff((*found)->name));
                       AuditCli(*repo, "staff.reset_password", a, "one-time password set");
                       out << "password reset: " << a.name << " (to be changed at the next sign-in)\n";
                       return 0;
                     }});

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = staff->add_subcommand("list", "List accounts");
  add_db(list);
  list->add_flag("--json", *list_json, "Print JSON");
  actions.push_back(
      {list, [&db, list_json](std::ostream& out) {
         auto repo = OpenConsoleRepo(db);
         auto all = repo->ListStaff();
         if (!all) throw std::runtime_error(all.error());
         protocol::UnixSeconds now = protocol::NowUtc();
         auto state = [now](const StaffAccount& a) {
           return a.disabled() ? "disabled" : a.locked_until > now ? "locked" : "active";
         };
         if (*list_json) {
           nlohmann::json arr = nlohmann::json::array();
           for (const auto& a : *all)
             arr.push_back(
                 {{"name", a.name},
                  {"display_name", a.display_name},
                  {"party", protocol::PublisherCode(a.party)},
                  {"role", StaffRoleCode(a.role)},
                  {"state", state(a)},
                  {"failed_signins", a.failed_signins},
                  {"last_signin_at", a.last_signin_at ? nlohmann::json(protocol::FormatUtc(*a.last_signin_at))
                                                      : nlohmann::json(nullptr)}});
           out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
           return 0;
         }
         out << "NAME\tPARTY\tROLE\tSTATE\tFAILED_SIGNINS\tLAST_SIGNIN\n";
         for (const auto& a : *all)
           out << a.name << "\t" << protocol::PublisherCode(a.party) << "\t" << StaffRoleCode(a.role) << "\t"
               << state(a) << "\t" << a.failed_signins << "\t" << FormatOptTime(a.last_signin_at) << "\n";
         return 0;
       }});

  struct AuditOpts {
    std::string text, action, from, to;
    int limit = 100;
    bool json = false;
  };
  auto ao = std::make_shared<AuditOpts>();
  CLI::App* audit = app.add_subcommand("audit", "Print the audit log, newest first");
  add_db(audit);
  audit->add_option("--text", ao->text, "Only entries containing this text");
  audit->add_option("--action", ao->action, "Only this action, e.g. signin.failed, notice.publish");
  audit->add_option("--from", ao->from, "RFC 3339 time, inclusive");
  audit->add_option("--to", ao->to, "RFC 3339 time, inclusive");
  audit->add_option("--limit", ao->limit, "At most this many (1-1000)")->capture_default_str();
  audit->add_flag("--json", ao->json, "Print JSON");
  actions.push_back({audit, [&db, ao](std::ostream& out) {
                       AuditQuery q;
                       if (!ao->text.empty()) q.text = ao->text;
                       if (!ao->action.empty()) q.action = ao->action;
                       if (!ao->from.empty()) q.from = ParseTimeOrThrow(ao->from, "--from");
                       if (!ao->to.empty()) q.to = ParseTimeOrThrow(ao->to, "--to");
                       if (ao->limit < 1 || ao->limit > 1000) throw InvalidInput{"--limit: 1 to 1000"};
                       q.limit = ao->limit;
                       auto repo = OpenConsoleRepo(db);
                       auto page = repo->QueryAudit(q);
                       if (!page) throw std::runtime_error(page.error());
                       if (ao->json) {
                         nlohmann::json arr = nlohmann::json::array();
                         for (const auto& e : page->entries)
                           arr.push_back(
                               {{"id", e.id},
                                {"at", protocol::FormatUtc(e.at)},
                                {"actor", e.actor},
                                {"party", e.party ? nlohmann::json(protocol::PublisherCode(*e.party))
                                                  : nlohmann::json(nullptr)},
                                {"action", e.action},
                                {"target", e.target},
                                {"detail", e.detail},
                                {"remote", e.remote}});
                         out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
                         return 0;
                       }
                       out << "ID\tAT\tACTOR\tPARTY\tACTION\tTARGET\tDETAIL\tREMOTE\n";
                       for (const auto& e : page->entries)
                         out << e.id << "\t" << protocol::FormatUtc(e.at) << "\t" << e.actor << "\t"
                             << (e.party ? protocol::PublisherCode(*e.party) : "-") << "\t" << e.action
                             << "\t" << protocol::ClipCodepoints(e.target, 60) << "\t" << protocol::ClipCodepoints(e.detail, 80) << "\t"
                             << (e.remote.empty() ? "-" : e.remote) << "\n";
                       return 0;
                     }});
}

}  // namespace ck::hub::cli

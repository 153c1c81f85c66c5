// community-hub's command line (CLI11). Each command opens the database, does one thing, and prints a
// stable, parseable answer; `serve` runs the HTTP server until SIGINT/SIGTERM.
#include "sync/hub/cli/cli.h"

#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/api/operator_json.h"
#include "sync/hub/cli/cli_support.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/rules/kiosk_registration.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/api/http_server.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/utf8.h"

namespace ck::hub {

namespace {

using cli::Check;
using cli::FormatOptTime;
using cli::InvalidInput;
using cli::OpenRepo;
using cli::ParseTimeOrThrow;

// Options shared by `notice publish` and `notice update`; strings are parsed after CLI11 is done so that
// every message is ours and every failure is exit code 2.
struct NoticeOptions {
  std::string title, body, body_file, publisher, category, priority, publish_at, expires_at, audience;
  CLI::Option *title_opt{}, *body_opt{}, *body_file_opt{}, *publisher_opt{}, *category_opt{}, *priority_opt{},
      *publish_at_opt{}, *expires_at_opt{}, *audience_opt{};
  bool pinned = false, no_pinned = false, no_expiry = false;
};

void AddNoticeOptions(CLI::App& cmd, NoticeOptions& o, bool for_update) {
  o.title_opt = cmd.add_option("--title", o.title, "Title, 1-200 characters");
  o.body_opt = cmd.add_option("--body", o.body, "Body text; a blank line starts a new paragraph");
  o.body_file_opt = cmd.add_option("--body-file", o.body_file, "Read the body from this UTF-8 file");
  o.body_opt->excludes(o.body_file_opt);
  o.publisher_opt = cmd.add_option("--publisher", o.publisher,
                                   "street_office|property_company|residents_committee|owners_committee");
  o.category_opt =
      cmd.add_option("--category", o.category, "Category code, e.g. water_power, safety, parking");
  o.priority_opt = cmd.add_option("--priority", o.priority, "normal|important|urgent");
  cmd.add_flag("--pinned", o.pinned, "Pin to the top of the board");
  o.publish_at_opt = cmd.add_option("--publish-at", o.publish_at, "RFC 3339 time; default now");
  o.expires_at_opt = cmd.add_option("--expires-at", o.expires_at, "RFC 3339 time; default never");
  o.audience_opt = cmd.add_option("--audience", o.audience, "Who it is for, e.g. 3号楼; default all");
  if (for_update) {
    cmd.add_flag("--no-pinned", o.no_pinned, "Unpin");
    cmd.add_flag("--no-expiry", o.no_expiry, "Remove the expiry time");
  }
}

std::string ReadFileOrThrow(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput{std::string(what) + ": cannot read " + path};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

NoticeEdit ToEdit(const NoticeOptions& o) {
  NoticeEdit e;
  if (o.title_opt->count()) e.title = o.title;
  if (o.body_opt->count()) e.body = o.body;
  if (o.body_file_opt->count()) e.body = ReadFileOrThrow(o.body_file, "--body-file");
  if (o.publisher_opt->count()) {
    e.publisher = protocol::ParsePublisher(o.publisher);
    if (!e.publisher)
      throw InvalidInput{
          "--publisher: must be street_office, property_company, residents_committee or "
          "owners_committee"};
  }
  if (o.category_opt->count()) e.category = o.category;
  if (o.priority_opt->count()) {
    e.priority = protocol::ParsePriority(o.priority);
    if (!e.priority) throw InvalidInput{"--priority: must be normal, important or urgent"};
  }
  if (o.pinned && o.no_pinned) throw InvalidInput{"--pinned and --no-pinned contradict each other"};
  if (o.pinned) e.pinned = true;
  if (o.no_pinned) e.pinned = false;
  if (o.publish_at_opt->count()) e.published_at = ParseTimeOrThrow(o.publish_at, "--publish-at");
  if (o.expires_at_opt->count()) e.expires_at = ParseTimeOrThrow(o.expires_at, "--expires-at");
  if (o.no_expiry && o.expires_at_opt->count()) throw InvalidInput{"--expires-at and --no-expiry contradict"};
  e.clear_expiry = o.no_expiry;
  if (o.audience_opt->count()) e.audience = o.audience;
  return e;
}

// Host and port from "HOST:PORT" or "[V6]:PORT".
std::pair<std::string, int> ParseListen(const std::string& text) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw InvalidInput{"--listen: expected HOST:PORT, e.g. 127.0.0.1:8080"};
  std::string host = text.substr(0, colon);
  std::string port_text = text.substr(colon + 1);
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
    throw InvalidInput{"--listen: port must be a number from 0 to 65535"};
  int port = std::stoi(port_text);
  if (port > 65535) throw InvalidInput{"--listen: port must be a number from 0 to 65535"};
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, port};
}

int Serve(const std::string& db, const std::string& listen, bool secure_cookies, std::ostream& out,
          std::ostream& err) {
  auto [host, port] = ParseListen(listen);
  auto repo = OpenRepo(db);
  auto console_repo = SqliteConsoleRepository::Open(db);
  if (!console_repo) throw std::runtime_error(console_repo.error());
  console::ConsoleOptions console_options;
  console_options.secure_cookies = secure_cookies;
  // The console and the work-order rules share one clock, so --clock-offset-seconds moves both.
  console_options.clock = [] { return HubNow(); };
  console::ConsoleServices console_services(*repo, **console_repo, console_options);
  // Signals are taken by one thread with sigwait, so stopping never runs inside a signal handler. They are
  // blocked before any server thread exists, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  HttpServerOptions options;
  options.extra_routes = [&console_services](httplib::Server& s) {
    console::RegisterConsole(s, console_services);
  };
  HubHttpServer server(*repo, options);
  auto bound = server.Bind(host, port);
  if (!bound) {
    err << "community-hub: " << bound.error() << "\n";
    return kExitFailure;
  }
  std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  out << "listening on http://" << shown_host << ":" << *bound << std::endl;

  std::thread signal_thread([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  bool ok = server.Listen();
  // If Listen ended by itself, wake the signal thread so it can be joined.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  if (!ok) {
    err << "community-hub: the server stopped with an error\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"community-hub: the reference central platform for Community Kiosk"};
  app.require_subcommand(1);
  std::string db;
  auto add_db = [&db](CLI::App* cmd) {
    cmd->add_option("--db", db, "SQLite database file (created if missing)")->required();
  };

  CLI::App* serve = app.add_subcommand("serve", "Serve the kiosk API and notice pages");
  add_db(serve);
  std::string listen = "127.0.0.1:8080";
  serve->add_option("--listen", listen, "HOST:PORT; port 0 picks a free port")->capture_default_str();
  std::optional<protocol::UnixSeconds> clock_offset;
  serve->add_option("--clock-offset-seconds", clock_offset,
                    "Move the work-order clock (deadlines, overdue) by N seconds; for tests and training");
  bool secure_cookies = false;
  serve->add_flag("--secure-cookies", secure_cookies,
                  "Mark console cookies Secure (the hub is reached over HTTPS, e.g. behind a TLS proxy)");

  CLI::App* kiosk = app.add_subcommand("kiosk", "Register and inspect kiosks");
  kiosk->require_subcommand(1);
  CLI::App* kiosk_add = kiosk->add_subcommand("add", "Register a kiosk; prints its device id and token once");
  add_db(kiosk_add);
  std::string kiosk_name;
  kiosk_add->add_option("--name", kiosk_name, "A name people recognise, e.g. 3号楼大堂")->required();
  CLI::App* kiosk_list = kiosk->add_subcommand("list", "List kiosks and their last heartbeat");
  add_db(kiosk_list);
  bool kiosk_json = false;
  kiosk_list->add_flag("--json", kiosk_json, "Print JSON");

  CLI::App* notice = app.add_subcommand("notice", "Publish and manage notices");
  notice->require_subcommand(1);
  CLI::App* publish = notice->add_subcommand("publish", "Publish a new notice; prints its id");
  add_db(publish);
  NoticeOptions publish_opts;
  AddNoticeOptions(*publish, publish_opts, false);
  publish_opts.title_opt->required();
  publish_opts.publisher_opt->required();
  CLI::App* update = notice->add_subcommand("update", "Change a notice; prints its new revision");
  add_db(update);
  std::string notice_id;
  update->add_option("--id", notice_id, "Notice id")->required();
  NoticeOptions update_opts;
  AddNoticeOptions(*update, update_opts, true);
  CLI::App* withdraw = notice->add_subcommand("withdraw", "Withdraw a notice; kiosks remove it");
  add_db(withdraw);
  withdraw->add_option("--id", notice_id, "Notice id")->required();
  CLI::App* list = notice->add_subcommand("list", "List notices, withdrawn ones included");
  add_db(list);
  bool list_json = false;
  list->add_flag("--json", list_json, "Print JSON");
  CLI::App* import = notice->add_subcommand("import", "Import a JSON array of notices in one transaction");
  add_db(import);
  std::string import_file;
  import->add_option("--file", import_file, "JSON file")->required();

  std::vector<cli::Action> actions;
  cli::AddFeedbackCommands(app, db, actions);
  cli::AddWorkOrderCommands(app, db, actions);
  cli::AddStaffCommands(app, db, actions);
  cli::AddBackupCommands(app, db, actions);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "community-hub: " << e.what() << "\n(run with --help for usage)\n";
    return kExitInvalidInput;
  }

  try {
    protocol::UnixSeconds now = protocol::NowUtc();
    if (serve->parsed()) {
      if (clock_offset) SetHubClockOffset(*clock_offset);
      return Serve(db, listen, secure_cookies, out, err);
    }
    for (const cli::Action& action : actions)
      if (action.command->parsed()) return action.run(out);

    if (kiosk_add->parsed()) {
      auto repo = OpenRepo(db);
      auto registered = Check(RegisterKiosk(*repo, kiosk_name, now));
      const KioskRecord& k = registered.kiosk;
      const std::string& token = registered.token;
      out << "device_id: " << k.device_id << "\ntoken: " << token << "\n";
      out << "# the token is shown only now; the hub keeps only its hash\n";
      // Packed into the kiosk's ticket codes; the kiosk also learns it from each heartbeat answer.
      out << "kiosk_number: " << k.kiosk_number << "\n" << std::flush;
      // After the token is out.
      cli::AuditCliChange(db, "kiosk.register", k.device_id, protocol::ClipCodepoints(k.name, 60));
      return kExitOk;
    }
    if (kiosk_list->parsed()) {
      auto repo = OpenRepo(db);
      auto kiosks = repo->ListKiosks();
      if (!kiosks) throw std::runtime_error(kiosks.error());
      if (kiosk_json) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& k : *kiosks) arr.push_back(KioskToJson(k));
        out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return kExitOk;
      }
      out << "NAME\tDEVICE_ID\tLAST_SEEN\tAPP_VERSION\tCURSOR\tOUTBOX_PENDING\tLAST_SYNC_ERROR\tKIOSK_"
             "NUMBER\tOUTBOX_REFUSED\n";
      for (const auto& k : *kiosks) {
        const KioskHeartbeat& hb = k.last_heartbeat;
        out << k.name << "\t" << k.device_id << "\t" << FormatOptTime(k.last_seen) << "\t"
            << hb.app_version.value_or("-") << "\t" << hb.cursor.value_or("-") << "\t"
            << (hb.outbox_pending ? std::to_string(*hb.outbox_pending) : "-") << "\t"
            << (hb.last_sync_error ? protocol::ClipCodepoints(*hb.last_sync_error, 60) : "-") << "\t" << k.kiosk_number
            << "\t"
            // Refused reports never reached the platform although a resident holds a receipt: say so loudly.
            << (!hb.outbox_refused       ? "-"
                : *hb.outbox_refused > 0 ? std::to_string(*hb.outbox_refused) + " REFUSED, see the kiosk"
                                         : "0")
            << "\n";
      }
      return kExitOk;
    }
    if (publish->parsed()) {
      NoticeEdit edit = ToEdit(publish_opts);
      auto repo = OpenRepo(db);
      NoticeRecord r = Check(PublishNotice(*repo, edit, now));
      cli::AuditCliChange(db, "notice.publish", r.notice.id, protocol::ClipCodepoints(r.notice.title, 60), r.notice.publisher);
      out << r.notice.id << "\n";
      return kExitOk;
    }
    if (update->parsed()) {
      NoticeEdit edit = ToEdit(update_opts);
      auto repo = OpenRepo(db);
      NoticeRecord r = Check(EditNotice(*repo, notice_id, edit));
      cli::AuditCliChange(db, "notice.edit", r.notice.id, "revision " + std::to_string(r.notice.revision),
                          r.notice.publisher);
      out << r.notice.revision << "\n";
      return kExitOk;
    }
    if (withdraw->parsed()) {
      auto repo = OpenRepo(db);
      NoticeRecord r = Check(WithdrawNotice(*repo, notice_id, now));
      cli::AuditCliChange(db, "notice.withdraw", r.notice.id, protocol::ClipCodepoints(r.notice.title, 60), r.notice.publisher);
      out << r.notice.id << "\n";
      return kExitOk;
    }
    if (list->parsed()) {
      auto repo = OpenRepo(db);
      auto notices = repo->ListNotices();
      if (!notices) throw std::runtime_error(notices.error());
      if (list_json) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& r : *notices) {
          nlohmann::json j = r.notice;
          j["seq"] = r.seq;
          j["state"] = NoticeStateCode(StateOf(r, now));
          j["withdrawn_at"] = r.withdrawn_at ? nlohmann::json(protocol::FormatUtc(*r.withdrawn_at)) : nullptr;
          arr.push_back(std::move(j));
        }
        out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return kExitOk;
      }
      out << "ID\tREV\tSEQ\tSTATE\tPUBLISHER\tPRIORITY\tPINNED\tPUBLISHED_AT\tEXPIRES_AT\tTITLE\n";
      for (const auto& r : *notices) {
        const protocol::Notice& n = r.notice;
        out << n.id << "\t" << n.revision << "\t" << r.seq << "\t" << NoticeStateCode(StateOf(r, now)) << "\t"
            << protocol::PublisherCode(n.publisher) << "\t" << protocol::PriorityCode(n.priority) << "\t"
            << (n.pinned ? "yes" : "no") << "\t" << protocol::FormatUtc(n.published_at) << "\t"
            << FormatOptTime(n.expires_at) << "\t" << protocol::ClipCodepoints(n.title, 40) << "\n";
      }
      return kExitOk;
    }
    if (import->parsed()) {
      std::string text = ReadFileOrThrow(import_file, "--file");
      auto repo = OpenRepo(db);
      std::size_t n = Check(ImportNoticesJson(*repo, text, now));
      cli::AuditCliChange(db, "notice.import", std::to_string(n) + " notices", import_file);
      out << "imported " << n << " notices\n";
      return kExitOk;
    }
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

// `community-hub serve`: the kiosk API, notice pages and staff console until SIGINT/SIGTERM (cli_support.h).
#include <pthread.h>
#include <signal.h>

#include <memory>
#include <optional>
#include <ostream>
#include <thread>

#include "sync/hub/api/http_server.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/hub/cli/cli.h"
#include "sync/hub/cli/cli_support.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/store/open_store.h"

namespace ck::hub::cli {

namespace {

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

// --public-url: how residents' phones reach this hub ("https://hub.example.cn"), for the QR code on a
// receipt. A plain http(s) URL without spaces, quotes or a query; a trailing slash is dropped.
std::string CheckPublicUrl(std::string url) {
  if (url.empty()) return url;
  bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!scheme || url.size() > 200 || url.find_first_of(" \t\r\n<>\"'?#\\") != std::string::npos)
    throw InvalidInput{"--public-url: an http:// or https:// address such as https://hub.example.cn"};
  while (url.back() == '/') url.pop_back();
  return url;
}

int Serve(const std::string& db, const std::string& listen, bool secure_cookies, const std::string& public_url,
          std::ostream& out, std::ostream& err) {
  auto [host, port] = ParseListen(listen);
  auto repo = OpenRepo(db);
  auto console_repo = OpenConsoleStore(db, StoreOpen::kExisting);
  if (!console_repo) throw std::runtime_error(console_repo.error());
  auto activity_repo = OpenActivityStore(db, StoreOpen::kExisting);
  if (!activity_repo) throw std::runtime_error(activity_repo.error());
  // Lookup budgets and sign-in attempts in the database, so hub processes sharing it share them.
  auto throttles = OpenThrottleStore(db, StoreOpen::kExisting);
  if (!throttles) throw std::runtime_error(throttles.error());
  console::ConsoleOptions console_options;
  console_options.throttles = throttles->get();
  console_options.secure_cookies = secure_cookies;
  // --clock-offset-seconds moves the work-order clock only (deadlines, overdue, 督办), in the console as in
  // the API; notices, the audit log and sign-in keep the real clock (a notice published "now" must show).
  console_options.work_clock = [] { return HubNow(); };
  console_options.public_url = public_url;
  console::ConsoleServices console_services(*repo, **console_repo, console_options, activity_repo->get());
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
  options.public_url = public_url;
  options.throttles = throttles->get();
  HubHttpServer server(*repo, options, activity_repo->get());
  auto bound = server.Bind(host, port);
  if (!bound) {
    err << "community-hub: " << bound.error() << "\n";
    return kExitFailure;
  }
  std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  out << "listening on http://" << shown_host << ":" << *bound << std::endl;
  // A shifted clock judges deadlines at another time than the wall's: say so where the technician looks.
  if (protocol::UnixSeconds offset = HubClockOffset(); offset != 0)
    err << "community-hub: the work-order clock is shifted by " << offset << " s (--clock-offset-seconds or "
        << kClockOffsetEnv << "): deadlines and overdue are judged at " << protocol::FormatUtc(HubNow())
        << std::endl;

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

void AddServeCommand(CLI::App& app, std::string& db, std::vector<Action>& actions, std::ostream& err) {
  CLI::App* serve = app.add_subcommand("serve", "Serve the kiosk API and notice pages");
  AddDbOption(serve, db);
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  serve->add_option("--listen", *listen, "HOST:PORT; port 0 picks a free port")->capture_default_str();
  auto clock_offset = std::make_shared<std::optional<protocol::UnixSeconds>>();
  serve->add_option("--clock-offset-seconds", *clock_offset,
                    "Move the work-order clock (deadlines, overdue) by N seconds; for tests and training");
  auto secure_cookies = std::make_shared<bool>(false);
  serve->add_flag("--secure-cookies", *secure_cookies,
                  "Mark console cookies Secure (the hub is reached over HTTPS, e.g. behind a TLS proxy)");
  auto public_url = std::make_shared<std::string>();
  serve->add_option("--public-url", *public_url,
                    "How residents' phones reach this hub, e.g. https://hub.example.cn (the receipt's QR code)");
  actions.push_back({serve, [&db, &err, listen, clock_offset, secure_cookies, public_url](std::ostream& out) {
                       std::string url = CheckPublicUrl(*public_url);
                       if (*clock_offset) SetHubClockOffset(**clock_offset);
                       return Serve(db, *listen, *secure_cookies, url, out, err);
                     }});
}

}  // namespace ck::hub::cli

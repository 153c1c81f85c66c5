// HubHttpServer: server setup, the feed, heartbeats, notice pages and uniform error answers; feedback
// and operator routes live in open311_routes.cpp and operator_routes.cpp.
#include "sync/hub/api/http_server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>
#include <tuple>

#include <nlohmann/json.hpp>

#include "sync/hub/api/activity_routes.h"
#include "sync/hub/api/feed_query.h"
#include "sync/hub/api/http_support.h"
#include "sync/hub/api/open311_routes.h"
#include "sync/hub/api/operator_routes.h"
#include "sync/hub/api/request_body.h"
#include "sync/hub/pages/notice_page.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/utf8.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::string_view kHeartbeatPath = "/api/v1/heartbeat";
std::string_view DefaultDescription(int status) {
  switch (status) {
    case 400:
      return "bad request: malformed request line, headers or body (a body needs Content-Length)";
    case 401:
      return "missing or invalid token";
    case 404:
      return "no such resource";
    case 405:
      return "method not allowed";
    case 411:
      return "Content-Length required";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long";
    case 416:
      return "range not satisfiable";
    default:
      return status >= 500 ? "internal error" : "request refused";
  }
}

void HandleFeed(HubRepository& repo, ActivityHorizon* horizon, const Request& req, Response& res) {
  if (!AuthenticateKiosk(repo, req, res)) return;
  if (horizon) horizon->Tick(protocol::NowUtc());
  Param cursor = GetParam(req, "cursor");
  Param limit = GetParam(req, "limit");
  if (cursor.repeated || limit.repeated) return SendError(res, 400, "cursor and limit may each appear once");
  auto request = ParseFeedRequest(cursor.value, limit.value);
  if (!request) return SendError(res, 400, request.error());

  // An idle poll costs one indexed read and a header-only 304.
  std::string if_none_match = req.get_header_value("If-None-Match");
  if (!if_none_match.empty()) {
    auto max_seq = repo.MaxSeq();
    if (!max_seq) throw std::runtime_error("feed: " + max_seq.error());
    std::string etag = FeedEtag(*request, *max_seq);
    if (EtagMatches(if_none_match, etag)) {
      res.status = 304;
      res.set_header("ETag", etag);
      return;
    }
  }
  auto answer = ReadFeedPage(repo, *request);
  if (!answer) throw std::runtime_error("feed: " + answer.error());
  res.status = 200;
  res.set_header("ETag", answer->etag);
  res.set_header("Cache-Control", "no-cache");
  res.set_content(protocol::FeedPageToJson(answer->page), std::string(kJsonContentType).c_str());
}

// Optional string field: absent or null → nullopt; wrong type, bad UTF-8 or too long → error text.
std::optional<std::string> ReadTextField(const nlohmann::json& j, const char* key, std::size_t max_cp,
                                         std::optional<std::string>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return std::string(key) + ": must be a string";
  const std::string& s = it->get_ref<const std::string&>();
  if (!protocol::IsValidUtf8(s)) return std::string(key) + ": not valid UTF-8";
  if (protocol::CountCodepoints(s) > max_cp)
    return std::string(key) + ": too long (at most " + std::to_string(max_cp) + " characters)";
  out = s;
  return std::nullopt;
}

void HandleHeartbeat(HubRepository& repo, const Request& req, Response& res) {
  auto kiosk = AuthenticateKiosk(repo, req, res);
  if (!kiosk) return;
  nlohmann::json j = req.body.empty() ? nlohmann::json::object()
                                      : nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return SendError(res, 400, "body: must be a JSON object");
  KioskHeartbeat hb;
  for (auto [key, max_cp, field] : {std::tuple{"app_version", std::size_t{64}, &hb.app_version},
                                    std::tuple{"cursor", std::size_t{128}, &hb.cursor},
                                    std::tuple{"last_sync_error", std::size_t{2000}, &hb.last_sync_error}}) {
    if (auto err = ReadTextField(j, key, max_cp, *field)) return SendError(res, 400, *err);
  }
  for (auto [key, field] :
       {std::pair{"outbox_pending", &hb.outbox_pending}, std::pair{"outbox_refused", &hb.outbox_refused}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    // Checked as the wire gave it (an unsigned 2^64-1 read as int64 would be -1).
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > 1'000'000'000) ||
        (!it->is_number_unsigned() &&
         (it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 1'000'000'000)))
      return SendError(res, 400, std::string(key) + ": must be a whole number from 0 to 1000000000");
    *field = it->get<std::int64_t>();
  }
  // The data disk: free bytes as an unsigned count (up to 2^63-1), "full" as the kiosk judged it.
  if (auto it = j.find("disk_free_bytes"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() ||
        (it->is_number_unsigned() ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                                  : it->get<std::int64_t>() < 0))
      return SendError(res, 400, "disk_free_bytes: must be a whole number of at least 0");
    hb.disk_free_bytes = it->get<std::int64_t>();
  }
  if (auto it = j.find("disk_full"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return SendError(res, 400, "disk_full: must be true or false");
    hb.disk_full = it->get<bool>();
  }
  if (auto it = j.find("panel_events"); it != j.end() && !it->is_null()) {
    auto events = protocol::PanelEventsFromJson(*it);
    if (!events) return SendError(res, 400, events.error());
    hb.panel_events = std::move(events).value();
  }
  protocol::UnixSeconds now = protocol::NowUtc();
  if (auto s = repo.RecordHeartbeat(kiosk->device_id, hb, now); !s)
    throw std::runtime_error("heartbeat: " + s.error());
  // The kiosk learns its number here: it is packed into the ticket codes the kiosk makes offline. The
  // panel events are committed now, so all of them are acknowledged (those stored before included).
  nlohmann::json acknowledged = nlohmann::json::array();
  for (const protocol::PanelEvent& e : hb.panel_events) acknowledged.push_back(e.id);
  nlohmann::json answer{{"server_time", protocol::FormatUtc(now)},
                        {"kiosk_number", kiosk->kiosk_number},
                        {"panel_events_acknowledged", acknowledged}};
  res.status = 200;
  res.set_content(answer.dump(), std::string(kJsonContentType).c_str());
}

void HandleNoticePage(HubRepository& repo, const Request& req, Response& res) {
  auto id = protocol::NormaliseUuid(req.matches.size() > 1 ? req.matches[1].str() : std::string());
  if (!id) return SendHtml(res, RenderNotFoundPage());
  auto record = repo.FindNotice(*id);
  if (!record) throw std::runtime_error("notice page: " + record.error());
  res.set_header("Cache-Control", "no-cache");
  SendHtml(res, RenderNoticePage(*record, protocol::NowUtc()));
}

}  // namespace

HubHttpServer::HubHttpServer(HubRepository& repo, HttpServerOptions options, ActivityRepository* activities)
    : repo_(repo),
      activities_(activities),
      horizon_(activities ? std::make_unique<ActivityHorizon>(*activities) : nullptr),
      options_(options),
      server_(std::make_unique<httplib::Server>()),
      bodies_(std::make_unique<RequestBodies>(options.max_body_bytes, options.max_console_body_bytes)) {
  Settings();
  Routes();
}

HubHttpServer::~HubHttpServer() {
  Stop();
}

// Every httplib default that shapes how the hub meets clients, set here from HttpServerOptions
// (server_limits.h) rather than left to what Debian's build compiled in.
void HubHttpServer::Settings() {
  httplib::Server& s = *server_;
  int threads = options_.worker_threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // Bodies on our API POST routes are read by RequestBodies; this bounds httplib's own reading elsewhere
  // (the console's forms).
  s.set_payload_max_length(options_.max_console_body_bytes);
  s.set_read_timeout(options_.read_timeout_seconds, 0);
  s.set_write_timeout(options_.write_timeout_seconds, 0);
  s.set_keep_alive_timeout(options_.keep_alive_seconds);
  s.set_keep_alive_max_count(static_cast<size_t>(options_.keep_alive_max_requests));
  // httplib writes headers and body separately: with Nagle on, the body waits for the client's delayed
  // ACK (~40 ms per request), which would dominate an outbox flush of thousands of reports.
  s.set_tcp_nodelay(true);
  // httplib's default also sets SO_REUSEPORT, with which a second hub on the same port starts silently and
  // the kernel splits the kiosks between two processes (maybe two databases). SO_REUSEADDR alone lets a
  // restarted hub rebind past TIME_WAIT and still refuses a port that is in use. The socket is kept so that
  // Bind() can give it our backlog (httplib listens with a compiled-in 5).
  s.set_socket_options([this](int fd) {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = fd;
  });
}

void HubHttpServer::Routes() {
  httplib::Server& s = *server_;
  HubRepository& repo = repo_;
  RequestBodies& bodies = *bodies_;
  ActivityHorizon* horizon = horizon_.get();
  s.Get(std::string(protocol::kFeedPath),
        [&repo, horizon](const Request& req, Response& res) { HandleFeed(repo, horizon, req, res); });
  bodies.Post(s, std::string(kHeartbeatPath),
              [&repo](const Request& req, Response& res) { HandleHeartbeat(repo, req, res); });
  s.Get(R"(/notices/([^/]*))",
        [&repo](const Request& req, Response& res) { HandleNoticePage(repo, req, res); });
  s.Get("/healthz",
        [](const Request&, Response& res) { res.set_content("ok", "text/plain; charset=utf-8"); });

  // Ticket codes and sign-up codes share a format, and so one budget for guessing them.
  auto throttle = options_.throttles ? std::make_shared<LookupThrottle>(*options_.throttles)
                                     : std::make_shared<LookupThrottle>();
  RegisterOpen311Routes(s, repo, bodies, throttle);
  if (activities_) RegisterActivityRoutes(s, repo, *activities_, bodies, throttle, {options_.public_url});
  RegisterOperatorRoutes(s, repo, bodies);
  // The staff console's routes (its POST forms are read by httplib, not RequestBodies: see server_limits.h).
  if (options_.extra_routes) options_.extra_routes(s);

  // A known path with the wrong method is 405 (with Allow), not 404.
  RefuseOtherMethods(s, std::string(protocol::kFeedPath), true, false);
  RefuseOtherMethods(s, std::string(kHeartbeatPath), false, true);
  RefuseOtherMethods(s, R"(/notices/([^/]*))", true, false);
  RefuseOtherMethods(s, "/healthz", true, false);

  s.set_pre_routing_handler([&bodies](const Request& req, Response& res) {
    // Framing first, before httplib reads (or waits for) any body.
    if (auto refusal = bodies.CheckFraming(req)) {
      SendError(res, refusal->status, refusal->description);
      // The body was not read, so the connection cannot carry another request: tell the client so (httplib
      // answers "Connection: close" only when the request said it, hence on the request).
      const_cast<Request&>(req).set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    // HTTP lets a server ignore Range, and we do: our answers are small, and httplib would otherwise slice
    // even error bodies into invalid JSON or answer 416 with no body. The Request is httplib's own
    // non-const object, so clearing its parsed ranges here is well-defined.
    const_cast<Request&>(req).ranges.clear();
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Runs for every answer >= 400: gives the ones httplib makes itself (unknown path, malformed request,
  // oversized body) the same Open311 body as ours.
  s.set_error_handler([](const Request&, Response& res) {
    if (res.body.empty()) SendError(res, res.status, DefaultDescription(res.status));
  });
  s.set_exception_handler([](const Request& req, Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    // A status page's path is its ticket code, a resident's credential: never in a log.
    const bool credential = req.path.rfind("/t/", 0) == 0 || req.path.rfind("/signups/", 0) == 0 ||
                            req.path.rfind("/api/v1/signups/", 0) == 0;
    const std::string path = credential ? req.path.substr(0, req.path.find('/', 1) + 1) + "…" : req.path;
    std::cerr << "community-hub: internal error on " << req.method << " " << path << ": " << what << "\n";
    SendError(res, 500, "internal error");
  });
}

Result<int> HubHttpServer::Bind(const std::string& host, int port) {
  if (port < 0 || port > 65535) return Result<int>::Fail("port must be 0..65535");
  listen_fd_ = -1;
  errno = 0;
  int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    int e = errno;
    std::string where = host + ":" + std::to_string(port);
    if (e == EADDRINUSE)
      return Result<int>::Fail("cannot listen on " + where + ": port " + std::to_string(port) +
                               " is already in use (another community-hub or another program)");
    return Result<int>::Fail("cannot listen on " + where + ": " +
                             (e != 0 ? std::string(std::strerror(e)) : "no free port or bad address"));
  }
  // Kiosks that wake together (after an outage) connect together: give the kernel room to queue them.
  // Calling listen() again on a listening socket only changes its queue length (Linux).
  if (listen_fd_ >= 0) ::listen(listen_fd_, options_.listen_backlog);
  return Result<int>::Ok(bound);
}

bool HubHttpServer::Listen() {
  in_listen_ = true;
  bool ok = stop_requested_ ? true : server_->listen_after_bind();
  in_listen_ = false;
  return ok;
}

void HubHttpServer::Stop() {
  stop_requested_ = true;
  // httplib's stop() does nothing until listen has started: wait for that if Listen() is on its way in.
  while (in_listen_ && !server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->stop();
}

bool HubHttpServer::IsRunning() const {
  return server_->is_running();
}

}  // namespace ck::hub

// HubHttpServer: routing, auth, the feed, heartbeats, notice pages and uniform error answers.
#include "sync/hub/http_server.h"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <iostream>
#include <thread>
#include <tuple>

#include <nlohmann/json.hpp>

#include "sync/hub/feed_query.h"
#include "sync/hub/kiosk_token.h"
#include "sync/hub/notice_editor.h"
#include "sync/hub/notice_page.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/utf8.h"

namespace ck::hub {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::string_view kHeartbeatPath = "/api/v1/heartbeat";
constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";
constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";
// Tokens are 43 characters; anything much longer is not one of ours and is refused before hashing.
constexpr std::size_t kMaxTokenLength = 256;

void SendError(Response& res, int code, std::string_view description) {
  res.status = code;
  res.set_content(protocol::ErrorBodyJson(code, description), std::string(kJsonContentType).c_str());
}

void SendHtml(Response& res, const HtmlPage& page) {
  res.status = page.status;
  // No scripts, no external resources: even a missed escape could not run code.
  res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(page.html, std::string(kHtmlContentType).c_str());
}

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

// One value for a query parameter; a repeated parameter is ambiguous and refused by the caller.
struct Param {
  std::optional<std::string> value;
  bool repeated = false;
};

Param GetParam(const Request& req, const char* key) {
  Param p;
  std::size_t n = req.get_param_value_count(key);
  if (n > 1) p.repeated = true;
  if (n >= 1) p.value = req.get_param_value(key);
  return p;
}

std::optional<std::string> PresentedToken(const Request& req) {
  std::string auth = req.get_header_value("Authorization");
  if (!auth.empty()) {
    constexpr std::string_view kBearer = "bearer ";
    if (auth.size() <= kBearer.size()) return std::nullopt;
    for (std::size_t i = 0; i < kBearer.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(auth[i])) != kBearer[i]) return std::nullopt;
    return auth.substr(kBearer.size());
  }
  if (req.get_param_value_count("api_key") == 1) return req.get_param_value("api_key");  // Open311 style
  return std::nullopt;
}

// Returns the kiosk, or answers 401 (or 500 if storage failed) and returns nothing.
std::optional<KioskRecord> Authenticate(HubRepository& repo, const Request& req, Response& res) {
  auto token = PresentedToken(req);
  if (!token || token->empty() || token->size() > kMaxTokenLength) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"community-hub\"");
    SendError(res, 401, "missing or invalid token: send Authorization: Bearer <token> or api_key=<token>");
    return std::nullopt;
  }
  std::string hash = HashKioskToken(*token);
  auto kiosk = repo.FindKioskByTokenHash(hash);
  if (!kiosk) {
    std::cerr << "community-hub: token lookup failed: " << kiosk.error() << "\n";
    SendError(res, 500, "internal error");
    return std::nullopt;
  }
  // The lookup is by hash; the final comparison is still constant-time.
  if (!*kiosk || !TokenHashesEqual((*kiosk)->token_hash, hash)) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"community-hub\", error=\"invalid_token\"");
    SendError(res, 401, "missing or invalid token: send Authorization: Bearer <token> or api_key=<token>");
    return std::nullopt;
  }
  return std::move(*kiosk);
}

void HandleFeed(HubRepository& repo, const Request& req, Response& res) {
  if (!Authenticate(repo, req, res)) return;
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
  auto kiosk = Authenticate(repo, req, res);
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
  if (auto it = j.find("outbox_pending"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 1'000'000'000)
      return SendError(res, 400, "outbox_pending: must be a whole number from 0 to 1000000000");
    hb.outbox_pending = it->get<std::int64_t>();
  }
  protocol::UnixSeconds now = protocol::NowUtc();
  if (auto s = repo.RecordHeartbeat(kiosk->device_id, hb, now); !s)
    throw std::runtime_error("heartbeat: " + s.error());
  nlohmann::json answer{{"server_time", protocol::FormatUtc(now)}};
  res.status = 200;
  res.set_content(answer.dump(), std::string(kJsonContentType).c_str());
}

void HandleNoticePage(HubRepository& repo, const Request& req, Response& res) {
  auto id = NormaliseNoticeId(req.matches.size() > 1 ? req.matches[1].str() : std::string());
  if (!id) return SendHtml(res, RenderNotFoundPage());
  auto record = repo.FindNotice(*id);
  if (!record) throw std::runtime_error("notice page: " + record.error());
  res.set_header("Cache-Control", "no-cache");
  SendHtml(res, RenderNoticePage(*record, protocol::NowUtc()));
}

}  // namespace

HubHttpServer::HubHttpServer(HubRepository& repo, HttpServerOptions options)
    : repo_(repo), options_(options), server_(std::make_unique<httplib::Server>()) {
  Routes();
}

HubHttpServer::~HubHttpServer() {
  Stop();
}

void HubHttpServer::Routes() {
  httplib::Server& s = *server_;
  int threads = options_.worker_threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_read_timeout(options_.read_timeout_seconds, 0);
  s.set_write_timeout(options_.write_timeout_seconds, 0);
  s.set_keep_alive_timeout(options_.keep_alive_seconds);

  HubRepository& repo = repo_;
  s.Get(std::string(protocol::kFeedPath),
        [&repo](const Request& req, Response& res) { HandleFeed(repo, req, res); });
  s.Post(std::string(kHeartbeatPath),
         [&repo](const Request& req, Response& res) { HandleHeartbeat(repo, req, res); });
  s.Get(R"(/notices/([^/]*))",
        [&repo](const Request& req, Response& res) { HandleNoticePage(repo, req, res); });
  s.Get("/healthz",
        [](const Request&, Response& res) { res.set_content("ok", "text/plain; charset=utf-8"); });

  // A known path with the wrong method is 405 (with Allow), not 404.
  auto method_not_allowed = [](const char* allow) {
    return [allow](const Request& req, Response& res) {
      res.set_header("Allow", allow);
      SendError(res, 405, "method " + req.method + " is not allowed here; use " + allow);
    };
  };
  for (auto [path, allow, get_allowed] : {std::tuple{std::string(protocol::kFeedPath), "GET, HEAD", true},
                                          std::tuple{std::string(kHeartbeatPath), "POST", false},
                                          std::tuple{std::string(R"(/notices/([^/]*))"), "GET, HEAD", true},
                                          std::tuple{std::string("/healthz"), "GET, HEAD", true}}) {
    if (!get_allowed) s.Get(path, method_not_allowed(allow));
    if (get_allowed) s.Post(path, method_not_allowed(allow));
    s.Put(path, method_not_allowed(allow));
    s.Patch(path, method_not_allowed(allow));
    s.Delete(path, method_not_allowed(allow));
    s.Options(path, method_not_allowed(allow));
  }

  // HTTP lets a server ignore Range, and we do: our answers are small, and httplib would otherwise slice
  // even error bodies into invalid JSON or answer 416 with no body. The Request is httplib's own non-const
  // object, so clearing its parsed ranges here is well-defined.
  s.set_pre_routing_handler([](const Request& req, Response&) {
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
    std::cerr << "community-hub: internal error on " << req.method << " " << req.path << ": " << what << "\n";
    SendError(res, 500, "internal error");
  });
}

Result<int> HubHttpServer::Bind(const std::string& host, int port) {
  if (port < 0 || port > 65535) return Result<int>::Fail("port must be 0..65535");
  if (port == 0) {
    int bound = server_->bind_to_any_port(host);
    if (bound <= 0) return Result<int>::Fail("cannot listen on " + host + ": no free port or bad address");
    return Result<int>::Ok(bound);
  }
  if (!server_->bind_to_port(host, port))
    return Result<int>::Fail("cannot listen on " + host + ":" + std::to_string(port) +
                             " (address in use or not available)");
  return Result<int>::Ok(port);
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

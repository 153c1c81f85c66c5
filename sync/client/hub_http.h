// HubHttp: one libcurl handle to the hub (keep-alive), with timeouts, a size cap, TLS verification, the
// kiosk's credentials and cancellation. FeedClient and Open311Client speak through it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sync/protocol/result.h"

namespace ck::sync {

struct HubHttpOptions {
  std::string hub_url;  // base URL, e.g. "https://hub.example.org" or "http://127.0.0.1:8080"
  std::string device_id;
  std::string token;    // sent as "Authorization: Bearer …"; never logged, never in an error message
  std::string ca_file;  // extra CA bundle; TLS peer and host verification are always on
  std::string app_version;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};  // whole request, connect included
  // A kiosk holds a few MB of notices; anything far larger is a broken or hostile hub.
  std::size_t max_response_bytes = 32u << 20;
  // Checked while a request runs (libcurl's progress callback): set it to abort promptly.
  const std::atomic<bool>* cancel = nullptr;
};

// What one request cost on the wire, for the idle-poll budget.
struct TransferStats {
  long http_status = 0;
  std::int64_t request_bytes = 0;  // request line and headers (and body) as sent
  std::int64_t response_header_bytes = 0;
  std::int64_t response_body_bytes = 0;  // as received (compressed, if it was)
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag;  // the response's ETag, empty if none
};

struct HttpRequest {
  std::string path_and_query;         // "/api/v1/feed?cursor=…", appended to hub_url
  const std::string* body = nullptr;  // POST when set
  std::string content_type;           // of the body
  std::string if_none_match;
  std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. Idempotency-Key
};

class HubHttp {
 public:
  explicit HubHttp(HubHttpOptions options);
  ~HubHttp();
  HubHttp(const HubHttp&) = delete;
  HubHttp& operator=(const HubHttp&) = delete;

  // Any HTTP status is a response; only a transfer that did not complete (no connection, timeout, cancel,
  // oversize, a body cut short) is an error, which names what happened.
  Result<HttpResponse> Perform(const HttpRequest& request);
  // Percent-encodes for a query string or a form body.
  std::string Escape(const std::string& text);

  const HubHttpOptions& options() const { return options_; }
  const TransferStats& last_transfer() const { return last_; }

 private:
  HubHttpOptions options_;
  void* curl_;  // CURL*, kept for connection reuse (keep-alive) across requests
  TransferStats last_;
};

// "HTTP 401: invalid token" from a status and an Open311 error body ([{code, description}]) when present.
std::string DescribeHttpError(long status, const std::string& body);

}  // namespace ck::sync

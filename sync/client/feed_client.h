// FeedClient: the kiosk's HTTP conversation with the hub (feed pages, heartbeat) over one libcurl handle.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "sync/protocol/feed.h"
#include "sync/protocol/result.h"

namespace ck::sync {

struct FeedClientOptions {
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

struct FeedFetch {
  bool not_modified = false;  // 304: nothing after the cursor; `page` is empty
  protocol::FeedPage page;
  std::string etag;  // the response's ETag, empty if none
};

class FeedClient {
 public:
  explicit FeedClient(FeedClientOptions options);
  ~FeedClient();
  FeedClient(const FeedClient&) = delete;
  FeedClient& operator=(const FeedClient&) = delete;

  // GET {hub}/api/v1/feed?cursor=…&limit=…, with If-None-Match when `etag` is set. A page is returned only
  // if it parsed and validated whole; every other outcome (no connection, timeout, HTTP error, oversize,
  // truncated or malformed body) is an error naming what happened.
  Result<FeedFetch> FetchFeed(const std::string& cursor, const std::string& etag, int limit);
  // POST {hub}/api/v1/heartbeat {"app_version","cursor","last_sync_error"}.
  Status SendHeartbeat(const std::string& cursor, const std::string& last_sync_error);

  const TransferStats& last_transfer() const { return last_; }

 private:
  struct Response {
    long status = 0;
    std::string body;
    std::string etag;
  };
  Result<Response> Perform(const std::string& url, const std::string* post_json, const std::string& etag);

  FeedClientOptions options_;
  void* curl_;  // CURL*, kept for connection reuse (keep-alive) across requests
  TransferStats last_;
};

// "HTTP 401: invalid token" from a status and an Open311 error body ([{code, description}]) when present.
std::string DescribeHttpError(long status, const std::string& body);

}  // namespace ck::sync

// FeedClient: the kiosk's feed and heartbeat conversation with the hub, over a HubHttp connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sync/client/hub_http.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/result.h"

namespace ck::sync {

using FeedClientOptions = HubHttpOptions;

struct FeedFetch {
  bool not_modified = false;  // 304: nothing after the cursor; `page` is empty
  protocol::FeedPage page;
  std::string etag;  // the response's ETag, empty if none
};

// What one heartbeat tells the hub; optional parts go only when known.
struct HeartbeatReport {
  std::string cursor;
  std::string last_sync_error;
  std::optional<std::int64_t> outbox_pending;
  std::optional<std::int64_t> outbox_refused;
  std::optional<protocol::DiskState> disk;
  std::vector<protocol::PanelEvent> panel_events;  // at most kMaxPanelEventsPerHeartbeat, oldest first
};

struct HeartbeatAnswer {
  std::optional<std::uint32_t> kiosk_number;  // the hub's number for this kiosk, when it says
  // Panel events the hub now holds (protocol/heartbeat.h): only these may be marked sent.
  std::vector<std::int64_t> panel_events_acknowledged;
};

class FeedClient {
 public:
  explicit FeedClient(FeedClientOptions options);  // its own connection
  explicit FeedClient(HubHttp& http);              // shares one (the sync engine's)
  FeedClient(const FeedClient&) = delete;
  FeedClient& operator=(const FeedClient&) = delete;

  // GET {hub}/api/v1/feed?cursor=…&limit=…, with If-None-Match when `etag` is set. A page is returned only
  // if it parsed and validated whole; every other outcome (no connection, timeout, HTTP error, oversize,
  // truncated or malformed body) is an error naming what happened.
  Result<FeedFetch> FetchFeed(const std::string& cursor, const std::string& etag, int limit);
  // POST {hub}/api/v1/heartbeat {"app_version","cursor","last_sync_error", …}; the answer may carry
  // "kiosk_number" and "panel_events_acknowledged" (a body that is not JSON is still a delivered heartbeat,
  // with nothing acknowledged).
  Result<HeartbeatAnswer> SendHeartbeat(const HeartbeatReport& report);

  const TransferStats& last_transfer() const { return http_->last_transfer(); }

 private:
  std::unique_ptr<HubHttp> owned_;
  HubHttp* http_;
};

}  // namespace ck::sync

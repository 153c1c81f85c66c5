// FeedClient: feed pages and heartbeats, parsed and validated whole before anything is returned.
#include "sync/client/feed_client.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ck::sync {

FeedClient::FeedClient(FeedClientOptions options)
    : owned_(std::make_unique<HubHttp>(std::move(options))), http_(owned_.get()) {}

FeedClient::FeedClient(HubHttp& http) : http_(&http) {}

Result<FeedFetch> FeedClient::FetchFeed(const std::string& cursor, const std::string& etag, int limit) {
  using R = Result<FeedFetch>;
  limit = std::clamp(limit, 1, protocol::kMaxFeedPageSize);
  std::string path = std::string(protocol::kFeedPath) + "?cursor=" + http_->Escape(cursor) +
                     "&limit=" + std::to_string(limit);
  HttpRequest request;
  request.path_and_query = std::move(path);
  request.if_none_match = etag;
  auto response = http_->Perform(request);
  if (!response) return R::Fail(response.error());
  FeedFetch fetch;
  fetch.etag = response->etag;
  if (response->status == 304) {
    fetch.not_modified = true;
    return R::Ok(std::move(fetch));
  }
  if (response->status != 200) return R::Fail(DescribeHttpError(response->status, response->body));
  auto page = protocol::ParseFeedPage(response->body);
  if (!page) return R::Fail(page.error());
  fetch.page = std::move(page).value();
  return R::Ok(std::move(fetch));
}

Result<HeartbeatAnswer> FeedClient::SendHeartbeat(const HeartbeatReport& report) {
  using R = Result<HeartbeatAnswer>;
  // The hub bounds the field; cut at a UTF-8 character boundary, never inside a character.
  std::string error = report.last_sync_error;
  if (error.size() > 1000) {
    std::size_t cut = 1000;
    while (cut > 0 && (static_cast<unsigned char>(error[cut]) & 0xC0) == 0x80) --cut;
    error.resize(cut);
  }
  nlohmann::json j{{"app_version", http_->options().app_version},
                   {"cursor", report.cursor},
                   {"last_sync_error", error}};
  if (report.outbox_pending) j["outbox_pending"] = *report.outbox_pending;
  if (report.outbox_refused) j["outbox_refused"] = *report.outbox_refused;
  if (report.disk) {
    j["disk_free_bytes"] = report.disk->free_bytes;
    j["disk_full"] = report.disk->full;
  }
  if (!report.panel_events.empty()) j["panel_events"] = protocol::PanelEventsToJson(report.panel_events);
  // Error text may come from a hostile hub; dump() must not throw on invalid UTF-8.
  std::string body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  HttpRequest request;
  request.path_and_query = "/api/v1/heartbeat";
  request.body = &body;
  request.content_type = "application/json";
  auto response = http_->Perform(request);
  if (!response) return R::Fail(response.error());
  if (response->status < 200 || response->status >= 300)
    return R::Fail(DescribeHttpError(response->status, response->body));
  HeartbeatAnswer answer;
  nlohmann::json a = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (a.is_object()) {
    auto n = a.find("kiosk_number");
    if (n != a.end() && n->is_number_unsigned() && n->get<std::uint64_t>() <= 0xFFFFFFFFu)
      answer.kiosk_number = static_cast<std::uint32_t>(n->get<std::uint64_t>());
    answer.panel_events_acknowledged = protocol::AcknowledgedPanelEventsFromJson(a);
  }
  return R::Ok(answer);
}

}  // namespace ck::sync

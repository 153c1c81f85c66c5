// The change feed as the hub serves it: parse the kiosk's cursor and limit, compute the ETag, build the page.
// Kept apart from HTTP so its rules (what a valid cursor is, when a poll is "unchanged") are tested directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/store/hub_repository.h"
#include "sync/protocol/feed.h"

namespace ck::hub {

struct FeedRequest {
  std::int64_t after_seq = 0;
  int limit = protocol::kDefaultFeedPageSize;
};

// The cursor is the decimal seq of the last change the kiosk applied ("0" for none): opaque to kiosks,
// but strictly checked here. Absent parameters take their defaults; anything else invalid is an error
// message fit to show the caller.
Result<FeedRequest> ParseFeedRequest(const std::optional<std::string>& cursor,
                                     const std::optional<std::string>& limit);

// Changes only when the answer to this request would: the hub's newest seq, and the request itself.
std::string FeedEtag(const FeedRequest& request, std::int64_t max_seq);

// True if an If-None-Match header value (a list, possibly weak, possibly "*") matches etag.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

struct FeedAnswer {
  protocol::FeedPage page;
  std::string etag;
};

Result<FeedAnswer> ReadFeedPage(HubRepository& repo, const FeedRequest& request);

}  // namespace ck::hub

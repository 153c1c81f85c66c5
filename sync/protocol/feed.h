// The change feed: GET /api/v1/feed?cursor=C&limit=N returns the changes after C, oldest first.
//
// Body: {"changes":[{"seq":7,"type":"notice.upsert","notice":{…}},
//                   {"seq":8,"type":"activity.upsert","activity":{…}},
//                   {"seq":9,"type":"notice.tombstone","id":"<uuid>"}],
//        "next_cursor":"9","has_more":false}
// Invariants: seq strictly increases within a page and across pages; next_cursor is opaque to the kiosk
// (store it, send it back); a kiosk that applies a page in one transaction together with next_cursor can
// never skip or double-apply a change. Unknown change types are skipped (newer hub, older kiosk), never
// an error. The response carries an ETag; sending it back as If-None-Match gets 304 when nothing changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/activity.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/result.h"

namespace ck::protocol {

inline constexpr std::string_view kFeedPath = "/api/v1/feed";
inline constexpr int kDefaultFeedPageSize = 500;
inline constexpr int kMaxFeedPageSize = 2000;
// The cursor a kiosk that has never synced sends.
inline constexpr std::string_view kInitialCursor = "0";

struct FeedChange {
  enum class Type { NoticeUpsert, NoticeTombstone, ActivityUpsert, ActivityTombstone, Unknown };
  std::int64_t seq = 0;
  Type type = Type::Unknown;
  std::string id;                    // the notice's or activity's id, for upserts and tombstones
  std::optional<Notice> notice;      // set for NoticeUpsert
  std::optional<Activity> activity;  // set for ActivityUpsert
  bool operator==(const FeedChange&) const = default;
};

struct FeedPage {
  std::vector<FeedChange> changes;
  std::string next_cursor;
  bool has_more = false;
  bool operator==(const FeedPage&) const = default;
};

std::string FeedPageToJson(const FeedPage& page);
// Strict: a page that is not valid JSON, misses a field, holds an invalid notice, or whose seqs do not
// strictly increase is rejected whole, so a truncated or hostile answer can never be half-applied.
Result<FeedPage> ParseFeedPage(std::string_view body);

}  // namespace ck::protocol

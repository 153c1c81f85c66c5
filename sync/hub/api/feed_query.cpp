// Feed request parsing, ETags and page building.
#include "sync/hub/api/feed_query.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace ck::hub {

namespace {

// Plain decimal digits only: no sign, no spaces, no hex; at most 18 digits so it always fits an int64.
std::optional<std::int64_t> ParseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<FeedRequest> ParseFeedRequest(const std::optional<std::string>& cursor,
                                     const std::optional<std::string>& limit) {
  using R = Result<FeedRequest>;
  FeedRequest req;
  if (cursor) {
    auto v = ParseDecimal(*cursor);
    if (!v) return R::Fail("cursor: must be the next_cursor of an earlier page, or \"0\" to start");
    req.after_seq = *v;
  }
  if (limit) {
    auto v = ParseDecimal(*limit);
    if (!v || *v < 1 || *v > protocol::kMaxFeedPageSize)
      return R::Fail("limit: must be a whole number from 1 to " + std::to_string(protocol::kMaxFeedPageSize));
    req.limit = static_cast<int>(*v);
  }
  return R::Ok(req);
}

std::string FeedEtag(const FeedRequest& request, std::int64_t max_seq) {
  return "\"f" + std::to_string(max_seq) + "-" + std::to_string(request.after_seq) + "-" +
         std::to_string(request.limit) + "\"";
}

bool EtagMatches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    if (item == "*") return true;
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);  // If-None-Match uses weak comparison
    if (item == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

namespace {

// An activity as kiosks get it: the stored body with this snapshot's sign-up counts.
Result<protocol::FeedChange> ActivityChange(const ActivityFeedRecord& r) {
  using R = Result<protocol::FeedChange>;
  protocol::FeedChange c;
  c.seq = r.seq;
  c.id = r.id;
  if (r.deleted) {
    c.type = protocol::FeedChange::Type::ActivityTombstone;
    return R::Ok(std::move(c));
  }
  auto json = nlohmann::json::parse(r.feed_body, nullptr, /*allow_exceptions=*/false);
  auto activity = protocol::ActivityFromJson(json);
  if (!activity) return R::Fail("stored activity " + r.id + " is unreadable: " + activity.error());
  for (protocol::ActivityOccurrence& o : activity->occurrences) {
    if (auto it = r.counts.find(o.original_start); it != r.counts.end()) {
      o.signed_up = it->second.confirmed;
      o.waitlisted = it->second.waitlisted;
    }
  }
  c.type = protocol::FeedChange::Type::ActivityUpsert;
  c.activity = std::move(activity).value();
  return R::Ok(std::move(c));
}

}  // namespace

Result<FeedAnswer> ReadFeedPage(HubRepository& repo, const FeedRequest& request) {
  using R = Result<FeedAnswer>;
  auto slice = repo.ReadFeed(request.after_seq, request.limit);
  if (!slice) return R::Fail(slice.error());
  FeedAnswer answer;
  answer.etag = FeedEtag(request, slice->max_seq);
  protocol::FeedPage& page = answer.page;
  page.changes.reserve(slice->records.size() + slice->activities.size());
  for (NoticeRecord& r : slice->records) {
    protocol::FeedChange c;
    c.seq = r.seq;
    c.id = r.notice.id;
    if (r.withdrawn()) {
      c.type = protocol::FeedChange::Type::NoticeTombstone;
    } else {
      c.type = protocol::FeedChange::Type::NoticeUpsert;
      c.notice = std::move(r.notice);
    }
    page.changes.push_back(std::move(c));
  }
  for (const ActivityFeedRecord& r : slice->activities) {
    auto c = ActivityChange(r);
    if (!c) return R::Fail(c.error());
    page.changes.push_back(std::move(c).value());
  }
  std::sort(page.changes.begin(), page.changes.end(),
            [](const protocol::FeedChange& a, const protocol::FeedChange& b) { return a.seq < b.seq; });
  page.has_more = slice->has_more;
  page.next_cursor = std::to_string(page.changes.empty() ? request.after_seq : page.changes.back().seq);
  return R::Ok(std::move(answer));
}

}  // namespace ck::hub

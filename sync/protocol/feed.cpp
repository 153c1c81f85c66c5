// Feed page codec. Parsing validates everything before the caller applies anything.
#include "sync/protocol/feed.h"

#include <nlohmann/json.hpp>

#include "sync/protocol/ids.h"

namespace ck::protocol {

namespace {

constexpr std::string_view kUpsertType = "notice.upsert";
constexpr std::string_view kTombstoneType = "notice.tombstone";
constexpr std::string_view kActivityUpsertType = "activity.upsert";
constexpr std::string_view kActivityTombstoneType = "activity.tombstone";

}  // namespace

std::string FeedPageToJson(const FeedPage& page) {
  nlohmann::json changes = nlohmann::json::array();
  for (const FeedChange& c : page.changes) {
    nlohmann::json jc{{"seq", c.seq}};
    switch (c.type) {
      case FeedChange::Type::NoticeUpsert:
        jc["type"] = kUpsertType;
        jc["notice"] = *c.notice;
        break;
      case FeedChange::Type::NoticeTombstone:
        jc["type"] = kTombstoneType;
        jc["id"] = c.id;
        break;
      case FeedChange::Type::ActivityUpsert:
        jc["type"] = kActivityUpsertType;
        jc["activity"] = *c.activity;
        break;
      case FeedChange::Type::ActivityTombstone:
        jc["type"] = kActivityTombstoneType;
        jc["id"] = c.id;
        break;
      case FeedChange::Type::Unknown:
        continue;
    }
    changes.push_back(std::move(jc));
  }
  nlohmann::json j{
      {"changes", std::move(changes)}, {"next_cursor", page.next_cursor}, {"has_more", page.has_more}};
  return j.dump();
}

Result<FeedPage> ParseFeedPage(std::string_view body) {
  using R = Result<FeedPage>;
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return R::Fail("feed: not valid JSON (truncated or corrupt answer)");
  if (!j.is_object()) return R::Fail("feed: must be a JSON object");
  auto changes = j.find("changes");
  auto next = j.find("next_cursor");
  auto more = j.find("has_more");
  if (changes == j.end() || !changes->is_array()) return R::Fail("feed.changes: missing or not an array");
  if (next == j.end() || !next->is_string() || next->get_ref<const std::string&>().empty() ||
      next->get_ref<const std::string&>().size() > 128)
    return R::Fail("feed.next_cursor: missing or not a short string");
  if (more == j.end() || !more->is_boolean()) return R::Fail("feed.has_more: missing or not a boolean");

  FeedPage page;
  page.next_cursor = next->get<std::string>();
  page.has_more = more->get<bool>();
  page.changes.reserve(changes->size());
  std::int64_t last_seq = 0;
  for (const auto& jc : *changes) {
    std::string where = "feed.changes[" + std::to_string(page.changes.size()) + "]";
    if (!jc.is_object()) return R::Fail(where + ": must be an object");
    auto seq = jc.find("seq");
    auto type = jc.find("type");
    if (seq == jc.end() || !seq->is_number_integer() || seq->get<std::int64_t>() <= last_seq)
      return R::Fail(where + ".seq: missing or not increasing");
    if (type == jc.end() || !type->is_string()) return R::Fail(where + ".type: missing or not a string");
    FeedChange c;
    c.seq = last_seq = seq->get<std::int64_t>();
    const auto& t = type->get_ref<const std::string&>();
    if (t == kUpsertType) {
      auto jn = jc.find("notice");
      if (jn == jc.end()) return R::Fail(where + ".notice: missing");
      auto notice = NoticeFromJson(*jn);
      if (!notice) return R::Fail(where + "." + notice.error());
      c.type = FeedChange::Type::NoticeUpsert;
      c.id = notice->id;
      c.notice = std::move(notice).value();
    } else if (t == kActivityUpsertType) {
      auto ja = jc.find("activity");
      if (ja == jc.end()) return R::Fail(where + ".activity: missing");
      auto activity = ActivityFromJson(*ja);
      if (!activity) return R::Fail(where + "." + activity.error());
      c.type = FeedChange::Type::ActivityUpsert;
      c.id = activity->id;
      c.activity = std::move(activity).value();
    } else if (t == kTombstoneType || t == kActivityTombstoneType) {
      auto id = jc.find("id");
      if (id == jc.end() || !id->is_string() || !IsUuid(id->get_ref<const std::string&>()))
        return R::Fail(where + ".id: missing or not a UUID");
      c.type = t == kTombstoneType ? FeedChange::Type::NoticeTombstone : FeedChange::Type::ActivityTombstone;
      c.id = id->get<std::string>();
    } else {
      c.type = FeedChange::Type::Unknown;  // from a newer hub: skipped, cursor still advances
    }
    page.changes.push_back(std::move(c));
  }
  return R::Ok(std::move(page));
}

}  // namespace ck::protocol

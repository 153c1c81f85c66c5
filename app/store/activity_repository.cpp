// ActivityRepository: activities as JSON rows plus one row per occurrence for the range query.
#include "app/store/activity_repository.h"

#include <sqlite3.h>

#include <map>

#include <nlohmann/json.hpp>

namespace ck::store {

namespace {

std::optional<protocol::Activity> ParseStored(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::nullopt;
  auto activity = protocol::ActivityFromJson(json);
  if (!activity) return std::nullopt;
  return std::move(activity).value();
}

}  // namespace

ActivityRepository::ActivityRepository(KioskDatabase& db) : db_(db) {}

Status ActivityRepository::Upsert(const protocol::Activity& a) {
  {
    Statement old = db_.Cached("SELECT revision FROM activities WHERE id = ?1");
    old.Bind(1, a.id);
    if (old.Step() == SQLITE_ROW && old.Int(0) > a.revision) return OkStatus();
  }
  nlohmann::json body = a;
  Statement st = db_.Cached(
      "INSERT INTO activities(id, revision, body) VALUES (?1, ?2, ?3)"
      " ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, body = excluded.body");
  st.Bind(1, a.id).Bind(2, a.revision).Bind(3, body.dump());
  if (!st.Run()) return Status::Fail("store activity " + a.id + ": " + db_.LastError());
  Statement clear = db_.Cached("DELETE FROM activity_occurrences WHERE activity_id = ?1");
  clear.Bind(1, a.id);
  if (!clear.Run()) return Status::Fail("store activity " + a.id + ": " + db_.LastError());
  for (const protocol::ActivityOccurrence& o : a.occurrences) {
    Statement row = db_.Cached(
        "INSERT INTO activity_occurrences(activity_id, original_start, start, end, cancelled)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    row.Bind(1, a.id).Bind(2, o.original_start).Bind(3, o.start).Bind(4, o.end).Bind(5, std::int64_t{o.cancelled});
    if (!row.Run()) return Status::Fail("store activity " + a.id + " occurrence: " + db_.LastError());
  }
  return OkStatus();
}

Status ActivityRepository::Remove(const std::string& id) {
  Statement st = db_.Cached("DELETE FROM activities WHERE id = ?1");
  st.Bind(1, id);
  if (!st.Run()) return Status::Fail("remove activity " + id + ": " + db_.LastError());
  return OkStatus();
}

std::optional<protocol::Activity> ActivityRepository::Get(const std::string& id) const {
  Statement st = db_.Cached("SELECT body FROM activities WHERE id = ?1");
  st.Bind(1, id);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return ParseStored(st.Text(0));
}

std::vector<CalendarEntry> ActivityRepository::Between(protocol::UnixSeconds from, protocol::UnixSeconds to,
                                                       int limit) const {
  // Occurrences are few per activity, activities few per range: parse each activity once per answer.
  Statement st = db_.Cached(
      "SELECT o.activity_id, o.original_start, a.body FROM activity_occurrences o"
      " JOIN activities a ON a.id = o.activity_id"
      " WHERE o.start < ?2 AND o.end > ?1 ORDER BY o.start, o.activity_id LIMIT ?3");
  st.Bind(1, from).Bind(2, to).Bind(3, std::int64_t{limit});
  std::map<std::string, std::shared_ptr<const protocol::Activity>> parsed;
  std::vector<CalendarEntry> out;
  while (st.Step() == SQLITE_ROW) {
    const std::string id = st.Text(0);
    auto it = parsed.find(id);
    if (it == parsed.end()) {
      auto activity = ParseStored(st.Text(2));
      it = parsed.emplace(id, activity ? std::make_shared<const protocol::Activity>(std::move(*activity))
                                       : nullptr).first;
    }
    if (!it->second) continue;  // unreadable row: a hand-edited file; the rest still shows
    const protocol::UnixSeconds original = st.Int(1);
    for (const protocol::ActivityOccurrence& o : it->second->occurrences) {
      if (o.original_start == original) out.push_back({it->second, o});
    }
  }
  return out;
}

std::int64_t ActivityRepository::Count() const {
  Statement st = db_.Cached("SELECT count(*) FROM activities");
  return st.Step() == SQLITE_ROW ? st.Int(0) : 0;
}

}  // namespace ck::store

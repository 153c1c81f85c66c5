// Loads the bundled demo community (assets/demo/community.json) into an empty kiosk database.
#include "app/store/demo_community.h"

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "app/store/activity_repository.h"
#include "app/store/notice_repository.h"
#include "app/store/transaction.h"

namespace ck::store {

namespace {

constexpr protocol::UnixSeconds kHour = 3600;

// The demo file gives times relative to the import; turn one entry into the wire form and parse it with
// the protocol's own validator, so the demo obeys exactly the rules a hub's notice does.
Result<protocol::Notice> DemoNoticeFromJson(const nlohmann::json& entry, protocol::UnixSeconds now) {
  if (!entry.is_object()) return Result<protocol::Notice>::Fail("a notice must be an object");
  nlohmann::json wire = entry;
  auto hours = [&](const char* key) -> std::optional<protocol::UnixSeconds> {
    auto it = entry.find(key);
    if (it == entry.end() || !it->is_number()) return std::nullopt;
    return static_cast<protocol::UnixSeconds>(it->get<double>() * kHour);
  };
  protocol::UnixSeconds published = now - hours("published_hours_ago").value_or(0);
  wire["published_at"] = protocol::FormatUtc(published);
  if (auto expires = hours("expires_in_hours"))
    wire["expires_at"] = protocol::FormatUtc(now + *expires);
  else
    wire["expires_at"] = nullptr;
  wire.erase("published_hours_ago");
  wire.erase("expires_in_hours");
  return protocol::NoticeFromJson(wire);
}

// Local midnight `days` after the day of `now`, in the process's zone (the kiosk's, set at start).
protocol::UnixSeconds LocalMidnight(protocol::UnixSeconds now, int days) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  tm.tm_mday += days;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return static_cast<protocol::UnixSeconds>(std::mktime(&tm));
}

int LocalWeekday(protocol::UnixSeconds t) {  // 1 = Monday … 7 = Sunday
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return tm.tm_wday == 0 ? 7 : tm.tm_wday;
}

// "07:30" → seconds after midnight; -1 when malformed.
protocol::UnixSeconds ClockSeconds(const nlohmann::json& j) {
  if (!j.is_string()) return -1;
  int h = 0, m = 0;
  if (std::sscanf(j.get<std::string>().c_str(), "%d:%d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return -1;
  return h * 3600 + m * 60;
}

// A day of the demo schedule: a number of days from today, or "next_friday" / "next_saturday" (the coming
// one, never today), so the demo shows a weekend with several activities.
std::optional<int> DemoDay(const nlohmann::json& j, protocol::UnixSeconds now) {
  if (j.is_number_integer()) return j.get<int>();
  if (!j.is_string()) return std::nullopt;
  const std::string name = j.get<std::string>();
  const int wanted = name == "next_friday" ? 5 : name == "next_saturday" ? 6 : 0;
  if (wanted == 0) return std::nullopt;
  const int today = LocalWeekday(now);
  const int ahead = (wanted - today + 7) % 7;
  return ahead == 0 ? 7 : ahead;
}

// The demo's activity schedule (relative days, local clock times; "weekly", "monthly" or explicit "at"
// occurrences) turned into the wire form, then parsed with the protocol's own validator.
Result<protocol::Activity> DemoActivityFromJson(const nlohmann::json& entry, protocol::UnixSeconds now) {
  using R = Result<protocol::Activity>;
  if (!entry.is_object()) return R::Fail("an activity must be an object");
  nlohmann::json wire = entry;
  const bool all_day = entry.value("all_day", false);
  wire["all_day"] = all_day;
  wire["signup_closes_before_seconds"] = static_cast<std::int64_t>(entry.value("signup_closes_before_hours", 0.0) * kHour);
  wire["revision"] = 1;
  for (const char* k : {"weekly", "monthly", "at", "signup_closes_before_hours"}) wire.erase(k);
  struct Occ {
    protocol::UnixSeconds start, end;
    int signed_up, waitlisted;
  };
  std::vector<Occ> occ;
  auto timed = [&](protocol::UnixSeconds midnight, const nlohmann::json& start, int minutes, int days) -> bool {
    if (all_day) {
      occ.push_back({midnight, LocalMidnight(midnight + 12 * kHour, std::max(days, 1)), 0, 0});
      return true;
    }
    const protocol::UnixSeconds at = ClockSeconds(start);
    if (at < 0 || minutes <= 0) return false;
    occ.push_back({midnight + at, midnight + at + minutes * 60, 0, 0});
    return true;
  };
  if (auto w = entry.find("weekly"); w != entry.end()) {
    const int weeks = w->value("weeks", 4);
    for (int day = 0; day < weeks * 7; ++day) {
      const protocol::UnixSeconds midnight = LocalMidnight(now, day);
      for (const auto& wd : w->value("weekdays", nlohmann::json::array()))
        if (wd.is_number_integer() && wd.get<int>() == LocalWeekday(midnight + 12 * kHour) &&
            !timed(midnight, (*w)["start"], w->value("minutes", 0), 1))
          return R::Fail("weekly: start or minutes");
    }
  }
  if (auto mo = entry.find("monthly"); mo != entry.end()) {
    const int months = mo->value("months", 3), weekday = mo->value("weekday", 1), nth = mo->value("nth", 1);
    const std::time_t t = static_cast<std::time_t>(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    for (int k = 0; k < months; ++k) {
      std::tm first{};
      first.tm_year = tm.tm_year;
      first.tm_mon = tm.tm_mon + k;
      first.tm_mday = 1;
      first.tm_hour = 12;
      first.tm_isdst = -1;
      const protocol::UnixSeconds noon = static_cast<protocol::UnixSeconds>(std::mktime(&first));
      const int offset = (weekday - LocalWeekday(noon) + 7) % 7 + (nth - 1) * 7;
      const protocol::UnixSeconds midnight = LocalMidnight(noon, offset);
      if (!timed(midnight, (*mo)["start"], mo->value("minutes", 0), 1)) return R::Fail("monthly: start or minutes");
    }
  }
  if (auto at = entry.find("at"); at != entry.end() && at->is_array()) {
    for (const auto& o : *at) {
      const auto day = DemoDay(o.value("day", nlohmann::json()), now);
      if (!day) return R::Fail("at: day");
      if (!timed(LocalMidnight(now, *day), o.value("start", nlohmann::json()), o.value("minutes", 0), o.value("days", 1)))
        return R::Fail("at: start or minutes");
      occ.back().signed_up = o.value("signed_up", 0);
      occ.back().waitlisted = o.value("waitlisted", 0);
    }
  }
  std::sort(occ.begin(), occ.end(), [](const Occ& a, const Occ& b) { return a.start < b.start; });
  nlohmann::json list = nlohmann::json::array();
  for (const Occ& o : occ) {
    if (o.end <= now - 7 * 86400) continue;
    list.push_back({{"original_start", protocol::FormatUtc(o.start)},
                    {"start", protocol::FormatUtc(o.start)},
                    {"end", protocol::FormatUtc(o.end)},
                    {"cancelled", false},
                    {"cancel_reason", ""},
                    {"signed_up", o.signed_up},
                    {"waitlisted", o.waitlisted}});
  }
  wire["occurrences"] = std::move(list);
  return protocol::ActivityFromJson(wire);
}

Status ImportDemoActivities(KioskDatabase& db, const nlohmann::json& doc, protocol::UnixSeconds now, int* imported) {
  ActivityRepository activities(db);
  auto list = doc.find("activities");
  if (list == doc.end() || activities.Count() > 0) return OkStatus();  // a kiosk with activities keeps them
  if (!list->is_array()) return Status::Fail("demo community: \"activities\" must be an array");
  Transaction tx(db, Durability::Full);
  if (!tx.ok()) return Status::Fail("demo community: " + tx.error());
  for (const auto& entry : *list) {
    auto activity = DemoActivityFromJson(entry, now);
    if (!activity)
      return Status::Fail("demo community: activity " + std::to_string(*imported + 1) + ": " + activity.error());
    if (auto s = activities.Upsert(*activity); !s) return Status::Fail("demo community: " + s.error());
    ++*imported;
  }
  return tx.Commit();
}

}  // namespace

Result<DemoCommunity> ImportDemoCommunity(KioskDatabase& db, const std::filesystem::path& demo_file,
                                          protocol::UnixSeconds now) {
  using R = Result<DemoCommunity>;
  std::ifstream in(demo_file);
  if (!in) return R::Fail("demo community: cannot open " + demo_file.string());
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return R::Fail("demo community: " + demo_file.string() + " is not a JSON object");

  DemoCommunity demo;
  if (auto it = doc.find("community_name"); it != doc.end() && it->is_string()) demo.community_name = *it;

  if (auto s = ImportDemoActivities(db, doc, now, &demo.activities_imported); !s) return R::Fail(s.error());
  NoticeRepository notices(db);
  if (notices.Count() > 0) return R::Ok(demo);  // a kiosk that already has data keeps it

  auto list = doc.find("notices");
  if (list == doc.end() || !list->is_array()) return R::Fail("demo community: \"notices\" must be an array");
  // All or nothing, and one fsync instead of one per notice.
  Transaction tx(db, Durability::Full);
  if (!tx.ok()) return R::Fail("demo community: " + tx.error());
  for (const auto& entry : *list) {
    auto notice = DemoNoticeFromJson(entry, now);
    if (!notice)
      return R::Fail("demo community: notice " + std::to_string(demo.notices_imported + 1) + ": " +
                     notice.error());
    if (auto s = notices.Upsert(*notice); !s) return R::Fail("demo community: " + s.error());
    ++demo.notices_imported;
  }
  if (auto s = tx.Commit(); !s) return R::Fail("demo community: " + s.error());
  return R::Ok(demo);
}

}  // namespace ck::store

// The activity list: a party's own activities (the street office sees all), the upcoming first by their next
// occurrence, filtered by state, organiser and text; each row with its next occurrence's sign-ups. And the
// iCalendar import (a .ics upload, through rules/activity_ical.h's ImportICalendar) and export.
#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "sync/hub/console/activity_form.h"
#include "sync/hub/console/activity_pages.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/rules/activity_ical.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::console {

namespace {

constexpr int kPageSize = 50;

struct ListedActivity {
  ActivityRecord record;
  std::optional<protocol::ActivityOccurrence> next;  // the next occurrence not over yet
  std::string state;                                 // upcoming | past | cancelled
};

ListedActivity Listed(const ActivityRecord& a, protocol::UnixSeconds now) {
  ListedActivity l{a, std::nullopt, ""};
  auto body = protocol::ActivityFromJson(nlohmann::json::parse(a.feed_body, nullptr, false));
  if (body) {
    for (const protocol::ActivityOccurrence& o : body->occurrences) {
      if (o.end <= now) continue;
      if (!l.next || (l.next->cancelled && !o.cancelled)) l.next = o;
      if (!o.cancelled) break;
    }
  }
  l.state = a.cancelled_at ? "cancelled" : l.next ? "upcoming" : "past";
  return l;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return needle.empty() || haystack.find(needle) != std::string::npos;
}

}  // namespace

LoadedActivity LoadActivityFor(ConsoleRequest& rq) {
  LoadedActivity l;
  auto id = protocol::NormaliseUuid(rq.Match(1));
  if (!id) {
    l.answer = rq.NotFound();
    return l;
  }
  auto found = rq.activities().FindActivity(*id);
  if (!found) throw std::runtime_error("find activity: " + found.error());
  if (!*found || (*found)->deleted_at) {
    l.answer = rq.NotFound();
    return l;
  }
  if (!MayEditActivity(rq.me(), (*found)->organisers)) {
    std::string owners;
    for (Party p : (*found)->organisers) owners += (owners.empty() ? "" : ",") + std::string(protocol::PublisherCode(p));
    l.answer = rq.Deny(*id, "activity of " + owners);
    return l;
  }
  l.record = std::move(**found);
  return l;
}

ConsoleAnswer ActivitiesPage(ConsoleRequest& rq) {
  const bool street = IsStreetOffice(rq.me());
  std::string when = rq.Query("when"), organiser = rq.Query("organiser"), text = rq.Query("q").substr(0, 200);
  if (when != "past" && when != "cancelled" && when != "all") when = "upcoming";
  // A party lists the activities it organises (alone or jointly); the street office all, or one party's.
  std::optional<Party> party = street ? protocol::ParsePublisher(organiser) : std::optional<Party>(rq.me().party);
  auto list = rq.activities().ListActivities(party);
  if (!list) throw std::runtime_error("activity list: " + list.error());

  std::vector<ListedActivity> rows;
  for (const ActivityRecord& a : *list) {
    ListedActivity l = Listed(a, rq.now);
    if (when != "all" && l.state != when) continue;
    if (!Contains(a.title, text) && !Contains(a.place, text) && !Contains(a.description, text)) continue;
    rows.push_back(std::move(l));
  }
  // Upcoming first, soonest first; then the rest, the latest first.
  std::stable_sort(rows.begin(), rows.end(), [](const ListedActivity& x, const ListedActivity& y) {
    if (x.next.has_value() != y.next.has_value()) return x.next.has_value();
    if (x.next) return x.next->start < y.next->start;
    return x.record.start > y.record.start;
  });
  const int offset = ParsePageOffset(rq.Query("offset"));

  View v;
  std::vector<std::pair<std::string, std::string>> states;
  for (const char* s : {"upcoming", "past", "cancelled", "all"})
    states.emplace_back(s, rq.T(std::string("activities.when.") + s));
  v["states"] = OptionsView(states, when);
  v["street"] = street;
  if (street) {
    std::vector<std::pair<std::string, std::string>> parties{{"", rq.T("common.all")}};
    for (Party p : kActivityParties) parties.emplace_back(std::string(protocol::PublisherCode(p)), PartyName(rq.lang, p));
    v["organisers"] = OptionsView(parties, organiser);
  } else {
    v["organisers"] = false;
  }
  v["text"] = text;
  char count[64];
  std::snprintf(count, sizeof count, rq.T("activities.count").c_str(), static_cast<long long>(rows.size()));
  v["count"] = std::string(count);
  v["any"] = !rows.empty();
  View items = ViewList();
  for (std::size_t i = static_cast<std::size_t>(offset); i < rows.size() && i < static_cast<std::size_t>(offset + kPageSize); ++i) {
    const ListedActivity& l = rows[i];
    const ActivityRecord& a = l.record;
    View r;
    r["href"] = "/console/activities/" + a.id;
    r["title"] = a.title;
    r["place"] = a.place;
    r["organisers"] = OrganiserNames(rq.lang, a.organisers);
    View state;
    state["code"] = l.state;
    state["name"] = rq.T(std::string("activities.state.") + l.state);
    r["state"] = std::move(state);
    r["repeat"] = RecurrenceWords(rq.lang, a.rrule);
    if (l.next) {
      r["when"] = OccurrenceWhen(rq.lang, l.next->start, l.next->end, a.all_day);
      r["next_cancelled"] = l.next->cancelled;
    } else {
      r["when"] = OccurrenceWhen(rq.lang, a.start, a.start + a.duration, a.all_day);
      r["next_cancelled"] = false;
    }
    if (a.capacity > 0 && l.next) {
      auto counts = rq.activities().CountSignups(a.id);
      if (!counts) throw std::runtime_error("sign-up counts: " + counts.error());
      OccurrenceCounts c;
      if (auto it = counts->find(l.next->original_start); it != counts->end()) c = it->second;
      char buf[160];
      std::snprintf(buf, sizeof buf, rq.T("activities.signed_up").c_str(), c.confirmed, a.capacity);
      std::string cell = buf;
      if (c.waitlisted > 0) {
        std::snprintf(buf, sizeof buf, rq.T("activities.waiting").c_str(), c.waitlisted);
        cell += " · " + std::string(buf);
      }
      View s;
      s["text"] = cell;
      s["href"] = "/console/activities/" + a.id + "/signups?at=" + std::to_string(l.next->original_start);
      r["signups"] = std::move(s);
    } else {
      r["signups"] = false;
    }
    r["no_signup"] = a.capacity == 0;
    items << r;
  }
  v["rows"] = std::move(items);
  std::string base = "/console/activities?when=" + UrlEncode(when) + "&organiser=" + UrlEncode(organiser) +
                     "&q=" + UrlEncode(text);
  v["pager"] = PagerView(rq, base, static_cast<std::int64_t>(rows.size()), offset, kPageSize);
  v["export_href"] = street && party ? "/console/activities/export.ics?organiser=" + UrlEncode(organiser)
                                     : std::string("/console/activities/export.ics");
  return rq.Render("activities", rq.T("activities.title"), "nav.activities", std::move(v));
}

// ---- iCalendar ----

namespace {

ConsoleAnswer ImportForm(ConsoleRequest& rq, std::string_view error, int status) {
  View v;
  if (error.empty()) v["error"] = false; else v["error"] = std::string(error);
  return rq.Render("activity_import", rq.T("activities.import.title"), "nav.activities", std::move(v), status);
}

}  // namespace

ConsoleAnswer ActivityImportPage(ConsoleRequest& rq) {
  return ImportForm(rq, "", 200);
}

ConsoleAnswer ActivityImportAction(ConsoleRequest& rq) {
  if (rq.UnexpectedFormKey({"file"})) return rq.BadRequest(rq.T("orders.error.extra_field"));
  const std::string text = rq.Form("file");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return ImportForm(rq, rq.T("activities.import.empty"), 400);
  // Organisers default to the clerk's party; one named in the file must include it (the street office: any),
  // and a UID of an existing activity is an edit of it, under the same rules as the form.
  auto stored = ImportICalendar(rq.activities(), rq.me().party, text, rq.me().name, rq.now);
  if (stored.error == WriteError::Storage) throw std::runtime_error("import: " + stored.message);
  if (!stored.ok()) {
    if (stored.error == WriteError::Refused) rq.Audit("denied", "activity import", stored.message);
    return ImportForm(rq, ActivityRefusalText(rq.lang, stored.code, stored.message),
                      stored.error == WriteError::Refused ? 403 : 400);
  }
  View done = ViewList();
  for (const ActivityRecord& a : *stored.value) {
    rq.Audit("activity.import", a.id, protocol::ClipCodepoints(a.title, 60));
    View item;
    item["href"] = "/console/activities/" + a.id;
    item["title"] = a.title;
    item["when"] = OccurrenceWhen(rq.lang, a.start, a.start + a.duration, a.all_day);
    item["repeat"] = RecurrenceWords(rq.lang, a.rrule);
    done << item;
  }
  View v;
  v["error"] = false;
  char buf[80];
  std::snprintf(buf, sizeof buf, rq.T("activities.import.done").c_str(), static_cast<long long>(stored.value->size()));
  v["done_text"] = std::string(buf);
  v["done"] = std::move(done);
  return rq.Render("activity_import", rq.T("activities.import.title"), "nav.activities", std::move(v));
}

ConsoleAnswer ActivityExport(ConsoleRequest& rq) {
  const bool street = IsStreetOffice(rq.me());
  std::optional<Party> party = street ? protocol::ParsePublisher(rq.Query("organiser"))
                                      : std::optional<Party>(rq.me().party);
  auto list = rq.activities().ListActivities(party);
  if (!list) throw std::runtime_error("activity list: " + list.error());
  std::string one = rq.Query("id");
  std::vector<ActivityWithChanges> items;
  for (const ActivityRecord& a : *list) {
    if (!one.empty() && a.id != protocol::NormaliseUuid(one).value_or("")) continue;
    auto changes = rq.activities().ListOccurrenceChanges(a.id);
    if (!changes) throw std::runtime_error("occurrence changes: " + changes.error());
    items.push_back({a, *changes});
  }
  if (!one.empty() && items.empty()) return rq.NotFound();
  ConsoleAnswer answer;
  answer.content_type = "text/calendar; charset=utf-8";
  answer.body = ExportICalendar(items, rq.services.options.public_url);
  std::string name = one.empty() ? "activities" : "activity-" + items.front().activity.id.substr(0, 8);
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".ics\"");
  return answer;
}

}  // namespace ck::hub::console

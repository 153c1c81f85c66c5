// The activity form: text ⇄ ActivityEdit, the recurrence controls ⇄ RRULE, and the kiosk-like preview.
#include "sync/hub/console/activity_form.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "sync/hub/console/console_router.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/rules/activity_schedule.h"
#include "sync/protocol/activity.h"

namespace ck::hub::console {

namespace {

constexpr protocol::UnixSeconds kDay = 24 * 3600;

// "YYYY-MM-DD" → midnight of that day in Beijing (UTC seconds).
std::optional<protocol::UnixSeconds> ParseDay(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return ParseDateTimeLocal(std::string(text) + "T00:00");
}

std::string DayOf(protocol::UnixSeconds t) { return FormatLocal(t).substr(0, 10); }
std::string ClockOf(protocol::UnixSeconds t) { return FormatLocal(t).substr(11, 5); }

// Beijing midnight of the day `t` falls on.
protocol::UnixSeconds MidnightOf(protocol::UnixSeconds t) {
  protocol::UnixSeconds local = t + kBeijingOffsetSeconds;
  protocol::UnixSeconds floor = local - ((local % kDay) + kDay) % kDay;
  return floor - kBeijingOffsetSeconds;
}

std::map<std::string, std::string> RuleParts(std::string_view rrule) {
  std::map<std::string, std::string> parts;
  std::size_t pos = 0;
  while (pos < rrule.size()) {
    std::size_t semi = rrule.find(';', pos);
    std::string_view item = rrule.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
    std::size_t eq = item.find('=');
    if (eq != std::string_view::npos) parts[std::string(item.substr(0, eq))] = std::string(item.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return parts;
}

std::vector<std::string> SplitList(std::string_view text, std::string_view separators) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t next = text.find_first_of(separators, pos);
    std::string_view item = text.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (!item.empty()) out.emplace_back(item);
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

bool IsWeekday(std::string_view code) {
  return std::find(std::begin(kWeekdayCodes), std::end(kWeekdayCodes), code) != std::end(kWeekdayCodes);
}

// "20261215T235959" / "20261215" → "2026-12-15"; "" when it is not such a date.
std::string UntilDay(const std::string& until) {
  if (until.size() < 8 || until.find_first_not_of("0123456789", 0) < 8) return {};
  std::string day = until.substr(0, 4) + "-" + until.substr(4, 2) + "-" + until.substr(6, 2);
  if (!ParseDay(day)) return {};
  if (until.size() == 8 || until.substr(8) == "T235959") return day;
  return {};
}

// Reads the controls out of a stored rule; false when the rule says more than they can (kept as "custom").
bool ControlsFromRule(const std::string& rrule, ActivityForm& f) {
  if (rrule.empty()) {
    f.repeat = "none";
    return true;
  }
  auto parts = RuleParts(rrule);
  std::string freq = parts["FREQ"], byday = parts["BYDAY"];
  for (const auto& [key, value] : parts)
    if (key != "FREQ" && key != "BYDAY" && key != "UNTIL" && key != "COUNT" && !(key == "INTERVAL" && value == "1"))
      return false;
  if (parts.count("UNTIL")) {
    f.until = UntilDay(parts["UNTIL"]);
    if (f.until.empty()) return false;
    f.ends = "until";
  } else if (parts.count("COUNT")) {
    f.count = parts["COUNT"];
    f.ends = "count";
  }
  if (freq == "WEEKLY" && !byday.empty()) {
    for (const std::string& d : SplitList(byday, ","))
      if (!IsWeekday(d)) return false;
    for (const std::string& d : SplitList(byday, ",")) f.weekdays.insert(d);
    f.repeat = "weekly";
    return true;
  }
  if (freq == "MONTHLY" && byday.size() >= 3 && byday.find(',') == std::string::npos) {
    std::string day = byday.substr(byday.size() - 2), week = byday.substr(0, byday.size() - 2);
    if (week.front() == '+') week.erase(0, 1);
    if (!IsWeekday(day) || (week != "1" && week != "2" && week != "3" && week != "4" && week != "-1")) return false;
    f.month_week = week;
    f.month_weekday = day;
    f.repeat = "monthly";
    return true;
  }
  return false;
}

std::string WeekdayList(Lang lang, const std::vector<std::string>& days) {
  std::string out;
  for (const std::string& d : days) {
    if (!out.empty()) out += lang == Lang::En ? ", " : "、";
    // Chinese lists the later days by number alone ("每周二、四").
    std::string name = Tr(lang, "weekday." + d);
    if (lang == Lang::Zh && !out.empty() && name.rfind("周", 0) == 0) name = name.substr(std::string("周").size());
    out += name;
  }
  return out;
}

}  // namespace

std::vector<std::string_view> ActivityFormKeys() {
  static const std::vector<std::string> owned = [] {
    std::vector<std::string> k = {"title",  "description", "place", "eligibility", "all_day",       "start",
                                  "end",    "repeat",      "month_week", "month_weekday", "ends", "until",
                                  "count",  "rrule",       "exdates", "capacity",  "closes_hours", "revision",
                                  "do"};
    for (Party p : kActivityParties) k.push_back("org." + std::string(protocol::PublisherCode(p)));
    for (const char* d : kWeekdayCodes) k.push_back(std::string("day.") + d);
    return k;
  }();
  return std::vector<std::string_view>(owned.begin(), owned.end());
}

ActivityForm NewActivityForm(Party mine, protocol::UnixSeconds now) {
  ActivityForm f;
  f.organisers.insert(std::string(protocol::PublisherCode(mine)));
  protocol::UnixSeconds start = MidnightOf(now) + kDay + 9 * 3600;
  f.start = DateTimeLocalValue(start);
  f.end = DateTimeLocalValue(start + 3600);
  return f;
}

ActivityForm ActivityFormFromRecord(const ActivityRecord& a) {
  ActivityForm f;
  f.title = a.title;
  f.description = a.description;
  f.place = a.place;
  f.eligibility = a.eligibility;
  for (Party p : a.organisers) f.organisers.insert(std::string(protocol::PublisherCode(p)));
  f.all_day = a.all_day;
  f.start = DateTimeLocalValue(a.start);
  // All day: the end shown is the last day's midnight (the form takes whole days, the last one included).
  f.end = DateTimeLocalValue(a.all_day ? a.start + std::max<protocol::UnixSeconds>(a.duration - kDay, 0)
                                       : a.start + a.duration);
  if (!ControlsFromRule(a.rrule, f)) {
    // What the controls cannot say (an imported INTERVAL=2, BYMONTHDAY …) stays as it is, shown as text.
    f.repeat = "custom";
    f.weekdays.clear();
    f.ends = "never";
    f.until.clear();
    f.count.clear();
    f.rrule = a.rrule;
  }
  std::string days;
  for (protocol::UnixSeconds x : a.exdates) days += (days.empty() ? "" : " ") + DayOf(x);
  f.exdates = days;
  f.capacity = std::to_string(a.capacity);
  f.closes_hours = std::to_string(a.signup_closes_before / 3600);
  f.revision = std::to_string(a.revision);
  return f;
}

ActivityForm ActivityFormFromRequest(const ConsoleRequest& rq) {
  ActivityForm f;
  f.title = rq.Form("title");
  for (char c : rq.Form("description"))
    if (c != '\r') f.description += c;  // browsers send CRLF from a textarea; the kiosk splits on LF
  f.place = rq.Form("place");
  f.eligibility = rq.Form("eligibility");
  for (Party p : kActivityParties) {
    std::string code(protocol::PublisherCode(p));
    if (rq.Form(("org." + code).c_str()) == "1") f.organisers.insert(code);
  }
  f.all_day = rq.Form("all_day") == "1";
  f.start = rq.Form("start");
  f.end = rq.Form("end");
  f.repeat = rq.Form("repeat");
  if (f.repeat.empty()) f.repeat = "none";
  for (const char* d : kWeekdayCodes)
    if (rq.Form((std::string("day.") + d).c_str()) == "1") f.weekdays.insert(d);
  f.month_week = rq.Form("month_week");
  f.month_weekday = rq.Form("month_weekday");
  f.ends = rq.Form("ends");
  if (f.ends.empty()) f.ends = "never";
  f.until = rq.Form("until");
  f.count = rq.Form("count");
  f.rrule = rq.Form("rrule");
  f.exdates = rq.Form("exdates");
  f.capacity = rq.Form("capacity");
  f.closes_hours = rq.Form("closes_hours");
  f.revision = rq.Form("revision");
  return f;
}

std::string RecurrenceRule(const ActivityForm& f) {
  std::string rule;
  if (f.repeat == "custom") return f.rrule;
  if (f.repeat == "weekly") {
    rule = "FREQ=WEEKLY;BYDAY=";
    bool first = true;
    for (const char* d : kWeekdayCodes) {
      if (!f.weekdays.count(d)) continue;
      rule += (first ? "" : ",") + std::string(d);
      first = false;
    }
  } else if (f.repeat == "monthly") {
    rule = "FREQ=MONTHLY;BYDAY=" + f.month_week + f.month_weekday;
  } else {
    return "";
  }
  if (f.ends == "until" && f.until.size() == 10)
    rule += ";UNTIL=" + f.until.substr(0, 4) + f.until.substr(5, 2) + f.until.substr(8, 2) + "T235959";
  else if (f.ends == "count")
    rule += ";COUNT=" + f.count;
  return rule;
}

ParsedActivity ParseActivityForm(Lang lang, const ActivityForm& f) {
  ParsedActivity p;
  ActivityEdit& e = p.edit;
  auto fail = [&](const char* key) {
    if (p.error.empty()) p.error = Tr(lang, key);
  };
  e.title = f.title;
  e.description = f.description;
  e.place = f.place;
  e.eligibility = f.eligibility;
  std::vector<protocol::Publisher> organisers;
  for (Party party : kActivityParties)
    if (f.organisers.count(std::string(protocol::PublisherCode(party)))) organisers.push_back(party);
  if (organisers.empty()) fail("activity.error.organisers");
  e.organisers = organisers;
  if (f.title.empty()) fail("activity.error.title");
  if (f.place.empty()) fail("activity.error.place");

  auto start = ParseDateTimeLocal(f.start);
  auto end = f.end.empty() ? start : ParseDateTimeLocal(f.end);
  if (!start || !end) {
    fail("activity.error.time");
    e.start = start.value_or(0);
    e.duration = 3600;
  } else if (f.all_day) {
    // Whole days in Beijing time, the last day included.
    protocol::UnixSeconds first = MidnightOf(*start), last = MidnightOf(*end);
    if (last < first) fail("activity.error.end");
    e.start = first;
    e.duration = std::max<protocol::UnixSeconds>(last - first, 0) + kDay;
  } else {
    if (*end <= *start) fail("activity.error.end");
    e.start = *start;
    e.duration = std::max<protocol::UnixSeconds>(*end - *start, 60);
  }
  e.all_day = f.all_day;

  if (f.repeat == "weekly" && f.weekdays.empty()) fail("activity.error.weekdays");
  if (f.repeat != "none" && f.repeat != "custom" && f.repeat != "weekly" && f.repeat != "monthly")
    fail("activity.error.rrule");
  if (f.repeat == "weekly" || f.repeat == "monthly") {
    if (f.ends == "until" && !ParseDay(f.until)) fail("activity.error.until");
    if (f.ends == "count") {
      bool digits = !f.count.empty() && f.count.size() <= 4 && f.count.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoi(f.count) < 1) fail("activity.error.count");
    }
  }
  e.rrule = RecurrenceRule(f);

  std::vector<protocol::UnixSeconds> exdates;
  const protocol::UnixSeconds time_of_day = e.start ? *e.start - MidnightOf(*e.start) : 0;
  for (const std::string& day : SplitList(f.exdates, " ,，、;\n\r\t")) {
    auto midnight = ParseDay(day);
    if (!midnight) {
      fail("activity.error.exdates");
      continue;
    }
    exdates.push_back(*midnight + time_of_day);
  }
  e.exdates = exdates;

  auto number = [&](const std::string& text, const char* key, int max) -> int {
    if (text.empty()) return 0;
    if (text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) > max) {
      fail(key);
      return 0;
    }
    return std::stoi(text);
  };
  e.capacity = number(f.capacity, "activity.error.capacity", protocol::kMaxActivityCapacity);
  e.signup_closes_before = static_cast<protocol::UnixSeconds>(number(f.closes_hours, "activity.error.closes", 24 * 60)) * 3600;
  return p;
}

View ActivityFormView(Lang lang, const ActivityForm& f, Party mine, bool street_office) {
  View v;
  v["title"] = f.title;
  v["description"] = f.description;
  v["place"] = f.place;
  v["eligibility"] = f.eligibility;
  v["all_day"] = f.all_day;
  v["start"] = f.start;
  v["end"] = f.end;
  v["until"] = f.until;
  v["count"] = f.count;
  v["rrule"] = f.rrule;
  v["exdates"] = f.exdates;
  v["capacity"] = f.capacity;
  v["closes_hours"] = f.closes_hours;
  v["revision"] = f.revision;
  View parties = ViewList();
  for (Party p : kActivityParties) {
    std::string code(protocol::PublisherCode(p));
    View item;
    item["code"] = code;
    item["name"] = PartyName(lang, p);
    item["checked"] = f.organisers.count(code) > 0;
    // A party always stays among its own activities' organisers (the rules refuse otherwise).
    item["mine"] = !street_office && p == mine;
    parties << item;
  }
  v["parties"] = std::move(parties);
  View days = ViewList();
  for (const char* d : kWeekdayCodes) {
    View item;
    item["code"] = d;
    item["name"] = Tr(lang, std::string("weekday.") + d);
    item["checked"] = f.weekdays.count(d) > 0;
    days << item;
  }
  v["weekdays"] = std::move(days);
  std::vector<std::pair<std::string, std::string>> repeats = {
      {"none", Tr(lang, "activity.repeat.none")},
      {"weekly", Tr(lang, "activity.repeat.weekly")},
      {"monthly", Tr(lang, "activity.repeat.monthly")}};
  if (f.repeat == "custom") repeats.emplace_back("custom", Tr(lang, "activity.repeat.custom"));
  v["repeats"] = OptionsView(repeats, f.repeat);
  v["custom"] = f.repeat == "custom";
  std::vector<std::pair<std::string, std::string>> weeks;
  for (const char* w : {"1", "2", "3", "4", "-1"}) weeks.emplace_back(w, Tr(lang, std::string("ordinal.") + w));
  v["month_weeks"] = OptionsView(weeks, f.month_week);
  std::vector<std::pair<std::string, std::string>> weekday_options;
  for (const char* d : kWeekdayCodes) weekday_options.emplace_back(d, Tr(lang, std::string("weekday.") + d));
  v["month_weekdays"] = OptionsView(weekday_options, f.month_weekday);
  std::vector<std::pair<std::string, std::string>> ends = {{"never", Tr(lang, "activity.ends.never")},
                                                           {"until", Tr(lang, "activity.ends.until")},
                                                           {"count", Tr(lang, "activity.ends.count")}};
  v["ends"] = OptionsView(ends, f.ends);
  return v;
}

std::string ActivityRefusalText(Lang lang, std::string_view code, std::string_view message) {
  if (!code.empty() && HasText("rule." + std::string(code))) return Tr(lang, "rule." + std::string(code));
  static constexpr std::pair<const char*, const char*> kByField[] = {
      {"title:", "activity.error.title"},         {"place:", "activity.error.place"},
      {"description:", "activity.error.description"}, {"eligibility:", "activity.error.eligibility"},
      {"start:", "activity.error.time"},          {"duration:", "activity.error.end"},
      {"rrule:", "activity.error.rrule"},         {"schedule:", "activity.error.rrule"},
      {"reason:", "activity.error.reason"},       {"organisers:", "activity.error.organisers"},
      {"occurrence:", "activity.error.occurrence"}, {"capacity:", "activity.error.capacity"},
      {"attendance:", "rule.signup.not_started"}};
  for (const auto& [prefix, key] : kByField)
    if (message.rfind(prefix, 0) == 0) return Tr(lang, key);
  // A message the console has no words for: say so in the page's language, with the rules' text after it.
  return Tr(lang, "rule.invalid") + " (" + std::string(message) + ")";
}

std::string RecurrenceWords(Lang lang, std::string_view rrule) {
  if (rrule.empty()) return "";
  ActivityForm f;
  if (!ControlsFromRule(std::string(rrule), f)) return Tr(lang, "activity.repeat.custom") + " · " + std::string(rrule);
  std::string words;
  char buf[200];
  if (f.repeat == "weekly") {
    std::vector<std::string> days;
    for (const char* d : kWeekdayCodes)
      if (f.weekdays.count(d)) days.push_back(d);
    std::snprintf(buf, sizeof buf, Tr(lang, "activity.every_week").c_str(), WeekdayList(lang, days).c_str());
    words = buf;
  } else {
    std::snprintf(buf, sizeof buf, Tr(lang, "activity.every_month").c_str(),
                  Tr(lang, "ordinal." + f.month_week).c_str(), Tr(lang, "weekday." + f.month_weekday).c_str());
    words = buf;
  }
  if (f.ends == "until") {
    std::snprintf(buf, sizeof buf, Tr(lang, "activity.until_day").c_str(), f.until.c_str());
    words += buf;
  } else if (f.ends == "count") {
    std::snprintf(buf, sizeof buf, Tr(lang, "activity.times").c_str(), f.count.c_str());
    words += buf;
  }
  return words;
}

std::string OccurrenceWhen(Lang lang, protocol::UnixSeconds start, protocol::UnixSeconds end, bool all_day) {
  if (all_day) {
    std::string first = DayOf(start), last = DayOf(end - 1);
    if (first == last) return first + Tr(lang, "activity.all_day_suffix");
    return first + " – " + last;
  }
  std::string first = FormatLocal(start);
  if (DayOf(start) == DayOf(end)) return first + "–" + ClockOf(end);
  return first + " – " + FormatLocal(end);
}

std::string OrganiserNames(Lang lang, const std::vector<Party>& organisers) {
  std::string out;
  for (Party p : organisers) out += (out.empty() ? "" : " · ") + PartyName(lang, p);
  return out;
}

View ActivityPreviewView(Lang lang, const ActivityForm& f, const std::vector<OccurrenceChangeRecord>& changes,
                         protocol::UnixSeconds now) {
  ParsedActivity p = ParseActivityForm(lang, f);
  const ActivityEdit& e = p.edit;
  View v;
  v["clock"] = FormatLocal(now).substr(11);
  v["title"] = f.title.empty() ? Tr(lang, "preview.untitled") : f.title;
  View facts = ViewList();
  auto fact = [&](const char* key, const std::string& value) {
    View item;
    item["label"] = Tr(lang, key);
    item["value"] = value;
    facts << item;
  };
  ActivitySchedule schedule{e.start.value_or(0), e.duration.value_or(3600), e.all_day.value_or(false),
                            e.rrule.value_or(""), e.exdates.value_or(std::vector<protocol::UnixSeconds>{})};
  std::vector<OccurrenceChange> moved;
  for (const OccurrenceChangeRecord& c : changes) moved.push_back({c.original_start, c.new_start, c.cancelled, c.reason});
  auto next = p.error.empty() && CheckSchedule(schedule) == ScheduleProblem::kNone
                  ? ExpandOccurrences(schedule, moved, now, now + protocol::kActivityHorizonDays * kDay, 3)
                  : Result<std::vector<Occurrence>>::Fail("form");
  if (next && !next->empty())
    fact("activity.preview.when", OccurrenceWhen(lang, next->front().start, next->front().end, schedule.all_day));
  else if (e.start)
    fact("activity.preview.when", OccurrenceWhen(lang, schedule.start, schedule.start + schedule.duration, schedule.all_day));
  if (std::string words = RecurrenceWords(lang, schedule.rrule); !words.empty()) fact("activity.preview.repeat", words);
  if (!f.place.empty()) fact("activity.preview.place", f.place);
  if (e.organisers && !e.organisers->empty()) fact("activity.preview.organisers", OrganiserNames(lang, *e.organisers));
  if (!f.eligibility.empty()) fact("activity.preview.eligibility", f.eligibility);
  int capacity = e.capacity.value_or(0);
  if (capacity > 0) {
    char buf[120];
    std::snprintf(buf, sizeof buf, Tr(lang, "activity.preview.places").c_str(), capacity);
    fact("activity.preview.capacity", buf);
    if (e.signup_closes_before.value_or(0) > 0) {
      std::snprintf(buf, sizeof buf, Tr(lang, "activity.preview.closes").c_str(),
                    static_cast<long long>(*e.signup_closes_before / 3600));
      fact("activity.preview.deadline", buf);
    }
  } else {
    fact("activity.preview.capacity", Tr(lang, "activity.preview.no_signup"));
  }
  v["facts"] = std::move(facts);
  v["paragraphs"] = ParagraphsView(f.description);
  View upcoming = ViewList();
  if (next) {
    for (const Occurrence& o : *next) {
      View item;
      item["when"] = OccurrenceWhen(lang, o.start, o.end, schedule.all_day);
      item["cancelled"] = o.cancelled;
      upcoming << item;
    }
  }
  v["any_upcoming"] = next && !next->empty();
  v["upcoming"] = std::move(upcoming);
  if (p.error.empty()) v["problem"] = false; else v["problem"] = p.error;
  return v;
}

}  // namespace ck::hub::console

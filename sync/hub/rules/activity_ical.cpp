// iCalendar export and import of activities with libical (activity_ical.h).
#include "sync/hub/rules/activity_ical.h"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include "sync/hub/rules/activity_schedule.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

constexpr const char* kZone = "Asia/Shanghai";
constexpr const char* kUidSuffix = "@community-hub";
constexpr protocol::UnixSeconds kDay = 24 * 3600;

constexpr const char* kVTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Asia/Shanghai\r\n"
    "X-LIC-LOCATION:Asia/Shanghai\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0800\r\n"
    "TZOFFSETTO:+0800\r\n"
    "TZNAME:CST\r\n"
    "DTSTART:19700101T000000\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// Beijing wall-clock time (a floating libical time), or the day it falls on.
icaltimetype Wall(protocol::UnixSeconds utc, bool date_only) {
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(utc + kBeijingOffsetSeconds), 0, nullptr);
  if (date_only) {
    t.is_date = 1;
    t.hour = t.minute = t.second = 0;
  }
  return t;
}

icalproperty* WithZone(icalproperty* p, bool all_day) {
  if (!all_day) icalproperty_add_parameter(p, icalparameter_new_tzid(kZone));
  return p;
}

void AddX(icalcomponent* ev, const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(p, name);
  icalcomponent_add_property(ev, p);
}

std::string OrganiserCodes(const std::vector<protocol::Publisher>& organisers) {
  std::string out;
  for (protocol::Publisher p : organisers) {
    if (!out.empty()) out += ",";
    out += protocol::PublisherCode(p);
  }
  return out;
}

// The fields every VEVENT of a series repeats (calendars show an override on its own).
void AddCommon(icalcomponent* ev, const ActivityRecord& a, std::string_view public_url) {
  icalcomponent_add_property(ev, icalproperty_new_uid(ActivityUid(a.id).c_str()));
  icalcomponent_add_property(
      ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(static_cast<time_t>(a.updated_at), 0,
                                                                 icaltimezone_get_utc_timezone())));
  icalcomponent_add_property(ev, icalproperty_new_sequence(static_cast<int>(a.revision - 1)));
  icalcomponent_add_property(ev, icalproperty_new_summary(a.title.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_location(a.place.c_str()));
  if (!a.description.empty()) icalcomponent_add_property(ev, icalproperty_new_description(a.description.c_str()));
  if (!public_url.empty()) {
    const std::string url = std::string(public_url) + "/activities/" + a.id;
    icalcomponent_add_property(ev, icalproperty_new_url(url.c_str()));
  }
}

void AddTimes(icalcomponent* ev, protocol::UnixSeconds start, const ActivityRecord& a) {
  icalcomponent_add_property(ev, WithZone(icalproperty_new_dtstart(Wall(start, a.all_day)), a.all_day));
  icalcomponent_add_property(ev, WithZone(icalproperty_new_dtend(Wall(start + a.duration, a.all_day)), a.all_day));
}

// ---- Import helpers ----

std::string Text(const char* s) {
  return s ? std::string(s) : std::string();
}

// A DATE-TIME or DATE property's value in UTC seconds: Asia/Shanghai and floating times are Beijing time,
// UTC is UTC, another TZID is converted with libical's zone data.
Result<protocol::UnixSeconds> ToUtc(icaltimetype t, icalproperty* p) {
  using R = Result<protocol::UnixSeconds>;
  if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) return R::Fail("not a valid date or time");
  if (t.is_date) {
    t.hour = t.minute = t.second = 0;
    t.is_date = 0;
  }
  std::string tzid;
  if (icalparameter* param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER))
    tzid = Text(icalparameter_get_tzid(param));
  if (icaltime_is_utc(t)) return R::Ok(icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone()));
  if (tzid.empty() || tzid == kZone || tzid == "China Standard Time") {
    icaltimetype floating = t;
    floating.zone = nullptr;
    return R::Ok(static_cast<protocol::UnixSeconds>(icaltime_as_timet(floating)) - kBeijingOffsetSeconds);
  }
  icaltimezone* zone = icaltimezone_get_builtin_timezone(tzid.c_str());
  if (!zone) return R::Fail("unknown time zone " + tzid);
  icaltimetype local = t;
  local.zone = nullptr;
  return R::Ok(static_cast<protocol::UnixSeconds>(icaltime_as_timet_with_zone(local, zone)));
}

std::optional<std::string> XValue(icalcomponent* ev, const char* name) {
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
    if (const char* n = icalproperty_get_x_name(p); n && std::string_view(n) == name) return Text(icalproperty_get_x(p));
  }
  return std::nullopt;
}

std::optional<long long> Whole(const std::string& text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::atoll(text.c_str());
}

std::string Comment(icalcomponent* ev) {
  icalproperty* p = icalcomponent_get_first_property(ev, ICAL_COMMENT_PROPERTY);
  return p ? Text(icalproperty_get_comment(p)) : std::string();
}

bool IsCancelled(icalcomponent* ev) {
  icalproperty* p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
  return p && icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
}

struct Event {
  icalcomponent* component;
  std::string where;  // "VEVENT 3 (UID …)" for messages
};

Result<ImportedActivity> ReadMaster(const Event& e) {
  using R = Result<ImportedActivity>;
  icalcomponent* ev = e.component;
  auto fail = [&](const std::string& why) { return R::Fail(e.where + ": " + why); };
  if (icalproperty* err = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY))
    return fail("cannot be read: " + Text(icalproperty_get_xlicerror(err)));
  ImportedActivity out;
  out.uid = Text(icalcomponent_get_uid(ev));
  ActivityEdit& edit = out.edit;
  const std::string summary = Text(icalcomponent_get_summary(ev));
  if (summary.empty()) return fail("SUMMARY (the title) is missing");
  edit.title = summary;
  const std::string location = Text(icalcomponent_get_location(ev));
  if (location.empty()) return fail("LOCATION (the place) is missing");
  edit.place = location;
  if (const char* d = icalcomponent_get_description(ev); d && *d) edit.description = d;

  icalproperty* dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
  if (!dtstart) return fail("DTSTART is missing");
  const icaltimetype start_value = icalproperty_get_dtstart(dtstart);
  auto start = ToUtc(start_value, dtstart);
  if (!start) return fail("DTSTART: " + start.error());
  const bool all_day = start_value.is_date != 0;
  edit.start = *start;
  edit.all_day = all_day;
  if (icalproperty* dtend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY)) {
    auto end = ToUtc(icalproperty_get_dtend(dtend), dtend);
    if (!end) return fail("DTEND: " + end.error());
    edit.duration = *end - *start;
  } else if (icalproperty* dur = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) {
    edit.duration = icaldurationtype_as_int(icalproperty_get_duration(dur));
  } else if (all_day) {
    edit.duration = kDay;  // RFC 5545: a DATE without an end is one day
  } else {
    return fail("DTEND or DURATION is missing");
  }
  if (*edit.duration <= 0) return fail("ends before it starts");

  if (icalproperty* rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY)) {
    icalrecurrencetype r = icalproperty_get_rrule(rrule);
    char* text = icalrecurrencetype_as_string_r(&r);
    edit.rrule = Text(text);
    free(text);
    if (icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) return fail("more than one RRULE");
  } else {
    edit.rrule = "";
  }
  std::vector<protocol::UnixSeconds> exdates;
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
    icaltimetype t = icalproperty_get_exdate(p);
    if (t.is_date && !all_day) {  // a date-only EXDATE of a timed series: the occurrence on that day
      t.is_date = 0;
      t.hour = start_value.hour, t.minute = start_value.minute, t.second = start_value.second;
    }
    auto x = ToUtc(t, p);
    if (!x) return fail("EXDATE: " + x.error());
    exdates.push_back(*x);
  }
  std::sort(exdates.begin(), exdates.end());
  edit.exdates = exdates;
  ActivitySchedule schedule{*edit.start, *edit.duration, all_day, *edit.rrule, exdates};
  switch (CheckSchedule(schedule)) {
    case ScheduleProblem::kNone:
      break;
    case ScheduleProblem::kBadRule:
      return fail("RRULE is not a rule this hub can expand (" + *edit.rrule + ")");
    case ScheduleProblem::kTooFrequent:
      return fail("RRULE repeats more often than daily");
    case ScheduleProblem::kBadDuration:
      return fail("an all-day event must start on a date and last whole days");
  }

  if (auto organisers = XValue(ev, "X-COMMUNITY-ORGANISERS")) {
    std::vector<protocol::Publisher> list;
    std::string_view rest = *organisers;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      auto p = protocol::ParsePublisher(rest.substr(0, comma));
      if (!p) return fail("X-COMMUNITY-ORGANISERS: unknown party \"" + std::string(rest.substr(0, comma)) + "\"");
      list.push_back(*p);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    std::sort(list.begin(), list.end());
    edit.organisers = list;
  }
  if (auto capacity = XValue(ev, "X-COMMUNITY-CAPACITY")) {
    auto v = Whole(*capacity);
    if (!v || *v > protocol::kMaxActivityCapacity) return fail("X-COMMUNITY-CAPACITY: 0 to 10000");
    edit.capacity = static_cast<int>(*v);
  }
  if (auto closes = XValue(ev, "X-COMMUNITY-SIGNUP-CLOSES-BEFORE")) {
    auto v = Whole(*closes);
    if (!v) return fail("X-COMMUNITY-SIGNUP-CLOSES-BEFORE: seconds, a whole number");
    edit.signup_closes_before = *v;
  }
  if (auto eligibility = XValue(ev, "X-COMMUNITY-ELIGIBILITY")) edit.eligibility = *eligibility;
  if (IsCancelled(ev)) {
    const std::string reason = Comment(ev);
    out.cancel_reason = reason.empty() ? std::string("已取消") : reason;
  }
  return R::Ok(std::move(out));
}

Status ReadOverride(const Event& e, ImportedActivity& series) {
  icalcomponent* ev = e.component;
  auto fail = [&](const std::string& why) { return Status::Fail(e.where + ": " + why); };
  icalproperty* rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
  icaltimetype rid_value = icalproperty_get_recurrenceid(rid);
  auto original = ToUtc(rid_value, rid);
  if (!original) return fail("RECURRENCE-ID: " + original.error());
  OccurrenceEdit o;
  o.original_start = *original;
  if (icalproperty* dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY)) {
    auto start = ToUtc(icalproperty_get_dtstart(dtstart), dtstart);
    if (!start) return fail("DTSTART: " + start.error());
    if (*start != *original) o.new_start = *start;
  }
  o.cancel = IsCancelled(ev);
  o.reason = Comment(ev);
  if (o.cancel && o.reason.empty()) o.reason = "本次取消";
  if (!o.cancel && !o.new_start) return OkStatus();  // an override that changes nothing we keep
  series.occurrences.push_back(std::move(o));
  return OkStatus();
}

}  // namespace

std::string ActivityUid(std::string_view activity_id) {
  return std::string(activity_id) + kUidSuffix;
}

std::string ExportICalendar(const std::vector<ActivityWithChanges>& activities, std::string_view public_url) {
  Component cal(icalcomponent_new_vcalendar());
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Community Kiosk//community-hub//ZH"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_component(cal.get(), icalcomponent_new_from_string(kVTimezone));
  for (const ActivityWithChanges& item : activities) {
    const ActivityRecord& a = item.activity;
    icalcomponent* ev = icalcomponent_new_vevent();
    AddCommon(ev, a, public_url);
    AddTimes(ev, a.start, a);
    if (!a.rrule.empty()) {
      icalrecurrencetype rule = icalrecurrencetype_from_string(a.rrule.c_str());
      icalcomponent_add_property(ev, icalproperty_new_rrule(rule));
    }
    for (protocol::UnixSeconds x : a.exdates)
      icalcomponent_add_property(ev, WithZone(icalproperty_new_exdate(Wall(x, a.all_day)), a.all_day));
    icalcomponent_add_property(ev, icalproperty_new_status(a.cancelled_at ? ICAL_STATUS_CANCELLED
                                                                          : ICAL_STATUS_CONFIRMED));
    if (a.cancelled_at && !a.cancel_reason.empty())
      icalcomponent_add_property(ev, icalproperty_new_comment(a.cancel_reason.c_str()));
    AddX(ev, "X-COMMUNITY-ORGANISERS", OrganiserCodes(a.organisers));
    AddX(ev, "X-COMMUNITY-CAPACITY", std::to_string(a.capacity));
    if (a.signup_closes_before > 0)
      AddX(ev, "X-COMMUNITY-SIGNUP-CLOSES-BEFORE", std::to_string(a.signup_closes_before));
    if (!a.eligibility.empty()) AddX(ev, "X-COMMUNITY-ELIGIBILITY", a.eligibility);
    icalcomponent_add_component(cal.get(), ev);

    for (const OccurrenceChangeRecord& c : item.changes) {
      icalcomponent* o = icalcomponent_new_vevent();
      AddCommon(o, a, public_url);
      icalcomponent_add_property(o, WithZone(icalproperty_new_recurrenceid(Wall(c.original_start, a.all_day)),
                                             a.all_day));
      AddTimes(o, c.new_start.value_or(c.original_start), a);
      icalcomponent_add_property(o, icalproperty_new_status(c.cancelled ? ICAL_STATUS_CANCELLED
                                                                        : ICAL_STATUS_CONFIRMED));
      if (!c.reason.empty()) icalcomponent_add_property(o, icalproperty_new_comment(c.reason.c_str()));
      icalcomponent_add_component(cal.get(), o);
    }
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out = Text(text);
  free(text);
  return out;
}

Result<std::vector<ImportedActivity>> ParseICalendar(std::string_view text) {
  using R = Result<std::vector<ImportedActivity>>;
  const std::string copy(text);
  icalerror_clear_errno();
  Component root(icalparser_parse_string(copy.c_str()));
  if (!root) return R::Fail("not an iCalendar file (no BEGIN:VCALENDAR … END:VCALENDAR)");
  icalcomponent* cal = root.get();
  if (icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
    cal = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
  if (!cal) return R::Fail("not an iCalendar file (no VCALENDAR)");

  std::vector<Event> masters, overrides;
  int n = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ++n;
    std::string uid = Text(icalcomponent_get_uid(ev));
    Event e{ev, "VEVENT " + std::to_string(n) + (uid.empty() ? std::string(" (no UID)") : " (UID " + uid + ")")};
    (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) ? overrides : masters).push_back(e);
  }
  if (n == 0) return R::Fail("the file holds no VEVENT");
  std::vector<ImportedActivity> out;
  std::map<std::string, std::size_t> by_uid;
  for (const Event& e : masters) {
    auto a = ReadMaster(e);
    if (!a) return R::Fail(a.error());
    if (!a->uid.empty()) {
      if (by_uid.count(a->uid)) return R::Fail(e.where + ": a second VEVENT with this UID and no RECURRENCE-ID");
      by_uid[a->uid] = out.size();
    }
    out.push_back(std::move(a).value());
  }
  for (const Event& e : overrides) {
    auto it = by_uid.find(Text(icalcomponent_get_uid(e.component)));
    if (it == by_uid.end()) return R::Fail(e.where + ": RECURRENCE-ID of a series the file does not hold");
    if (auto s = ReadOverride(e, out[it->second]); !s) return R::Fail(s.error());
  }
  for (ImportedActivity& a : out)
    std::sort(a.occurrences.begin(), a.occurrences.end(),
              [](const OccurrenceEdit& x, const OccurrenceEdit& y) { return x.original_start < y.original_start; });
  return R::Ok(std::move(out));
}

WriteResult<std::vector<ActivityRecord>> ImportICalendar(ActivityRepository& repo, protocol::Publisher by,
                                                         std::string_view text, std::string_view created_by,
                                                         protocol::UnixSeconds now) {
  using W = std::vector<ActivityRecord>;
  auto parsed = ParseICalendar(text);
  if (!parsed) return WriteFail<W>(WriteError::Invalid, parsed.error());
  W stored;
  for (const ImportedActivity& item : *parsed) {
    const std::string where = "\"" + item.edit.title.value_or("") + "\"";
    // A UID of this hub's own export names the activity it came from: the file updates it.
    std::optional<std::string> existing_id;
    if (item.uid.size() > std::string_view(kUidSuffix).size() && item.uid.ends_with(kUidSuffix)) {
      auto id = protocol::NormaliseUuid(item.uid.substr(0, item.uid.size() - std::string_view(kUidSuffix).size()));
      if (id) {
        auto found = repo.FindActivity(*id);
        if (!found) return WriteFail<W>(WriteError::Storage, found.error());
        if (*found && !(*found)->deleted_at) existing_id = *id;
      }
    }
    WriteResult<ActivityRecord> r =
        existing_id ? EditActivity(repo, by, *existing_id, item.edit, std::nullopt, now)
                    : CreateActivity(repo, by, item.edit, created_by, now);
    if (!r.ok()) {
      r.message = where + ": " + r.message;
      return WriteFail<W>(r.error, r.message);
    }
    ActivityRecord last = *r.value;
    for (const OccurrenceEdit& o : item.occurrences) {
      auto c = ChangeOccurrence(repo, by, last.id, o, std::nullopt, now);
      if (!c.ok()) return WriteFail<W>(c.error, where + ": " + c.message);
      last = *c.value;
    }
    if (item.cancel_reason && !last.cancelled_at) {
      auto c = CancelActivity(repo, by, last.id, *item.cancel_reason, std::nullopt, now);
      if (!c.ok()) return WriteFail<W>(c.error, where + ": " + c.message);
      last = *c.value;
    }
    stored.push_back(std::move(last));
  }
  return WriteOk(std::move(stored));
}

}  // namespace ck::hub

// Create and edit an activity beside a kiosk-like preview; cancel it (with a reason residents see); cancel,
// move or restore one occurrence. Every change goes through rules/activity_editor.h (the same calls as
// `community-hub event …`) and is audited. An edit is stored only if the activity is still at the revision
// the form was opened on: when another clerk saved first, the clerk's typed form stays, the stored version
// beside it (409), as for notices.
#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include "sync/hub/console/activity_form.h"
#include "sync/hub/console/activity_pages.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/rules/activity_schedule.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::console {

namespace {

constexpr protocol::UnixSeconds kDay = 24 * 3600;
constexpr int kPastShown = 4;       // the latest past occurrences listed (for 签到)
constexpr int kUpcomingShown = 12;  // and the next ones

// What else the page shows after a refused action below the form: which form, its message, what was typed.
struct ActionState {
  std::string cancel_error, cancel_reason;
  std::string occurrence_error;
  protocol::UnixSeconds occurrence_at = 0;
};

std::vector<OccurrenceChangeRecord> ChangesOf(ConsoleRequest& rq, const std::string& id) {
  auto changes = rq.activities().ListOccurrenceChanges(id);
  if (!changes) throw std::runtime_error("occurrence changes: " + changes.error());
  return *changes;
}

// The occurrences around now (the latest past ones, for 签到, and the next ones), with their sign-up counts
// and the forms that change one.
View OccurrencesView(ConsoleRequest& rq, const ActivityRecord& a, const std::vector<OccurrenceChangeRecord>& changes,
                     const ActionState& state) {
  ActivitySchedule schedule{a.start, a.duration, a.all_day, a.rrule, a.exdates};
  std::vector<OccurrenceChange> moved;
  for (const OccurrenceChangeRecord& c : changes) moved.push_back({c.original_start, c.new_start, c.cancelled, c.reason});
  auto past = ExpandOccurrences(schedule, moved, rq.now - 60 * kDay, rq.now, 400);
  auto next = ExpandOccurrences(schedule, moved, rq.now, rq.now + protocol::kActivityHorizonDays * kDay, kUpcomingShown);
  if (!past || !next) throw std::runtime_error("expand " + a.id + ": " + (past ? next.error() : past.error()));
  std::vector<Occurrence> shown;
  // The window [now, …) also holds the one under way; the past list keeps only those already over.
  std::vector<Occurrence> over;
  for (const Occurrence& o : *past)
    if (o.end <= rq.now) over.push_back(o);
  std::size_t skip = over.size() > static_cast<std::size_t>(kPastShown) ? over.size() - kPastShown : 0;
  shown.insert(shown.end(), over.begin() + static_cast<std::ptrdiff_t>(skip), over.end());
  shown.insert(shown.end(), next->begin(), next->end());
  auto counts = rq.activities().CountSignups(a.id);
  if (!counts) throw std::runtime_error("sign-up counts: " + counts.error());

  View list = ViewList();
  for (const Occurrence& o : shown) {
    View row;
    row["at"] = std::to_string(o.original_start);
    row["when"] = OccurrenceWhen(rq.lang, o.start, o.end, a.all_day);
    if (o.moved) row["moved_from"] = OccurrenceWhen(rq.lang, o.original_start, o.original_start + a.duration, a.all_day);
    else row["moved_from"] = false;
    row["over"] = o.end <= rq.now;
    row["cancelled"] = o.cancelled;
    row["reason"] = o.cancel_reason;
    row["changed"] = o.moved || o.cancelled;
    row["move_to"] = DateTimeLocalValue(o.start);
    OccurrenceCounts c;
    if (auto it = counts->find(o.original_start); it != counts->end()) c = it->second;
    if (a.capacity > 0 || c.confirmed > 0 || c.waitlisted > 0) {
      char buf[160];
      std::snprintf(buf, sizeof buf, rq.T("activities.signed_up").c_str(), c.confirmed, a.capacity);
      std::string text = buf;
      if (c.waitlisted > 0) {
        std::snprintf(buf, sizeof buf, rq.T("activities.waiting").c_str(), c.waitlisted);
        text += " · " + std::string(buf);
      }
      row["signups"] = text;
    } else {
      row["signups"] = false;
    }
    row["signups_href"] = "/console/activities/" + a.id + "/signups?at=" + std::to_string(o.original_start);
    if (!state.occurrence_error.empty() && state.occurrence_at == o.original_start)
      row["error"] = state.occurrence_error;
    else
      row["error"] = false;
    list << row;
  }
  return list;
}

View StoredVersionView(const ConsoleRequest& rq, const ActivityRecord& a) {
  View v;
  v["revision"] = Num(a.revision);
  v["title"] = a.title;
  v["place"] = a.place;
  v["description"] = a.description;
  v["when"] = OccurrenceWhen(rq.lang, a.start, a.start + a.duration, a.all_day);
  v["repeat"] = RecurrenceWords(rq.lang, a.rrule);
  v["capacity"] = Num(a.capacity);
  v["organisers"] = OrganiserNames(rq.lang, a.organisers);
  return v;
}

ConsoleAnswer RenderEdit(ConsoleRequest& rq, const std::optional<ActivityRecord>& existing, const ActivityForm& f,
                         std::string_view error, int status, const ActivityRecord* stored_after_conflict = nullptr,
                         const ActionState& state = {}) {
  const bool editing = existing.has_value();
  const std::string title = rq.T(editing ? "activity.title.edit" : "activity.title.new");
  const std::vector<OccurrenceChangeRecord> changes = editing ? ChangesOf(rq, existing->id) : std::vector<OccurrenceChangeRecord>{};
  View v;
  v["heading"] = title;
  v["editing"] = editing;
  v["action"] = editing ? "/console/activities/" + existing->id : std::string("/console/activities/new");
  v["preview_action"] = editing ? "/console/activities/" + existing->id + "/preview" : std::string("/console/activities/preview");
  if (error.empty()) v["error"] = false; else v["error"] = std::string(error);
  v["form"] = ActivityFormView(rq.lang, f, rq.me().party, IsStreetOffice(rq.me()));
  v["submit"] = rq.T(editing ? "activity.submit.save" : "activity.submit.create");
  if (stored_after_conflict) {
    v["stored"] = StoredVersionView(rq, *stored_after_conflict);
    v["preview"] = false;
  } else {
    v["stored"] = false;
    v["preview"] = ActivityPreviewView(rq.lang, f, changes, rq.now);
  }
  if (editing) {
    View e;
    e["id"] = existing->id;
    e["cancelled"] = existing->cancelled_at.has_value();
    e["cancel_reason"] = existing->cancel_reason;
    if (state.cancel_error.empty()) e["cancel_error"] = false; else e["cancel_error"] = state.cancel_error;
    e["typed_reason"] = state.cancel_reason;
    e["occurrences"] = OccurrencesView(rq, *existing, changes, state);
    e["takes_signups"] = existing->capacity > 0;
    v["existing"] = std::move(e);
  } else {
    v["existing"] = false;
  }
  return rq.Render("activity_edit", title, "nav.activities", std::move(v), status);
}

std::string Actor(const ConsoleRequest& rq) {
  return "console:" + rq.me().name;
}

}  // namespace

ConsoleAnswer ActivityNewPage(ConsoleRequest& rq) {
  return RenderEdit(rq, std::nullopt, NewActivityForm(rq.me().party, rq.now), "", 200);
}

ConsoleAnswer ActivityEditPage(ConsoleRequest& rq) {
  LoadedActivity l = LoadActivityFor(rq);
  if (l.answer) return std::move(*l.answer);
  return RenderEdit(rq, l.record, ActivityFormFromRecord(*l.record), "", 200);
}

ConsoleAnswer ActivityPreviewFragment(ConsoleRequest& rq) {
  std::vector<OccurrenceChangeRecord> changes;
  if (!rq.Match(1).empty()) {
    LoadedActivity l = LoadActivityFor(rq);
    if (l.answer) return std::move(*l.answer);
    changes = ChangesOf(rq, l.record->id);
  }
  ConsoleAnswer a;
  a.body = RenderTemplate("activity_preview", ActivityPreviewView(rq.lang, ActivityFormFromRequest(rq), changes, rq.now),
                          rq.lang);
  return a;
}

ConsoleAnswer ActivitySaveAction(ConsoleRequest& rq) {
  const bool editing = !rq.Match(1).empty();
  std::optional<ActivityRecord> existing;
  if (editing) {
    LoadedActivity l = LoadActivityFor(rq);
    if (l.answer) return std::move(*l.answer);
    existing = std::move(l.record);
  }
  if (rq.UnexpectedFormKey(ActivityFormKeys())) return rq.BadRequest(rq.T("orders.error.extra_field"));
  ActivityForm f = ActivityFormFromRequest(rq);
  if (rq.Form("do") == "preview") return RenderEdit(rq, existing, f, "", 200);
  ParsedActivity p = ParseActivityForm(rq.lang, f);
  if (!p.error.empty()) return RenderEdit(rq, existing, f, p.error, 400);
  const Party by = rq.me().party;

  if (!editing) {
    auto r = CreateActivity(rq.activities(), by, p.edit, Actor(rq), rq.now);
    if (r.error == WriteError::Storage) throw std::runtime_error("create activity: " + r.message);
    // Naming organisers without one's own party is creating another party's activity: refused, audited.
    if (r.error == WriteError::Refused) return rq.Deny("new activity", r.message);
    if (!r.ok()) return RenderEdit(rq, existing, f, ActivityRefusalText(rq.lang, r.code, r.message), 400);
    rq.Audit("activity.create", r.value->id, protocol::ClipCodepoints(r.value->title, 60));
    return rq.Redirect("/console/activities/" + r.value->id + "?done=activity_created");
  }

  std::int64_t expected = 0;
  if (f.revision.empty() || f.revision.size() > 12 || f.revision.find_first_not_of("0123456789") != std::string::npos)
    return rq.BadRequest(rq.T("activity.error.revision"));
  expected = std::stoll(f.revision);
  auto r = EditActivity(rq.activities(), by, existing->id, p.edit, expected, rq.now);
  if (r.error == WriteError::Conflict) {
    // Someone saved first: the clerk's form stays (now against the stored revision, so saving again is a
    // deliberate overwrite), the stored version beside it.
    auto stored = rq.activities().FindActivity(existing->id);
    if (!stored || !*stored) throw std::runtime_error("activity vanished during an edit");
    ActivityForm mine = f;
    mine.revision = std::to_string((*stored)->revision);
    return RenderEdit(rq, *stored, mine, rq.T("activity.conflict"), 409, &**stored);
  }
  if (r.error == WriteError::Storage) throw std::runtime_error("edit activity: " + r.message);
  if (r.error == WriteError::Refused) {
    rq.Audit("denied", existing->id, r.message);
    return RenderEdit(rq, existing, f, ActivityRefusalText(rq.lang, r.code, r.message), 403);
  }
  if (!r.ok()) return RenderEdit(rq, existing, f, ActivityRefusalText(rq.lang, r.code, r.message), 400);
  rq.Audit("activity.edit", existing->id, "revision " + std::to_string(r.value->revision));
  return rq.Redirect("/console/activities/" + existing->id + "?done=activity_saved");
}

ConsoleAnswer ActivityCancelAction(ConsoleRequest& rq) {
  LoadedActivity l = LoadActivityFor(rq);
  if (l.answer) return std::move(*l.answer);
  if (rq.UnexpectedFormKey({"reason"})) return rq.BadRequest(rq.T("orders.error.extra_field"));
  const std::string reason = rq.Form("reason");
  auto r = CancelActivity(rq.activities(), rq.me().party, l.record->id, reason, std::nullopt, rq.now);
  if (r.error == WriteError::Storage) throw std::runtime_error("cancel activity: " + r.message);
  if (!r.ok()) {
    ActionState state;
    state.cancel_error = ActivityRefusalText(rq.lang, r.code, r.message);
    state.cancel_reason = reason;
    return RenderEdit(rq, l.record, ActivityFormFromRecord(*l.record), "", 400, nullptr, state);
  }
  rq.Audit("activity.cancel", l.record->id, protocol::ClipCodepoints(reason, 60));
  return rq.Redirect("/console/activities/" + l.record->id + "?done=activity_cancelled");
}

ConsoleAnswer ActivityOccurrenceAction(ConsoleRequest& rq) {
  LoadedActivity l = LoadActivityFor(rq);
  if (l.answer) return std::move(*l.answer);
  if (rq.UnexpectedFormKey({"at", "do", "reason", "to"})) return rq.BadRequest(rq.T("orders.error.extra_field"));
  const std::string at_text = rq.Form("at"), action = rq.Form("do");
  if (at_text.empty() || at_text.size() > 12 || at_text.find_first_not_of("0123456789") != std::string::npos)
    return rq.BadRequest(rq.T("activity.error.occurrence"));
  OccurrenceEdit e;
  e.original_start = std::stoll(at_text);
  e.reason = rq.Form("reason");
  ActionState state;
  state.occurrence_at = e.original_start;
  if (action == "cancel") {
    e.cancel = true;
  } else if (action == "move") {
    auto to = ParseDateTimeLocal(rq.Form("to"));
    if (!to) {
      state.occurrence_error = rq.T("activity.error.time");
      return RenderEdit(rq, l.record, ActivityFormFromRecord(*l.record), "", 400, nullptr, state);
    }
    e.new_start = *to;
  } else if (action != "restore") {
    return rq.BadRequest(rq.T("orders.error.extra_field"));
  }
  auto r = ChangeOccurrence(rq.activities(), rq.me().party, l.record->id, e, std::nullopt, rq.now);
  if (r.error == WriteError::Storage) throw std::runtime_error("change occurrence: " + r.message);
  if (!r.ok()) {
    state.occurrence_error = ActivityRefusalText(rq.lang, r.code, r.message);
    return RenderEdit(rq, l.record, ActivityFormFromRecord(*l.record), "", 400, nullptr, state);
  }
  const std::string when = FormatLocal(e.original_start);
  if (action == "cancel")
    rq.Audit("activity.occurrence_cancel", l.record->id, when + ": " + protocol::ClipCodepoints(e.reason, 60));
  else if (action == "move")
    rq.Audit("activity.occurrence_move", l.record->id, when + " → " + FormatLocal(*e.new_start));
  else
    rq.Audit("activity.occurrence_restore", l.record->id, when);
  return rq.Redirect("/console/activities/" + l.record->id + "?done=occurrence_" + action);
}

}  // namespace ck::hub::console

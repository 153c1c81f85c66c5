// Activity operations: party rules, the edit applied, the schedule expanded and validated, then stored.
#include "sync/hub/rules/activity_editor.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/activity_schedule.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

constexpr protocol::UnixSeconds kDay = 24 * 3600;
constexpr std::size_t kAny = static_cast<std::size_t>(-1);  // lengths stay the protocol's (ValidateActivity)

template <typename T>
WriteResult<T> Invalid(std::string message) {
  return WriteFail<T>(WriteError::Invalid, std::move(message));
}

void Apply(const ActivityEdit& e, ActivityRecord& a) {
  if (e.organisers) {
    a.organisers = *e.organisers;
    std::sort(a.organisers.begin(), a.organisers.end());
  }
  if (e.title) a.title = *e.title;
  if (e.description) a.description = *e.description;
  if (e.place) a.place = *e.place;
  if (e.eligibility) a.eligibility = *e.eligibility;
  if (e.start) a.start = *e.start;
  if (e.duration) a.duration = *e.duration;
  if (e.all_day) a.all_day = *e.all_day;
  if (e.rrule) a.rrule = *e.rrule;
  if (e.exdates) {
    a.exdates = *e.exdates;
    std::sort(a.exdates.begin(), a.exdates.end());
    a.exdates.erase(std::unique(a.exdates.begin(), a.exdates.end()), a.exdates.end());
  }
  if (e.capacity) a.capacity = *e.capacity;
  if (e.signup_closes_before) a.signup_closes_before = *e.signup_closes_before;
}

ActivitySchedule ScheduleOf(const ActivityRecord& a) {
  return ActivitySchedule{a.start, a.duration, a.all_day, a.rrule, a.exdates};
}

std::optional<std::string> CheckActivityText(const ActivityRecord& a) {
  if (auto e = CheckLine("title", a.title, kAny, false)) return e;
  if (auto e = CheckLine("place", a.place, kAny, false)) return e;
  if (auto e = CheckLine("eligibility", a.eligibility, kAny, false)) return e;
  if (auto e = CheckText("description", a.description, kAny, false)) return e;
  return CheckText("cancel_reason", a.cancel_reason, kAny, false);
}

std::optional<std::string> ScheduleError(const ActivityRecord& a) {
  switch (CheckSchedule(ScheduleOf(a))) {
    case ScheduleProblem::kNone:
      return std::nullopt;
    case ScheduleProblem::kBadRule:
      return "rrule: not a valid RFC 5545 recurrence rule, or one that never happens";
    case ScheduleProblem::kTooFrequent:
      return "rrule: at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)";
    case ScheduleProblem::kBadDuration:
      return a.all_day ? "duration: an all-day activity starts at midnight Beijing time and lasts whole days"
                       : "duration: must be positive";
  }
  return std::nullopt;
}

std::vector<OccurrenceChange> ToChanges(const std::vector<OccurrenceChangeRecord>& records) {
  std::vector<OccurrenceChange> out;
  out.reserve(records.size());
  for (const OccurrenceChangeRecord& r : records)
    out.push_back(OccurrenceChange{r.original_start, r.new_start, r.cancelled, r.reason});
  return out;
}

// Checks `a` and fills its feed body for the window from `now`.
std::optional<std::string> Publishable(ActivityRecord& a, const std::vector<OccurrenceChangeRecord>& changes,
                                       protocol::UnixSeconds now) {
  if (auto e = CheckActivityText(a)) return e;
  auto body = BuildFeedActivity(a, changes, now);
  if (!body) return body.error();
  a.feed_body = nlohmann::json(*body).dump();
  a.expanded_from = now;
  return std::nullopt;
}

// The common shape of every edit: read, check the party, change, re-expand, store; retried on a Conflict
// only when the caller gave no revision (a patch can be re-applied safely).
template <typename Change, typename Store>
WriteResult<ActivityRecord> EditLoop(ActivityRepository& repo, protocol::Publisher by, std::string_view raw_id,
                                     std::optional<std::int64_t> expected_revision, protocol::UnixSeconds now,
                                     Change change, Store store) {
  auto id = protocol::NormaliseUuid(raw_id);
  if (!id) return Invalid<ActivityRecord>("id: must be a UUID");
  for (int attempt = 0;; ++attempt) {
    auto current = repo.FindActivity(*id);
    if (!current) return WriteFail<ActivityRecord>(WriteError::Storage, current.error());
    if (!*current || (*current)->deleted_at)
      return WriteFail<ActivityRecord>(WriteError::NotFound, "no activity with id " + *id);
    ActivityRecord a = std::move(**current);
    if (!PartyMayEditActivity(by, a.organisers)) {
      auto r = WriteFail<ActivityRecord>(WriteError::Refused, "only the activity's organisers or the street "
                                                              "office may change it");
      r.code = "activity.not_organiser";
      return r;
    }
    const std::int64_t revision = expected_revision.value_or(a.revision);
    if (revision != a.revision)
      return WriteFail<ActivityRecord>(WriteError::Conflict, "activity " + *id + " changed meanwhile (revision " +
                                                                 std::to_string(a.revision) + ")");
    auto stored_changes = repo.ListOccurrenceChanges(*id);
    if (!stored_changes) return WriteFail<ActivityRecord>(WriteError::Storage, stored_changes.error());
    std::vector<OccurrenceChangeRecord> changes = *stored_changes;
    if (auto e = change(a, changes)) return *e;
    a.revision = revision + 1;
    a.updated_at = now;
    if (auto e = Publishable(a, changes, now)) return Invalid<ActivityRecord>(*e);
    WriteResult<ActivityRecord> r = store(a, changes, revision);
    if (r.error != WriteError::Conflict || expected_revision || attempt >= 5) return r;
  }
}

}  // namespace

Result<protocol::Activity> BuildFeedActivity(const ActivityRecord& a,
                                             const std::vector<OccurrenceChangeRecord>& changes,
                                             protocol::UnixSeconds now) {
  using R = Result<protocol::Activity>;
  if (auto e = ScheduleError(a)) return R::Fail(*e);
  protocol::Activity out;
  out.id = a.id;
  out.organisers = a.organisers;
  out.title = a.title;
  out.description = a.description;
  out.place = a.place;
  out.eligibility = a.eligibility;
  out.all_day = a.all_day;
  out.capacity = a.capacity;
  out.signup_closes_before = a.signup_closes_before;
  out.cancelled = a.cancelled_at.has_value();
  out.cancel_reason = a.cancel_reason;
  out.revision = a.revision;
  auto occurrences = ExpandOccurrences(ScheduleOf(a), ToChanges(changes), now,
                                       now + protocol::kActivityHorizonDays * kDay,
                                       protocol::kMaxOccurrencesPerActivity);
  if (!occurrences) return R::Fail("schedule: " + occurrences.error());
  for (const Occurrence& o : *occurrences)
    out.occurrences.push_back({o.original_start, o.start, o.end, o.cancelled, o.cancel_reason, 0, 0});
  // Named by their original start (a moved occurrence keeps its name), and listed in that order.
  std::sort(out.occurrences.begin(), out.occurrences.end(),
            [](const auto& x, const auto& y) { return x.original_start < y.original_start; });
  if (auto s = protocol::ValidateActivity(out); !s) return R::Fail(s.error());
  return R::Ok(std::move(out));
}

Result<std::optional<protocol::Activity>> ActivityForResidents(ActivityRepository& repo, std::string_view raw_id) {
  using R = Result<std::optional<protocol::Activity>>;
  auto id = protocol::NormaliseUuid(raw_id);
  if (!id) return R::Ok(std::nullopt);
  auto record = repo.FindActivity(*id);
  if (!record) return R::Fail(record.error());
  if (!*record || (*record)->deleted_at) return R::Ok(std::nullopt);
  auto body = protocol::ActivityFromJson(nlohmann::json::parse((*record)->feed_body, nullptr, false));
  if (!body) return R::Fail("stored activity " + *id + " is unreadable: " + body.error());
  auto counts = repo.CountSignups(*id);
  if (!counts) return R::Fail(counts.error());
  for (protocol::ActivityOccurrence& o : body->occurrences) {
    if (auto it = counts->find(o.original_start); it != counts->end()) {
      o.signed_up = it->second.confirmed;
      o.waitlisted = it->second.waitlisted;
    }
  }
  return R::Ok(std::move(body).value());
}

WriteResult<ActivityRecord> CreateActivity(ActivityRepository& repo, protocol::Publisher by, const ActivityEdit& edit,
                                           std::string_view created_by, protocol::UnixSeconds now) {
  if (!edit.title) return Invalid<ActivityRecord>("title: required");
  if (!edit.place) return Invalid<ActivityRecord>("place: required");
  if (!edit.start) return Invalid<ActivityRecord>("start: required");
  if (!edit.duration) return Invalid<ActivityRecord>("duration: required");
  ActivityRecord a;
  a.id = protocol::NewUuid();
  a.organisers = {by};
  Apply(edit, a);
  if (!PartyMayCreateActivity(by, a.organisers)) {
    auto r = WriteFail<ActivityRecord>(WriteError::Refused,
                                       "a party creates its own activities: it must be one of the organisers");
    r.code = "activity.not_organiser";
    return r;
  }
  a.revision = 1;
  a.created_by = std::string(created_by);
  a.created_at = now;
  a.updated_at = now;
  if (auto e = Publishable(a, {}, now)) return Invalid<ActivityRecord>(*e);
  return repo.InsertActivity(a);
}

WriteResult<ActivityRecord> EditActivity(ActivityRepository& repo, protocol::Publisher by, std::string_view id,
                                         const ActivityEdit& edit, std::optional<std::int64_t> expected_revision,
                                         protocol::UnixSeconds now) {
  if (edit.empty()) return Invalid<ActivityRecord>("nothing to change: give at least one field");
  return EditLoop(
      repo, by, id, expected_revision, now,
      [&](ActivityRecord& a, const std::vector<OccurrenceChangeRecord>&) -> std::optional<WriteResult<ActivityRecord>> {
        Apply(edit, a);
        // A party may not hand its activity away: it stays an organiser (the street office edits all).
        if (!PartyMayEditActivity(by, a.organisers)) {
          auto r = WriteFail<ActivityRecord>(WriteError::Refused,
                                             "organisers: the party editing must stay one of them");
          r.code = "activity.not_organiser";
          return r;
        }
        return std::nullopt;
      },
      [&](const ActivityRecord& a, const std::vector<OccurrenceChangeRecord>&, std::int64_t revision) {
        return repo.UpdateActivity(a, revision);
      });
}

WriteResult<ActivityRecord> CancelActivity(ActivityRepository& repo, protocol::Publisher by, std::string_view id,
                                           std::string_view reason, std::optional<std::int64_t> expected_revision,
                                           protocol::UnixSeconds now) {
  if (auto e = CheckText("reason", reason, protocol::kMaxCancelReasonCodepoints, true))
    return Invalid<ActivityRecord>(*e);
  return EditLoop(
      repo, by, id, expected_revision, now,
      [&](ActivityRecord& a, const std::vector<OccurrenceChangeRecord>&) -> std::optional<WriteResult<ActivityRecord>> {
        if (a.cancelled_at) {
          auto r = WriteFail<ActivityRecord>(WriteError::Refused, "activity " + a.id + " is already cancelled");
          r.code = "activity.cancelled";
          return r;
        }
        a.cancelled_at = now;
        a.cancel_reason = std::string(reason);
        return std::nullopt;
      },
      [&](const ActivityRecord& a, const std::vector<OccurrenceChangeRecord>&, std::int64_t revision) {
        return repo.UpdateActivity(a, revision);
      });
}

WriteResult<ActivityRecord> ChangeOccurrence(ActivityRepository& repo, protocol::Publisher by, std::string_view id,
                                             const OccurrenceEdit& edit, std::optional<std::int64_t> expected_revision,
                                             protocol::UnixSeconds now) {
  if (edit.cancel) {
    if (auto e = CheckText("reason", edit.reason, protocol::kMaxCancelReasonCodepoints, true))
      return Invalid<ActivityRecord>(*e);
  } else if (auto e = CheckText("reason", edit.reason, protocol::kMaxCancelReasonCodepoints, false)) {
    return Invalid<ActivityRecord>(*e);
  }
  OccurrenceChangeRecord change;
  return EditLoop(
      repo, by, id, expected_revision, now,
      [&](ActivityRecord& a,
          std::vector<OccurrenceChangeRecord>& changes) -> std::optional<WriteResult<ActivityRecord>> {
        // The rule (or the one-off start) must make this occurrence, EXDATEs aside.
        ActivitySchedule s = ScheduleOf(a);
        s.exdates.clear();
        auto made = ExpandOccurrences(s, {}, edit.original_start, edit.original_start + 1, 1);
        if (!made || made->empty() || made->front().original_start != edit.original_start)
          return Invalid<ActivityRecord>("occurrence: the activity has no occurrence starting at " +
                                         protocol::FormatUtc(edit.original_start));
        change = {a.id, edit.original_start, edit.new_start, edit.cancel, edit.reason};
        auto it = std::find_if(changes.begin(), changes.end(),
                               [&](const auto& c) { return c.original_start == edit.original_start; });
        if (it != changes.end()) *it = change;
        else changes.push_back(change);
        return std::nullopt;
      },
      [&](const ActivityRecord& a, const std::vector<OccurrenceChangeRecord>&, std::int64_t revision) {
        return repo.ChangeOccurrence(change, a.feed_body, revision, now);
      });
}

Result<int> RepublishStaleActivities(ActivityRepository& repo, protocol::UnixSeconds now, int limit) {
  auto stale = repo.ListExpandedBefore(now - kActivityRepublishInterval + 1, limit);
  if (!stale) return Result<int>::Fail(stale.error());
  int republished = 0;
  for (const ActivityRecord& a : *stale) {
    auto changes = repo.ListOccurrenceChanges(a.id);
    if (!changes) return Result<int>::Fail(changes.error());
    auto body = BuildFeedActivity(a, *changes, now);
    // A stored activity was valid when stored; should it no longer be (a hand-edited row), keep what kiosks
    // have rather than stop re-publishing every other one.
    if (!body) continue;
    auto r = repo.RepublishActivity(a.id, nlohmann::json(*body).dump(), now, a.revision);
    if (r.error == WriteError::Conflict || r.error == WriteError::NotFound) continue;  // an edit got there first
    if (!r.ok()) return Result<int>::Fail(r.message);
    if (r.value->seq != a.seq) ++republished;
  }
  return Result<int>::Ok(republished);
}

}  // namespace ck::hub

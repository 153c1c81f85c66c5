// What staff can do to community activities (create, edit, cancel the whole activity, move or cancel one
// occurrence), for an acting party, checked against party_policy.h and the protocol's rules before anything
// reaches the repository. The console and the CLI are thin shells over these, and audit what they return.
//
// Every write stores feed_body: the protocol Activity as kiosks get it, its occurrences expanded over
// [now, now + kActivityHorizonDays) with ExpandOccurrences and checked with ValidateActivity. As days pass the
// window moves on: RepublishStaleActivities re-expands (with a new seq) what was expanded a day ago or more.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/store/activity_repository.h"
#include "sync/protocol/activity.h"

namespace ck::hub {

// The fields staff gave; unset ones keep their value (edit) or take the default (create).
struct ActivityEdit {
  std::optional<std::vector<protocol::Publisher>> organisers;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> place;
  std::optional<std::string> eligibility;
  std::optional<protocol::UnixSeconds> start;     // the first occurrence (UTC)
  std::optional<protocol::UnixSeconds> duration;  // seconds (all day: whole days)
  std::optional<bool> all_day;
  std::optional<std::string> rrule;  // "" makes it a one-off
  std::optional<std::vector<protocol::UnixSeconds>> exdates;
  std::optional<int> capacity;
  std::optional<protocol::UnixSeconds> signup_closes_before;

  bool empty() const {
    return !organisers && !title && !description && !place && !eligibility && !start && !duration && !all_day &&
           !rrule && !exdates && !capacity && !signup_closes_before;
  }
  bool operator==(const ActivityEdit&) const = default;
};

// A re-publish happens at most this often per activity; the horizon is 120 days, so a day costs nothing.
inline constexpr protocol::UnixSeconds kActivityRepublishInterval = 24 * 3600;

// The body kiosks get for `a` with these occurrence changes, expanded from `now`; refuses what
// ValidateActivity or CheckSchedule refuses (the error names the field).
Result<protocol::Activity> BuildFeedActivity(const ActivityRecord& a, const std::vector<OccurrenceChangeRecord>& changes,
                                             protocol::UnixSeconds now);

// The activity as residents see it now (its stored body with the sign-up counts read now); nullopt for an
// unknown or deleted id, or one that is not a UUID.
Result<std::optional<protocol::Activity>> ActivityForResidents(ActivityRepository& repo, std::string_view id);

// A new activity: the hub makes its id. Title, place, start, duration and organisers are required (organisers
// default to `by` alone); `by` must be one of them unless it is the street office.
WriteResult<ActivityRecord> CreateActivity(ActivityRepository& repo, protocol::Publisher by, const ActivityEdit& edit,
                                           std::string_view created_by, protocol::UnixSeconds now);
// Applies `edit` when the stored revision is `expected_revision` (Conflict, HTTP 409, if not); with nullopt,
// to the current version (re-read and retried if another writer got in between). An empty edit is Invalid.
WriteResult<ActivityRecord> EditActivity(ActivityRepository& repo, protocol::Publisher by, std::string_view id,
                                         const ActivityEdit& edit, std::optional<std::int64_t> expected_revision,
                                         protocol::UnixSeconds now);
// Cancels the whole activity with a reason residents see (required). Sign-ups are kept as they are.
WriteResult<ActivityRecord> CancelActivity(ActivityRepository& repo, protocol::Publisher by, std::string_view id,
                                           std::string_view reason, std::optional<std::int64_t> expected_revision,
                                           protocol::UnixSeconds now);
// Moves one occurrence (named by its original start) to `new_start`, or cancels it (with a reason), or both
// unset: restores it as the rule has it. The original start must be one the rule makes.
struct OccurrenceEdit {
  protocol::UnixSeconds original_start = 0;
  std::optional<protocol::UnixSeconds> new_start;
  bool cancel = false;
  std::string reason;
  bool operator==(const OccurrenceEdit&) const = default;
};
WriteResult<ActivityRecord> ChangeOccurrence(ActivityRepository& repo, protocol::Publisher by, std::string_view id,
                                             const OccurrenceEdit& edit, std::optional<std::int64_t> expected_revision,
                                             protocol::UnixSeconds now);

// Re-expands every live activity last expanded kActivityRepublishInterval or more before `now` (at most
// `limit` per call, the oldest first) and stores it: with a new seq when its body changed, else only the new
// window. Returns how many were given a new seq. Edits that race with it win (it skips a Conflict).
Result<int> RepublishStaleActivities(ActivityRepository& repo, protocol::UnixSeconds now, int limit = 200);

}  // namespace ck::hub

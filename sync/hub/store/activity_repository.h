// ActivityRepository: the hub's community activities, their single-occurrence changes and sign-ups.
//
// Invariants every implementation keeps:
//   - An activity takes the next value of the hub's one change sequence (shared with notices) whenever it
//     changes, and also whenever its sign-ups change, so kiosks see places left within one poll. Its row
//     keeps only the latest seq; a deleted activity stays as a tombstone.
//   - feed_body is the Activity as kiosks receive it, without sign-up counts: the feed adds the counts
//     read in the same snapshot (FeedSlice::activities), so a sign-up never rewrites the body.
//   - revision is 1 when created and grows by one with every edit (not with sign-ups).
// Nothing here names SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/store/hub_repository.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub {

struct ActivityRecord {
  std::string id;  // UUID
  std::int64_t seq = 0;
  std::int64_t revision = 1;
  std::vector<protocol::Publisher> organisers;
  std::string title;
  std::string description;
  std::string place;
  std::string eligibility;
  // The schedule (rules/activity_schedule.h): first start (UTC), length, all day, RRULE, EXDATEs.
  protocol::UnixSeconds start = 0;
  protocol::UnixSeconds duration = 0;
  bool all_day = false;
  std::string rrule;
  std::vector<protocol::UnixSeconds> exdates;
  int capacity = 0;
  protocol::UnixSeconds signup_closes_before = 0;
  std::optional<protocol::UnixSeconds> cancelled_at;
  std::string cancel_reason;
  std::optional<protocol::UnixSeconds> deleted_at;
  std::string feed_body;  // JSON
  std::string created_by;
  protocol::UnixSeconds created_at = 0;
  protocol::UnixSeconds updated_at = 0;
};

struct OccurrenceChangeRecord {
  std::string activity_id;
  protocol::UnixSeconds original_start = 0;
  std::optional<protocol::UnixSeconds> new_start;
  bool cancelled = false;
  std::string reason;
};

class ActivityRepository {
 public:
  virtual ~ActivityRepository() = default;

  // Stores a new activity (revision 1, the next seq). Duplicate: the id exists.
  virtual WriteResult<ActivityRecord> InsertActivity(const ActivityRecord& activity) = 0;
  // Replaces an activity's fields when its stored revision is `expected_revision` (else Conflict), with
  // revision + 1 and the next seq; NotFound for an unknown or deleted id.
  virtual WriteResult<ActivityRecord> UpdateActivity(const ActivityRecord& activity,
                                                     std::int64_t expected_revision) = 0;
  // Records a moved or cancelled occurrence (replacing an earlier change of the same occurrence) together
  // with the activity's new feed body, as one edit (revision + 1, next seq).
  virtual WriteResult<ActivityRecord> ChangeOccurrence(const OccurrenceChangeRecord& change,
                                                       const std::string& feed_body,
                                                       std::int64_t expected_revision,
                                                       protocol::UnixSeconds now) = 0;

  virtual Result<std::optional<ActivityRecord>> FindActivity(std::string_view id) = 0;
  // Not deleted, optionally only those `organiser` organises, by first start.
  virtual Result<std::vector<ActivityRecord>> ListActivities(std::optional<protocol::Publisher> organiser) = 0;
  virtual Result<std::vector<OccurrenceChangeRecord>> ListOccurrenceChanges(std::string_view activity_id) = 0;
};

}  // namespace ck::hub

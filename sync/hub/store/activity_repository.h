// ActivityRepository: the hub's community activities, their single-occurrence changes and sign-ups.
//
// Invariants every implementation keeps:
//   - An activity takes the next value of the hub's one change sequence (shared with notices) whenever it
//     changes, and also whenever its sign-ups change, so kiosks see places left within one poll. Its row
//     keeps only the latest seq; a deleted activity stays as a tombstone.
//   - feed_body is the Activity as kiosks receive it, without sign-up counts: the feed adds the counts
//     read in the same snapshot (FeedSlice::activities), so a sign-up never rewrites the body.
//   - revision is 1 when created and grows by one with every edit (not with sign-ups, not with a
//     re-publish that only moves the occurrence window).
//   - Sign-ups are stored once per signup_uuid and once per code, in order of arrival at the hub (a
//     repeat changes nothing and answers the sign-up as it is now). Each is decided in ONE write
//     transaction that also reads the occurrence's confirmed people, so an occurrence is never
//     over-booked, whatever number of connections or processes write at once.
//   - A cancellation of a confirmed sign-up promotes, in the same transaction, the waiting sign-ups that
//     now fit, in order of arrival (one that does not fit keeps its place; later, smaller ones may pass).
//   - Refused sign-ups are kept (with why), so a code always answers.
//   - Staff may let a waiting sign-up in by hand (with a reason), even past the capacity: that is the
//     organisers' choice (one more chair), never a kiosk's; the feed then shows no places left.
//   - Attendance (签到) is kept only on confirmed sign-ups and changes no count and no seq.
// Nothing here names SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <functional>

#include "sync/hub/store/hub_repository.h"
#include "sync/protocol/activity_signup.h"
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
  // The start of the window feed_body's occurrences were expanded over ([expanded_from, + horizon)).
  protocol::UnixSeconds expanded_from = 0;
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

// One sign-up as the hub keeps it: the public status plus what only the organisers may see.
struct SignupRecord {
  std::int64_t id = 0;  // order of arrival at the hub
  std::string signup_uuid;
  std::string code;
  std::string activity_id;
  protocol::UnixSeconds original_start = 0;
  std::string name;
  std::string phone;  // organisers only: never in status JSON, logs or public pages
  int people = 1;
  protocol::SignupState state = protocol::SignupState::Confirmed;
  protocol::SignupRefusal refusal = protocol::SignupRefusal::None;
  int waitlist_position = 0;  // 1-based among the occurrence's waiting sign-ups, computed when read
  std::string reason;         // why staff cancelled or moved it by hand
  std::string device_id;      // the kiosk that delivered it
  protocol::UnixSeconds signed_up_at = 0;  // the kiosk's clock
  protocol::UnixSeconds received_at = 0;   // the hub's
  protocol::UnixSeconds decided_at = 0;    // the last change of state
  std::optional<bool> attended;             // 签到, after the event

  protocol::SignupStatus Status() const;  // what the resident and any kiosk may see
};

// What the store read inside a sign-up's transaction, for the rule that decides it
// (rules/activity_signups.h): the activity (nullopt: unknown or deleted) and the occurrence's counts.
struct SignupContext {
  std::optional<ActivityRecord> activity;
  OccurrenceCounts counts;  // people confirmed and waiting for the occurrence signed up for
};
struct SignupVerdict {
  protocol::SignupState state = protocol::SignupState::Refused;
  protocol::SignupRefusal refusal = protocol::SignupRefusal::NoSuchOccurrence;
};
using SignupDecider = std::function<SignupVerdict(const SignupContext&)>;

struct SignupOutcome {
  SignupRecord record;
  bool replayed = false;  // the signup_uuid had been seen: nothing was written
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
  // Stores a feed body re-expanded over a later window (same revision; the next seq if the body differs
  // from the stored one, else the seq is kept) when the stored revision is still `expected_revision`
  // (else Conflict).
  virtual WriteResult<ActivityRecord> RepublishActivity(std::string_view id, const std::string& feed_body,
                                                        protocol::UnixSeconds expanded_from,
                                                        std::int64_t expected_revision) = 0;
  // Live activities whose occurrences were expanded from before `before` (the oldest first, at most `limit`).
  virtual Result<std::vector<ActivityRecord>> ListExpandedBefore(protocol::UnixSeconds before,
                                                                 int limit) = 0;

  // ---- Sign-ups ----
  // A new sign-up, decided by `decide` inside the write transaction (see the invariants above); a known
  // signup_uuid replays. Duplicate: its code belongs to another sign-up. A confirmed or waiting sign-up
  // gives its activity the next seq.
  virtual WriteResult<SignupOutcome> SubmitSignup(const protocol::SignupSubmission& submission,
                                                  protocol::UnixSeconds now, const SignupDecider& decide) = 0;
  virtual Result<std::optional<SignupRecord>> FindSignupByCode(std::string_view code) = 0;
  // The sign-ups with these codes delivered by `device_id` (others left out), in the order of `codes`.
  virtual Result<std::vector<SignupRecord>> FindSignupsByCodes(const std::vector<std::string>& codes,
                                                               std::string_view device_id) = 0;
  // Cancels a confirmed or waiting sign-up (promoting those waiting that now fit) and gives its activity
  // the next seq; a cancelled or refused one comes back unchanged. NotFound for an unknown code.
  virtual WriteResult<SignupRecord> CancelSignup(std::string_view code, std::string_view reason,
                                                 protocol::UnixSeconds now) = 0;
  // Lets a waiting sign-up in by hand: confirmed (even past the capacity), `reason` kept, decided now, and its
  // activity the next seq. NotFound for an unknown code; Refused (code "signup.not_waiting") for one that is
  // not waiting.
  virtual WriteResult<SignupRecord> PromoteSignup(std::string_view code, std::string_view reason,
                                                  protocol::UnixSeconds now) = 0;
  // 签到: whether a confirmed sign-up came (nullopt: not marked). NotFound for an unknown code; Refused (code
  // "signup.not_confirmed") for one that holds no place.
  virtual WriteResult<SignupRecord> SetAttendance(std::string_view code, std::optional<bool> attended) = 0;
  // People confirmed and waiting per occurrence (original start), as the feed counts them.
  virtual Result<std::map<protocol::UnixSeconds, OccurrenceCounts>> CountSignups(std::string_view activity_id) = 0;
  // An activity's sign-ups (optionally one occurrence's), by occurrence then arrival.
  virtual Result<std::vector<SignupRecord>> ListSignups(std::string_view activity_id,
                                                        std::optional<protocol::UnixSeconds> occurrence) = 0;
};

}  // namespace ck::hub

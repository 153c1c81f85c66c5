// Sign-ups for an activity's occurrence (protocol/activity_signup.h): what the hub decides, and the operations
// the API and the staff tools call. The decision runs inside the repository's write transaction, over the
// counts read in it, so a full occurrence can never be over-booked by kiosks signing up at once.
#pragma once

#include <optional>
#include <string_view>

#include "sync/hub/store/activity_repository.h"
#include "sync/protocol/activity_signup.h"

namespace ck::hub {

// The decision for `people` signing up for `occurrence` at `now` (the hub's clock: what counts is when the
// sign-up reached the hub), in this order: unknown activity or occurrence; no sign-up needed (capacity 0);
// cancelled (the activity or the occurrence); closed (its deadline passed); more people than the occurrence
// holds at all; else confirmed while the places last, else wait-listed.
SignupVerdict DecideSignup(const SignupContext& context, protocol::UnixSeconds occurrence, int people,
                           protocol::UnixSeconds now);

// A kiosk's sign-up (already validated by the protocol's rules), stored once per signup_uuid.
WriteResult<SignupOutcome> SubmitSignup(ActivityRepository& repo, const protocol::SignupSubmission& submission,
                                        protocol::UnixSeconds now);

// A resident (by code) or staff cancels; the reason is staff's (empty for a resident).
WriteResult<SignupRecord> CancelSignup(ActivityRepository& repo, std::string_view code, std::string_view reason,
                                       protocol::UnixSeconds now);

// ---- What staff do with an activity's sign-ups (the console and `community-hub event …`) ----
// Each is for the activity's organisers and the street office only (PartyMayEditActivity): anyone else is
// Refused with code "activity.not_organiser". An unknown or mistyped code is NotFound.

// Lets a waiting sign-up in by hand, with a reason (required; kept with the sign-up). It may go past the
// capacity: the organisers decide that, not a kiosk. Refused ("signup.not_waiting") unless it is waiting.
WriteResult<SignupRecord> PromoteSignupByHand(ActivityRepository& repo, protocol::Publisher by, std::string_view code,
                                              std::string_view reason, protocol::UnixSeconds now);

// 签到: marks whether a confirmed sign-up came (nullopt clears the mark), once its occurrence has started
// (moved: at its new start). Refused: "signup.not_started" before that, "signup.not_confirmed" for one
// without a place.
WriteResult<SignupRecord> MarkAttendance(ActivityRepository& repo, protocol::Publisher by, std::string_view code,
                                         std::optional<bool> attended, protocol::UnixSeconds now);

// When an occurrence (named by its original start) starts now: moved to another time, or as the rule had it.
Result<protocol::UnixSeconds> OccurrenceStart(ActivityRepository& repo, std::string_view activity_id,
                                              protocol::UnixSeconds original_start);

}  // namespace ck::hub

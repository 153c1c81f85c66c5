// Sign-ups for an activity's occurrence (protocol/activity_signup.h): what the hub decides, and the operations
// the API and the staff tools call. The decision runs inside the repository's write transaction, over the
// counts read in it, so a full occurrence can never be over-booked by kiosks signing up at once.
#pragma once

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

}  // namespace ck::hub

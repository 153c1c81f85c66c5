// Sign-up decisions: refusals in a fixed order, then places, then the wait-list.
#include "sync/hub/rules/activity_signups.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/activity.h"

namespace ck::hub {

using protocol::SignupRefusal;
using protocol::SignupState;

namespace {

SignupVerdict Refuse(SignupRefusal why) {
  return SignupVerdict{SignupState::Refused, why};
}

}  // namespace

SignupVerdict DecideSignup(const SignupContext& context, protocol::UnixSeconds occurrence, int people,
                           protocol::UnixSeconds now) {
  if (!context.activity) return Refuse(SignupRefusal::NoSuchOccurrence);
  // The body kiosks got names the occurrences they can sign up for.
  auto json = nlohmann::json::parse(context.activity->feed_body, nullptr, /*allow_exceptions=*/false);
  auto activity = protocol::ActivityFromJson(json);
  if (!activity) return Refuse(SignupRefusal::NoSuchOccurrence);
  auto it = std::find_if(activity->occurrences.begin(), activity->occurrences.end(),
                         [&](const protocol::ActivityOccurrence& o) { return o.original_start == occurrence; });
  if (it == activity->occurrences.end()) return Refuse(SignupRefusal::NoSuchOccurrence);
  if (activity->capacity <= 0) return Refuse(SignupRefusal::NoSignupNeeded);
  if (activity->cancelled || it->cancelled) return Refuse(SignupRefusal::OccurrenceCancelled);
  if (!protocol::SignupOpenAt(*activity, *it, now)) return Refuse(SignupRefusal::SignupClosed);
  if (people > activity->capacity) return Refuse(SignupRefusal::TooManyPeople);
  if (context.counts.confirmed + people <= activity->capacity)
    return SignupVerdict{SignupState::Confirmed, SignupRefusal::None};
  return SignupVerdict{SignupState::Waitlisted, SignupRefusal::None};
}

WriteResult<SignupOutcome> SubmitSignup(ActivityRepository& repo, const protocol::SignupSubmission& submission,
                                        protocol::UnixSeconds now) {
  if (auto s = protocol::ValidateSignup(submission); !s) return WriteFail<SignupOutcome>(WriteError::Invalid, s.error());
  if (auto e = CheckLine("name", submission.name, protocol::kMaxSignupNameCodepoints, true))
    return WriteFail<SignupOutcome>(WriteError::Invalid, *e);
  return repo.SubmitSignup(submission, now, [&](const SignupContext& context) {
    return DecideSignup(context, submission.occurrence, submission.people, now);
  });
}

WriteResult<SignupRecord> CancelSignup(ActivityRepository& repo, std::string_view code, std::string_view reason,
                                       protocol::UnixSeconds now) {
  if (auto e = CheckText("reason", reason, protocol::kMaxCancelReasonCodepoints, false))
    return WriteFail<SignupRecord>(WriteError::Invalid, *e);
  return repo.CancelSignup(code, reason, now);
}

}  // namespace ck::hub

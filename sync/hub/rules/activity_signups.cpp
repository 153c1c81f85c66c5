// Sign-up decisions: refusals in a fixed order, then places, then the wait-list.
#include "sync/hub/rules/activity_signups.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/activity.h"
#include "sync/protocol/ticket_code.h"

namespace ck::hub {

using protocol::SignupRefusal;
using protocol::SignupState;

namespace {

SignupVerdict Refuse(SignupRefusal why) {
  return SignupVerdict{SignupState::Refused, why};
}

// The sign-up `raw_code` names, when `by` organises its activity (or is the street office); else the refusal.
WriteResult<SignupRecord> OrganisersSignup(ActivityRepository& repo, protocol::Publisher by, std::string_view raw_code) {
  auto code = protocol::NormalizeTicketCode(raw_code);
  if (!code) return WriteFail<SignupRecord>(WriteError::NotFound, "code: not a sign-up code");
  auto found = repo.FindSignupByCode(*code);
  if (!found) return WriteFail<SignupRecord>(WriteError::Storage, found.error());
  if (!*found) return WriteFail<SignupRecord>(WriteError::NotFound, "code: no such sign-up");
  auto activity = repo.FindActivity((*found)->activity_id);
  if (!activity) return WriteFail<SignupRecord>(WriteError::Storage, activity.error());
  if (!*activity || !PartyMayEditActivity(by, (*activity)->organisers)) {
    auto r = WriteFail<SignupRecord>(WriteError::Refused,
                                     "only the activity's organisers or the street office may change its sign-ups");
    r.code = "activity.not_organiser";
    return r;
  }
  return WriteOk(std::move(**found));
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

WriteResult<SignupRecord> PromoteSignupByHand(ActivityRepository& repo, protocol::Publisher by, std::string_view code,
                                              std::string_view reason, protocol::UnixSeconds now) {
  if (auto e = CheckText("reason", reason, protocol::kMaxCancelReasonCodepoints, true))
    return WriteFail<SignupRecord>(WriteError::Invalid, *e);
  auto s = OrganisersSignup(repo, by, code);
  if (!s.ok()) return s;
  return repo.PromoteSignup(s.value->code, reason, now);
}

WriteResult<SignupRecord> MarkAttendance(ActivityRepository& repo, protocol::Publisher by, std::string_view code,
                                         std::optional<bool> attended, protocol::UnixSeconds now) {
  auto s = OrganisersSignup(repo, by, code);
  if (!s.ok()) return s;
  auto start = OccurrenceStart(repo, s.value->activity_id, s.value->original_start);
  if (!start) return WriteFail<SignupRecord>(WriteError::Storage, start.error());
  if (now < *start) {
    auto r = WriteFail<SignupRecord>(WriteError::Refused, "attendance: the occurrence has not started yet");
    r.code = "signup.not_started";
    return r;
  }
  return repo.SetAttendance(s.value->code, attended);
}

Result<protocol::UnixSeconds> OccurrenceStart(ActivityRepository& repo, std::string_view activity_id,
                                              protocol::UnixSeconds original_start) {
  auto changes = repo.ListOccurrenceChanges(activity_id);
  if (!changes) return Result<protocol::UnixSeconds>::Fail(changes.error());
  for (const OccurrenceChangeRecord& c : *changes)
    if (c.original_start == original_start && c.new_start) return Result<protocol::UnixSeconds>::Ok(*c.new_start);
  return Result<protocol::UnixSeconds>::Ok(original_start);
}

}  // namespace ck::hub

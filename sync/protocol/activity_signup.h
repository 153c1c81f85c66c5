// Sign-ups for an activity's occurrence: what a kiosk sends, and what the hub answers.
//
// A sign-up travels like a report: made at the kiosk (offline too) with a UUID that is also its
// Idempotency-Key and a code in the ticket-code format (ticket_code.h: the same randomness, check character
// and lookup throttle, because the code is the resident's only credential to read or cancel it), queued in
// the kiosk's outbox and delivered exactly once. The hub decides, in one transaction per sign-up, in order
// of arrival: confirmed while places last, else a numbered place on the wait-list, promoted automatically
// when someone ahead cancels; or refused (sign-up closed, occurrence cancelled …), stored and answered too,
// so the code always tells the resident what became of it.
//
// Routes (sync/openapi.yaml):
//   POST /api/v1/signups                 kiosk token; JSON SignupSubmission; Idempotency-Key: signup_uuid
//                                        → 201 SignupStatus (a repeat → 200, the same status as now)
//   GET  /api/v1/signups/{code}          anyone holding the code (lookup-throttled) → SignupStatus
//   POST /api/v1/signups/{code}/cancel   anyone holding the code (lookup-throttled) → SignupStatus
//   GET  /api/v1/signups?codes=A,B,…     kiosk token, only the kiosk's own sign-ups, at most 200 codes
//                                        → {"signups":[SignupStatus, …]} (unknown codes left out)
//
// Invariants (ValidateSignup): signup_uuid is a UUID; code a valid ticket-format code; activity_id a UUID;
// name 1..40 code points; phone 5..20 digits; people 1..kMaxPeoplePerSignup.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "sync/protocol/activity.h"
#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::protocol {

inline constexpr std::size_t kMaxSignupNameCodepoints = 40;
inline constexpr std::size_t kMinSignupPhoneDigits = 5;
inline constexpr std::size_t kMaxSignupPhoneDigits = 20;
inline constexpr std::size_t kMaxSignupCodesPerLookup = 200;

enum class SignupState {
  Pending,     // kiosk only: not yet answered by the hub (shown as 待确认)
  Confirmed,   // has a place
  Waitlisted,  // waiting, at waitlist_position
  Cancelled,   // cancelled by the resident (or by staff, with a reason)
  Refused,     // the hub did not take it; `refusal` says why
};
std::string_view SignupStateCode(SignupState s);  // "pending", "confirmed", …
std::optional<SignupState> ParseSignupState(std::string_view code);

enum class SignupRefusal {
  None,
  SignupClosed,         // the occurrence's sign-up deadline had passed when it reached the hub
  OccurrenceCancelled,  // that occurrence, or the whole activity, is cancelled
  NoSuchOccurrence,     // the activity is unknown or deleted, or has no occurrence at that time
  TooManyPeople,        // more people than the occurrence holds at all
  NoSignupNeeded,       // the activity takes no sign-ups (capacity 0: just come)
};
std::string_view SignupRefusalCode(SignupRefusal r);  // "", "signup_closed", …
std::optional<SignupRefusal> ParseSignupRefusal(std::string_view code);

struct SignupSubmission {
  std::string signup_uuid;  // made at the kiosk; also the Idempotency-Key
  std::string code;         // made at the kiosk, ticket-code format
  std::string activity_id;
  UnixSeconds occurrence = 0;  // the occurrence's original_start (stays its name when it is moved)
  std::string name;            // how the organiser calls the resident ("王阿姨")
  std::string phone;           // digits; never logged, masked from the receipt on
  int people = 1;
  std::string device_id;        // the kiosk's device id
  UnixSeconds submitted_at = 0;  // the kiosk's clock
  bool operator==(const SignupSubmission&) const = default;
};

Status ValidateSignup(const SignupSubmission& s);
void to_json(nlohmann::json& j, const SignupSubmission& s);
// Validates as it parses; never throws.
Result<SignupSubmission> SignupSubmissionFromJson(const nlohmann::json& j);

// What the hub says about one sign-up. Carries neither name nor phone: the same JSON backs the public page
// and a lookup by code from any kiosk.
struct SignupStatus {
  std::string code;
  std::string activity_id;
  UnixSeconds occurrence = 0;
  int people = 1;
  SignupState state = SignupState::Pending;
  int waitlist_position = 0;  // 1-based while Waitlisted, else 0
  SignupRefusal refusal = SignupRefusal::None;
  UnixSeconds updated_at = 0;
  bool operator==(const SignupStatus&) const = default;
};

Status ValidateSignupStatus(const SignupStatus& s);
void to_json(nlohmann::json& j, const SignupStatus& s);
Result<SignupStatus> SignupStatusFromJson(const nlohmann::json& j);
// The body of GET /api/v1/signups?codes=…
std::string SignupStatusListToJson(const std::vector<SignupStatus>& list);
Result<std::vector<SignupStatus>> ParseSignupStatusList(std::string_view body);

}  // namespace ck::protocol

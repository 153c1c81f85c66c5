// Sign-up codec and validation; the hub validates what a kiosk sends, the kiosk what the hub answers.
#include "sync/protocol/activity_signup.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "sync/protocol/ids.h"
#include "sync/protocol/json_fields.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/utf8.h"

namespace ck::protocol {
namespace {

constexpr std::array<std::pair<SignupState, std::string_view>, 5> kStates{{
    {SignupState::Pending, "pending"},
    {SignupState::Confirmed, "confirmed"},
    {SignupState::Waitlisted, "waitlisted"},
    {SignupState::Cancelled, "cancelled"},
    {SignupState::Refused, "refused"},
}};

constexpr std::array<std::pair<SignupRefusal, std::string_view>, 6> kRefusals{{
    {SignupRefusal::None, ""},
    {SignupRefusal::SignupClosed, "signup_closed"},
    {SignupRefusal::OccurrenceCancelled, "occurrence_cancelled"},
    {SignupRefusal::NoSuchOccurrence, "no_such_occurrence"},
    {SignupRefusal::TooManyPeople, "too_many_people"},
    {SignupRefusal::NoSignupNeeded, "no_signup_needed"},
}};

template <typename Enum, std::size_t N>
std::string_view CodeOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [e, code] : table)
    if (e == value) return code;
  return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view code) {
  for (const auto& [e, c] : table)
    if (c == code) return e;
  return std::nullopt;
}

bool IsDigits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

Status CheckCode(const std::string& code) {
  auto parts = ParseTicketCode(code);
  if (!parts || MakeTicketCode(*parts) != code) return Status::Fail("code: not a sign-up code in canonical form");
  return OkStatus();
}

}  // namespace

std::string_view SignupStateCode(SignupState s) { return CodeOf(kStates, s); }
std::optional<SignupState> ParseSignupState(std::string_view code) { return Parse(kStates, code); }
std::string_view SignupRefusalCode(SignupRefusal r) { return CodeOf(kRefusals, r); }
std::optional<SignupRefusal> ParseSignupRefusal(std::string_view code) { return Parse(kRefusals, code); }

Status ValidateSignup(const SignupSubmission& s) {
  if (!IsUuid(s.signup_uuid)) return Status::Fail("signup_uuid: must be a UUID");
  if (auto c = CheckCode(s.code); !c) return c;
  if (!IsUuid(s.activity_id)) return Status::Fail("activity_id: must be a UUID");
  if (auto t = CheckTextField("name", s.name, 1, kMaxSignupNameCodepoints); !t) return t;
  if (s.phone.size() < kMinSignupPhoneDigits || s.phone.size() > kMaxSignupPhoneDigits || !IsDigits(s.phone))
    return Status::Fail("phone: 5 to 20 digits");
  if (s.people < 1 || s.people > kMaxPeoplePerSignup) return Status::Fail("people: 1 to 4");
  return OkStatus();
}

void to_json(nlohmann::json& j, const SignupSubmission& s) {
  j = nlohmann::json{{"signup_uuid", s.signup_uuid},
                     {"code", s.code},
                     {"activity_id", s.activity_id},
                     {"occurrence", FormatUtc(s.occurrence)},
                     {"name", s.name},
                     {"phone", s.phone},
                     {"people", s.people},
                     {"device_id", s.device_id},
                     {"submitted_at", FormatUtc(s.submitted_at)}};
}

Result<SignupSubmission> SignupSubmissionFromJson(const nlohmann::json& j) {
  using R = Result<SignupSubmission>;
  if (!j.is_object()) return R::Fail("signup: must be a JSON object");
  SignupSubmission s;
  FieldReader f(j, "signup");
  if (!f.Text("signup_uuid", s.signup_uuid, true) || !f.Text("code", s.code, true) ||
      !f.Text("activity_id", s.activity_id, true) || !f.Time("occurrence", s.occurrence) ||
      !f.Text("name", s.name, true) || !f.Text("phone", s.phone, true) || !f.Integer("people", s.people, true) ||
      !f.Text("device_id", s.device_id, false)) {
    return R::Fail(f.error());
  }
  if (j.contains("submitted_at") && !f.Time("submitted_at", s.submitted_at)) return R::Fail(f.error());
  if (auto v = ValidateSignup(s); !v) return R::Fail("signup." + v.error());
  return R::Ok(std::move(s));
}

Status ValidateSignupStatus(const SignupStatus& s) {
  if (auto c = CheckCode(s.code); !c) return c;
  if (!IsUuid(s.activity_id)) return Status::Fail("activity_id: must be a UUID");
  if (s.people < 1 || s.people > kMaxPeoplePerSignup) return Status::Fail("people: 1 to 4");
  if ((s.state == SignupState::Waitlisted) != (s.waitlist_position > 0))
    return Status::Fail("waitlist_position: positive exactly when waitlisted");
  if ((s.state == SignupState::Refused) != (s.refusal != SignupRefusal::None))
    return Status::Fail("refusal: given exactly when refused");
  return OkStatus();
}

void to_json(nlohmann::json& j, const SignupStatus& s) {
  j = nlohmann::json{{"code", s.code},
                     {"activity_id", s.activity_id},
                     {"occurrence", FormatUtc(s.occurrence)},
                     {"people", s.people},
                     {"state", SignupStateCode(s.state)},
                     {"waitlist_position", s.waitlist_position},
                     {"refusal", SignupRefusalCode(s.refusal)},
                     {"updated_at", FormatUtc(s.updated_at)}};
}

Result<SignupStatus> SignupStatusFromJson(const nlohmann::json& j) {
  using R = Result<SignupStatus>;
  if (!j.is_object()) return R::Fail("signup status: must be a JSON object");
  SignupStatus s;
  std::string state, refusal;
  FieldReader f(j, "signup");
  if (!f.Text("code", s.code, true) || !f.Text("activity_id", s.activity_id, true) ||
      !f.Time("occurrence", s.occurrence) || !f.Integer("people", s.people, true) ||
      !f.Text("state", state, true) || !f.Integer("waitlist_position", s.waitlist_position, false) ||
      !f.Text("refusal", refusal, false) || !f.Time("updated_at", s.updated_at)) {
    return R::Fail(f.error());
  }
  auto st = ParseSignupState(state);
  if (!st || *st == SignupState::Pending) return R::Fail("signup.state: unknown \"" + state + "\"");
  s.state = *st;
  auto r = ParseSignupRefusal(refusal);
  if (!r) return R::Fail("signup.refusal: unknown \"" + refusal + "\"");
  s.refusal = *r;
  if (auto v = ValidateSignupStatus(s); !v) return R::Fail("signup." + v.error());
  return R::Ok(std::move(s));
}

std::string SignupStatusListToJson(const std::vector<SignupStatus>& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const SignupStatus& s : list) items.push_back(s);
  return nlohmann::json{{"signups", std::move(items)}}.dump();
}

Result<std::vector<SignupStatus>> ParseSignupStatusList(std::string_view body) {
  using R = Result<std::vector<SignupStatus>>;
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return R::Fail("signups: not a JSON object");
  auto items = j.find("signups");
  if (items == j.end() || !items->is_array()) return R::Fail("signups: missing or not an array");
  if (items->size() > kMaxSignupCodesPerLookup) return R::Fail("signups: too many");
  std::vector<SignupStatus> out;
  for (const auto& item : *items) {
    auto s = SignupStatusFromJson(item);
    if (!s) return R::Fail(s.error());
    out.push_back(std::move(s).value());
  }
  return R::Ok(std::move(out));
}

}  // namespace ck::protocol

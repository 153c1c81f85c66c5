// Activity codec and validation; the hub validates before it publishes, the kiosk before it applies.
#include "sync/protocol/activity.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "sync/protocol/ids.h"
#include "sync/protocol/utf8.h"

namespace ck::protocol {

int PlacesLeft(const Activity& a, const ActivityOccurrence& o) {
  return std::max(0, a.capacity - o.signed_up);
}

bool SignupOpenAt(const Activity& a, const ActivityOccurrence& o, UnixSeconds now) {
  return a.TakesSignups() && !o.cancelled && now < o.start - a.signup_closes_before;
}

Status ValidateActivity(const Activity& a) {
  if (!IsUuid(a.id)) return Status::Fail("id: must be a UUID");
  if (a.organisers.empty() || a.organisers.size() > 4) return Status::Fail("organisers: 1 to 4 parties");
  for (std::size_t i = 0; i < a.organisers.size(); ++i) {
    if (std::count(a.organisers.begin(), a.organisers.end(), a.organisers[i]) > 1)
      return Status::Fail("organisers: a party is named twice");
  }
  if (auto s = CheckTextField("title", a.title, 1, kMaxTitleCodepoints); !s) return s;
  if (auto s = CheckTextField("place", a.place, 1, kMaxPlaceCodepoints); !s) return s;
  if (auto s = CheckTextField("description", a.description, 0, kMaxActivityDescriptionCodepoints); !s) return s;
  if (auto s = CheckTextField("eligibility", a.eligibility, 0, kMaxEligibilityCodepoints); !s) return s;
  if (auto s = CheckTextField("cancel_reason", a.cancel_reason, 0, kMaxCancelReasonCodepoints); !s) return s;
  if (a.capacity < 0 || a.capacity > kMaxActivityCapacity) return Status::Fail("capacity: 0 to 10000");
  if (a.signup_closes_before < 0) return Status::Fail("signup_closes_before_seconds: must not be negative");
  if (a.revision < 1) return Status::Fail("revision: must be at least 1");
  if (a.occurrences.size() > kMaxOccurrencesPerActivity) return Status::Fail("occurrences: too many");
  for (std::size_t i = 0; i < a.occurrences.size(); ++i) {
    const ActivityOccurrence& o = a.occurrences[i];
    const std::string where = "occurrences[" + std::to_string(i) + "]";
    if (i > 0 && o.original_start <= a.occurrences[i - 1].original_start)
      return Status::Fail(where + ".original_start: not increasing");
    if (o.end <= o.start) return Status::Fail(where + ".end: must be after start");
    if (o.signed_up < 0 || o.waitlisted < 0) return Status::Fail(where + ": negative counts");
    if (auto s = CheckTextField(where + ".cancel_reason", o.cancel_reason, 0, kMaxCancelReasonCodepoints); !s)
      return s;
  }
  return OkStatus();
}

void to_json(nlohmann::json& j, const Activity& a) {
  nlohmann::json organisers = nlohmann::json::array();
  for (Publisher p : a.organisers) organisers.push_back(PublisherCode(p));
  nlohmann::json occurrences = nlohmann::json::array();
  for (const ActivityOccurrence& o : a.occurrences) {
    occurrences.push_back({{"original_start", FormatUtc(o.original_start)},
                           {"start", FormatUtc(o.start)},
                           {"end", FormatUtc(o.end)},
                           {"cancelled", o.cancelled},
                           {"cancel_reason", o.cancel_reason},
                           {"signed_up", o.signed_up},
                           {"waitlisted", o.waitlisted}});
  }
  j = nlohmann::json{
      {"id", a.id},
      {"organisers", std::move(organisers)},
      {"title", a.title},
      {"description", a.description},
      {"place", a.place},
      {"eligibility", a.eligibility},
      {"all_day", a.all_day},
      {"capacity", a.capacity},
      {"signup_closes_before_seconds", a.signup_closes_before},
      {"cancelled", a.cancelled},
      {"cancel_reason", a.cancel_reason},
      {"occurrences", std::move(occurrences)},
      {"revision", a.revision},
  };
}

namespace {

// Reads one field of an object into `out`; false (with `error` set) when present but of the wrong kind,
// or absent and required.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& j, std::string where) : j_(j), where_(std::move(where)) {}
  const std::string& error() const { return error_; }

  bool Text(const char* key, std::string& out, bool required) {
    auto it = j_.find(key);
    if (it == j_.end()) return Missing(key, required);
    if (!it->is_string()) return Fail(key, "must be a string");
    out = it->get<std::string>();
    return true;
  }
  bool Flag(const char* key, bool& out) {
    auto it = j_.find(key);
    if (it == j_.end()) return true;
    if (!it->is_boolean()) return Fail(key, "must be true or false");
    out = it->get<bool>();
    return true;
  }
  template <typename Int>
  bool Integer(const char* key, Int& out, bool required) {
    auto it = j_.find(key);
    if (it == j_.end()) return Missing(key, required);
    if (!it->is_number_integer()) return Fail(key, "must be an integer");
    const auto v = it->get<std::int64_t>();
    if (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max()) return Fail(key, "out of range");
    out = static_cast<Int>(v);
    return true;
  }
  bool Time(const char* key, UnixSeconds& out) {
    std::string text;
    if (!Text(key, text, true)) return false;
    auto t = ParseUtc(text);
    if (!t) return Fail(key, "not an RFC 3339 time");
    out = *t;
    return true;
  }

 private:
  bool Missing(const char* key, bool required) { return required ? Fail(key, "missing") : true; }
  bool Fail(const char* key, const char* why) {
    error_ = where_ + "." + key + ": " + why;
    return false;
  }
  const nlohmann::json& j_;
  std::string where_;
  std::string error_;
};

}  // namespace

Result<Activity> ActivityFromJson(const nlohmann::json& j) {
  using R = Result<Activity>;
  if (!j.is_object()) return R::Fail("activity: must be a JSON object");
  Activity a;
  FieldReader f(j, "activity");
  if (!f.Text("id", a.id, true) || !f.Text("title", a.title, true) || !f.Text("place", a.place, true) ||
      !f.Text("description", a.description, false) || !f.Text("eligibility", a.eligibility, false) ||
      !f.Flag("all_day", a.all_day) || !f.Integer("capacity", a.capacity, false) ||
      !f.Integer("signup_closes_before_seconds", a.signup_closes_before, false) ||
      !f.Flag("cancelled", a.cancelled) || !f.Text("cancel_reason", a.cancel_reason, false) ||
      !f.Integer("revision", a.revision, false)) {
    return R::Fail(f.error());
  }
  auto organisers = j.find("organisers");
  if (organisers == j.end() || !organisers->is_array()) return R::Fail("activity.organisers: missing or not an array");
  for (const auto& code : *organisers) {
    auto p = code.is_string() ? ParsePublisher(code.get_ref<const std::string&>()) : std::nullopt;
    if (!p) return R::Fail("activity.organisers: unknown party " + code.dump());
    a.organisers.push_back(*p);
  }
  auto occurrences = j.find("occurrences");
  if (occurrences == j.end() || !occurrences->is_array())
    return R::Fail("activity.occurrences: missing or not an array");
  if (occurrences->size() > kMaxOccurrencesPerActivity) return R::Fail("activity.occurrences: too many");
  for (const auto& jo : *occurrences) {
    const std::string where = "activity.occurrences[" + std::to_string(a.occurrences.size()) + "]";
    if (!jo.is_object()) return R::Fail(where + ": must be an object");
    ActivityOccurrence o;
    FieldReader fo(jo, where);
    if (!fo.Time("original_start", o.original_start) || !fo.Time("start", o.start) || !fo.Time("end", o.end) ||
        !fo.Flag("cancelled", o.cancelled) || !fo.Text("cancel_reason", o.cancel_reason, false) ||
        !fo.Integer("signed_up", o.signed_up, false) || !fo.Integer("waitlisted", o.waitlisted, false)) {
      return R::Fail(fo.error());
    }
    a.occurrences.push_back(std::move(o));
  }
  if (auto s = ValidateActivity(a); !s) return R::Fail("activity." + s.error());
  return R::Ok(std::move(a));
}

}  // namespace ck::protocol

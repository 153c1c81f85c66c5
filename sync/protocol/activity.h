// Activity: a community activity (a meeting, a sanitation drive, tai chi, a health check) as it travels from
// the hub to every kiosk. The hub expands recurrence rules; an activity carries its occurrences in the
// coming kActivityHorizonDays, each with its own places, so the kiosk never parses RRULE.
//
// Invariants (checked by ValidateActivity, on both sides of the wire):
//   id is a UUID; 1..4 distinct organisers; title 1..200 code points, place 1..200, description at most
//   5,000, eligibility at most 100; capacity 0 (no sign-up: just come) .. 10,000; occurrences in strictly
//   increasing original_start, each ending after it starts, at most kMaxOccurrencesPerActivity;
//   signed_up and waitlisted never negative; revision starts at 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "sync/protocol/notice.h"
#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::protocol {

inline constexpr int kActivityHorizonDays = 120;
inline constexpr std::size_t kMaxOccurrencesPerActivity = 400;
inline constexpr std::size_t kMaxPlaceCodepoints = 200;
inline constexpr std::size_t kMaxActivityDescriptionCodepoints = 5000;
inline constexpr std::size_t kMaxEligibilityCodepoints = 100;
inline constexpr std::size_t kMaxCancelReasonCodepoints = 500;
inline constexpr int kMaxActivityCapacity = 10000;
inline constexpr int kMaxPeoplePerSignup = 4;

struct ActivityOccurrence {
  UnixSeconds original_start = 0;  // names the occurrence (sign-ups refer to it), even when it is moved
  UnixSeconds start = 0;
  UnixSeconds end = 0;
  bool cancelled = false;
  std::string cancel_reason;
  int signed_up = 0;   // confirmed people (each sign-up's party size summed)
  int waitlisted = 0;  // people waiting
  bool operator==(const ActivityOccurrence&) const = default;
};

struct Activity {
  std::string id;  // UUID, made by the hub
  std::vector<Publisher> organisers;  // one party, or several jointly (街道 + 物业)
  std::string title;
  std::string description;
  std::string place;
  std::string eligibility;  // who may join in plain words ("3号楼", "60岁以上"); empty: everyone
  bool all_day = false;
  int capacity = 0;  // people per occurrence; 0: no sign-up needed
  // Sign-up closes this long before an occurrence starts (0: at the start).
  UnixSeconds signup_closes_before = 0;
  bool cancelled = false;  // the whole activity; residents see the reason
  std::string cancel_reason;
  std::vector<ActivityOccurrence> occurrences;
  std::int64_t revision = 1;

  bool TakesSignups() const { return capacity > 0 && !cancelled; }
  bool operator==(const Activity&) const = default;
};

// Places left in an occurrence (never negative); meaningless when the activity takes no sign-ups.
int PlacesLeft(const Activity& a, const ActivityOccurrence& o);
// Sign-up is open at `now` for this occurrence: the activity takes sign-ups, neither is cancelled, and
// the closing time has not passed.
bool SignupOpenAt(const Activity& a, const ActivityOccurrence& o, UnixSeconds now);

Status ValidateActivity(const Activity& a);

void to_json(nlohmann::json& j, const Activity& a);
// Validates as it parses; never throws.
Result<Activity> ActivityFromJson(const nlohmann::json& j);

}  // namespace ck::protocol

// Shared fixtures for the activity tests: Beijing wall-clock times, a weekly activity, a sign-up as a kiosk
// sends it.
#pragma once

#include <chrono>
#include <string>

#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/rules/activity_schedule.h"
#include "sync/protocol/activity_signup.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

namespace ck::hub::testing {

// Beijing wall-clock time as UTC seconds.
inline protocol::UnixSeconds Beijing(std::chrono::year_month_day day, int hour, int minute = 0) {
  using namespace std::chrono;
  return sys_seconds(sys_days(day) + hours(hour) + minutes(minute)).time_since_epoch().count() -
         kBeijingOffsetSeconds;
}

// 2026-12-01 09:00 Beijing: "now" in these tests.
inline const protocol::UnixSeconds kActivityNow = Beijing(std::chrono::year_month_day(
                                                              std::chrono::year(2026), std::chrono::month(12),
                                                              std::chrono::day(1)),
                                                          9);

// Tai chi every Tuesday and Thursday 07:00 from 2026-12-03, one hour, `capacity` places.
inline ActivityEdit WeeklyTaiChi(int capacity = 10) {
  using namespace std::chrono;
  ActivityEdit e;
  e.title = "太极拳晨练";
  e.place = "社区广场";
  e.description = "自带水杯";
  e.start = Beijing(2026y / December / 3, 7);
  e.duration = 3600;
  e.rrule = "FREQ=WEEKLY;BYDAY=TU,TH";
  e.capacity = capacity;
  return e;
}

inline std::string NewSignupCode(std::uint32_t kiosk_number = 1) {
  return *protocol::DrawTicketCode(kiosk_number);
}

inline protocol::SignupSubmission SampleSignup(const std::string& activity_id, protocol::UnixSeconds occurrence,
                                               int people = 1, std::string device_id = "kiosk-a") {
  protocol::SignupSubmission s;
  s.signup_uuid = protocol::NewUuid();
  s.code = NewSignupCode();
  s.activity_id = activity_id;
  s.occurrence = occurrence;
  s.name = "王阿姨";
  s.phone = "13812345678";
  s.people = people;
  s.device_id = std::move(device_id);
  s.submitted_at = kActivityNow;
  return s;
}

}  // namespace ck::hub::testing

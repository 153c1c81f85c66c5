// When an activity happens: a one-off, all-day or multi-day time, or an RFC 5545 recurrence (RRULE with
// EXDATE exceptions and single occurrences moved or cancelled), expanded with libical into occurrences.
// Capacity and sign-ups are per occurrence, keyed by the occurrence's original start (its RECURRENCE-ID).
//
// Rules are expanded in Beijing wall-clock time (what an organiser means by "every Tuesday 07:00") and
// stored as UTC: Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so the mapping is exact.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub {

inline constexpr protocol::UnixSeconds kBeijingOffsetSeconds = 8 * 3600;

struct ActivitySchedule {
  protocol::UnixSeconds start = 0;      // the first occurrence (UTC)
  protocol::UnixSeconds duration = 0;   // seconds; all-day activities span whole days
  bool all_day = false;
  std::string rrule;                     // RRULE value, e.g. "FREQ=WEEKLY;BYDAY=TU,TH"; empty: one-off
  std::vector<protocol::UnixSeconds> exdates;  // original starts left out
};

// One occurrence changed on its own: moved (a new start, same length) or cancelled with a reason.
struct OccurrenceChange {
  protocol::UnixSeconds original_start = 0;
  std::optional<protocol::UnixSeconds> new_start;
  bool cancelled = false;
  std::string reason;
};

struct Occurrence {
  protocol::UnixSeconds original_start = 0;  // identifies the occurrence (RECURRENCE-ID)
  protocol::UnixSeconds start = 0;
  protocol::UnixSeconds end = 0;
  bool moved = false;
  bool cancelled = false;
  std::string cancel_reason;
};

// What a community calendar must not hold: an unparsable rule or one that never happens, one more
// frequent than daily, a length
// that is not positive (or, all day, not whole days). A rule without COUNT or UNTIL is fine: expansion is
// always over a window.
enum class ScheduleProblem { kNone, kBadRule, kTooFrequent, kBadDuration };
ScheduleProblem CheckSchedule(const ActivitySchedule& schedule);

// The occurrences that overlap [from, to), in start order, at most `limit` of them. Cancelled ones are
// included (marked) so a kiosk can say "本次取消"; EXDATEs are not occurrences at all.
Result<std::vector<Occurrence>> ExpandOccurrences(const ActivitySchedule& schedule,
                                                  const std::vector<OccurrenceChange>& changes,
                                                  protocol::UnixSeconds from, protocol::UnixSeconds to,
                                                  std::size_t limit);

}  // namespace ck::hub

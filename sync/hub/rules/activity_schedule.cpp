// Expanding an activity's schedule with libical's recurrence iterator.
#include "sync/hub/rules/activity_schedule.h"

#include <libical/ical.h>

#include <algorithm>
#include <map>
#include <memory>

namespace ck::hub {

namespace {

constexpr protocol::UnixSeconds kDay = 24 * 3600;

// Beijing wall-clock time as a floating libical time.
icaltimetype BeijingWallClock(protocol::UnixSeconds utc) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(utc + kBeijingOffsetSeconds), 0, nullptr);
}

protocol::UnixSeconds FromBeijingWallClock(icaltimetype wall) {
  return static_cast<protocol::UnixSeconds>(icaltime_as_timet(wall)) - kBeijingOffsetSeconds;
}

// libical reports a bad rule through its global error state; parse and look at the frequency.
std::optional<icalrecurrencetype> ParseRule(const std::string& rrule) {
  icalerror_clear_errno();
  const icalerrorstate saved = icalerror_get_error_state(ICAL_MALFORMEDDATA_ERROR);
  icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);
  icalrecurrencetype rule = icalrecurrencetype_from_string(rrule.c_str());
  icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, saved);
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) return std::nullopt;
  return rule;
}

struct IteratorFree {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

}  // namespace

ScheduleProblem CheckSchedule(const ActivitySchedule& schedule) {
  if (schedule.duration <= 0) return ScheduleProblem::kBadDuration;
  if (schedule.all_day && (schedule.duration % kDay != 0 ||
                           (schedule.start + kBeijingOffsetSeconds) % kDay != 0)) {
    return ScheduleProblem::kBadDuration;
  }
  if (schedule.rrule.empty()) return ScheduleProblem::kNone;
  const auto rule = ParseRule(schedule.rrule);
  if (!rule) return ScheduleProblem::kBadRule;
  if (rule->freq == ICAL_SECONDLY_RECURRENCE || rule->freq == ICAL_MINUTELY_RECURRENCE ||
      rule->freq == ICAL_HOURLY_RECURRENCE) {
    return ScheduleProblem::kTooFrequent;
  }
  // A rule that never happens (30 February) is a mistake, not an activity; libical refuses to iterate it.
  std::unique_ptr<icalrecur_iterator, IteratorFree> it(
      icalrecur_iterator_new(*rule, BeijingWallClock(schedule.start)));
  if (!it || icaltime_is_null_time(icalrecur_iterator_next(it.get()))) return ScheduleProblem::kBadRule;
  return ScheduleProblem::kNone;
}

Result<std::vector<Occurrence>> ExpandOccurrences(const ActivitySchedule& schedule,
                                                  const std::vector<OccurrenceChange>& changes,
                                                  protocol::UnixSeconds from, protocol::UnixSeconds to,
                                                  std::size_t limit) {
  if (CheckSchedule(schedule) != ScheduleProblem::kNone) {
    return Result<std::vector<Occurrence>>::Fail("not a valid activity schedule");
  }
  std::map<protocol::UnixSeconds, const OccurrenceChange*> change_of;
  // A moved occurrence may land in the window from beyond it: walk the rule far enough to meet it.
  // Likewise from before it: `skip_to` is the earliest original start that can still matter.
  protocol::UnixSeconds horizon = to;
  protocol::UnixSeconds skip_to = from - schedule.duration;
  for (const OccurrenceChange& c : changes) {
    change_of[c.original_start] = &c;
    if (c.new_start && *c.new_start < to && *c.new_start + schedule.duration > from) {
      horizon = std::max(horizon, c.original_start + 1);
      skip_to = std::min(skip_to, c.original_start);
    }
  }

  std::vector<protocol::UnixSeconds> exdates = schedule.exdates;
  std::sort(exdates.begin(), exdates.end());

  std::vector<Occurrence> out;
  auto consider = [&](protocol::UnixSeconds original) {
    if (std::binary_search(exdates.begin(), exdates.end(), original)) return;
    Occurrence o{original, original, original + schedule.duration, false, false, {}};
    if (auto it = change_of.find(original); it != change_of.end()) {
      if (it->second->new_start) {
        o.start = *it->second->new_start;
        o.end = o.start + schedule.duration;
        o.moved = true;
      }
      o.cancelled = it->second->cancelled;
      o.cancel_reason = it->second->reason;
    }
    if (o.start < to && o.end > from) out.push_back(std::move(o));
  };

  if (schedule.rrule.empty()) {
    consider(schedule.start);
  } else {
    const icalrecurrencetype rule = *ParseRule(schedule.rrule);
    std::unique_ptr<icalrecur_iterator, IteratorFree> it(
        icalrecur_iterator_new(rule, BeijingWallClock(schedule.start)));
    if (!it) return Result<std::vector<Occurrence>>::Fail("libical could not expand the rule");
    // An activity that began years ago: start the iterator near the window instead of walking every past
    // occurrence (libical's date steps are ICU calendar calls). Not with COUNT, which counts from DTSTART.
    if (rule.count == 0 && skip_to > schedule.start) {
      const icaltimetype skip_wall = BeijingWallClock(skip_to);
      if (!icaltime_is_null_time(rule.until) && icaltime_compare(skip_wall, rule.until) > 0) {
        it.reset();  // every occurrence ends before the window
      } else if (!icalrecur_iterator_set_start(it.get(), skip_wall)) {
        it.reset(icalrecur_iterator_new(rule, BeijingWallClock(schedule.start)));  // walk from the start
      }
    }
    for (icaltimetype next = it ? icalrecur_iterator_next(it.get()) : icaltime_null_time();
         !icaltime_is_null_time(next); next = icalrecur_iterator_next(it.get())) {
      const protocol::UnixSeconds original = FromBeijingWallClock(next);
      if (original >= horizon) break;
      consider(original);
    }
  }
  std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.start != b.start ? a.start < b.start : a.original_start < b.original_start;
  });
  if (out.size() > limit) out.resize(limit);
  return Result<std::vector<Occurrence>>::Ok(std::move(out));
}

}  // namespace ck::hub

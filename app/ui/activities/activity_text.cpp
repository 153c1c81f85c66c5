// Activity wording from the view model and the translations.
#include "app/ui/activities/activity_text.h"

#include "app/ui/text/activity_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

std::string OccurrenceWhen(const ActivityRowView& r, const Translations& tr, bool with_date) {
  const auto first = LocalDate(r.start);
  const auto last = LocalDate(r.end > r.start ? r.end - 1 : r.start);
  if (first != last) {
    // Several days: the dates carry it; a timed one keeps its times.
    const std::string_view pattern = r.all_day ? keys::kFormatDate : keys::kFormatDateTime;
    // An all-day span ends at a midnight: the day before it is its last.
    const protocol::UnixSeconds to = r.all_day ? r.end - 1 : r.end;
    return FormatPattern(tr.Get(keys::kActivityMultiDay),
                         {{"from", FormatLocal(pattern, r.start, tr)}, {"to", FormatLocal(pattern, to, tr)}});
  }
  const std::string date = with_date ? FormatLocal(keys::kActivityDayHeading, r.start, tr) : std::string();
  if (r.all_day) return date.empty() ? tr.Get(keys::kActivityAllDay) : date + " " + tr.Get(keys::kActivityAllDay);
  std::string text = FormatPattern(tr.Get(keys::kActivityTimeRange),
                                   {{"date", date},
                                    {"from", FormatLocal(keys::kFormatTime, r.start, tr)},
                                    {"to", FormatLocal(keys::kFormatTime, r.end, tr)}});
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  return text;
}

std::string OrganisersText(const ActivityRowView& r, const Translations& tr) {
  std::string out;
  for (protocol::Publisher p : r.organisers) {
    if (!out.empty()) out += tr.Get(keys::kActivityJoint);
    out += tr.Get(keys::PublisherKey(p));
  }
  return out;
}

std::string PlacesText(const ActivityRowView& r, const Translations& tr) {
  if (r.cancelled) return tr.Get(keys::kActivityCancelled);
  if (r.capacity == 0) return tr.Get(keys::kActivityNoSignup);
  if (r.places_left == 0) return tr.Get(keys::kActivityFull);
  return FormatPattern(tr.Get(keys::kActivityPlacesLeft), {{"count", std::to_string(r.places_left)}});
}

std::string CalendarFreshness(const SyncIndicatorView& sync, protocol::UnixSeconds now, const Translations& tr) {
  if (!sync.hub_configured) return tr.Get(keys::kActivityLocalOnly);
  if (!sync.last_success_at) return tr.Get(keys::kActivityNeverSynced);
  const protocol::UnixSeconds age = std::max<protocol::UnixSeconds>(0, now - *sync.last_success_at);
  std::string when;
  if (age < 60)
    when = tr.Get(keys::kActivityAgeNow);
  else if (age < 3600)
    when = FormatPattern(tr.Get(keys::kActivityAgeMinutes), {{"n", std::to_string(age / 60)}});
  else if (age < 2 * 86400)
    when = FormatPattern(tr.Get(keys::kActivityAgeHours), {{"n", std::to_string(age / 3600)}});
  else
    when = FormatPattern(tr.Get(keys::kActivityAgeDays), {{"n", std::to_string(age / 86400)}});
  return FormatPattern(tr.Get(keys::kActivitySynced), {{"age", when}});
}

std::string SignupStateText(const SignupView& s, bool hub_configured, const Translations& tr) {
  if (s.made_here && !s.delivered) {
    if (s.rejected)
      return tr.Get(keys::SignupStateKey(protocol::SignupState::Refused)) + tr.Get(keys::kListSeparator) +
             tr.Get(keys::SignupRefusalKey(protocol::SignupRefusal::None));
    return tr.Get(hub_configured ? keys::SignupStateKey(protocol::SignupState::Pending)
                                 : std::string(keys::kSignupLocalOnly));
  }
  switch (s.state) {
    case protocol::SignupState::Waitlisted:
      return FormatPattern(tr.Get(keys::kSignupWaitlistPosition), {{"n", std::to_string(s.waitlist_position)}});
    case protocol::SignupState::Refused:
      return tr.Get(keys::SignupStateKey(s.state)) + tr.Get(keys::kListSeparator) +
             tr.Get(keys::SignupRefusalKey(s.refusal));
    default:
      return tr.Get(keys::SignupStateKey(s.state));
  }
}

}  // namespace ck::ui

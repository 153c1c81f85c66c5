// Activities as iCalendar (RFC 5545), with libical: the export behind GET /api/v1/events.ics and
// `community-hub event export`, and the import of the .ics a party keeps in its own calendar.
//
// Export: one VCALENDAR with a VTIMEZONE for Asia/Shanghai (UTC+8, no daylight saving since 1991); per
// activity one VEVENT with a stable UID ("<id>@community-hub"), SEQUENCE = revision - 1 (so every change
// bumps it), DTSTART/DTEND in Beijing time (VALUE=DATE for all-day), RRULE and EXDATE as entered, STATUS
// (CANCELLED with the reason in COMMENT), and the fields calendars have no name for as X-COMMUNITY-*
// (organisers, capacity, eligibility, sign-up deadline); then one VEVENT with RECURRENCE-ID per moved or
// cancelled occurrence.
//
// Import reads the same shape back, and what other calendars write: DTSTART in UTC, in Asia/Shanghai, in
// another zone libical knows, floating (taken as Beijing time) or a DATE; DTEND or DURATION. Unknown
// properties are ignored; a VEVENT that cannot be an activity is an error naming it (its position and UID).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/rules/activity_editor.h"

namespace ck::hub {

struct ActivityWithChanges {
  ActivityRecord activity;
  std::vector<OccurrenceChangeRecord> changes;
};

// The UID of an activity's VEVENTs.
std::string ActivityUid(std::string_view activity_id);

// `public_url` (may be empty) gives each VEVENT a URL to the activity's public page.
std::string ExportICalendar(const std::vector<ActivityWithChanges>& activities, std::string_view public_url);

// One VEVENT series read from a file.
struct ImportedActivity {
  std::string uid;
  ActivityEdit edit;                         // organisers set only when the file names them
  std::optional<std::string> cancel_reason;  // set: the whole activity is cancelled
  std::vector<OccurrenceEdit> occurrences;   // moved or cancelled occurrences (RECURRENCE-ID), by original start
  bool operator==(const ImportedActivity&) const = default;
};

// Every VEVENT series of the file, in file order; the first bad one fails the whole file.
Result<std::vector<ImportedActivity>> ParseICalendar(std::string_view text);

// Parses first, then stores every series for `by` (organisers default to `by`): one whose UID is an
// existing activity's is updated to what the file says, the others are created. Returns what was stored.
WriteResult<std::vector<ActivityRecord>> ImportICalendar(ActivityRepository& repo, protocol::Publisher by,
                                                         std::string_view text, std::string_view created_by,
                                                         protocol::UnixSeconds now);

}  // namespace ck::hub

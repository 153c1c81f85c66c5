// The activity form of the console (create and edit) as the clerk typed it, and what it means: the fields
// turned into the rules' ActivityEdit (the recurrence chosen with plain controls — weekly on some weekdays,
// monthly on the n-th weekday, none — written as an RFC 5545 RRULE with UNTIL or COUNT, EXDATE days), a
// stored activity turned back into the form, and the kiosk-like preview beside it. Rules decide; this only
// translates between the form and them.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/console/template_render.h"
#include "sync/hub/console/text.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/store/console_repository.h"

namespace ck::hub::console {

class ConsoleRequest;

// Weekday codes in RRULE order, Monday first.
inline constexpr const char* kWeekdayCodes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
inline constexpr Party kActivityParties[] = {Party::StreetOffice, Party::PropertyCompany,
                                             Party::ResidentsCommittee, Party::OwnersCommittee};

// Every field as text, so a refused form comes back exactly as typed.
struct ActivityForm {
  std::string title, description, place, eligibility;
  std::set<std::string> organisers;  // party codes
  bool all_day = false;
  std::string start, end;            // datetime-local, Beijing time
  std::string repeat = "none";       // none | weekly | monthly | custom
  std::set<std::string> weekdays;    // weekly: MO … SU
  std::string month_week = "1";      // monthly: 1 … 4, or -1 (the last)
  std::string month_weekday = "MO";
  std::string ends = "never";        // never | until | count
  std::string until;                 // YYYY-MM-DD (the last day it may happen)
  std::string count;
  std::string rrule;                 // custom: the rule as stored (what the controls cannot say)
  std::string exdates;               // YYYY-MM-DD days left out, separated by spaces, commas or lines
  std::string capacity = "0";
  std::string closes_hours = "0";    // sign-up closes this many hours before each start
  std::string revision;
};

// The form's field names (for ConsoleRequest::UnexpectedFormKey and the template).
std::vector<std::string_view> ActivityFormKeys();

ActivityForm ActivityFormFromRecord(const ActivityRecord& a);
ActivityForm ActivityFormFromRequest(const ConsoleRequest& rq);
// A new activity's form: organised by the clerk's party, starting tomorrow 09:00 for an hour.
ActivityForm NewActivityForm(Party mine, protocol::UnixSeconds now);

// The form as an edit (every field set), or why not, in the page's language.
struct ParsedActivity {
  ActivityEdit edit;
  std::string error;
};
ParsedActivity ParseActivityForm(Lang lang, const ActivityForm& f);

// The RRULE the recurrence controls say ("" for none); exposed for tests.
std::string RecurrenceRule(const ActivityForm& f);

// The form's view model (templates/activity_edit.mustache's {{form.…}}, weekday and party checkboxes).
View ActivityFormView(Lang lang, const ActivityForm& f, Party mine, bool street_office);

// A refusal from the rules ("title: required", a rule code) in the page's language.
std::string ActivityRefusalText(Lang lang, std::string_view code, std::string_view message);

// How an activity recurs, in words: "每周二、四" / "Every Tue, Thu", "每月第一个周一 · 共 10 次"; "" for a one-off.
std::string RecurrenceWords(Lang lang, std::string_view rrule);
// When one occurrence is: "2026-12-03 07:00–08:00", "2026-12-03（全天）", "2026-12-03 – 2026-12-05".
std::string OccurrenceWhen(Lang lang, protocol::UnixSeconds start, protocol::UnixSeconds end, bool all_day);
// The organisers' names, joined ("街道办事处 · 物业服务中心").
std::string OrganiserNames(Lang lang, const std::vector<Party>& organisers);

// The kiosk-like preview of the activity as the form says it (templates/activity_preview.mustache), with its
// next occurrences from `now` (the stored occurrence changes applied when editing).
View ActivityPreviewView(Lang lang, const ActivityForm& f, const std::vector<OccurrenceChangeRecord>& changes,
                         protocol::UnixSeconds now);

}  // namespace ck::hub::console

// The community-activity pages (issue 17), one file each; registered in console_pages.cpp only when the hub
// serves activities (ConsoleServices::activities). Who may do what is rules/party_policy.h's
// MayEditActivity: the organisers of an activity (each of a joint one's) and the street office; anyone else
// gets 403 and an audit entry, whatever the page showed them.
#pragma once

#include <optional>

#include "sync/hub/console/console_router.h"

namespace ck::hub::console {

// page_activities.cpp: the list (own party's; the street office all), .ics import and export.
ConsoleAnswer ActivitiesPage(ConsoleRequest& rq);
ConsoleAnswer ActivityImportPage(ConsoleRequest& rq);
ConsoleAnswer ActivityImportAction(ConsoleRequest& rq);
ConsoleAnswer ActivityExport(ConsoleRequest& rq);

// page_activity_edit.cpp: create and edit beside the preview, cancel the whole activity, cancel, move or
// restore one occurrence.
ConsoleAnswer ActivityNewPage(ConsoleRequest& rq);
ConsoleAnswer ActivityEditPage(ConsoleRequest& rq);
ConsoleAnswer ActivitySaveAction(ConsoleRequest& rq);
ConsoleAnswer ActivityPreviewFragment(ConsoleRequest& rq);
ConsoleAnswer ActivityCancelAction(ConsoleRequest& rq);
ConsoleAnswer ActivityOccurrenceAction(ConsoleRequest& rq);

// page_activity_signups.cpp: one occurrence's sign-ups (?at=<original start>), the audited phone reveal,
// 签到, letting a waiting one in by hand, and the CSV.
ConsoleAnswer ActivitySignupsPage(ConsoleRequest& rq);
ConsoleAnswer ActivitySignupsPhonesAction(ConsoleRequest& rq);
ConsoleAnswer ActivityAttendanceAction(ConsoleRequest& rq);
ConsoleAnswer ActivityPromoteAction(ConsoleRequest& rq);
ConsoleAnswer ActivitySignupsCsv(ConsoleRequest& rq);

// The activity the route's first capture names, for someone who may change it: else the answer to send
// instead (404 for an unknown one, 403 + audit for another party's).
struct LoadedActivity {
  std::optional<ActivityRecord> record;
  std::optional<ConsoleAnswer> answer;
};
LoadedActivity LoadActivityFor(ConsoleRequest& rq);

}  // namespace ck::hub::console

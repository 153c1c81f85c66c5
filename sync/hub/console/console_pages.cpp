// Every console route, in one list: add a page here (see console_router.h, "ADDING A PAGE"). A route for
// some staff only names its rule from rules/party_policy.h here; the navigation (layout.cpp) uses the same.
#include <httplib.h>

#include "sync/hub/console/activity_pages.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/console/work_order_pages.h"

namespace ck::hub::console {

void RegisterConsole(httplib::Server& server, ConsoleServices& services) {
  ConsoleRouter router(server, services);
  ConsoleRouter* r = &router;

  r->Get("/console/assets/console.css", StylesheetAsset, Access::Public);
  r->Get("/console/assets/console.js", ScriptAsset, Access::Public);
  r->Get("/console/signin", SignInPage, Access::Public);
  r->Post("/console/signin", SignInAction, Access::Public);
  r->Get("/console/lang", LanguageSwitch, Access::Public);
  r->Post("/console/signout", SignOutAction);
  r->Get("/console/?", HomePage);

  r->Get("/console/notices", NoticesPage);
  r->Get("/console/notices/new", NoticeNewPage);
  r->Post("/console/notices/new", NoticeSaveAction);
  r->Post("/console/notices/preview", NoticePreviewFragment);
  r->Get("/console/notices/import", NoticeImportPage);
  r->Post("/console/notices/import", NoticeImportAction);
  r->Get("/console/notices/import/done", NoticeImportResultPage);
  r->Get(R"(/console/notices/([0-9a-fA-F-]{36}))", NoticeEditPage);
  r->Post(R"(/console/notices/([0-9a-fA-F-]{36}))", NoticeSaveAction);
  r->Post(R"(/console/notices/([0-9a-fA-F-]{36})/withdraw)", NoticeWithdrawAction);

  r->Get("/console/kiosks", KiosksPage);
  r->Post("/console/kiosks/register", KioskRegisterAction,
          {MayManageKiosks, "kiosk register", "not a street office manager"});
  r->Post(R"(/console/kiosks/([0-9a-fA-F-]{36})/revoke)", KioskRevokeAction,
          {MayManageKiosks, "", "not a street office manager"});

  r->Get("/console/audit", AuditPage, {MayReadAudit, "audit log", "not a manager"});

  r->Get("/console/account", AccountPage);
  r->Post("/console/account", AccountDisplayNameAction);
  r->Post("/console/account/password", AccountPasswordAction);
  r->Get("/console/staff", StaffPage, {MayManageStaff, "staff", "not a manager"});
  r->Post("/console/staff", StaffAddAction, {MayManageStaff, "staff", "not a manager"});
  r->Post(R"(/console/staff/([0-9]{1,12})/(disable|enable|unlock|reset))", StaffChangeAction,
          {MayManageStaff, "", "not a manager"});

  // Work orders (work_order_pages.h). "new" before the ticket pattern: the first match wins.
  r->Get("/console/orders", WorkOrdersPage);
  r->Get("/console/orders/new", FileOnBehalfPage);
  r->Post("/console/orders/new", FileOnBehalfAction);
  r->Get(R"(/console/orders/([^/]+))", WorkOrderPage);
  r->Get(R"(/console/orders/([^/]+)/receipt)", ReceiptPage);
  r->Post(R"(/console/orders/([^/]+)/phone)", WorkOrderPhoneAction);
  // A 常用回复 chip without script: the ticket again, the typed reply kept and the template appended.
  r->Post(R"(/console/orders/([^/]+)/reply-template)", WorkOrderPage);
  r->Post(R"(/console/orders/([^/]+)/(accept|dispatch|progress|reply|resolve|close|redispatch|supervise|return|extension|extension_grant|extension_refuse))",
          WorkOrderAction);
  r->Get("/console/templates", ReplyTemplatesPage);
  r->Post("/console/templates", ReplyTemplateSaveAction);
  r->Post(R"(/console/templates/([0-9]{1,12}))", ReplyTemplateSaveAction);
  r->Post(R"(/console/templates/([0-9]{1,12})/delete)", ReplyTemplateDeleteAction);
  r->Get("/console/supervision", SupervisionPage,
         {MaySupervise, "supervision", "only the street office supervises"});
  r->Get("/console/rates", RatesPage);
  r->Get("/console/rates.csv", RatesCsvExport);

  // Community activities (activity_pages.h), where the hub serves them. Fixed paths before the id pattern.
  if (services.activities) {
    const std::string id = R"(/console/activities/([0-9a-fA-F-]{36}))";
    r->Get("/console/activities", ActivitiesPage);
    r->Get("/console/activities/new", ActivityNewPage);
    r->Post("/console/activities/new", ActivitySaveAction);
    r->Post("/console/activities/preview", ActivityPreviewFragment);
    r->Get("/console/activities/import", ActivityImportPage);
    r->Post("/console/activities/import", ActivityImportAction);
    r->Get("/console/activities/export.ics", ActivityExport);
    r->Get(id, ActivityEditPage);
    r->Post(id, ActivitySaveAction);
    r->Post(id + "/preview", ActivityPreviewFragment);
    r->Post(id + "/cancel", ActivityCancelAction);
    r->Post(id + "/occurrence", ActivityOccurrenceAction);
    r->Get(id + "/signups", ActivitySignupsPage);
    r->Post(id + "/signups/phones", ActivitySignupsPhonesAction);
    r->Post(id + "/signups/attendance", ActivityAttendanceAction);
    r->Post(id + "/signups/promote", ActivityPromoteAction);
    r->Get(id + "/signups.csv", ActivitySignupsCsv);
    r->Post(id + "/signups.csv", ActivitySignupsCsv);
  }
}

}  // namespace ck::hub::console

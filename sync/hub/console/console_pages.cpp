// Every console route, in one list: add a page here (see console_router.h, "ADDING A PAGE").
#include <httplib.h>

#include "sync/hub/console/pages.h"

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
  r->Get(R"(/console/notices/([0-9a-fA-F-]{36}))", NoticeEditPage);
  r->Post(R"(/console/notices/([0-9a-fA-F-]{36}))", NoticeSaveAction);
  r->Post(R"(/console/notices/([0-9a-fA-F-]{36})/withdraw)", NoticeWithdrawAction);

  r->Get("/console/kiosks", KiosksPage);
  r->Post("/console/kiosks/register", KioskRegisterAction);
  r->Post(R"(/console/kiosks/([0-9a-fA-F-]{36})/revoke)", KioskRevokeAction);

  r->Get("/console/audit", AuditPage);
}

}  // namespace ck::hub::console

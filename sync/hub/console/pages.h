// The console's view functions, one file each (page_*.cpp); registered in console_pages.cpp.
#pragma once

#include "sync/hub/console/console_router.h"

namespace ck::hub::console {

// page_signin.cpp: sign in, sign out, the language switch, the home redirect.
ConsoleAnswer SignInPage(ConsoleRequest& rq);
ConsoleAnswer SignInAction(ConsoleRequest& rq);
ConsoleAnswer SignOutAction(ConsoleRequest& rq);
ConsoleAnswer LanguageSwitch(ConsoleRequest& rq);
ConsoleAnswer HomePage(ConsoleRequest& rq);

// page_assets.cpp: the stylesheet and script.
ConsoleAnswer StylesheetAsset(ConsoleRequest& rq);
ConsoleAnswer ScriptAsset(ConsoleRequest& rq);

// page_notices.cpp: the notice list.
ConsoleAnswer NoticesPage(ConsoleRequest& rq);
// page_notice_edit.cpp: compose, edit, preview, withdraw.
ConsoleAnswer NoticeNewPage(ConsoleRequest& rq);
ConsoleAnswer NoticeEditPage(ConsoleRequest& rq);
ConsoleAnswer NoticeSaveAction(ConsoleRequest& rq);
ConsoleAnswer NoticePreviewFragment(ConsoleRequest& rq);
ConsoleAnswer NoticeWithdrawAction(ConsoleRequest& rq);
// page_notice_import.cpp: import many notices from a file.
ConsoleAnswer NoticeImportPage(ConsoleRequest& rq);
ConsoleAnswer NoticeImportAction(ConsoleRequest& rq);
ConsoleAnswer NoticeImportResultPage(ConsoleRequest& rq);

// page_kiosks.cpp: kiosk health, register, revoke.
ConsoleAnswer KiosksPage(ConsoleRequest& rq);
ConsoleAnswer KioskRegisterAction(ConsoleRequest& rq);
ConsoleAnswer KioskRevokeAction(ConsoleRequest& rq);

// page_account.cpp: one's own display name and password.
ConsoleAnswer AccountPage(ConsoleRequest& rq);
ConsoleAnswer AccountDisplayNameAction(ConsoleRequest& rq);
ConsoleAnswer AccountPasswordAction(ConsoleRequest& rq);
// page_staff.cpp: a manager's staff accounts.
ConsoleAnswer StaffPage(ConsoleRequest& rq);
ConsoleAnswer StaffAddAction(ConsoleRequest& rq);
ConsoleAnswer StaffChangeAction(ConsoleRequest& rq);

// page_audit.cpp: the searchable audit log.
ConsoleAnswer AuditPage(ConsoleRequest& rq);

}  // namespace ck::hub::console

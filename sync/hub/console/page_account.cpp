// 我的账号: a staff member changes their own display name (what residents and kiosks see after the party)
// and their own password; after a one-time password this page comes first (console_router.cpp).
// A refused form is shown again with what was typed (never the passwords) and the reason by the field.
#include <httplib.h>

#include "sync/hub/console/layout.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/rules/text_checks.h"

namespace ck::hub::console {

namespace {

// What the account page shows again after a refusal: the typed display name and, per field, the reason.
struct AccountForm {
  std::string display_name;
  std::string display_name_error;
  std::string password_error;
  std::string new_password_error;
};

ConsoleAnswer AccountView(ConsoleRequest& rq, const AccountForm& f, int status) {
  const StaffAccount& me = rq.me();
  View v;
  v["must_change"] = me.must_change_password;
  v["name"] = me.name;
  v["party"] = PartyName(rq.lang, me.party);
  v["role"] = RoleName(rq.lang, me.role);
  v["public_as"] = PublicStaffName(rq.lang, me);
  v["display_name_max"] = Num(kMaxDisplayNameCodepoints);
  v["display_name"] = f.display_name;
  v["display_name_error"] = FieldErrorView(f.display_name_error);
  v["password_min"] = Num(kMinPasswordBytes);
  v["password_error"] = FieldErrorView(f.password_error);
  v["new_password_error"] = FieldErrorView(f.new_password_error);
  return rq.Render("account", rq.T("account.title"), "nav.account", std::move(v), status);
}

}  // namespace

ConsoleAnswer AccountPage(ConsoleRequest& rq) {
  AccountForm f;
  f.display_name = rq.me().display_name;
  return AccountView(rq, f, 200);
}

ConsoleAnswer AccountDisplayNameAction(ConsoleRequest& rq) {
  AccountForm f;
  f.display_name = rq.Form("display_name");
  if (CheckDisplayName(f.display_name)) {
    f.display_name_error = rq.T("account.error.display_name");
    return AccountView(rq, f, 400);
  }
  if (auto s = rq.store().SetStaffDisplayName(rq.me().id, f.display_name); !s)
    throw std::runtime_error("display name: " + s.error());
  rq.Audit("staff.display_name", rq.me().name, f.display_name);
  return rq.Redirect("/console/account?done=display_name_saved");
}

ConsoleAnswer AccountPasswordAction(ConsoleRequest& rq) {
  AccountForm f;
  f.display_name = rq.me().display_name;
  std::string next = rq.Form("new");
  if (next != rq.Form("repeat")) {
    f.new_password_error = rq.T("account.error.repeat");
    return AccountView(rq, f, 400);
  }
  using C = StaffAuth::PasswordChange;
  switch (rq.services.auth.ChangeOwnPassword(rq.session(), rq.Form("current"), next)) {
    case C::Done:
      rq.Audit("staff.password", rq.me().name, "own password changed");
      return rq.Redirect("/console/notices?done=password_changed");
    case C::WrongCurrent:
      rq.Audit("staff.password.refused", rq.me().name, "wrong current password");
      f.password_error = rq.T("account.error.current");
      return AccountView(rq, f, 400);
    case C::TooShort:
    case C::TooLong:
      f.new_password_error = rq.T("account.error.length");
      return AccountView(rq, f, 400);
    case C::Same:
      f.new_password_error = rq.T("account.error.same");
      return AccountView(rq, f, 400);
    case C::Storage:
      break;
  }
  throw std::runtime_error("password change: storage failure");
}

}  // namespace ck::hub::console

// 我的账号: a staff member changes their own display name (what residents and kiosks see after the party)
// and their own password; after a one-time password this page comes first (console_router.cpp).
// A refused form is shown again with what was typed (never the passwords) and the reason by the field.
#include <httplib.h>

#include "sync/hub/console/html.h"
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

std::string FieldError(std::string_view message) {
  if (message.empty()) return {};
  return "<span class=\"field-error\" role=\"alert\">" + Esc(message) + "</span>";
}

ConsoleAnswer AccountView(ConsoleRequest& rq, const AccountForm& f, int status) {
  const StaffAccount& me = rq.me();
  std::string c = Flash(rq) + "<h1>" + Esc(rq.T("account.title")) + "</h1>\n";
  if (me.must_change_password)
    c += "<p class=\"error\" role=\"alert\">" + Esc(rq.T("account.must_change")) + "</p>\n";
  c += "<dl class=\"facts\"><dt>" + Esc(rq.T("account.name")) + "</dt><dd>" + Esc(me.name) + "</dd><dt>" +
       Esc(rq.T("account.party")) + "</dt><dd>" + Esc(PartyName(rq.lang, me.party)) + " · " +
       Esc(RoleName(rq.lang, me.role)) + "</dd><dt>" + Esc(rq.T("account.public_as")) + "</dt><dd>" +
       Esc(PublicStaffName(rq.lang, me)) + "</dd></dl>\n";

  c += "<h2>" + Esc(rq.T("account.display_name")) + "</h2>\n<form method=\"post\" enctype=\"multipart/form-data\" "
       "action=\"/console/account\" data-unsaved>" +
       rq.CsrfField() + "<label>" + Esc(rq.T("account.display_name")) +
       "<input name=\"display_name\" maxlength=\"" + std::to_string(kMaxDisplayNameCodepoints) +
       "\" value=\"" + Esc(f.display_name) + "\">" + FieldError(f.display_name_error) + "</label><p class=\"hint\">" +
       Esc(rq.T("account.display_name.hint")) + "</p><button type=\"submit\" class=\"primary\">" +
       Esc(rq.T("account.save")) + "</button></form>\n";

  c += "<h2>" + Esc(rq.T("account.password")) + "</h2>\n<form method=\"post\" enctype=\"multipart/form-data\" "
       "action=\"/console/account/password\">" +
       rq.CsrfField() + "<label>" + Esc(rq.T("account.password.current")) +
       "<input name=\"current\" type=\"password\" autocomplete=\"current-password\" required>" +
       FieldError(f.password_error) + "</label><label>" + Esc(rq.T("account.password.new")) +
       "<input name=\"new\" type=\"password\" autocomplete=\"new-password\" required minlength=\"" +
       std::to_string(kMinPasswordBytes) + "\">" + FieldError(f.new_password_error) + "</label><label>" +
       Esc(rq.T("account.password.repeat")) +
       "<input name=\"repeat\" type=\"password\" autocomplete=\"new-password\" required></label>"
       "<button type=\"submit\" class=\"primary\">" +
       Esc(rq.T("account.password.change")) + "</button></form>\n";
  return rq.Page(rq.T("account.title"), "nav.account", c, status);
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

// Sign-in page and action, sign-out, the language switch and the console's home.
#include <httplib.h>

#include "sync/hub/console/layout.h"
#include "sync/hub/console/pages.h"

namespace ck::hub::console {

namespace {

bool SafeNext(std::string_view p) {
  return IsSafeConsolePath(p) && p.rfind("/console/signin", 0) != 0;
}

// The sign-in form's view model: the name typed (kept after a refusal), the refusal, where to go next.
ConsoleAnswer SignInForm(ConsoleRequest& rq, std::string_view name, std::string_view error, int status) {
  View v;
  v["name"] = std::string(name);
  if (error.empty()) v["error"] = false; else v["error"] = std::string(error);
  std::string next = rq.HasForm("next") ? rq.Form("next") : rq.Query("next");
  if (SafeNext(next)) v["next"] = std::move(next); else v["next"] = false;
  return rq.Render("signin", rq.T("signin.title"), "", std::move(v), status);
}

}  // namespace

ConsoleAnswer SignInPage(ConsoleRequest& rq) {
  if (rq.signed_in()) return rq.Redirect("/console/notices");
  return SignInForm(rq, "", "", 200);
}

ConsoleAnswer SignInAction(ConsoleRequest& rq) {
  std::string name = rq.Form("name");
  SignInOutcome out = rq.services.auth.SignIn(
      name, rq.Form("password"), rq.remote, rq.now,
      rq.session_id().empty() ? CookieValue(rq.http, kSessionCookie) : rq.session_id());
  switch (out.error) {
    case SignInError::None: {
      std::string next = rq.Form("next");
      // A one-time password is changed before anything else (the router holds every other page).
      ConsoleAnswer a = rq.Redirect(out.staff->must_change_password ? "/console/account"
                                    : SafeNext(next)                ? next
                                                                    : "/console/notices");
      // Renewed at sign-in: a fresh id; the sign-in CSRF cookie has done its job.
      a.set_cookies.push_back(MakeCookie(kSessionCookie, out.session_id, rq.services.options.secure_cookies,
                                         rq.services.options.sessions.absolute_seconds));
      a.set_cookies.push_back(MakeCookie(kSignInCookie, "", rq.services.options.secure_cookies, -1));
      return a;
    }
    case SignInError::BadCredentials:
      // The one answer for an unknown name, a wrong password, a locked or a disabled account.
      return SignInForm(rq, name, rq.T("signin.error.bad"), 401);
    case SignInError::RateLimited: {
      ConsoleAnswer a = SignInForm(rq, name, rq.T("signin.error.limited"), 429);
      a.headers.emplace_back("Retry-After", std::to_string(out.retry_after));
      return a;
    }
    case SignInError::Storage:
      break;
  }
  throw std::runtime_error("sign-in: storage failure");
}

ConsoleAnswer SignOutAction(ConsoleRequest& rq) {
  if (auto s = rq.services.auth.SignOut(rq.session(), rq.remote, rq.now); !s)
    throw std::runtime_error("sign-out: " + s.error());
  ConsoleAnswer a = rq.Redirect("/console/signin?done=signedout");
  a.set_cookies.push_back(MakeCookie(kSessionCookie, "", rq.services.options.secure_cookies, -1));
  return a;
}

ConsoleAnswer LanguageSwitch(ConsoleRequest& rq) {
  std::string to = rq.Query("to") == "en" ? "en" : "zh";
  std::string next = rq.Query("next");
  ConsoleAnswer a = rq.Redirect(IsSafeConsolePath(next) ? next : "/console/");
  a.set_cookies.push_back(
      MakeCookie(kLangCookie, to, rq.services.options.secure_cookies, 365L * 24 * 3600, false));
  return a;
}

ConsoleAnswer HomePage(ConsoleRequest& rq) {
  return rq.Redirect("/console/notices");
}

}  // namespace ck::hub::console

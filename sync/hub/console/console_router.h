// The staff console's router: everything under /console/, kept apart from the API. It does, once for every
// page, what a page must never do itself: find the signed-in staff member from the session cookie, check
// the CSRF token of every POST, pick the language, and set the security headers (a strict CSP with no
// 'unsafe-inline', X-Frame-Options: DENY, nosniff, no-store).
//
// ADDING A PAGE (one file per page in sync/hub/console/, e.g. page_tickets.cpp):
//   1. Write a view function:         ConsoleAnswer TicketsPage(ConsoleRequest& rq);
//      - the signed-in staff member:   const StaffAccount& me = rq.me();   me.party, me.role, me.name
//      - the stores:                   rq.hub() (HubRepository), rq.store() (ConsoleRepository),
//                                      rq.activities() (ActivityRepository; see ConsoleServices)
//      - the time ("now"):             rq.now   (from ConsoleOptions::clock; tests move it)
//      - input:                        rq.Query("status"), rq.Form("reply") (POST body, already decoded)
//      - words:                        rq.T("tickets.title") (assets/strings.json: add zh and en)
//      - the page: a view model and a template (templates/tickets.mustache, escaping every {{value}}):
//                                      View v; v["title"] = …;
//                                      return rq.Render("tickets", title, "nav-key", std::move(v));
//      - a form:                       <form method="post" action="/console/…">{{>csrf}}…  (in the template;
//                                      the router refuses any POST without the right token: 403 + audit)
//      - URLs with a query:            build them with UrlEncode (html.h); the template escapes the rest
//      - after a POST, redirect:       return rq.Redirect("/console/tickets?done=1");
//   2. Audit an action:                rq.Audit("ticket.dispatch", ticket_code, "to property_company");
//      (throws if the audit log cannot be written, which answers 500: no action goes unaudited)
//   3. Refuse with 403 + audit:        return rq.Deny(ticket_code, "ticket belongs to residents_committee");
//   4. Register it in console_pages.cpp (RegisterConsolePages):
//        r.Get("/console/tickets", TicketsPage);
//        r.Post(R"(/console/tickets/([^/]+)/dispatch)", DispatchAction);   rq.Match(1) is the capture
//      Every route requires a signed-in staff member unless registered with Access::Public; a route for
//      some staff only declares its rule (rules/party_policy.h) there:
//        r.Get("/console/audit", AuditPage, {MayReadAudit, "audit log", "not a manager"});
//   5. A nav entry: add one line to kNav in layout.cpp, with the same rule as the route.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/console/staff_auth.h"
#include "sync/hub/console/template_render.h"
#include "sync/hub/console/text.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/hub_repository.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace ck::hub::console {

struct ConsoleOptions {
  SessionPolicy sessions;
  bool secure_cookies = false;  // set when the hub is reached over TLS (directly or via a proxy)
  std::function<protocol::UnixSeconds()> clock;  // empty: the real UTC clock
  // The work-order clock (deadlines, overdue, 督办, 三率), which a training hub moves; empty: `clock`.
  // Notices, the audit log and sign-in keep `clock`.
  std::function<protocol::UnixSeconds()> work_clock;
  PasswordCost password_cost;  // of hashes the console makes (tests: TestPasswordCost())
  // How residents reach the hub ("https://hub.example.cn", no trailing slash; `serve --public-url`), for
  // the receipt's QR code. Empty: the browser's Host header (a clerk on localhost prints a useless code).
  std::string public_url;
  // Where sign-in attempts per address are counted (store/throttle_repository.h): `serve` gives the
  // database's, so every hub process on it counts together; null: memory. Must outlive the console.
  ThrottleRepository* throttles = nullptr;
};

// What the console needs, alive as long as the server.
struct ConsoleServices {
  HubRepository& hub;
  ConsoleRepository& store;
  ConsoleOptions options;
  StaffAuth auth;
  // Community activities; null where a hub is served without them (some tests and benchmarks): the activity
  // pages then answer 404.
  ActivityRepository* activities = nullptr;
  ConsoleServices(HubRepository& h, ConsoleRepository& s, ConsoleOptions o, ActivityRepository* a = nullptr)
      : hub(h),
        store(s),
        options(std::move(o)),
        auth(s, options.sessions, options.password_cost, options.throttles),
        activities(a) {}
  protocol::UnixSeconds Now() const;
  protocol::UnixSeconds WorkNow() const;
};

// A page's answer: an HTML document (status + body), a redirect (303 See Other), or other content.
struct ConsoleAnswer {
  int status = 200;
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  std::string location;                  // set: a 303 redirect
  std::vector<std::string> set_cookies;  // whole Set-Cookie values
  std::vector<std::pair<std::string, std::string>> headers;
};

class ConsoleRequest {
 public:
  ConsoleRequest(const httplib::Request& http, ConsoleServices& services,
                 std::multimap<std::string, std::string> form, Lang lang, std::optional<SignedIn> who,
                 std::string session_id, std::string remote);

  const httplib::Request& http;
  ConsoleServices& services;
  const Lang lang;
  const protocol::UnixSeconds now;       // notices, audit, sign-in: the real clock
  const protocol::UnixSeconds work_now;  // tickets: the work-order clock (ConsoleOptions::work_clock)
  const std::string remote;  // the client address (audit only; never printed to logs)

  HubRepository& hub() { return services.hub; }
  ConsoleRepository& store() { return services.store; }
  // Only on the activity pages, which are registered only when the hub serves activities.
  ActivityRepository& activities() { return *services.activities; }
  bool signed_in() const { return who_.has_value(); }
  // Only on routes that require sign-in (all but Access::Public); asserts otherwise.
  const StaffAccount& me() const;
  const SignedIn& session() const;
  const std::string& session_id() const { return session_id_; }

  // One value of a query parameter ("" when absent).
  std::string Query(const char* key) const;
  // One value of a POST field ("" when absent), from an urlencoded or a multipart body.
  std::string Form(const char* key) const;
  bool HasForm(const char* key) const;
  // The first POST field not among `accepted` (the CSRF field always is), so an action refuses a field it
  // does not take (400) rather than silently using or ignoring it.
  std::optional<std::string> UnexpectedFormKey(const std::vector<std::string_view>& accepted) const;
  // This request's path and query, re-encoded ("/console/notices?state=live").
  std::string Here() const;
  // The n-th capture of the route pattern.
  std::string Match(int n) const;
  const std::string& T(std::string_view key) const { return Tr(lang, key); }

  // The CSRF token every <form method=post> carries ({{>csrf}} in a template).
  const std::string& csrf() const { return csrf_; }

  // A page: templates/<tmpl>.mustache rendered with `view` inside the shared frame (templates/frame.mustache,
  // whose view model is layout.h's FrameView, added to `view` as "frame").
  ConsoleAnswer Render(std::string_view tmpl, std::string_view title, std::string_view nav, View view,
                       int status = 200);
  ConsoleAnswer Redirect(std::string location);
  // Post/redirect/get for a secret shown once (a kiosk's token, a one-time password): the action puts it
  // on its redirect in a short-lived HttpOnly cookie for `purpose`; the page it redirects to takes it
  // (and the cookie is deleted), so a reload shows nothing and repeats nothing.
  void ShowOnceAfterRedirect(ConsoleAnswer& redirect, std::string_view purpose, std::string_view secret) const;
  std::string TakeShownOnce(std::string_view purpose);
  // Set-Cookie values the router adds to whatever answer the page returns.
  std::vector<std::string> extra_cookies;
  // Appends to the audit log as the signed-in staff member (or anonymous on public routes). Throws on
  // a storage failure.
  void Audit(std::string_view action, std::string_view target, std::string_view detail = {});
  // 403 page, and an audit entry "denied" naming the target and why.
  ConsoleAnswer Deny(std::string_view target, std::string_view why);
  // 400 page with a message (already translated).
  ConsoleAnswer BadRequest(std::string_view message);
  ConsoleAnswer NotFound();

 private:
  std::multimap<std::string, std::string> form_;
  std::optional<SignedIn> who_;
  std::string session_id_;
  std::string csrf_;
};

using ConsolePage = std::function<ConsoleAnswer(ConsoleRequest&)>;

enum class Access { SignedIn, Public };

// What a signed-in route requires beyond sign-in: a rule from rules/party_policy.h, declared where the
// route is registered, and what the 403's audit entry names when the rule says no. The navigation
// (layout.cpp) shows a page's entry by the same rule.
struct Requirement {
  StaffRule rule = nullptr;  // nullptr: every signed-in staff member
  const char* target = "";   // the audit entry's target ("audit log"; "": the route's first capture)
  const char* why = "";      // and its detail ("not a manager")
};

class ConsoleRouter {
 public:
  ConsoleRouter(httplib::Server& server, ConsoleServices& services) : server_(server), services_(services) {}
  // Registers the console's own 404 page for every other /console/ path. httplib takes the first route
  // that matches, so this must come after every page: the router does it as it goes out of scope.
  ~ConsoleRouter();
  ConsoleRouter(const ConsoleRouter&) = delete;
  ConsoleRouter& operator=(const ConsoleRouter&) = delete;
  void Get(const std::string& pattern, ConsolePage page, Access access = Access::SignedIn);
  void Get(const std::string& pattern, ConsolePage page, Requirement need);
  // POSTs are refused (403, audited) unless the form's csrf field matches the session (or, on public
  // routes, the sign-in cookie).
  void Post(const std::string& pattern, ConsolePage page, Access access = Access::SignedIn);
  void Post(const std::string& pattern, ConsolePage page, Requirement need);

 private:
  void Add(bool post, const std::string& pattern, ConsolePage page, Access access, Requirement need);
  static void Handle(ConsoleServices& sv, const httplib::Request& req, httplib::Response& res,
                     const ConsolePage& page, Access access, const Requirement& need, bool post);
  httplib::Server& server_;
  ConsoleServices& services_;
};

// Cookie names.
inline constexpr std::string_view kSessionCookie = "ck_session";
inline constexpr std::string_view kSignInCookie = "ck_signin";  // the sign-in form's CSRF pair
inline constexpr std::string_view kLangCookie = "ck_lang";
inline constexpr std::string_view kShowOnceCookie = "ck_once";

// The value of cookie `name` in the request ("" if absent).
std::string CookieValue(const httplib::Request& req, std::string_view name);
// A Set-Cookie value: Path=/console, HttpOnly, SameSite=Strict, Secure when asked; max_age < 0 deletes.
std::string MakeCookie(std::string_view name, std::string_view value, bool secure, long max_age = -2,
                       bool http_only = true);

// True for a path inside the console that is safe to redirect to: starts with /console/, no "//", no
// backslash, no "/..", no control characters (so it can never leave the site or split a header).
bool IsSafeConsolePath(std::string_view path);

// Registers every console route on `server`; `services` must outlive it.
void RegisterConsole(httplib::Server& server, ConsoleServices& services);

}  // namespace ck::hub::console

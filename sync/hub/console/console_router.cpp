// ConsoleRouter: session, CSRF, language and security headers for every console route (see the header).
#include "sync/hub/console/console_router.h"

#include <httplib.h>

#include <cassert>
#include <iostream>

#include "sync/hub/api/client_address.h"
#include "sync/hub/api/form_body.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/password.h"
#include "sync/hub/store/secret_hash.h"

namespace ck::hub::console {

namespace {

// No inline script or style anywhere: the stylesheet and the script are files under /console/assets/.
constexpr const char* kCsp =
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

void SetSecurityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kCsp);
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Cache-Control", "no-store");
}

void Write(const ConsoleAnswer& a, httplib::Response& res) {
  for (const auto& c : a.set_cookies) res.set_header("Set-Cookie", c);
  for (const auto& [k, v] : a.headers) {
    res.headers.erase(k);  // a page may override a default header (assets' Cache-Control)
    res.set_header(k, v);
  }
  if (!a.location.empty()) {
    res.status = 303;
    res.set_header("Location", a.location);
    res.set_content("", "text/plain; charset=utf-8");
    return;
  }
  res.status = a.status;
  res.set_content(a.body, a.content_type.c_str());
}

bool AllowedBeforePasswordChange(const std::string& path) {
  return path == "/console/account" || path == "/console/account/password" || path == "/console/signout" ||
         path == "/console/lang" || path.rfind("/console/assets/", 0) == 0;
}

std::string Target(const httplib::Request& req) {
  std::string t = req.path;
  if (!req.params.empty()) {
    std::string q;
    for (const auto& [k, v] : req.params) q += (q.empty() ? "" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
    t += "?" + q;
  }
  return t;
}

}  // namespace

protocol::UnixSeconds ConsoleServices::Now() const {
  return options.clock ? options.clock() : protocol::NowUtc();
}

protocol::UnixSeconds ConsoleServices::WorkNow() const {
  return options.work_clock ? options.work_clock() : Now();
}

// ---- ConsoleRequest ----

ConsoleRequest::ConsoleRequest(const httplib::Request& h, ConsoleServices& s,
                               std::multimap<std::string, std::string> form, Lang l,
                               std::optional<SignedIn> who, std::string session_id, std::string r)
    : http(h),
      services(s),
      lang(l),
      now(s.Now()),
      work_now(s.WorkNow()),
      remote(std::move(r)),
      form_(std::move(form)),
      who_(std::move(who)),
      session_id_(std::move(session_id)) {
  csrf_ = who_ ? CsrfTokenFor(session_id_) : CookieValue(http, kSignInCookie);
}

const StaffAccount& ConsoleRequest::me() const {
  assert(who_);
  return who_->staff;
}

const SignedIn& ConsoleRequest::session() const {
  assert(who_);
  return *who_;
}

std::string ConsoleRequest::Query(const char* key) const {
  auto it = http.params.find(key);
  return it == http.params.end() ? std::string() : it->second;
}

std::string ConsoleRequest::Form(const char* key) const {
  auto it = form_.find(key);
  return it == form_.end() ? std::string() : it->second;
}

std::optional<std::string> ConsoleRequest::UnexpectedFormKey(
    const std::vector<std::string_view>& accepted) const {
  for (const auto& [key, value] : form_) {
    if (key == "csrf") continue;
    bool known = false;
    for (std::string_view a : accepted) known = known || key == a;
    if (!known) return key;
  }
  return std::nullopt;
}

bool ConsoleRequest::HasForm(const char* key) const {
  return form_.count(key) > 0;
}

std::string ConsoleRequest::Here() const {
  return Target(http);
}

std::string ConsoleRequest::Match(int n) const {
  return n < static_cast<int>(http.matches.size()) ? http.matches[static_cast<std::size_t>(n)].str() : "";
}

ConsoleAnswer ConsoleRequest::Render(std::string_view tmpl, std::string_view title, std::string_view nav,
                                     View view, int status) {
  view["frame"] = FrameView(*this, title, nav);
  ConsoleAnswer a;
  a.status = status;
  a.body = RenderTemplate("frame", view, lang, tmpl);
  return a;
}

ConsoleAnswer ConsoleRequest::Redirect(std::string location) {
  ConsoleAnswer a;
  a.location = std::move(location);
  return a;
}

void ConsoleRequest::ShowOnceAfterRedirect(ConsoleAnswer& redirect, std::string_view purpose,
                                           std::string_view secret) const {
  redirect.set_cookies.push_back(MakeCookie(kShowOnceCookie, UrlEncode(std::string(purpose) + ":" + std::string(secret)),
                                            services.options.secure_cookies, 120));
}

std::string ConsoleRequest::TakeShownOnce(std::string_view purpose) {
  std::string raw = CookieValue(http, kShowOnceCookie);
  if (raw.empty()) return {};
  extra_cookies.push_back(MakeCookie(kShowOnceCookie, "", services.options.secure_cookies, -1));
  auto decoded = ParseFormBody("v=" + raw);
  if (!decoded) return {};
  auto it = decoded->find("v");
  if (it == decoded->end()) return {};
  std::string prefix = std::string(purpose) + ":";
  if (it->second.rfind(prefix, 0) != 0) return {};
  return it->second.substr(prefix.size());
}

void ConsoleRequest::Audit(std::string_view action, std::string_view target, std::string_view detail) {
  AuditEntry e;
  e.at = now;
  if (who_) {
    e.staff_id = who_->staff.id;
    e.actor = who_->staff.name;
    e.party = who_->staff.party;
  } else {
    e.actor = "-";
  }
  e.action = std::string(action);
  e.target = std::string(target);
  e.detail = std::string(detail);
  e.remote = remote;
  if (auto r = store().AppendAudit(e); !r) throw std::runtime_error("audit log: " + r.error());
}

namespace {

View ErrorView(std::string_view heading, std::string_view error, std::string_view body) {
  View v;
  v["heading"] = std::string(heading);
  if (error.empty()) v["error"] = false; else v["error"] = std::string(error);
  if (body.empty()) v["body"] = false; else v["body"] = std::string(body);
  return v;
}

}  // namespace

ConsoleAnswer ConsoleRequest::Deny(std::string_view target, std::string_view why) {
  Audit("denied", target, std::string(http.method) + " " + http.path + ": " + std::string(why));
  return Render("error", T("error.forbidden.title"), "",
                ErrorView(T("error.forbidden.title"), "", T("error.forbidden.body")), 403);
}

ConsoleAnswer ConsoleRequest::BadRequest(std::string_view message) {
  return Render("error", T("error.bad_request.title"), "", ErrorView(T("error.bad_request.title"), message, ""),
                400);
}

ConsoleAnswer ConsoleRequest::NotFound() {
  return Render("error", T("error.not_found.title"), "",
                ErrorView(T("error.not_found.title"), "", T("error.not_found.body")), 404);
}

bool IsSafeConsolePath(std::string_view p) {
  if (p.rfind("/console/", 0) != 0 || p.find("//") != std::string_view::npos ||
      p.find('\\') != std::string_view::npos || p.find("/..") != std::string_view::npos)
    return false;
  for (unsigned char c : p)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

// ---- Cookies ----

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  // Every Cookie header, "a=1; b=2"; the first match wins.
  auto count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    std::string header = req.get_header_value("Cookie", i);
    std::string_view h = header;
    while (!h.empty()) {
      std::size_t semi = h.find(';');
      std::string_view pair = h.substr(0, semi);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      h.remove_prefix(semi + 1);
    }
  }
  return {};
}

std::string MakeCookie(std::string_view name, std::string_view value, bool secure, long max_age,
                       bool http_only) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=/console; SameSite=Strict";
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  if (max_age == -1)
    c += "; Max-Age=0";
  else if (max_age >= 0)
    c += "; Max-Age=" + std::to_string(max_age);
  return c;
}

// ---- Routing ----

ConsoleRouter::~ConsoleRouter() {
  Get("/console/.*", [](ConsoleRequest& rq) { return rq.NotFound(); });
}

void ConsoleRouter::Get(const std::string& pattern, ConsolePage page, Access access) {
  Add(false, pattern, std::move(page), access, {});
}

void ConsoleRouter::Get(const std::string& pattern, ConsolePage page, Requirement need) {
  Add(false, pattern, std::move(page), Access::SignedIn, need);
}

void ConsoleRouter::Post(const std::string& pattern, ConsolePage page, Access access) {
  Add(true, pattern, std::move(page), access, {});
}

void ConsoleRouter::Post(const std::string& pattern, ConsolePage page, Requirement need) {
  Add(true, pattern, std::move(page), Access::SignedIn, need);
}

void ConsoleRouter::Add(bool post, const std::string& pattern, ConsolePage page, Access access,
                        Requirement need) {
  // Handlers capture the services, not the router: a router is only a registration helper.
  auto handler = [sv = &services_, page = std::move(page), access, need, post](const httplib::Request& req,
                                                                               httplib::Response& res) {
    Handle(*sv, req, res, page, access, need, post);
  };
  if (post)
    server_.Post(pattern, std::move(handler));
  else
    server_.Get(pattern, std::move(handler));
}

void ConsoleRouter::Handle(ConsoleServices& sv, const httplib::Request& req, httplib::Response& res,
                           const ConsolePage& page, Access access, const Requirement& need, bool post) {
  SetSecurityHeaders(res);
  Lang lang = CookieValue(req, kLangCookie) == "en" ? Lang::En : Lang::Zh;
  // As the API takes it: behind the trusted front, its X-Real-IP (so the sign-in limit and the audit see
  // the clerk's desk, not nginx's loopback address).
  std::string remote = ClientAddress(req);
  protocol::UnixSeconds now = sv.Now();
  try {
    std::string session_id = CookieValue(req, kSessionCookie);
    std::optional<SignedIn> who;
    if (!session_id.empty()) {
      auto resolved = sv.auth.Resolve(session_id, now);
      if (!resolved) throw std::runtime_error("session lookup: " + resolved.error());
      who = *resolved;
    }
    if (!who) session_id.clear();
    if (access == Access::SignedIn && !who) {
      ConsoleAnswer a;
      a.location = "/console/signin";
      if (!post && IsSafeConsolePath(req.path)) a.location += "?next=" + UrlEncode(Target(req));
      return Write(a, res);
    }

    std::multimap<std::string, std::string> form;
    if (post) {
      if (req.is_multipart_form_data()) {
        for (const auto& [name, file] : req.files) form.emplace(name, file.content);
      } else if (IsFormContentType(req.get_header_value("Content-Type"))) {
        auto parsed = ParseFormBody(req.body);
        if (!parsed) {
          ConsoleRequest rq(req, sv, {}, lang, who, session_id, remote);
          return Write(rq.BadRequest(parsed.error()), res);
        }
        form = std::move(parsed).value();
      }
    }

    // The sign-in page hands out its form's CSRF value as a cookie the first time.
    std::vector<std::string> extra_cookies;
    httplib::Request& mutable_req = const_cast<httplib::Request&>(req);  // httplib's own object; see below
    if (access == Access::Public && !post && req.path == "/console/signin" &&
        CookieValue(req, kSignInCookie).empty()) {
      std::string token = NewSessionId();
      extra_cookies.push_back(MakeCookie(kSignInCookie, token, sv.options.secure_cookies));
      // So this request's ConsoleRequest already sees the value it is about to set.
      mutable_req.headers.emplace("Cookie", std::string(kSignInCookie) + "=" + token);
    }

    ConsoleRequest rq(req, sv, std::move(form), lang, who, session_id, remote);
    if (post) {
      std::string presented = rq.Form("csrf");
      if (rq.csrf().empty() || !SecretHashesEqual(presented, rq.csrf())) {
        rq.Audit("csrf.refused", req.path, "form without a valid CSRF token");
        ConsoleAnswer a = rq.Render("error", rq.T("error.csrf.title"), "",
                                    ErrorView(rq.T("error.csrf.title"), "", rq.T("error.csrf.body")), 403);
        return Write(a, res);
      }
    }
    // A one-time password is changed before anything else: every other page leads to the account page.
    if (who && who->staff.must_change_password && !AllowedBeforePasswordChange(req.path))
      return Write(rq.Redirect("/console/account"), res);
    if (need.rule && who && !need.rule(who->staff))
      return Write(rq.Deny(*need.target ? std::string(need.target) : rq.Match(1), need.why), res);
    ConsoleAnswer a = page(rq);
    a.set_cookies.insert(a.set_cookies.end(), extra_cookies.begin(), extra_cookies.end());
    a.set_cookies.insert(a.set_cookies.end(), rq.extra_cookies.begin(), rq.extra_cookies.end());
    Write(a, res);
  } catch (const std::exception& e) {
    // The path only: query strings and bodies may hold names or a resident's words.
    std::cerr << "community-hub: console error on " << req.method << " " << req.path << ": " << e.what()
              << "\n";
    res.status = 500;
    res.set_content("<!DOCTYPE html><title>500</title><p>Internal error / 服务器内部错误</p>",
                    "text/html; charset=utf-8");
  }
}

}  // namespace ck::hub::console

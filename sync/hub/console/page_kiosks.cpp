// Kiosk health: name, number, last heartbeat, version, outbox depth, feed progress and last sync error;
// kiosks silent for more than 10 minutes first and in red. Street office managers register kiosks (the
// token is shown once, on the page the registration redirects to, so a reload registers nothing) and
// revoke them.
#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/rules/kiosk_registration.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::console {

namespace {

constexpr protocol::UnixSeconds kSilentAfter = 10 * 60;
constexpr std::string_view kTokenPurpose = "kiosk-token";

// The just-registered kiosk's id, token and number ("id\ttoken\tnumber"), shown once.
std::string TokenBanner(ConsoleRequest& rq) {
  std::string once = rq.TakeShownOnce(kTokenPurpose);
  auto a = once.find('\t'), b = once.rfind('\t');
  if (a == std::string::npos || b == a) return {};
  return "<section class=\"flash\"><h2>" + Esc(rq.T("kiosks.token.title")) + "</h2><p>" +
         Esc(rq.T("kiosks.token.help")) + "</p><dl class=\"facts\"><dt>" + Esc(rq.T("kiosks.token.device_id")) +
         "</dt><dd class=\"secret\">" + Esc(once.substr(0, a)) + "</dd><dt>" + Esc(rq.T("kiosks.token.token")) +
         "</dt><dd class=\"secret\" id=\"token\">" + Esc(once.substr(a + 1, b - a - 1)) + "</dd><dt>" +
         Esc(rq.T("kiosks.col.number")) + "</dt><dd>" + Esc(once.substr(b + 1)) + "</dd></dl></section>";
}

bool Silent(const ConsoleKiosk& k, protocol::UnixSeconds now) {
  return !k.revoked_at && (!k.kiosk.last_seen || now - *k.kiosk.last_seen > kSilentAfter);
}

std::string Ago(const ConsoleRequest& rq, protocol::UnixSeconds t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, rq.T("kiosks.minutes_ago").c_str(),
                static_cast<long long>(std::max<protocol::UnixSeconds>(0, rq.now - t) / 60));
  return buf;
}

std::string RefusedBadge(const ConsoleRequest& rq, std::int64_t refused) {
  char buf[128];
  std::snprintf(buf, sizeof buf, rq.T("kiosks.refused").c_str(), static_cast<long long>(refused));
  return "<br><span class=\"badge red\">" + Esc(buf) + "</span>";
}

ConsoleAnswer RenderKiosks(ConsoleRequest& rq, std::string_view banner_html, int status,
                           std::string_view typed_name = {}, std::string_view name_error_html = {}) {
  auto kiosks = rq.store().ListConsoleKiosks();
  if (!kiosks) throw std::runtime_error("kiosk list: " + kiosks.error());
  auto max_seq = rq.hub().MaxSeq();
  if (!max_seq) throw std::runtime_error("kiosk list: " + max_seq.error());
  std::vector<ConsoleKiosk> list = std::move(kiosks).value();
  // Silent first (longest silent on top), then active by name, revoked last.
  std::stable_sort(list.begin(), list.end(), [&](const ConsoleKiosk& a, const ConsoleKiosk& b) {
    auto rank = [&](const ConsoleKiosk& k) { return k.revoked_at ? 2 : Silent(k, rq.now) ? 0 : 1; };
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 0) return a.kiosk.last_seen.value_or(0) < b.kiosk.last_seen.value_or(0);
    return false;
  });
  int silent =
      static_cast<int>(std::count_if(list.begin(), list.end(), [&](auto& k) { return Silent(k, rq.now); }));

  std::string c = Flash(rq) + std::string(banner_html);
  c += "<h1>" + Esc(rq.T("kiosks.title")) + "</h1>\n";
  if (silent > 0) {
    char buf[128];
    std::snprintf(buf, sizeof buf, rq.T("kiosks.silent").c_str(), silent);
    c += "<p class=\"error\" role=\"alert\">" + Esc(buf) + "</p>\n";
  }
  if (list.empty()) c += "<p>" + Esc(rq.T("kiosks.empty")) + "</p>\n";
  bool manage = MayManageKiosks(rq.me());
  if (!list.empty()) {
    c += "<table class=\"list\"><thead><tr><th>" + Esc(rq.T("kiosks.col.name")) + "</th><th>" +
         Esc(rq.T("kiosks.col.number")) + "</th><th>" + Esc(rq.T("kiosks.col.heartbeat")) + "</th><th>" +
         Esc(rq.T("kiosks.col.version")) + "</th><th>" + Esc(rq.T("kiosks.col.outbox")) + "</th><th>" +
         Esc(rq.T("kiosks.col.feed")) + "</th><th>" + Esc(rq.T("kiosks.col.error")) + "</th>";
    if (manage) c += "<th>" + Esc(rq.T("kiosks.col.action")) + "</th>";
    c += "</tr></thead><tbody>\n";
    for (const ConsoleKiosk& ck : list) {
      const KioskRecord& k = ck.kiosk;
      const KioskHeartbeat& hb = k.last_heartbeat;
      bool is_silent = Silent(ck, rq.now);
      c += is_silent ? "<tr class=\"silent\">" : "<tr>";
      c += "<td>" + Esc(k.name) + "<br><span class=\"meta\">" + Esc(k.device_id) + "</span></td>";
      c += "<td class=\"num\">" + std::to_string(k.kiosk_number) + "</td><td class=\"num\">";
      if (ck.revoked_at)
        c += "<span class=\"badge state-withdrawn\">" + Esc(rq.T("kiosks.revoked")) + "</span>";
      else if (k.last_seen) {
        c += Esc(FormatLocal(*k.last_seen)) + "<br>";
        c += is_silent ? "<span class=\"badge red\">" + Esc(Ago(rq, *k.last_seen)) + "</span>"
                       : "<span class=\"meta\">" + Esc(Ago(rq, *k.last_seen)) + "</span>";
      } else {
        c += "<span class=\"badge red\">" + Esc(rq.T("common.never")) + "</span>";
      }
      // Its last heartbeat said the data disk is full: new reports may not be saved there.
      if (!ck.revoked_at && hb.disk_full.value_or(false))
        c += "<br><span class=\"badge red disk-full\">" + Esc(rq.T("kiosks.disk_full")) + "</span>";
      c += "</td><td>" + Esc(hb.app_version.value_or("–")) + "</td>";
      c += "<td class=\"num\">" + (hb.outbox_pending ? std::to_string(*hb.outbox_pending) : std::string("–"));
      // Reports a platform refused stay on the kiosk until staff help the resident (issue: never dropped).
      if (hb.outbox_refused && *hb.outbox_refused > 0) c += RefusedBadge(rq, *hb.outbox_refused);
      c += "</td>";
      c += "<td class=\"num\">" + Esc(hb.cursor.value_or("0")) + " / " + std::to_string(*max_seq) + "</td>";
      c += "<td>" +
           Esc(hb.last_sync_error && !hb.last_sync_error->empty() ? protocol::ClipCodepoints(*hb.last_sync_error, 120)
                                                                  : rq.T("common.none")) +
           "</td>";
      if (manage) {
        c += "<td>";
        if (!ck.revoked_at)
          c += "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/console/kiosks/" +
               Esc(k.device_id) + "/revoke\">" + rq.CsrfField() +
               "<button type=\"submit\" class=\"danger\" data-confirm=\"" + Esc(rq.T("kiosks.revoke.confirm")) +
               "\">" + Esc(rq.T("kiosks.revoke")) + "</button></form>";
        c += "</td>";
      }
      c += "</tr>\n";
    }
    c += "</tbody></table>\n";
  }
  if (manage) {
    c += "<h2>" + Esc(rq.T("kiosks.register")) + "</h2>";
    c += "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/console/kiosks/register\" "
         "class=\"filters\">" +
         rq.CsrfField();
    c += "<label>" + Esc(rq.T("kiosks.register.name")) +
         "<input name=\"name\" required maxlength=\"100\" value=\"" + Esc(typed_name) + "\">" + std::string(name_error_html) +
         "</label>";
    c += "<button type=\"submit\" class=\"primary\">" + Esc(rq.T("kiosks.register.submit")) +
         "</button></form>\n";
  } else {
    c += "<p class=\"hint\">" + Esc(rq.T("kiosks.only_street")) + "</p>";
  }
  return rq.Page(rq.T("kiosks.title"), "nav.kiosks", c, status);
}

}  // namespace

ConsoleAnswer KiosksPage(ConsoleRequest& rq) {
  return RenderKiosks(rq, TokenBanner(rq), 200);
}

ConsoleAnswer KioskRegisterAction(ConsoleRequest& rq) {
  std::string name = rq.Form("name");
  auto registered = RegisterKiosk(rq.hub(), name, rq.now);
  if (registered.error == WriteError::Storage) throw std::runtime_error("kiosk add: " + registered.message);
  if (!registered.ok())  // the name typed stays in the field, the reason beside it
    return RenderKiosks(rq, "", 400, name,
                        "<span class=\"field-error\" role=\"alert\">" + Esc(rq.T("kiosks.bad_name")) + "</span>");
  const KioskRecord& k = registered.value->kiosk;
  rq.Audit("kiosk.register", k.device_id, protocol::ClipCodepoints(name, 60));
  // The token never sits in a URL: it rides the redirect in a short-lived HttpOnly cookie, shown once.
  ConsoleAnswer a = rq.Redirect("/console/kiosks?done=registered");
  rq.ShowOnceAfterRedirect(a, kTokenPurpose,
                           k.device_id + "\t" + registered.value->token + "\t" + std::to_string(k.kiosk_number));
  return a;
}

ConsoleAnswer KioskRevokeAction(ConsoleRequest& rq) {
  std::string id = rq.Match(1);
  auto r = RevokeKiosk(rq.hub(), id, rq.now);
  if (r.error == WriteError::NotFound) return rq.NotFound();
  if (r.error == WriteError::Storage) throw std::runtime_error("kiosk revoke: " + r.message);
  if (r.ok()) rq.Audit("kiosk.revoke", id, protocol::ClipCodepoints(r.value->name, 60));
  return rq.Redirect("/console/kiosks?done=revoked");
}

}  // namespace ck::hub::console

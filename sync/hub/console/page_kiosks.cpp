// Kiosk health: name, number, last heartbeat, version, outbox depth, feed progress and last sync error;
// kiosks silent for more than 10 minutes first and in red. Street office managers register kiosks (the
// token is shown once, on the page the registration redirects to, so a reload registers nothing) and
// revoke them.
#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include "sync/hub/store/secret_hash.h"
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

// The just-registered kiosk's id, token and number ("id\ttoken\tnumber"), shown once; false otherwise.
View TokenBanner(ConsoleRequest& rq) {
  std::string once = rq.TakeShownOnce(kTokenPurpose);
  auto a = once.find('\t'), b = once.rfind('\t');
  if (a == std::string::npos || b == a) return View(false);
  View t;
  t["device_id"] = once.substr(0, a);
  t["token"] = once.substr(a + 1, b - a - 1);
  t["number"] = once.substr(b + 1);
  return t;
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

std::string RefusedText(const ConsoleRequest& rq, std::int64_t refused) {
  char buf[128];
  std::snprintf(buf, sizeof buf, rq.T("kiosks.refused").c_str(), static_cast<long long>(refused));
  return buf;
}

ConsoleAnswer RenderKiosks(ConsoleRequest& rq, View token, int status, std::string_view typed_name = {},
                           const std::string& name_error = {}) {
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

  View v;
  v["token"] = std::move(token);
  if (silent > 0) {
    char buf[128];
    std::snprintf(buf, sizeof buf, rq.T("kiosks.silent").c_str(), silent);
    v["silent"] = std::string(buf);
  } else {
    v["silent"] = false;
  }
  v["any"] = !list.empty();
  v["manage"] = MayManageKiosks(rq.me());
  View rows = ViewList();
  for (const ConsoleKiosk& ck : list) {
    const KioskRecord& k = ck.kiosk;
    const KioskHeartbeat& hb = k.last_heartbeat;
    View row;
    row["is_silent"] = Silent(ck, rq.now);
    row["name"] = k.name;
    row["device_id"] = k.device_id;
    row["number"] = Num(k.kiosk_number);
    row["revoked"] = ck.revoked_at.has_value();
    if (!ck.revoked_at && k.last_seen) {
      row["seen"] = FormatLocal(*k.last_seen);
      row["ago"] = Ago(rq, *k.last_seen);
    } else {
      row["seen"] = false;
    }
    row["never"] = !ck.revoked_at && !k.last_seen;
    row["version"] = hb.app_version.value_or("–");
    row["outbox"] = hb.outbox_pending ? std::to_string(*hb.outbox_pending) : std::string("–");
    // Reports a platform refused stay on the kiosk until staff help the resident (issue: never dropped).
    if (hb.outbox_refused && *hb.outbox_refused > 0)
      row["refused"] = RefusedText(rq, *hb.outbox_refused);
    else
      row["refused"] = false;
    // Its last heartbeat said the data disk is full: new reports may not be saved there.
    row["disk_full"] = !ck.revoked_at && hb.disk_full.value_or(false);
    row["cursor"] = hb.cursor.value_or("0");
    row["error"] = hb.last_sync_error && !hb.last_sync_error->empty()
                       ? protocol::ClipCodepoints(*hb.last_sync_error, 120)
                       : rq.T("common.none");
    rows << row;
  }
  v["kiosks"] = std::move(rows);
  v["max_seq"] = Num(*max_seq);
  v["typed_name"] = std::string(typed_name);
  v["name_error"] = FieldErrorView(name_error);
  return rq.Render("kiosks", rq.T("kiosks.title"), "nav.kiosks", std::move(v), status);
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
    return RenderKiosks(rq, View(false), 400, name, rq.T("kiosks.bad_name"));
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

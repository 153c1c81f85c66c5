// The audit log, searchable by text, action and date, 100 a page. Managers only: the street office sees
// every party's entries, another party's manager its own staff's.
#include <httplib.h>

#include "sync/protocol/utf8.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/rules/party_policy.h"

namespace ck::hub::console {

namespace {

constexpr int kPageSize = 100;

// A date from <input type="date"> ("2026-12-02", Shanghai) as the first or last second of that day.
std::optional<protocol::UnixSeconds> DayBound(const std::string& d, bool end) {
  if (d.size() != 10) return std::nullopt;
  auto t = ParseDateTimeLocal(d + "T00:00");
  if (!t) return std::nullopt;
  return end ? *t + 86399 : *t;
}

constexpr const char* kActions[] = {"signin",         "signin.failed", "signin.limited",  "signout",
                                    "notice.publish", "notice.edit",   "notice.withdraw", "notice.import",
                                    "kiosk.register", "kiosk.revoke",  "staff.add",       "staff.disable",
                                    "denied",         "csrf.refused"};

}  // namespace

ConsoleAnswer AuditPage(ConsoleRequest& rq) {
  // Who may read it at all is the route's rule (console_pages.cpp); whose entries, AuditScope.
  AuditQuery q;
  std::string text = rq.Query("q"), action = rq.Query("action"), from = rq.Query("from"), to = rq.Query("to");
  if (!text.empty()) q.text = text.substr(0, 200);
  if (!action.empty()) q.action = action.substr(0, 64);
  q.from = DayBound(from, false);
  q.to = DayBound(to, true);
  q.party = AuditScope(rq.me());
  q.offset = ParsePageOffset(rq.Query("offset"));
  q.limit = kPageSize;
  auto page = rq.store().QueryAudit(q);
  if (!page) throw std::runtime_error("audit: " + page.error());

  View v;
  v["scope"] = rq.T(q.party ? "audit.scope.party" : "audit.scope.all");
  std::vector<std::pair<std::string, std::string>> actions{{"", rq.T("common.all")}};
  for (const char* a : kActions) actions.emplace_back(a, a);
  v["text"] = text;
  v["actions"] = OptionsView(actions, action);
  v["from"] = from;
  v["to"] = to;
  v["any"] = !page->entries.empty();
  View entries = ViewList();
  for (const AuditEntry& e : page->entries) {
    View row;
    row["alarm"] = e.action == "denied" || e.action == "csrf.refused" || e.action.rfind("signin.", 0) == 0;
    row["at"] = FormatLocal(e.at);
    row["actor"] = e.actor;
    if (e.party) row["party"] = PartyName(rq.lang, *e.party); else row["party"] = false;
    row["action"] = e.action;
    row["target"] = protocol::ClipCodepoints(e.target, 80);
    row["detail"] = protocol::ClipCodepoints(e.detail, 160);
    row["remote"] = e.remote;
    entries << row;
  }
  v["entries"] = std::move(entries);
  std::string base = "/console/audit?q=" + UrlEncode(text) + "&action=" + UrlEncode(action) +
                     "&from=" + UrlEncode(from) + "&to=" + UrlEncode(to);
  // No total count (the log only grows): "next" while there is more.
  if (q.offset > 0)
    v["prev"] = base + "&offset=" + std::to_string(std::max(0, q.offset - kPageSize));
  else
    v["prev"] = false;
  if (page->has_more) v["next"] = base + "&offset=" + std::to_string(q.offset + kPageSize); else v["next"] = false;
  return rq.Render("audit", rq.T("audit.title"), "nav.audit", std::move(v));
}

}  // namespace ck::hub::console

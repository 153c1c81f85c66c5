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

  std::string c = "<h1>" + Esc(rq.T("audit.title")) + "</h1>\n<p class=\"hint\">" +
                  Esc(rq.T(q.party ? "audit.scope.party" : "audit.scope.all")) + "</p>\n";
  std::vector<std::pair<std::string, std::string>> actions{{"", rq.T("common.all")}};
  for (const char* a : kActions) actions.emplace_back(a, a);
  c += "<form class=\"filters\" method=\"get\" action=\"/console/audit\">";
  c += "<label>" + Esc(rq.T("audit.filter.text")) +
       "<input type=\"search\" name=\"q\" maxlength=\"200\" value=\"" + Esc(text) + "\"></label>";
  c += "<label>" + Esc(rq.T("audit.filter.action")) + "<select name=\"action\">" + Options(actions, action) +
       "</select></label>";
  c += "<label>" + Esc(rq.T("audit.filter.from")) + "<input type=\"date\" name=\"from\" value=\"" +
       Esc(from) + "\"></label>";
  c += "<label>" + Esc(rq.T("audit.filter.to")) + "<input type=\"date\" name=\"to\" value=\"" + Esc(to) +
       "\"></label>";
  c += "<button type=\"submit\">" + Esc(rq.T("common.filter")) + "</button></form>\n";
  if (page->entries.empty()) {
    c += "<p>" + Esc(rq.T("audit.empty")) + "</p>";
    return rq.Page(rq.T("audit.title"), "nav.audit", c);
  }
  c += "<table class=\"list\"><thead><tr><th>" + Esc(rq.T("audit.col.at")) + "</th><th>" +
       Esc(rq.T("audit.col.actor")) + "</th><th>" + Esc(rq.T("audit.col.action")) + "</th><th>" +
       Esc(rq.T("audit.col.target")) + "</th><th>" + Esc(rq.T("audit.col.detail")) +
       "</th><th class=\"wide\">" + Esc(rq.T("audit.col.remote")) + "</th></tr></thead><tbody>\n";
  for (const AuditEntry& e : page->entries) {
    bool alarm = e.action == "denied" || e.action == "csrf.refused" || e.action.rfind("signin.", 0) == 0;
    c += alarm ? "<tr class=\"silent\">" : "<tr>";
    c += "<td class=\"num\">" + Esc(FormatLocal(e.at)) + "</td><td class=\"num\">" + Esc(e.actor);
    if (e.party) c += "<br><span class=\"meta\">" + Esc(PartyName(rq.lang, *e.party)) + "</span>";
    c += "</td><td><code>" + Esc(e.action) + "</code></td><td>" + Esc(protocol::ClipCodepoints(e.target, 80)) + "</td><td>" +
         Esc(protocol::ClipCodepoints(e.detail, 160)) + "</td><td class=\"wide\">" + Esc(e.remote) + "</td></tr>\n";
  }
  c += "</tbody></table>\n";
  std::string base = "/console/audit?q=" + UrlEncode(text) + "&action=" + UrlEncode(action) +
                     "&from=" + UrlEncode(from) + "&to=" + UrlEncode(to);
  // No total count (the log only grows): "next" while there is more.
  c += "<nav class=\"pager\">";
  if (q.offset > 0)
    c += "<a href=\"" + Esc(base + "&offset=" + std::to_string(std::max(0, q.offset - kPageSize))) + "\">‹ " +
         Esc(rq.T("pager.prev")) + "</a>";
  if (page->has_more)
    c += "<a href=\"" + Esc(base + "&offset=" + std::to_string(q.offset + kPageSize)) + "\">" +
         Esc(rq.T("pager.next")) + " ›</a>";
  c += "</nav>";
  return rq.Page(rq.T("audit.title"), "nav.audit", c);
}

}  // namespace ck::hub::console

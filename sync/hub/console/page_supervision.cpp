// 督办 (street office only): every overdue ticket per party and how late, and a note to mark one 督办;
// the owning party then sees it on top of its queue, and the resident's ticket page says it is supervised.
#include <httplib.h>

#include <cstdio>

#include "sync/protocol/utf8.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/rules/request_editor.h"

namespace ck::hub::console {

namespace {

constexpr int kPageSize = 50;

}  // namespace

ConsoleAnswer SupervisionPage(ConsoleRequest& rq) {
  std::string c = Flash(rq) + "<h1>" + Esc(rq.T("supervision.title")) + "</h1>\n<p class=\"hint\">" +
                  Esc(rq.T("supervision.hint")) + "</p>\n";
  // Per party: how many are overdue, how many of those are already 督办 (one index-only aggregate; asking
  // QueryWorkOrders for its totals would also fetch and sort every party's overdue rows).
  c += "<table class=\"list\"><thead><tr><th>" + Esc(rq.T("supervision.col.party")) + "</th><th>" +
       Esc(rq.T("supervision.col.overdue")) + "</th><th>" + Esc(rq.T("supervision.col.supervised")) +
       "</th></tr></thead><tbody>\n";
  auto counts = rq.hub().OverdueByParty(rq.work_now);
  if (!counts) throw std::runtime_error("supervision counts: " + counts.error());
  for (auto a : {protocol::Agency::StreetOffice, protocol::Agency::PropertyCompany,
                 protocol::Agency::ResidentsCommittee}) {
    OverdueCount n;
    for (const OverdueCount& x : *counts)
      if (x.party == a) n = x;
    c += "<tr><td><a href=\"/console/orders?party=" + Esc(UrlEncode(protocol::AgencyCode(a))) +
         "&amp;overdue=1\">" + Esc(AgencyName(rq.lang, a)) + "</a></td><td class=\"num\">" +
         std::to_string(n.overdue) + "</td><td class=\"num\">" + std::to_string(n.supervised) +
         "</td></tr>\n";
  }
  c += "</tbody></table>\n";

  WorkOrderQuery q;
  q.now = rq.work_now;
  q.overdue_only = true;
  q.most_late_first = true;
  q.offset = ParsePageOffset(rq.Query("offset"));
  q.limit = kPageSize;
  auto page = rq.hub().QueryWorkOrders(q);
  if (!page) throw std::runtime_error("supervision: " + page.error());
  c += "<h2>" + Esc(rq.T("supervision.list")) + "</h2>\n";
  if (page->rows.empty()) {
    c += "<p>" + Esc(rq.T("supervision.empty")) + "</p>";
    return rq.Page(rq.T("supervision.title"), "nav.supervision", c);
  }
  c += "<table class=\"list\"><thead><tr><th>" + Esc(rq.T("orders.col.ticket")) + "</th><th>" +
       Esc(rq.T("orders.col.owner")) + "</th><th>" + Esc(rq.T("supervision.col.late")) + "</th><th>" +
       Esc(rq.T("supervision.col.action")) + "</th></tr></thead><tbody>\n";
  for (const RequestRecord& r : page->rows) {
    c += r.work.supervised_at ? "<tr class=\"supervised\">" : "<tr>";
    c += "<td><a class=\"code\" href=\"" + Esc(TicketHref(r)) + "\">" + Esc(r.status.ticket_code) + "</a> " +
         Esc(CategoryName(rq, r)) + "<br><span class=\"meta\">" + Esc(protocol::ClipCodepoints(r.description, 30)) +
         "</span></td>";
    c += "<td>" +
         (r.status.agency ? Esc(AgencyName(rq.lang, *r.status.agency)) : Esc(rq.T("orders.undispatched"))) +
         (r.status.agency_responsible.empty()
              ? ""
              : "<br><span class=\"meta\">" + Esc(r.status.agency_responsible) + "</span>") +
         "</td>";
    c += "<td><span class=\"badge overdue\">" + Esc(LateBy(rq, rq.work_now - r.work.due_at)) +
         "</span><br><span class=\"meta\">" + Esc(rq.T("orders.col.due")) + " " +
         Esc(FormatLocal(r.work.due_at)) + "</span></td><td>";
    if (r.work.supervised_at)
      c += "<span class=\"badge supervised\">" + Esc(rq.T("orders.supervised")) + "</span> " +
           Esc(r.work.supervision_note);
    else
      c += "<form method=\"post\" enctype=\"multipart/form-data\" class=\"inline supervise\" action=\"" +
           Esc(TicketHref(r) + "/supervise") + "\">" + rq.CsrfField() +
           "<input name=\"note\" required maxlength=\"500\" placeholder=\"" +
           Esc(rq.T("orders.supervise.note")) + "\" aria-label=\"" + Esc(rq.T("orders.supervise.note")) +
           "\"><button type=\"submit\">" + Esc(rq.T("orders.do.supervise")) + "</button></form>";
    c += "</td></tr>\n";
  }
  c += "</tbody></table>\n" + Pager(rq, "/console/supervision?x=", page->total, q.offset, kPageSize);
  return rq.Page(rq.T("supervision.title"), "nav.supervision", c);
}

}  // namespace ck::hub::console

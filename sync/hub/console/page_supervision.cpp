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
  View v;
  // Per party: how many are overdue, how many of those are already 督办 (one index-only aggregate; asking
  // QueryWorkOrders for its totals would also fetch and sort every party's overdue rows).
  auto counts = rq.hub().OverdueByParty(rq.work_now);
  if (!counts) throw std::runtime_error("supervision counts: " + counts.error());
  View parties = ViewList();
  for (auto a : {protocol::Agency::StreetOffice, protocol::Agency::PropertyCompany,
                 protocol::Agency::ResidentsCommittee}) {
    OverdueCount n;
    for (const OverdueCount& x : *counts)
      if (x.party == a) n = x;
    View p;
    p["code"] = UrlEncode(protocol::AgencyCode(a));
    p["name"] = AgencyName(rq.lang, a);
    p["overdue"] = Num(n.overdue);
    p["supervised"] = Num(n.supervised);
    parties << p;
  }
  v["parties"] = std::move(parties);

  WorkOrderQuery q;
  q.now = rq.work_now;
  q.overdue_only = true;
  q.most_late_first = true;
  q.offset = ParsePageOffset(rq.Query("offset"));
  q.limit = kPageSize;
  auto page = rq.hub().QueryWorkOrders(q);
  if (!page) throw std::runtime_error("supervision: " + page.error());
  v["any"] = !page->rows.empty();
  View rows = ViewList();
  for (const RequestRecord& r : page->rows) {
    View row;
    row["supervised"] = r.work.supervised_at.has_value();
    row["href"] = TicketHref(r);
    row["code"] = r.status.ticket_code;
    row["category"] = CategoryName(rq, r);
    row["description"] = protocol::ClipCodepoints(r.description, 30);
    row["owner"] = r.status.agency ? AgencyName(rq.lang, *r.status.agency) : rq.T("orders.undispatched");
    if (r.status.agency_responsible.empty()) row["responsible"] = false; else row["responsible"] = r.status.agency_responsible;
    row["late"] = LateBy(rq, rq.work_now - r.work.due_at);
    row["due"] = FormatLocal(r.work.due_at);
    row["note"] = r.work.supervision_note;
    rows << row;
  }
  v["rows"] = std::move(rows);
  v["pager"] = PagerView(rq, "/console/supervision?x=", page->total, q.offset, kPageSize);
  return rq.Render("supervision", rq.T("supervision.title"), "nav.supervision", std::move(v));
}

}  // namespace ck::hub::console

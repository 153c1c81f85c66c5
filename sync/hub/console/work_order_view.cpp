// Work-order view pieces: access rules, names and badges, all through the console's one escaper.
#include "sync/hub/console/work_order_view.h"

#include <cstdio>

#include "sync/hub/console/html.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/request_editor.h"

namespace ck::hub::console {

// Keys made from wire codes; work_order_view_test checks every one exists.
const std::string& StatusName(Lang lang, protocol::RequestStatus s) {
  std::string key = "orders.status.";
  return Tr(lang, key + std::string(protocol::RequestStatusCode(s)));
}

const std::string& AgencyName(Lang lang, protocol::Agency a) {
  return Tr(lang, "party." + std::string(protocol::AgencyCode(a)));
}

const std::string& ChannelName(Lang lang, Channel c) {
  std::string key = "orders.channel.";
  return Tr(lang, key + std::string(ChannelCode(c)));
}

bool IsOverdue(const RequestRecord& r, protocol::UnixSeconds now) {
  return !protocol::IsOpen311Closed(r.status.status) && r.work.due_at < now;
}

std::string LateBy(const ConsoleRequest& rq, protocol::UnixSeconds seconds) {
  long long days = seconds / 86400, hours = (seconds % 86400) / 3600;
  char buf[96];
  std::snprintf(buf, sizeof buf, rq.T("orders.late_by").c_str(), days, hours);
  return buf;
}

std::string TicketBadges(const ConsoleRequest& rq, const RequestRecord& r) {
  std::string c = "<span class=\"badge status-" + std::string(protocol::RequestStatusCode(r.status.status)) +
                  "\">" + Esc(StatusName(rq.lang, r.status.status)) + "</span>";
  bool open = !protocol::IsOpen311Closed(r.status.status);
  if (r.work.supervised_at && open)
    c += " <span class=\"badge supervised\">" + Esc(rq.T("orders.supervised")) + "</span>";
  // The flag outlives the re-opened status (a re-dispatch keeps it until resolved): show it when it adds
  // news.
  if (r.flagged && r.status.status != protocol::RequestStatus::Reopened)
    c += " <span class=\"badge red\">" + Esc(rq.T("orders.reopened")) + "</span>";
  if (r.work.returned_at && open)
    c += " <span class=\"badge returned\">" + Esc(rq.T("orders.returned")) + "</span>";
  if (r.work.extension_until && open)
    c += " <span class=\"badge extension\">" + Esc(rq.T("orders.extension_pending")) + "</span>";
  if (IsOverdue(r, rq.work_now))
    c += " <span class=\"badge overdue\">" + Esc(LateBy(rq, rq.work_now - r.work.due_at)) + "</span>";
  return c;
}

std::string CategoryName(ConsoleRequest& rq, const RequestRecord& r) {
  if (rq.lang != Lang::En) return r.status.service_name;
  auto s = rq.hub().FindService(r.status.service_code);
  if (!s) throw std::runtime_error("service: " + s.error());
  return *s && !(*s)->name_en.empty() ? (*s)->name_en : r.status.service_name;
}

TicketOrAnswer LoadTicketFor(ConsoleRequest& rq) {
  TicketOrAnswer out;
  std::string id = rq.Match(1);
  auto found = FindRequestByIdOrTicket(rq.hub(), id);
  if (!found) throw std::runtime_error("ticket: " + found.error());
  if (!*found) {
    out.answer = rq.NotFound();
    return out;
  }
  if (!MayHandleTicket(rq.me(), **found)) {
    std::string owner = (*found)->status.agency ? std::string(protocol::AgencyCode(*(*found)->status.agency))
                                                : std::string("not dispatched");
    out.answer = rq.Deny((*found)->status.ticket_code, "ticket of " + owner);
    return out;
  }
  out.ticket = std::move(*found);
  return out;
}

std::string TicketHref(const RequestRecord& r) {
  return "/console/orders/" + r.status.service_request_id;
}

}  // namespace ck::hub::console

// The work-order queue (工单): one party's tickets, 督办 on top, then re-opened, then newest; overdue ones
// marked; filters (status, category, overdue, re-opened, 督办, kiosk, channel, filed between) and paging.
// The street office sees every party's (and may filter by party); another party only its own.
#include <httplib.h>

#include <cstdio>

#include "sync/protocol/utf8.h"
#include "sync/hub/console/html.h"
#include "sync/protocol/ticket_code.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"

namespace ck::hub::console {

namespace {

constexpr int kPageSize = 50;

// A <input type=date> value ("2026-11-30") as the start of that Shanghai day.
std::optional<protocol::UnixSeconds> DayStart(const std::string& day) {
  if (day.size() != 10) return std::nullopt;
  return protocol::ParseUtc(day + "T00:00:00+08:00");
}

}  // namespace

ConsoleAnswer WorkOrdersPage(ConsoleRequest& rq) {
  const StaffAccount& me = rq.me();
  WorkOrderQuery q;
  q.now = rq.work_now;
  std::string party = rq.Query("party"), status = rq.Query("status"), category = rq.Query("category"),
              kiosk = rq.Query("kiosk"), channel = rq.Query("channel"), from = rq.Query("from"),
              to = rq.Query("to");
  bool overdue = rq.Query("overdue") == "1", reopened = rq.Query("reopened") == "1",
       supervised = rq.Query("supervised") == "1";
  if (IsStreetOffice(me)) {
    q.party = protocol::ParseAgency(party);
  } else {
    q.party = AgencyOfParty(me.party);
    party.clear();
  }
  q.status = protocol::ParseRequestStatus(status);
  if (!category.empty()) q.service_code = category.substr(0, 64);
  if (!kiosk.empty()) q.device_id = kiosk.substr(0, 64);
  q.channel = ParseChannel(channel);
  q.filed_from = DayStart(from);
  if (auto end = DayStart(to)) q.filed_to = *end + 86400;
  q.overdue_only = overdue;
  q.reopened_only = reopened;
  q.supervised_only = supervised;
  // 查找: a ticket code, the last four digits of a phone (only in the queue whose phones this party may
  // see), or words; each answered from an index (WorkOrderQuery).
  std::string find = rq.Query("q");
  if (!find.empty()) {
    find = protocol::ClipCodepoints(find, 100);
    bool four_digits = find.size() == 4 && find.find_first_not_of("0123456789") == std::string::npos;
    if (auto code = protocol::NormalizeTicketCode(find)) {
      q.ticket_code = *code;
    } else if (four_digits && PhoneSearchParty(me)) {
      q.party = PhoneSearchParty(me);
      q.phone_tail = find;
    } else {
      q.text = find;
    }
  }
  q.offset = ParsePageOffset(rq.Query("offset"));
  q.limit = kPageSize;

  std::string c = Flash(rq);
  c += "<div class=\"actions\"><h1>" + Esc(rq.T("orders.title")) + "</h1>";
  c += "<a class=\"button primary\" href=\"/console/orders/new\">" + Esc(rq.T("orders.file_new")) +
       "</a></div>\n";
  if (!q.party && !IsStreetOffice(me)) {
    c += "<p>" + Esc(rq.T("orders.no_tickets_for_party")) + "</p>";
    return rq.Page(rq.T("orders.title"), "nav.orders", c);
  }
  auto page = rq.hub().QueryWorkOrders(q);
  if (!page) throw std::runtime_error("work orders: " + page.error());
  auto services = rq.hub().ListServices();
  if (!services) throw std::runtime_error("services: " + services.error());
  auto kiosks = rq.hub().ListKiosks();
  if (!kiosks) throw std::runtime_error("kiosks: " + kiosks.error());

  // Filters: a plain GET form, so a filtered queue is a link anyone can bookmark.
  std::vector<std::pair<std::string, std::string>> statuses{{"", rq.T("common.all")}};
  for (auto s : {protocol::RequestStatus::Submitted, protocol::RequestStatus::Accepted,
                 protocol::RequestStatus::Assigned, protocol::RequestStatus::InProgress,
                 protocol::RequestStatus::Resolved, protocol::RequestStatus::Closed,
                 protocol::RequestStatus::Reopened})
    statuses.emplace_back(std::string(protocol::RequestStatusCode(s)), StatusName(rq.lang, s));
  std::vector<std::pair<std::string, std::string>> categories{{"", rq.T("common.all")}};
  for (const auto& s : *services)
    categories.emplace_back(s.service_code,
                            rq.lang == Lang::En && !s.name_en.empty() ? s.name_en : s.service_name);
  auto category_name = [&](const RequestRecord& r) -> const std::string& {
    for (const auto& [code, name] : categories)
      if (code == r.status.service_code) return name;
    return r.status.service_name;
  };
  std::vector<std::pair<std::string, std::string>> kiosk_options{{"", rq.T("common.all")}};
  for (const auto& k : *kiosks) kiosk_options.emplace_back(k.device_id, k.name);
  std::vector<std::pair<std::string, std::string>> channels{{"", rq.T("common.all")}};
  for (Channel ch : {Channel::Kiosk, Channel::Phone, Channel::FrontDesk, Channel::Open311})
    channels.emplace_back(std::string(ChannelCode(ch)), ChannelName(rq.lang, ch));

  c += "<form class=\"filters\" method=\"get\" action=\"/console/orders\">";
  c += "<label class=\"search\">" + Esc(rq.T("orders.filter.find")) + "<input type=\"search\" name=\"q\" value=\"" +
       Esc(find) + "\" maxlength=\"100\" placeholder=\"" + Esc(rq.T("orders.filter.find_hint")) + "\"></label>";
  if (IsStreetOffice(me)) {
    std::vector<std::pair<std::string, std::string>> parties{{"", rq.T("common.all")}};
    for (auto a : {protocol::Agency::StreetOffice, protocol::Agency::PropertyCompany,
                   protocol::Agency::ResidentsCommittee})
      parties.emplace_back(std::string(protocol::AgencyCode(a)), AgencyName(rq.lang, a));
    c += "<label>" + Esc(rq.T("orders.filter.party")) + "<select name=\"party\">" + Options(parties, party) +
         "</select></label>";
  }
  c += "<label>" + Esc(rq.T("orders.filter.status")) + "<select name=\"status\">" +
       Options(statuses, status) + "</select></label>";
  c += "<label>" + Esc(rq.T("orders.filter.category")) + "<select name=\"category\">" +
       Options(categories, category) + "</select></label>";
  c += "<label>" + Esc(rq.T("orders.filter.kiosk")) + "<select name=\"kiosk\">" +
       Options(kiosk_options, kiosk) + "</select></label>";
  c += "<label>" + Esc(rq.T("orders.filter.channel")) + "<select name=\"channel\">" +
       Options(channels, channel) + "</select></label>";
  c += "<label>" + Esc(rq.T("orders.filter.from")) + "<input type=\"date\" name=\"from\" value=\"" +
       Esc(from) + "\"></label>";
  c += "<label>" + Esc(rq.T("orders.filter.to")) + "<input type=\"date\" name=\"to\" value=\"" + Esc(to) +
       "\"></label>";
  auto check = [&](const char* name, bool on, const char* key) {
    c += std::string("<label class=\"check\"><input type=\"checkbox\" name=\"") + name + "\" value=\"1\"" +
         (on ? " checked" : "") + "> " + Esc(rq.T(key)) + "</label>";
  };
  check("overdue", overdue, "orders.filter.overdue");
  check("reopened", reopened, "orders.filter.reopened");
  check("supervised", supervised, "orders.filter.supervised");
  c += "<button type=\"submit\">" + Esc(rq.T("common.filter")) + "</button></form>\n";

  char count[96];
  std::snprintf(count, sizeof count, rq.T("orders.count").c_str(), static_cast<long long>(page->total));
  c += "<p class=\"meta\">" + Esc(count) + "</p>\n";
  if (page->rows.empty()) {
    c += "<p>" + Esc(rq.T("orders.empty")) + "</p>";
    return rq.Page(rq.T("orders.title"), "nav.orders", c);
  }
  c += "<table class=\"list orders\"><thead><tr><th>" + Esc(rq.T("orders.col.ticket")) + "</th><th>" +
       Esc(rq.T("orders.col.status")) + "</th><th>" + Esc(rq.T("orders.col.category")) +
       "</th><th class=\"wide\">" + Esc(rq.T("orders.col.where")) + "</th><th>" +
       Esc(rq.T("orders.col.owner")) + "</th><th class=\"wide\">" + Esc(rq.T("orders.col.filed")) +
       "</th><th>" + Esc(rq.T("orders.col.due")) + "</th></tr></thead><tbody>\n";
  for (const RequestRecord& r : page->rows) {
    bool on_top = r.work.supervised_at && !protocol::IsOpen311Closed(r.status.status);
    c += on_top ? "<tr class=\"supervised\">" : IsOverdue(r, rq.work_now) ? "<tr class=\"overdue\">" : "<tr>";
    c += "<td><a class=\"code\" href=\"" + Esc(TicketHref(r)) + "\">" + Esc(r.status.ticket_code) +
         "</a><br>" + "<span class=\"meta\">" + Esc(protocol::ClipCodepoints(r.description, 24)) + "</span></td>";
    c += "<td>" + TicketBadges(rq, r) + "</td>";
    c += "<td>" + Esc(category_name(r)) + "</td>";
    c += "<td class=\"wide\">" + Esc(protocol::ClipCodepoints(r.status.address_string, 20)) + "</td>";
    c += "<td>" +
         (r.status.agency ? Esc(AgencyName(rq.lang, *r.status.agency)) : Esc(rq.T("orders.undispatched")));
    if (!r.status.agency_responsible.empty())
      c += "<br><span class=\"meta\">" + Esc(protocol::ClipCodepoints(r.status.agency_responsible, 20)) + "</span>";
    c += "</td><td class=\"wide num\">" + Esc(FormatLocal(r.status.requested_at)) +
         "<br><span class=\"meta\">" + Esc(ChannelName(rq.lang, r.work.channel)) + "</span></td>";
    c += "<td class=\"num\">" + Esc(FormatLocal(r.work.due_at)) + "</td></tr>\n";
  }
  c += "</tbody></table>\n";
  std::string base = "/console/orders?q=" + UrlEncode(find) + "&party=" + UrlEncode(party) + "&status=" + UrlEncode(status) +
                     "&category=" + UrlEncode(category) + "&kiosk=" + UrlEncode(kiosk) +
                     "&channel=" + UrlEncode(channel) + "&from=" + UrlEncode(from) + "&to=" + UrlEncode(to) +
                     (overdue ? "&overdue=1" : "") + (reopened ? "&reopened=1" : "") +
                     (supervised ? "&supervised=1" : "");
  c += Pager(rq, base, page->total, q.offset, kPageSize);
  return rq.Page(rq.T("orders.title"), "nav.orders", c);
}

}  // namespace ck::hub::console

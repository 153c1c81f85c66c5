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

  View v;
  v["no_queue"] = !q.party && !IsStreetOffice(me);
  if (!q.party && !IsStreetOffice(me))
    return rq.Render("work_orders", rq.T("orders.title"), "nav.orders", std::move(v));
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

  v["find"] = find;
  if (IsStreetOffice(me)) {
    std::vector<std::pair<std::string, std::string>> parties{{"", rq.T("common.all")}};
    for (auto a : {protocol::Agency::StreetOffice, protocol::Agency::PropertyCompany,
                   protocol::Agency::ResidentsCommittee})
      parties.emplace_back(std::string(protocol::AgencyCode(a)), AgencyName(rq.lang, a));
    v["parties"] = OptionsView(parties, party);
  } else {
    v["parties"] = ViewList();
  }
  v["street"] = IsStreetOffice(me);
  v["statuses"] = OptionsView(statuses, status);
  v["categories"] = OptionsView(categories, category);
  v["kiosks"] = OptionsView(kiosk_options, kiosk);
  v["channels"] = OptionsView(channels, channel);
  v["from"] = from;
  v["to"] = to;
  v["overdue"] = overdue;
  v["reopened"] = reopened;
  v["supervised"] = supervised;

  char count[96];
  std::snprintf(count, sizeof count, rq.T("orders.count").c_str(), static_cast<long long>(page->total));
  v["count"] = std::string(count);
  v["any"] = !page->rows.empty();
  View rows = ViewList();
  for (const RequestRecord& r : page->rows) {
    bool on_top = r.work.supervised_at && !protocol::IsOpen311Closed(r.status.status);
    View row;
    if (on_top)
      row["row_class"] = "supervised";
    else if (IsOverdue(r, rq.work_now))
      row["row_class"] = "overdue";
    else
      row["row_class"] = false;
    row["href"] = TicketHref(r);
    row["code"] = r.status.ticket_code;
    row["description"] = protocol::ClipCodepoints(r.description, 24);
    row["badges"] = TicketBadgesView(rq, r);
    row["category"] = category_name(r);
    row["address"] = protocol::ClipCodepoints(r.status.address_string, 20);
    row["owner"] = r.status.agency ? AgencyName(rq.lang, *r.status.agency) : rq.T("orders.undispatched");
    if (r.status.agency_responsible.empty())
      row["responsible"] = false;
    else
      row["responsible"] = protocol::ClipCodepoints(r.status.agency_responsible, 20);
    row["filed"] = FormatLocal(r.status.requested_at);
    row["channel"] = ChannelName(rq.lang, r.work.channel);
    row["due"] = FormatLocal(r.work.due_at);
    rows << row;
  }
  v["rows"] = std::move(rows);
  std::string base = "/console/orders?q=" + UrlEncode(find) + "&party=" + UrlEncode(party) + "&status=" + UrlEncode(status) +
                     "&category=" + UrlEncode(category) + "&kiosk=" + UrlEncode(kiosk) +
                     "&channel=" + UrlEncode(channel) + "&from=" + UrlEncode(from) + "&to=" + UrlEncode(to) +
                     (overdue ? "&overdue=1" : "") + (reopened ? "&reopened=1" : "") +
                     (supervised ? "&supervised=1" : "");
  v["pager"] = PagerView(rq, base, page->total, q.offset, kPageSize);
  return rq.Render("work_orders", rq.T("orders.title"), "nav.orders", std::move(v));
}

}  // namespace ck::hub::console

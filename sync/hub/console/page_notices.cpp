// The notice list: filters by state, publisher, category and text; 50 a page, newest change first; each
// row says on how many kiosks its latest version has arrived.
#include <httplib.h>

#include <cstdio>

#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/console/pages.h"

namespace ck::hub::console {

namespace {

constexpr int kPageSize = 50;

std::string DeliveredCell(const ConsoleRequest& rq, int delivered, int total, NoticeState state) {
  if (state == NoticeState::Withdrawn || total == 0) return "<td class=\"num\">–</td>";
  char buf[96];
  std::snprintf(buf, sizeof buf, rq.T("notices.delivered").c_str(), delivered, total);
  return std::string("<td class=\"num\"><span class=\"delivered") + (delivered < total ? " partial" : "") +
         "\">" + Esc(buf) + "</span></td>";
}

}  // namespace

ConsoleAnswer NoticesPage(ConsoleRequest& rq) {
  NoticeListQuery q;
  q.now = rq.now;
  std::string state = rq.Query("state"), publisher = rq.Query("publisher"), category = rq.Query("category"),
              text = rq.Query("q");
  q.state = ParseNoticeState(state);
  q.publisher = protocol::ParsePublisher(publisher);
  if (!category.empty()) q.category = category;
  if (!text.empty()) q.text = text.substr(0, 200);
  q.offset = ParsePageOffset(rq.Query("offset"));
  q.limit = kPageSize;
  auto page = rq.store().QueryNotices(q);
  if (!page) throw std::runtime_error("notice list: " + page.error());

  std::string c = Flash(rq);
  c += "<div class=\"actions\"><h1>" + Esc(rq.T("notices.title")) + "</h1>";
  c += "<a class=\"button primary\" href=\"/console/notices/new\">" + Esc(rq.T("notices.new")) + "</a>";
  c += "<a class=\"button\" href=\"/console/notices/import\">" + Esc(rq.T("notices.import")) + "</a></div>\n";

  // Filters: a plain GET form, so a filtered list is a link anyone can bookmark.
  std::vector<std::pair<std::string, std::string>> states{{"", rq.T("common.all")}};
  for (NoticeState s :
       {NoticeState::Live, NoticeState::Scheduled, NoticeState::Expired, NoticeState::Withdrawn})
    states.emplace_back(std::string(NoticeStateCode(s)), StateName(rq.lang, s));
  std::vector<std::pair<std::string, std::string>> parties{{"", rq.T("common.all")}};
  for (Party p :
       {Party::StreetOffice, Party::PropertyCompany, Party::ResidentsCommittee, Party::OwnersCommittee})
    parties.emplace_back(std::string(protocol::PublisherCode(p)), PartyName(rq.lang, p));
  std::vector<std::pair<std::string, std::string>> categories{{"", rq.T("common.all")}};
  for (std::string_view code : protocol::kNoticeCategories)
    categories.emplace_back(std::string(code), CategoryName(rq.lang, code));

  c += "<form class=\"filters\" method=\"get\" action=\"/console/notices\">";
  c += "<label>" + Esc(rq.T("notices.filter.state")) + "<select name=\"state\">" + Options(states, state) +
       "</select></label>";
  c += "<label>" + Esc(rq.T("notices.filter.publisher")) + "<select name=\"publisher\">" +
       Options(parties, publisher) + "</select></label>";
  c += "<label>" + Esc(rq.T("notices.filter.category")) + "<select name=\"category\">" +
       Options(categories, category) + "</select></label>";
  c += "<label>" + Esc(rq.T("notices.filter.text")) +
       "<input type=\"search\" name=\"q\" maxlength=\"200\" value=\"" + Esc(text) + "\"></label>";
  c += "<button type=\"submit\">" + Esc(rq.T("common.filter")) + "</button></form>\n";

  char count[64];
  std::snprintf(count, sizeof count, rq.T("notices.count").c_str(), static_cast<long long>(page->total));
  c += "<p class=\"meta\">" + Esc(count) + "</p>\n";
  if (page->rows.empty()) {
    c += "<p>" + Esc(rq.T("notices.empty")) + "</p>";
    return rq.Page(rq.T("notices.title"), "nav.notices", c);
  }
  c += "<table class=\"list\"><thead><tr><th>" + Esc(rq.T("notices.col.title")) + "</th><th>" +
       Esc(rq.T("notices.col.state")) + "</th><th>" + Esc(rq.T("notices.col.publisher")) +
       "</th><th class=\"wide\">" + Esc(rq.T("notices.col.category")) + "</th><th class=\"wide\">" +
       Esc(rq.T("notices.col.time")) + "</th><th>" + Esc(rq.T("notices.col.delivered")) +
       "</th></tr></thead><tbody>\n";
  for (const NoticeListRow& row : page->rows) {
    const protocol::Notice& n = row.record.notice;
    NoticeState st = StateOf(row.record, rq.now);
    c += "<tr><td>";
    if (n.priority != protocol::Priority::Normal)
      c += "<span class=\"badge " + std::string(protocol::PriorityCode(n.priority)) + "\">" +
           Esc(PriorityName(rq.lang, n.priority)) + "</span>";
    if (n.pinned) c += "<span class=\"badge pinned\">" + Esc(rq.T("notices.pinned")) + "</span>";
    bool editable = MayEditNotice(rq.me(), n.publisher) && st != NoticeState::Withdrawn;
    std::string href = editable ? "/console/notices/" + n.id : "/notices/" + n.id;
    // Another party's scheduled notice has no public page before its time: no link to a 404.
    if (!editable && st == NoticeState::Scheduled)
      c += Esc(n.title);
    else
      c += "<a href=\"" + Esc(href) + "\">" + Esc(n.title) + "</a>";
    if (!editable && st != NoticeState::Withdrawn)
      c += " <span class=\"meta\">(" + Esc(rq.T("notices.readonly")) + ")</span>";
    c += "</td><td><span class=\"badge state-" + std::string(NoticeStateCode(st)) + "\">" +
         Esc(StateName(rq.lang, st)) + "</span></td>";
    c += "<td>" + Esc(PartyName(rq.lang, n.publisher)) + "</td>";
    c += "<td class=\"wide\">" + Esc(CategoryName(rq.lang, n.category)) + "</td>";
    c += "<td class=\"wide num\">" + Esc(FormatLocal(n.published_at)) + "<br>" +
         Esc(n.expires_at ? FormatLocal(*n.expires_at) : "—") + "</td>";
    c += DeliveredCell(rq, row.delivered, page->active_kiosks, st);
    c += "</tr>\n";
  }
  c += "</tbody></table>\n";
  std::string base = "/console/notices?state=" + UrlEncode(state) + "&publisher=" + UrlEncode(publisher) +
                     "&category=" + UrlEncode(category) + "&q=" + UrlEncode(text);
  c += Pager(rq, base, page->total, q.offset, kPageSize);
  return rq.Page(rq.T("notices.title"), "nav.notices", c);
}

}  // namespace ck::hub::console

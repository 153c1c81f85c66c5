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

// "3 / 12 台" and whether some kiosks lack it; false where delivery means nothing (withdrawn, no kiosks).
View DeliveredView(const ConsoleRequest& rq, int delivered, int total, NoticeState state) {
  if (state == NoticeState::Withdrawn || total == 0) return View(false);
  char buf[96];
  std::snprintf(buf, sizeof buf, rq.T("notices.delivered").c_str(), delivered, total);
  View d;
  d["text"] = std::string(buf);
  d["partial"] = delivered < total;
  return d;
}

View NamedCode(std::string_view code, const std::string& name) {
  View v;
  v["code"] = std::string(code);
  v["name"] = name;
  return v;
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

  View v;
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
  v["states"] = OptionsView(states, state);
  v["publishers"] = OptionsView(parties, publisher);
  v["categories"] = OptionsView(categories, category);
  v["text"] = text;

  char count[64];
  std::snprintf(count, sizeof count, rq.T("notices.count").c_str(), static_cast<long long>(page->total));
  v["count"] = std::string(count);
  v["any"] = !page->rows.empty();
  View rows = ViewList();
  for (const NoticeListRow& row : page->rows) {
    const protocol::Notice& n = row.record.notice;
    NoticeState st = StateOf(row.record, rq.now);
    View r;
    if (n.priority != protocol::Priority::Normal)
      r["priority"] = NamedCode(protocol::PriorityCode(n.priority), PriorityName(rq.lang, n.priority));
    else
      r["priority"] = false;
    r["pinned"] = n.pinned;
    bool editable = MayEditNotice(rq.me(), n.publisher) && st != NoticeState::Withdrawn;
    // Another party's scheduled notice has no public page before its time: no link to a 404.
    if (!editable && st == NoticeState::Scheduled)
      r["href"] = false;
    else
      r["href"] = editable ? "/console/notices/" + n.id : "/notices/" + n.id;
    r["title"] = n.title;
    r["readonly"] = !editable && st != NoticeState::Withdrawn;
    r["state"] = NamedCode(NoticeStateCode(st), StateName(rq.lang, st));
    r["publisher"] = PartyName(rq.lang, n.publisher);
    r["category"] = CategoryName(rq.lang, n.category);
    r["published"] = FormatLocal(n.published_at);
    r["expires"] = n.expires_at ? FormatLocal(*n.expires_at) : "—";
    r["delivered"] = DeliveredView(rq, row.delivered, page->active_kiosks, st);
    rows << r;
  }
  v["rows"] = std::move(rows);
  std::string base = "/console/notices?state=" + UrlEncode(state) + "&publisher=" + UrlEncode(publisher) +
                     "&category=" + UrlEncode(category) + "&q=" + UrlEncode(text);
  v["pager"] = PagerView(rq, base, page->total, q.offset, kPageSize);
  return rq.Render("notices", rq.T("notices.title"), "nav.notices", std::move(v));
}

}  // namespace ck::hub::console

// The console's shared frame and view pieces.
#include "sync/hub/console/layout.h"

#include <cstdio>
#include <ctime>

#include "sync/hub/console/console_router.h"
#include "sync/hub/console/html.h"
#include "sync/protocol/notice.h"

namespace ck::hub::console {

namespace {

// The navigation, in order. `visible` is the rule its page's route declares (console_pages.cpp, from
// rules/party_policy.h); nullptr: everyone signed in.
struct NavItem {
  const char* key;  // strings.json key of the label, and the `nav` id pages pass to Page()
  const char* href;
  StaffRule visible;
};

constexpr NavItem kNav[] = {
    {"nav.notices", "/console/notices", nullptr},
    {"nav.activities", "/console/activities", nullptr},
    {"nav.orders", "/console/orders", nullptr},
    {"nav.supervision", "/console/supervision", MaySupervise},
    {"nav.rates", "/console/rates", nullptr},
    {"nav.templates", "/console/templates", nullptr},
    {"nav.kiosks", "/console/kiosks", nullptr},
    {"nav.audit", "/console/audit", MayReadAudit},
    {"nav.staff", "/console/staff", MayManageStaff},
};


}  // namespace

View FrameView(const ConsoleRequest& rq, std::string_view title, std::string_view nav) {
  View f;
  f["html_lang"] = rq.lang == Lang::En ? "en" : "zh-CN";
  f["title"] = std::string(title);
  if (rq.signed_in()) {
    const StaffAccount& me = rq.me();
    View items = ViewList();
    for (const NavItem& item : kNav) {
      if (item.visible && !item.visible(me)) continue;
      // Activities are served only by a hub that has them (ConsoleServices::activities).
      if (std::string_view(item.href) == "/console/activities" && !rq.services.activities) continue;
      View i;
      i["href"] = item.href;
      i["label"] = rq.T(item.key);
      i["active"] = nav == item.key;
      items << i;
    }
    f["nav"] = std::move(items);
    View who;
    who["name"] = me.name;
    who["party"] = PartyName(rq.lang, me.party);
    who["role"] = RoleName(rq.lang, me.role);
    who["account_current"] = nav == "nav.account";
    f["me"] = std::move(who);
  } else {
    f["me"] = false;
  }
  // The language switch is a link (no form): it only sets a preference cookie.
  f["switch_to"] = rq.lang == Lang::En ? "zh" : "en";
  f["switch_lang"] = rq.lang == Lang::En ? "zh-CN" : "en";
  f["switch_label"] = rq.lang == Lang::En ? "中文" : "English";
  f["next"] = UrlEncode(rq.Here());
  f["csrf"] = rq.csrf();
  std::string flash = FlashText(rq);
  if (flash.empty())
    f["flash"] = false;
  else
    f["flash"] = std::move(flash);
  return f;
}

const std::string& PartyName(Lang lang, Party p) {
  return Tr(lang, std::string("party.") + std::string(protocol::PublisherCode(p)));
}

const std::string& RoleName(Lang lang, StaffRole r) {
  return Tr(lang, std::string("role.") + std::string(StaffRoleCode(r)));
}

std::string PublicStaffName(Lang lang, const StaffAccount& staff) {
  std::string name = PartyName(lang, staff.party);
  if (!staff.display_name.empty()) name += " " + staff.display_name;
  return name;
}

const std::string& CategoryName(Lang lang, std::string_view code) {
  for (std::string_view c : protocol::kNoticeCategories)
    if (c == code) return Tr(lang, "category." + std::string(c));
  return Tr(lang, "category.other");
}

const std::string& PriorityName(Lang lang, protocol::Priority p) {
  return Tr(lang, "priority." + std::string(protocol::PriorityCode(p)));
}

const std::string& StateName(Lang lang, NoticeState s) {
  return Tr(lang, "state." + std::string(NoticeStateCode(s)));
}

View LinesView(std::string_view text) {
  View lines = ViewList();
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    View l;
    l["first"] = pos == 0;
    l["text"] = std::string(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    lines << l;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

View ParagraphsView(std::string_view body) {
  View paragraphs = ViewList();
  View lines = ViewList();
  auto flush = [&] {
    if (!lines.is_empty_list()) {
      View p;
      p["lines"] = std::move(lines);
      paragraphs << p;
    }
    lines = ViewList();
  };
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
    } else {
      View l;
      l["first"] = lines.is_empty_list();
      l["text"] = std::string(line);
      lines << l;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return paragraphs;
}

std::string FormatLocal(protocol::UnixSeconds t) {
  std::time_t local = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min);
  return buf;
}

std::string DateTimeLocalValue(protocol::UnixSeconds t) {
  std::string s = FormatLocal(t);
  s[10] = 'T';
  return s;
}

std::optional<protocol::UnixSeconds> ParseDateTimeLocal(std::string_view text) {
  // "YYYY-MM-DDTHH:MM" with optional ":SS"; a space instead of T is accepted too.
  int y, mo, d, hh, mm, ss = 0;
  std::string s(text);
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  s[10] = 'T';
  char tail = 0;
  int n = s.size() == 16
              ? std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &hh, &mm, &tail)
              : std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &hh, &mm, &ss, &tail);
  if (n != (s.size() == 16 ? 5 : 6)) return std::nullopt;
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  std::time_t t = timegm(&tm);
  std::tm check{};
  gmtime_r(&t, &check);
  if (check.tm_mday != d) return std::nullopt;  // 31 February and the like
  return static_cast<protocol::UnixSeconds>(t) - 8 * 3600;
}

View PagerView(const ConsoleRequest& rq, std::string_view base, std::int64_t total, int offset, int limit) {
  if (total <= limit) return View(false);
  std::int64_t pages = (total + limit - 1) / limit;
  std::int64_t page = offset / limit + 1;
  std::string sep = base.find('?') == std::string_view::npos ? "?" : "&";
  View p;
  if (offset > 0)
    p["prev"] = std::string(base) + sep + "offset=" + std::to_string(std::max(0, offset - limit));
  else
    p["prev"] = false;
  char buf[96];
  std::snprintf(buf, sizeof buf, rq.T("pager.page").c_str(), static_cast<long long>(page),
                static_cast<long long>(pages));
  p["label"] = std::string(buf);
  if (offset + limit < total)
    p["next"] = std::string(base) + sep + "offset=" + std::to_string(offset + limit);
  else
    p["next"] = false;
  return p;
}

View OptionsView(const std::vector<std::pair<std::string, std::string>>& values, std::string_view selected) {
  View list = ViewList();
  for (const auto& [v, label] : values) {
    View o;
    o["value"] = v;
    o["label"] = label;
    o["selected"] = v == selected;
    list << o;
  }
  return list;
}

View FieldErrorView(const std::string& message) {
  if (message.empty()) return View(false);
  View e;
  e["field_error"] = message;
  return e;
}

std::string FlashText(const ConsoleRequest& rq) {
  std::string key = rq.Query("done");
  if (key.empty() || key.size() > 40) return {};
  std::string full = "done." + key;
  if (!HasText(full)) return {};
  return rq.T(full);
}

int ParsePageOffset(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoi(s);
}

}  // namespace ck::hub::console

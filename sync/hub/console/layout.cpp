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
    {"nav.orders", "/console/orders", nullptr},
    {"nav.supervision", "/console/supervision", MaySupervise},
    {"nav.rates", "/console/rates", nullptr},
    {"nav.templates", "/console/templates", nullptr},
    {"nav.kiosks", "/console/kiosks", nullptr},
    {"nav.audit", "/console/audit", MayReadAudit},
    {"nav.staff", "/console/staff", MayManageStaff},
};


}  // namespace

std::string RenderFrame(const ConsoleRequest& rq, std::string_view title, std::string_view nav,
                        std::string_view content) {
  std::string h;
  h.reserve(content.size() + 4096);
  h += "<!DOCTYPE html>\n<html lang=\"";
  h += rq.lang == Lang::En ? "en" : "zh-CN";
  h += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  h += Esc(title);
  h += " · ";
  h += Esc(rq.T("app.name"));
  h += "</title>\n<link rel=\"stylesheet\" href=\"/console/assets/console.css\">\n";
  h += "<script src=\"/console/assets/console.js\" defer></script>\n</head>\n<body>\n";
  h += "<header class=\"top\"><a class=\"brand\" href=\"/console/\">";
  h += Esc(rq.T("app.name"));
  h += "</a>\n";
  if (rq.signed_in()) {
    const StaffAccount& me = rq.me();
    h += "<nav>";
    for (const NavItem& item : kNav) {
      if (item.visible && !item.visible(me)) continue;
      h += "<a href=\"";
      h += item.href;
      h += "\"";
      if (nav == item.key) h += " class=\"active\" aria-current=\"page\"";
      h += ">";
      h += Esc(rq.T(item.key));
      h += "</a>";
    }
    h += "</nav>\n<div class=\"who\"><a class=\"me\" href=\"/console/account\"";
    if (nav == "nav.account") h += " aria-current=\"page\"";
    h += ">";
    h += Esc(me.name);
    h += " · ";
    h += Esc(PartyName(rq.lang, me.party));
    h += " · ";
    h += Esc(RoleName(rq.lang, me.role));
    h += "</a>";
  } else {
    h += "<div class=\"who\">";
  }
  // The language switch is a link (no form): it only sets a preference cookie.
  std::string here = rq.Here();
  h += "<a class=\"lang\" href=\"/console/lang?to=";
  h += rq.lang == Lang::En ? "zh" : "en";
  h += "&amp;next=";
  h += Esc(UrlEncode(here));
  h += "\" lang=\"";
  h += rq.lang == Lang::En ? "zh-CN" : "en";
  h += "\">";
  h += rq.lang == Lang::En ? "中文" : "English";
  h += "</a>";
  if (rq.signed_in()) {
    h += "<form class=\"inline\" method=\"post\" enctype=\"multipart/form-data\" action=\"/console/signout\">";
    h += rq.CsrfField();
    h += "<button type=\"submit\" class=\"link\">";
    h += Esc(rq.T("nav.signout"));
    h += "</button></form>";
  }
  h += "</div>\n</header>\n<main>\n";
  h += content;
  h += "\n</main>\n</body>\n</html>\n";
  return h;
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

std::string Pager(const ConsoleRequest& rq, std::string_view base, std::int64_t total, int offset,
                  int limit) {
  if (total <= limit) return {};
  std::int64_t pages = (total + limit - 1) / limit;
  std::int64_t page = offset / limit + 1;
  std::string sep = base.find('?') == std::string_view::npos ? "?" : "&";
  std::string h = "<nav class=\"pager\">";
  if (offset > 0)
    h += "<a href=\"" +
         Esc(std::string(base) + sep + "offset=" + std::to_string(std::max(0, offset - limit))) + "\">‹ " +
         Esc(rq.T("pager.prev")) + "</a> ";
  char buf[96];
  std::snprintf(buf, sizeof buf, rq.T("pager.page").c_str(), static_cast<long long>(page),
                static_cast<long long>(pages));
  h += "<span>" + Esc(buf) + "</span>";
  if (offset + limit < total)
    h += " <a href=\"" + Esc(std::string(base) + sep + "offset=" + std::to_string(offset + limit)) + "\">" +
         Esc(rq.T("pager.next")) + " ›</a>";
  h += "</nav>";
  return h;
}

std::string Options(const std::vector<std::pair<std::string, std::string>>& values,
                    std::string_view selected) {
  std::string h;
  for (const auto& [v, label] : values) {
    h += "<option value=\"" + Esc(v) + "\"";
    if (v == selected) h += " selected";
    h += ">" + Esc(label) + "</option>";
  }
  return h;
}

std::string Flash(const ConsoleRequest& rq) {
  std::string key = rq.Query("done");
  if (key.empty() || key.size() > 40) return {};
  std::string full = "done." + key;
  if (!HasText(full)) return {};
  return "<p class=\"flash\" role=\"status\">" + Esc(rq.T(full)) + "</p>";
}

int ParsePageOffset(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoi(s);
}

}  // namespace ck::hub::console

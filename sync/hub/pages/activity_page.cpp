// Renders the activity and sign-up pages in Chinese through the shared HTML frame.
#include "sync/hub/pages/activity_page.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>

#include "sync/hub/pages/qr_svg.h"

namespace ck::hub {

namespace {

using protocol::SignupRefusal;
using protocol::SignupState;

constexpr std::size_t kOccurrencesShown = 20;

std::tm Beijing(protocol::UnixSeconds t) {
  std::time_t local = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  return tm;
}

// "12月3日（周四）07:00–08:00"; all day: "12月3日（周四）全天", several days: "… 至 12月5日（周六）".
std::string OccurrenceTime(const protocol::ActivityOccurrence& o, bool all_day) {
  static constexpr const char* kWeekdays[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  auto day = [](const std::tm& tm) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d月%d日（%s）", tm.tm_mon + 1, tm.tm_mday, kWeekdays[tm.tm_wday % 7]);
    return std::string(buf);
  };
  auto clock = [](const std::tm& tm) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return std::string(buf);
  };
  const std::tm start = Beijing(o.start);
  // An all-day activity ends at midnight after its last day.
  const std::tm end = Beijing(all_day ? o.end - 1 : o.end);
  const bool same_day = start.tm_year == end.tm_year && start.tm_yday == end.tm_yday;
  if (all_day) return same_day ? day(start) + " 全天" : day(start) + " 至 " + day(end);
  if (same_day) return day(start) + " " + clock(start) + "–" + clock(end);
  return day(start) + " " + clock(start) + " 至 " + day(end) + " " + clock(end);
}

std::string Fact(std::string_view label, std::string_view html) {
  return "<dt>" + std::string(label) + "</dt><dd>" + std::string(html) + "</dd>\n";
}

std::string Organisers(const protocol::Activity& a) {
  std::string out;
  for (protocol::Publisher p : a.organisers) {
    if (!out.empty()) out += "、";
    out += PublisherName(p);
  }
  if (a.organisers.size() > 1) out += "（联合主办）";
  return out;
}

std::string OccurrenceState(const protocol::Activity& a, const protocol::ActivityOccurrence& o,
                            protocol::UnixSeconds now) {
  if (a.cancelled || o.cancelled) {
    std::string why = o.cancel_reason.empty() ? a.cancel_reason : o.cancel_reason;
    return "<span class=\"off\">本次取消</span>" + (why.empty() ? "" : "：" + HtmlEscape(why));
  }
  if (a.capacity == 0) return "无需报名，直接参加";
  const int left = protocol::PlacesLeft(a, o);
  std::string out = left > 0 ? "<span class=\"places\">剩余名额 " + std::to_string(left) + "</span>"
                             : "<span class=\"full\">已满</span>";
  if (o.waitlisted > 0) out += "（候补 " + std::to_string(o.waitlisted) + " 人）";
  if (!protocol::SignupOpenAt(a, o, now)) out += " · 报名已截止";
  return out;
}

std::string SignupsCloseText(protocol::UnixSeconds before) {
  if (before <= 0) return "活动开始前均可报名";
  if (before % 86400 == 0) return "活动开始前 " + std::to_string(before / 86400) + " 天截止报名";
  if (before % 3600 == 0) return "活动开始前 " + std::to_string(before / 3600) + " 小时截止报名";
  return "活动开始前 " + std::to_string((before + 59) / 60) + " 分钟截止报名";
}

HtmlPage Message(int status, std::string_view title, std::string_view text) {
  return {status, PageFrame(title, "<p class=\"gone\">" + std::string(text) + "</p>\n")};
}

std::string_view RefusalText(SignupRefusal r) {
  switch (r) {
    case SignupRefusal::SignupClosed:
      return "报名送达时已截止";
    case SignupRefusal::OccurrenceCancelled:
      return "该场活动已取消";
    case SignupRefusal::NoSuchOccurrence:
      return "未找到该场活动（可能已删除或时间已调整）";
    case SignupRefusal::TooManyPeople:
      return "报名人数超过本场活动的名额";
    case SignupRefusal::NoSignupNeeded:
      return "本活动无需报名，直接参加即可";
    case SignupRefusal::None:
      break;
  }
  return "未能报名";
}

}  // namespace

std::string ActivityPagePath(std::string_view activity_id) {
  return "/activities/" + std::string(activity_id);
}

std::string SignupPagePath(std::string_view code) {
  return "/signups/" + std::string(code);
}

HtmlPage RenderActivityPage(const protocol::Activity& a, std::string_view public_url, protocol::UnixSeconds now) {
  std::string c = "<article class=\"notice\">\n<h1>";
  if (a.cancelled) c += "<span class=\"badge urgent\">已取消</span>";
  c += HtmlEscape(a.title);
  c += "</h1>\n<p class=\"meta\">主办：";
  c += Organisers(a);
  c += "</p>\n<dl class=\"facts\">\n";
  if (a.cancelled && !a.cancel_reason.empty()) c += Fact("取消原因", ParagraphsHtml(a.cancel_reason));
  c += Fact("地点", HtmlEscape(a.place));
  if (!a.eligibility.empty()) c += Fact("参加对象", HtmlEscape(a.eligibility));
  if (a.capacity > 0) {
    c += Fact("名额", "每场 " + std::to_string(a.capacity) + " 人 · " + SignupsCloseText(a.signup_closes_before));
  } else {
    c += Fact("名额", "无需报名，直接参加");
  }
  if (!a.description.empty()) c += Fact("活动介绍", ParagraphsHtml(a.description));
  c += "</dl>\n<h2>活动时间</h2>\n";
  std::size_t shown = 0;
  std::string items;
  for (const protocol::ActivityOccurrence& o : a.occurrences) {
    if (o.end <= now) continue;
    if (shown++ == kOccurrencesShown) break;
    items += "<li>" + OccurrenceTime(o, a.all_day);
    if (o.start != o.original_start) items += "（时间已调整）";
    items += "<br>" + OccurrenceState(a, o, now) + "</li>\n";
  }
  c += items.empty() ? "<p>近期没有安排。</p>\n" : "<ol class=\"occurrences\">\n" + items + "</ol>\n";
  if (a.capacity > 0 && !a.cancelled) c += "<p class=\"meta\">报名请到小区自助终端「社区活动」。</p>\n";
  c += "<p><a class=\"button\" href=\"/api/v1/events.ics?id=" + HtmlEscape(a.id) + "\">添加到我的日历</a></p>\n";
  if (!public_url.empty()) {
    const std::string url = std::string(public_url) + ActivityPagePath(a.id);
    if (auto qr = QrSvg(url, 200, "本活动页面的二维码")) c += "<div class=\"qr\">" + *qr + "</div>\n";
  }
  c += "</article>\n";
  return {200, PageFrame(a.title, c)};
}

HtmlPage RenderUnknownActivityPage() {
  return Message(404, "未找到该活动", "未找到该活动，可能已被删除。");
}

HtmlPage RenderSignupPage(const SignupRecord& s, const std::optional<protocol::Activity>& a,
                          protocol::UnixSeconds now) {
  std::string badge, label;
  switch (s.state) {
    case SignupState::Confirmed:
      badge = "done", label = "报名成功";
      break;
    case SignupState::Waitlisted:
      badge = "important", label = "候补第 " + std::to_string(s.waitlist_position) + " 位";
      break;
    case SignupState::Cancelled:
      badge = "expired", label = "已取消";
      break;
    case SignupState::Refused:
    case SignupState::Pending:
      badge = "urgent", label = "未能报名";
      break;
  }
  std::string c = "<article class=\"notice\">\n<h1><span class=\"badge " + badge + "\">" + label + "</span>";
  c += a ? HtmlEscape(a->title) : std::string("社区活动报名");
  c += "</h1>\n<p class=\"meta\">报名编号：<span class=\"code\">" + HtmlEscape(s.code) + "</span></p>\n";
  c += "<dl class=\"facts\">\n";
  if (a) {
    auto o = std::find_if(a->occurrences.begin(), a->occurrences.end(),
                          [&](const protocol::ActivityOccurrence& x) { return x.original_start == s.original_start; });
    if (o != a->occurrences.end()) {
      c += Fact("时间", OccurrenceTime(*o, a->all_day));
      if (a->cancelled || o->cancelled) c += Fact("注意", OccurrenceState(*a, *o, now));
    } else {
      c += Fact("时间", FormatShanghaiTime(s.original_start));
    }
    c += Fact("地点", HtmlEscape(a->place));
  }
  c += Fact("人数", std::to_string(s.people) + " 人");
  if (s.state == SignupState::Waitlisted)
    c += Fact("候补", "有人取消时按报名先后自动递补，请留意本页或到终端「查询进度」。");
  if (s.state == SignupState::Refused) c += Fact("原因", std::string(RefusalText(s.refusal)));
  if (s.state == SignupState::Cancelled && !s.reason.empty()) c += Fact("说明", HtmlEscape(s.reason));
  c += Fact("更新时间", FormatShanghaiTime(s.decided_at));
  c += "</dl>\n";
  if (a) c += "<p><a href=\"" + HtmlEscape(ActivityPagePath(a->id)) + "\">查看活动详情</a></p>\n";
  if (s.state == SignupState::Confirmed || s.state == SignupState::Waitlisted) {
    c += "<form method=\"post\" action=\"" + HtmlEscape(SignupPagePath(s.code)) +
         "/cancel\"><button class=\"button danger\" type=\"submit\">取消报名</button></form>\n";
  }
  c += "</article>\n";
  return {200, PageFrame(label + " · " + s.code, c)};
}

HtmlPage RenderMistypedSignupPage() {
  return Message(404, "编号有误",
                 "这个报名编号好像输错了，请核对后再试（编号由13位字母和数字组成，如 3K7M-XQ9R-4TWBR）");
}

HtmlPage RenderUnknownSignupPage() {
  return Message(404, "未找到该报名",
                 "未找到该编号的报名。如果刚在自助终端报名，终端联网后会自动送达，请稍后再查。");
}

}  // namespace ck::hub

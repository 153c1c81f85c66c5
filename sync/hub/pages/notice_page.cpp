// Renders notice pages: plain, mobile-first HTML with large text, no scripts, everything escaped.
//
// The page is served by the hub for phones, not drawn by the kiosk, so its few fixed words are kept here
// in Chinese (the residents' language) rather than in the kiosk's translation files.
#include "sync/hub/pages/notice_page.h"

#include <array>
#include <utility>

namespace ck::hub {

namespace {

using protocol::Priority;

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kCategoryNames = {{
    {"water_power", "停水停电"},
    {"safety", "安全检查"},
    {"parking", "停车管理"},
    {"sanitation", "环境卫生"},
    {"meeting", "会议纪要"},
    {"policy", "政策通知"},
    {"community", "社区生活"},
}};

std::string_view CategoryName(std::string_view code) {
  for (auto& [c, name] : kCategoryNames)
    if (c == code) return name;
  return "其他";
}

std::string_view PriorityBadge(Priority p) {
  switch (p) {
    case Priority::Urgent:
      return "<span class=\"badge urgent\">紧急</span>";
    case Priority::Important:
      return "<span class=\"badge important\">重要</span>";
    case Priority::Normal:
      return "";
  }
  return "";
}

HtmlPage Gone() {
  return {410, PageFrame("该通知已撤回", "<p class=\"gone\">该通知已撤回</p>\n")};
}

}  // namespace

HtmlPage RenderNotFoundPage() {
  return {404, PageFrame("未找到该通知", "<p class=\"gone\">未找到该通知</p>\n")};
}

HtmlPage RenderNoticePage(const std::optional<NoticeRecord>& record, protocol::UnixSeconds now) {
  if (!record) return RenderNotFoundPage();
  if (record->withdrawn()) return Gone();
  const protocol::Notice& n = record->notice;
  if (n.published_at > now) return RenderNotFoundPage();
  bool expired = n.expires_at && *n.expires_at <= now;

  std::string c;
  c += "<article class=\"notice\">\n<h1>";
  c += PriorityBadge(n.priority);
  if (expired) c += "<span class=\"badge expired\">已过期</span>";
  c += HtmlEscape(n.title);
  c += "</h1>\n<p class=\"meta\">发布单位：";
  c += PublisherName(n.publisher);
  c += " · 类别：";
  c += CategoryName(n.category);
  c += "</p>\n<p class=\"meta\">发布时间：";
  c += FormatShanghaiTime(n.published_at);
  c += "</p>\n";
  if (n.expires_at) {
    c += "<p class=\"meta\">有效期至：";
    c += FormatShanghaiTime(*n.expires_at);
    if (expired) c += "（已过期）";
    c += "</p>\n";
  }
  if (n.audience != "all") {
    c += "<p class=\"meta\">适用对象：";
    c += HtmlEscape(n.audience);
    c += "</p>\n";
  }
  c += "<div class=\"body\">\n";
  c += ParagraphsHtml(n.body);
  c += "</div>\n</article>\n";
  return {200, PageFrame(n.title, c)};
}

}  // namespace ck::hub

// Renders notice pages: plain, mobile-first HTML with large text, no scripts, everything escaped.
//
// The page is served by the hub for phones, not drawn by the kiosk, so its few fixed words are kept here
// in Chinese (the residents' language) rather than in the kiosk's translation files.
#include "sync/hub/notice_page.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <utility>

namespace ck::hub {

namespace {

using protocol::Priority;
using protocol::Publisher;

std::string_view PublisherName(Publisher p) {
  switch (p) {
    case Publisher::StreetOffice:
      return "街道办事处";
    case Publisher::PropertyCompany:
      return "物业服务中心";
    case Publisher::ResidentsCommittee:
      return "居委会";
    case Publisher::OwnersCommittee:
      return "业委会";
  }
  return "居委会";
}

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

// Blank lines separate paragraphs; single newlines stay as line breaks.
std::string BodyHtml(std::string_view body) {
  std::string out;
  std::string para;
  auto flush = [&] {
    if (!para.empty()) out += "<p>" + para + "</p>\n";
    para.clear();
  };
  size_t pos = 0;
  bool first_line = true;
  while (pos <= body.size()) {
    size_t nl = body.find('\n', pos);
    std::string_view line =
        body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
    if (blank) {
      flush();
      first_line = true;
    } else {
      if (!first_line) para += "<br>";
      para += HtmlEscape(line);
      first_line = false;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return out;
}

constexpr std::string_view kStyle =
    "body{margin:0;padding:1rem;font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "font-size:1.25rem;line-height:1.7;color:#111;background:#fff;max-width:40rem;margin:0 auto}"
    "h1{font-size:1.6rem;line-height:1.4;margin:.5rem 0}"
    ".meta{color:#333;font-size:1.05rem;margin:.25rem 0}"
    ".badge{display:inline-block;padding:0 .5rem;border-radius:.3rem;color:#fff;font-size:1rem;"
    "margin-right:.4rem}"
    ".urgent{background:#b00020}.important{background:#8a4b00}.expired{background:#555}"
    ".notice{border-top:1px solid #ccc;margin-top:1rem;padding-top:.5rem}"
    ".gone{font-size:1.5rem;margin-top:3rem;text-align:center}";

std::string PageShell(std::string_view title, std::string_view content) {
  std::string html;
  html.reserve(content.size() + 1024);
  html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>";
  html += HtmlEscape(title);
  html += "</title>\n<style>";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n";
  html += content;
  html += "</body>\n</html>\n";
  return html;
}

HtmlPage Gone() {
  return {410, PageShell("该通知已撤回", "<p class=\"gone\">该通知已撤回</p>\n")};
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        break;  // never useful in a page, and confuses some browsers
      default:
        out += c;
    }
  }
  return out;
}

std::string FormatShanghaiTime(protocol::UnixSeconds t) {
  std::time_t local = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d年%02d月%02d日 %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min);
  return buf;
}

HtmlPage RenderNotFoundPage() {
  return {404, PageShell("未找到该通知", "<p class=\"gone\">未找到该通知</p>\n")};
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
  c += BodyHtml(n.body);
  c += "</div>\n</article>\n";
  return {200, PageShell(n.title, c)};
}

}  // namespace ck::hub

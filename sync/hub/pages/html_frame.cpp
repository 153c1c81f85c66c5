// The HTML frame shared by the hub's public pages: one stylesheet, one head, safe escaping.
#include "sync/hub/pages/html_frame.h"

#include <cstdio>
#include <ctime>

namespace ck::hub {

namespace {

constexpr std::string_view kPageStyle =
    "body{margin:0;padding:1rem;font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "font-size:1.25rem;line-height:1.7;color:#111;background:#fff;max-width:40rem;margin:0 auto}"
    "h1{font-size:1.6rem;line-height:1.4;margin:.5rem 0}"
    ".meta{color:#333;font-size:1.05rem;margin:.25rem 0}"
    ".badge{display:inline-block;padding:0 .5rem;border-radius:.3rem;color:#fff;font-size:1rem;"
    "margin-right:.4rem}"
    ".urgent{background:#b00020}.important{background:#8a4b00}.expired{background:#555}"
    ".notice{border-top:1px solid #ccc;margin-top:1rem;padding-top:.5rem}"
    ".gone{font-size:1.5rem;margin-top:3rem;text-align:center}"
    // The ticket status page: a timeline and a few labelled facts.
    ".code{font-size:1.4rem;letter-spacing:.1rem;font-weight:bold}"
    ".facts{margin:.5rem 0}.facts dt{color:#333;font-size:1.05rem}.facts dd{margin:0 0 .5rem 0}"
    ".timeline{list-style:none;padding:0;border-left:3px solid #0b5cad;margin-left:.5rem}"
    ".timeline li{padding:0 0 .75rem 1rem}.timeline .when{color:#333;font-size:1rem;display:block}"
    ".reply{background:#eef4fb;border-radius:.4rem;padding:.5rem .75rem}"
    ".open{background:#0b5cad}.done{background:#1b6e2a}.reopened{background:#b00020}"
    // Activity and sign-up pages: the occurrence list, the calendar link, the cancel button, the QR code.
    ".occurrences{list-style:none;padding:0}.occurrences li{border-bottom:1px solid #ddd;padding:.4rem 0}"
    ".places{font-weight:bold;color:#1b6e2a}.full{font-weight:bold;color:#8a4b00}.off{color:#b00020}"
    ".button{display:inline-block;font-size:1.2rem;padding:.6rem 1.2rem;border-radius:.4rem;"
    "border:2px solid #0b5cad;color:#0b5cad;background:#fff;text-decoration:none;margin:.5rem 0}"
    ".danger{border-color:#b00020;color:#b00020}.qr{margin-top:1rem;text-align:center}";

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

std::string_view PublisherName(protocol::Publisher p) {
  switch (p) {
    case protocol::Publisher::StreetOffice:
      return "街道办事处";
    case protocol::Publisher::PropertyCompany:
      return "物业服务中心";
    case protocol::Publisher::ResidentsCommittee:
      return "居委会";
    case protocol::Publisher::OwnersCommittee:
      return "业委会";
  }
  return "居委会";
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

std::string PageFrame(std::string_view title, std::string_view content) {
  std::string html;
  html.reserve(content.size() + 1024);
  html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>";
  html += HtmlEscape(title);
  html += "</title>\n<style>";
  html += kPageStyle;
  html += "</style>\n</head>\n<body>\n";
  html += content;
  html += "</body>\n</html>\n";
  return html;
}

std::string ParagraphsHtml(std::string_view body) {
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

}  // namespace ck::hub

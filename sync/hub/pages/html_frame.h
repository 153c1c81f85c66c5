// The HTML frame shared by the hub's public pages (notices, ticket status): plain, mobile-first HTML with
// large text, no scripts and no external resources; every caller escapes text with HtmlEscape.
#pragma once

#include <string>
#include <string_view>

#include "sync/protocol/notice.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub {

struct HtmlPage {
  int status = 200;
  std::string html;
};

// A whole document: doctype, zh-CN, viewport, the shared stylesheet, the escaped title and `content`
// (already HTML) as the body.
std::string PageFrame(std::string_view title, std::string_view content);

// Escapes &, <, >, " and ' so text is safe in element content and in quoted attributes.
std::string HtmlEscape(std::string_view text);
// Escaped text as <p> paragraphs: blank lines separate paragraphs, single newlines become <br>.
std::string ParagraphsHtml(std::string_view text);
// What residents call a party on a public page: 街道办事处, 物业服务中心, 居委会, 业委会.
std::string_view PublisherName(protocol::Publisher p);
// "2026年11月26日 16:00" in Asia/Shanghai (a fixed UTC+8: China has no daylight saving time).
std::string FormatShanghaiTime(protocol::UnixSeconds t);

}  // namespace ck::hub

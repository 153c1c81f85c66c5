// Renders ticket status pages in Chinese, like the notice page, through the shared HTML frame.
#include "sync/hub/pages/ticket_page.h"

#include <algorithm>
#include <string>

namespace ck::hub {

namespace {

using protocol::Agency;
using protocol::RequestStatus;

std::string_view StatusLabel(RequestStatus s) {
  switch (s) {
    case RequestStatus::Submitted:
      return "已提交";
    case RequestStatus::Accepted:
      return "已受理";
    case RequestStatus::Assigned:
      return "已派单";
    case RequestStatus::InProgress:
      return "处理中";
    case RequestStatus::Resolved:
      return "已办结";
    case RequestStatus::Closed:
      return "已关闭";
    case RequestStatus::Reopened:
      return "已重新打开";
  }
  return "已提交";
}

std::string_view StatusBadgeClass(RequestStatus s) {
  if (s == RequestStatus::Reopened) return "reopened";
  return protocol::IsOpen311Closed(s) ? "done" : "open";
}

std::string_view AgencyName(Agency a) {
  switch (a) {
    case Agency::StreetOffice:
      return "街道办事处";
    case Agency::PropertyCompany:
      return "物业服务中心";
    case Agency::ResidentsCommittee:
      return "居委会";
  }
  return "居委会";
}

std::string Fact(std::string_view label, std::string_view html) {
  std::string out = "<dt>";
  out += label;
  out += "</dt><dd>";
  out += html;
  out += "</dd>\n";
  return out;
}

std::string Stars(int score) {
  std::string out;
  for (int i = 1; i <= 5; ++i) out += i <= score ? "★" : "☆";
  return out + " " + std::to_string(score) + " 分";
}

HtmlPage Message(std::string_view title, std::string_view text) {
  std::string content = "<p class=\"gone\">";
  content += text;
  content += "</p>\n";
  return {404, PageFrame(title, content)};
}

// A timeline entry's label for residents: what it records (a 改派 reads 改派), else the stage.
std::string_view EventLabel(const protocol::StatusEvent& e, std::optional<RequestStatus> previous) {
  switch (e.kind) {
    case protocol::EventKind::Dispatch: return "已派单";
    case protocol::EventKind::Redispatch: return "改派";
    case protocol::EventKind::Return: return "退回街道，正在重新分派";
    case protocol::EventKind::Supervise: return "督办";
    case protocol::EventKind::ExtensionAsked: return "申请延期";
    case protocol::EventKind::ExtensionGranted: return "延期已批准";
    case protocol::EventKind::ExtensionRefused: return "延期未批准";
    case protocol::EventKind::Reply: return "答复";
    default: break;
  }
  // An event that keeps the status (a rating of a closed request) is news, not a new stage.
  return previous == e.status ? std::string_view("进展更新") : StatusLabel(e.status);
}

}  // namespace

HtmlPage RenderTicketPage(const RequestRecord& record) {
  const protocol::ServiceRequestStatus& s = record.status;
  std::string c = "<article class=\"notice\">\n<h1><span class=\"badge ";
  c += StatusBadgeClass(s.status);
  c += "\">";
  c += StatusLabel(s.status);
  c += "</span>";
  c += HtmlEscape(s.service_name);
  c += record.kind == protocol::FeedbackKind::Suggestion ? "（建议）" : "（投诉）";
  c += "</h1>\n<p class=\"meta\">编号：<span class=\"code\">";
  c += HtmlEscape(s.ticket_code);
  c += "</span></p>\n<p class=\"meta\">提交时间：";
  c += FormatShanghaiTime(s.requested_at);
  c += " · 最近更新：";
  c += FormatShanghaiTime(s.updated_at);
  c += "</p>\n<dl class=\"facts\">\n";
  if (!s.address_string.empty()) c += Fact("位置", HtmlEscape(s.address_string));
  c += Fact("反映内容", ParagraphsHtml(record.description));
  bool open = !protocol::IsOpen311Closed(s.status);
  if (record.work.returned_at && open) {
    // 退单: the party that had it gave it back; the street office is choosing who owns it.
    c += Fact("责任单位", "<strong>正在重新分派</strong>（街道办事处确定承办单位）");
  } else if (s.agency) {
    c += Fact("责任单位", AgencyName(*s.agency));
    if (!s.agency_responsible.empty()) c += Fact("负责人", HtmlEscape(s.agency_responsible));
  } else {
    c += Fact("责任单位", "尚未指派");
  }
  if (s.expected_at) c += Fact("承诺时限", "承诺于" + FormatShanghaiTime(*s.expected_at) + "前办结");
  // 督办 tells the resident that someone above the owner is watching (its note is in the timeline).
  if (record.work.supervised_at && open)
    c += Fact("督办", "<strong>街道办事处正在督办此事</strong>（" + FormatShanghaiTime(*record.work.supervised_at) + "起）");
  if (!s.status_notes.empty())
    c += Fact("答复", "<div class=\"reply\">" + ParagraphsHtml(s.status_notes) + "</div>");
  if (s.rating) c += Fact("居民评价", Stars(*s.rating));
  c += "</dl>\n<h2>办理进度</h2>\n<ol class=\"timeline\">\n";
  std::optional<RequestStatus> previous;
  for (const protocol::StatusEvent& e : s.history) {
    // An event that keeps the status (a reply, a rating of a closed request) is news, not a new stage.
    c += "<li><strong>";
    c += EventLabel(e, previous);
    c += "</strong>";
    previous = e.status;
    if (e.agency) {
      c += " · ";
      c += AgencyName(*e.agency);
    }
    c += "<span class=\"when\">";
    c += FormatShanghaiTime(e.at);
    c += "</span>";
    if (!e.note.empty()) c += HtmlEscape(e.note);
    c += "</li>\n";
  }
  c += "</ol>\n</article>\n";
  return {200, PageFrame(std::string(StatusLabel(s.status)) + " · " + s.ticket_code, c)};
}

HtmlPage RenderMistypedTicketPage() {
  return Message("编号有误",
                 "这个编号好像输错了，请核对后再试（编号由13位字母和数字组成，如 3K7M-XQ9R-4TWBR）");
}

HtmlPage RenderThrottledTicketPage(int retry_after_seconds) {
  const int minutes = std::max(1, (retry_after_seconds + 59) / 60);
  HtmlPage page =
      Message("查询过于频繁", "这里查询了太多不存在的编号，请 " + std::to_string(minutes) +
                                  " 分钟后再试。请核对回执上的编号；如需帮助，请联系物业或居委会。");
  page.status = 429;
  return page;
}

HtmlPage RenderUnknownTicketPage() {
  return Message("未找到该反映",
                 "未找到该编号的反映。如果刚在自助终端提交，终端联网后会自动送达，请稍后再查。");
}

}  // namespace ck::hub

// Pure input and output pieces of the Open311 side: form bodies, content types, idempotency keys, request
// search parameters and the ticket status page.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sync/hub/api/form_body.h"
#include "sync/hub/rules/request_intake.h"
#include "sync/hub/api/request_query.h"
#include "sync/hub/pages/ticket_page.h"
#include "sync/protocol/ticket_code.h"

namespace ck::hub {
namespace {

TEST(FormBody, DecodesPercentPlusAndUtf8) {
  auto form = ParseFormBody("service_code=sanitation&description=%E5%9E%83%E5%9C%BE+x&&empty=&flag");
  ASSERT_TRUE(form.ok()) << form.error();
  EXPECT_EQ(form->find("service_code")->second, "sanitation");
  EXPECT_EQ(form->find("description")->second, "垃圾 x");
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_EQ(form->find("flag")->second, "");
}

TEST(FormBody, RefusesBrokenEscapesBadUtf8AndRepeats) {
  for (const char* body : {"description=%E5%9E", "description=%zz", "description=%4", "description=%",
                           "description=%FF%FE", "a=1&a=2", "%FF=1"}) {
    auto form = ParseFormBody(body);
    EXPECT_FALSE(form.ok()) << body;
  }
  EXPECT_EQ(ParseFormBody("description=%FF").error(), "description: not valid UTF-8");
}

TEST(FormBody, ContentTypeMustBeFormInUtf8) {
  EXPECT_TRUE(IsFormContentType("application/x-www-form-urlencoded"));
  EXPECT_TRUE(IsFormContentType("Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
  EXPECT_TRUE(IsFormContentType("application/x-www-form-urlencoded;charset=\"utf-8\""));
  EXPECT_FALSE(IsFormContentType("application/x-www-form-urlencoded; charset=gbk"));
  EXPECT_FALSE(IsFormContentType("application/json"));
  EXPECT_FALSE(IsFormContentType("multipart/form-data; boundary=x"));
  EXPECT_FALSE(IsFormContentType(""));
}

TEST(SubmissionKey, HeaderThenFormUuidAndTheyMustAgree) {
  const std::string a = "7D4C0B0E-0C2A-4A55-9F57-1B5B0E8D2A10", b = "8d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";
  EXPECT_EQ(**ResolveSubmissionKey(a, ""), "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10");
  EXPECT_EQ(**ResolveSubmissionKey("", b), b);
  EXPECT_EQ(**ResolveSubmissionKey(a, "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10"),
            "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10");
  EXPECT_FALSE(*ResolveSubmissionKey("", ""));
  EXPECT_FALSE(ResolveSubmissionKey(a, b).ok());
  EXPECT_FALSE(ResolveSubmissionKey("not-a-uuid", "").ok());
}

TEST(RequestQueryParams, ParsesOpen311FiltersAndTicketCode) {
  constexpr protocol::UnixSeconds now = 1'795'651'200;
  std::string code = *protocol::MakeTicketCode({3, 17});
  std::multimap<std::string, std::string> p = {
      {"service_request_id", "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10, 8D4C0B0E-0C2A-4A55-9F57-1B5B0E8D2A10"},
      {"status", "closed"},
      {"start_date", "2026-11-01T00:00:00+08:00"},
      {"service_code", "noise"}};
  auto q = ParseRequestQuery(p, now);
  ASSERT_TRUE(q.ok()) << q.error();
  EXPECT_EQ(q->ids.size(), 2u);
  EXPECT_EQ(q->ids[1], "8d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10");
  EXPECT_EQ(q->open311_closed, true);
  EXPECT_EQ(q->service_code, "noise");
  EXPECT_TRUE(q->requested_from);

  std::string typed = code;
  typed.erase(4, 1);
  auto by_code = ParseRequestQuery({{"ticket_code", typed}}, now);
  ASSERT_TRUE(by_code.ok());
  EXPECT_EQ(by_code->ticket_code, code);
  EXPECT_FALSE(by_code->requested_from);  // a code searches all time

  auto defaults = ParseRequestQuery({}, now);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->requested_from, now - 90 * 86400);  // Open311: the last 90 days
  EXPECT_FALSE(defaults->open311_closed);
  EXPECT_FALSE(ParseRequestQuery({{"status", "open,closed"}}, now)->open311_closed);
}

TEST(RequestQueryParams, RefusesBadValues) {
  std::string many;
  for (int i = 0; i < 201; ++i) many += (i ? "," : "") + std::string("7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10");
  std::string mistyped = *protocol::MakeTicketCode({3, 17});
  mistyped.back() = mistyped.back() == 'A' ? 'B' : 'A';
  for (const auto& p : std::vector<std::multimap<std::string, std::string>>{
           {{"service_request_id", "42"}},
           {{"service_request_id", many}},
           {{"service_request_id", ","}},
           {{"ticket_code", mistyped}},
           {{"start_date", "yesterday"}},
           {{"start_date", "2026-11-02T00:00:00Z"}, {"end_date", "2026-11-01T00:00:00Z"}},
           {{"status", "pending"}},
           {{"status", "open"}, {"status", "closed"}}}) {
    auto q = ParseRequestQuery(p, 1'795'651'200);
    EXPECT_FALSE(q.ok()) << p.begin()->first << "=" << p.begin()->second;
  }
}

RequestRecord SampleRecord() {
  RequestRecord r;
  r.status.service_request_id = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";
  r.status.ticket_code = *protocol::MakeTicketCode({3, 17});
  r.status.service_name = "环境卫生";
  r.status.status = protocol::RequestStatus::Assigned;
  r.status.agency = protocol::Agency::PropertyCompany;
  r.status.agency_responsible = "物业服务中心 <b>张经理</b>";
  r.status.status_notes = "明天上午清运";
  r.status.expected_at = 1'795'651'200;
  r.status.requested_at = 1'795'600'000;
  r.status.updated_at = 1'795'610'000;
  r.status.history = {{1'795'600'000, protocol::RequestStatus::Submitted, std::nullopt, ""},
                      {1'795'610'000, protocol::RequestStatus::Assigned, protocol::Agency::PropertyCompany,
                       "<script>alert(1)</script>"}};
  r.description = "楼道堆放杂物 & 垃圾";
  r.phone = "13812341234";
  return r;
}

TEST(TicketPage, ShowsOwnerPromiseReplyAndTimelineButNeverThePhone) {
  HtmlPage page = RenderTicketPage(SampleRecord());
  EXPECT_EQ(page.status, 200);
  const std::string& h = page.html;
  EXPECT_EQ(h.find("13812341234"), std::string::npos);
  EXPECT_EQ(h.find("1234"), std::string::npos);
  EXPECT_NE(h.find("环境卫生"), std::string::npos);
  EXPECT_NE(h.find("<dt>责任单位</dt><dd>物业服务中心</dd>"), std::string::npos) << h;
  EXPECT_NE(h.find("<dt>负责人</dt><dd>物业服务中心 &lt;b&gt;张经理&lt;/b&gt;</dd>"), std::string::npos);
  EXPECT_NE(h.find("承诺于2026年11月26日 08:00前办结"), std::string::npos) << h;
  EXPECT_NE(h.find("明天上午清运"), std::string::npos);
  EXPECT_NE(h.find("楼道堆放杂物 &amp; 垃圾"), std::string::npos);
  EXPECT_NE(h.find("已派单"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(h.find("<script>"), std::string::npos);
  EXPECT_EQ(h.find("<b>"), std::string::npos);
  EXPECT_NE(h.find("name=\"viewport\""), std::string::npos);
}

TEST(TicketPage, MistypedAndUnknownCodesAre404WithDifferentWords) {
  HtmlPage mistyped = RenderMistypedTicketPage();
  HtmlPage unknown = RenderUnknownTicketPage();
  EXPECT_EQ(mistyped.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(mistyped.html.find("输错"), std::string::npos);
  EXPECT_NE(unknown.html.find("未找到"), std::string::npos);
}

}  // namespace
}  // namespace ck::hub

// The public notice page: escaping, wording, dates in Asia/Shanghai, and the 404/410 cases.
#include "sync/hub/pages/notice_page.h"

#include <gtest/gtest.h>

namespace ck::hub {
namespace {

NoticeRecord Sample() {
  NoticeRecord r;
  r.notice.id = "2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060";
  r.notice.title = "停水通知";
  r.notice.body = "第一段第一行\n第一段第二行\n\n第二段";
  r.notice.publisher = protocol::Publisher::StreetOffice;
  r.notice.category = "water_power";
  r.notice.published_at = 1'795'651'200;  // 2026-11-26T00:00:00Z = 08:00 in Shanghai
  r.seq = 1;
  return r;
}

TEST(NoticePage, ShowsPublisherCategoryDatesAndParagraphs) {
  HtmlPage p = RenderNoticePage(Sample(), 1'795'651'300);
  EXPECT_EQ(p.status, 200);
  EXPECT_NE(p.html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(p.html.find("name=\"viewport\""), std::string::npos);
  EXPECT_NE(p.html.find("停水通知"), std::string::npos);
  EXPECT_NE(p.html.find("街道办事处"), std::string::npos);
  EXPECT_NE(p.html.find("停水停电"), std::string::npos);
  EXPECT_NE(p.html.find("2026年11月26日 08:00"), std::string::npos);
  EXPECT_NE(p.html.find("<p>第一段第一行<br>第一段第二行</p>"), std::string::npos);
  EXPECT_NE(p.html.find("<p>第二段</p>"), std::string::npos);
  EXPECT_EQ(p.html.find("已过期"), std::string::npos);
}

TEST(NoticePage, EscapesEverythingTheOperatorWrote) {
  NoticeRecord r = Sample();
  r.notice.title = "<script>alert('x')</script>";
  r.notice.body = "a & b <img src=x onerror=alert(1)> \"q\"";
  r.notice.audience = "<b>3号楼</b>";
  HtmlPage p = RenderNoticePage(r, 1'795'651'300);
  EXPECT_EQ(p.html.find("<script>"), std::string::npos);
  EXPECT_EQ(p.html.find("<img"), std::string::npos);
  EXPECT_EQ(p.html.find("<b>"), std::string::npos);
  EXPECT_NE(p.html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(p.html.find("a &amp; b &lt;img src=x onerror=alert(1)&gt; &quot;q&quot;"), std::string::npos);
  EXPECT_NE(p.html.find("&lt;b&gt;3号楼&lt;/b&gt;"), std::string::npos);
}

TEST(NoticePage, ExpiredIsMarkedWithdrawnIsGoneScheduledAndMissingAreNotFound) {
  NoticeRecord r = Sample();
  r.notice.expires_at = 1'795'656'000;
  HtmlPage expired = RenderNoticePage(r, 1'795'736'000);
  EXPECT_EQ(expired.status, 200);
  EXPECT_NE(expired.html.find("已过期"), std::string::npos);

  r.withdrawn_at = 1'795'666'000;
  HtmlPage gone = RenderNoticePage(r, 1'795'736'000);
  EXPECT_EQ(gone.status, 410);
  EXPECT_NE(gone.html.find("该通知已撤回"), std::string::npos);
  EXPECT_EQ(gone.html.find("停水通知"), std::string::npos);  // a withdrawn text is not shown any more

  HtmlPage scheduled = RenderNoticePage(Sample(), 1'795'651'199);
  EXPECT_EQ(scheduled.status, 404);
  EXPECT_EQ(RenderNoticePage(std::nullopt, 0).status, 404);
}

TEST(NoticePage, ShanghaiTimeIsUtcPlusEightAcrossMidnight) {
  EXPECT_EQ(FormatShanghaiTime(1'795'651'200), "2026年11月26日 08:00");
  EXPECT_EQ(FormatShanghaiTime(1'795'651'200 - 8 * 3600 - 60), "2026年11月25日 23:59");
}

}  // namespace
}  // namespace ck::hub

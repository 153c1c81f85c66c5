// The console over HTTP, in process: sign-in and cookies, security headers, CSRF refusal, escaping of
// hostile text, party isolation on notices (403 + audit), kiosk registration/revocation rights.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <regex>
#include <thread>

#include "sync/hub/api/form_body.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/password.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/hub/api/http_server.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/notice.h"
#include "tests/sync/hub/console/console_browser.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub::console {
namespace {

using hub::testing::Browser;
using hub::testing::SampleEdit;
using hub::testing::TempDir;

constexpr protocol::UnixSeconds kT0 = 1'795'651'200;

// On every store backend (tests/sync/hub/store/store_backends.h).
class ConsoleHttpTest : public ::testing::TestWithParam<hub::testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    backend_ = hub::testing::StoreUnderTest::Make(GetParam(), &skip);
    if (!backend_) {
      if (hub::testing::PgTestCluster::Required()) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
    auto h = backend_->OpenHub();
    ASSERT_TRUE(h.ok()) << h.error();
    hub_ = std::move(h).value();
    auto c = backend_->OpenConsole();
    ASSERT_TRUE(c.ok()) << c.error();
    store_ = std::move(c).value();
    ConsoleOptions options;
    options.clock = [this] { return now_.load(); };
    options.password_cost = TestPasswordCost();
    services_ = std::make_unique<ConsoleServices>(*hub_, *store_, options);
    AddStaff("wang.li", Party::PropertyCompany, StaffRole::Clerk);
    AddStaff("li.mei", Party::ResidentsCommittee, StaffRole::Clerk);
    AddStaff("zhao.jie", Party::StreetOffice, StaffRole::Manager);
    HttpServerOptions so;
    so.extra_routes = [this](httplib::Server& s) { RegisterConsole(s, *services_); };
    server_ = std::make_unique<HubHttpServer>(*hub_, so);
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.error();
    port_ = *port;
    thread_ = std::thread([this] { server_->Listen(); });
    for (int i = 0; i < 2000 && !server_->IsRunning(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(server_->IsRunning());
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  void AddStaff(const std::string& name, Party party, StaffRole role) {
    StaffAccount a;
    a.name = name;
    a.party = party;
    a.role = role;
    a.password_hash = HashPassword("password-" + name, TestPasswordCost());
    a.created_at = kT0;
    ASSERT_TRUE(store_->AddStaff(a).ok());
  }
  Browser SignedIn(const std::string& name) {
    Browser b(port_);
    EXPECT_TRUE(b.SignIn(name, "password-" + name)) << name;
    return b;
  }
  std::string Publish(const std::string& title, Party p) {
    NoticeEdit e = SampleEdit(title);
    e.publisher = p;
    auto r = PublishNotice(*hub_, e, kT0 - 60);
    EXPECT_TRUE(r.ok()) << r.message;
    return r.value ? r.value->notice.id : "";
  }
  int Count(const std::string& action) {
    AuditQuery q;
    q.action = action;
    q.limit = 1000;
    return static_cast<int>(store_->QueryAudit(q)->entries.size());
  }

  std::unique_ptr<hub::testing::StoreUnderTest> backend_;
  std::atomic<protocol::UnixSeconds> now_{kT0};
  std::unique_ptr<HubRepository> hub_;
  std::unique_ptr<ConsoleRepository> store_;
  std::unique_ptr<ConsoleServices> services_;
  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};
CK_STORE_BACKENDS(ConsoleHttpTest);

TEST_P(ConsoleHttpTest, PagesNeedASignInAndCarryTheSecurityHeaders) {
  Browser anon(port_);
  auto r = anon.Get("/console/notices?state=live");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  // (httplib's client percent-decodes Location as it reads it.)
  EXPECT_EQ(r->get_header_value("Location"), "/console/signin?next=/console/notices?state=live");
  r = anon.Get("/console/signin");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  // No inline script or style in any page: everything comes from /console/assets/.
  EXPECT_EQ(r->body.find("<script>"), std::string::npos);
  EXPECT_EQ(r->body.find("<style"), std::string::npos);
  EXPECT_EQ(r->body.find(" style="), std::string::npos);
  auto css = anon.Get("/console/assets/console.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
}

TEST_P(ConsoleHttpTest, SessionCookieIsHttpOnlyStrictAndRenewed) {
  Browser b(port_);
  b.Get("/console/signin");
  b.cookies_["ck_session"] = "fixed-by-an-attacker";
  httplib::Client c("127.0.0.1", port_);
  std::string body = "name=wang.li&password=password-wang.li&csrf=" + UrlEncode(b.csrf_);
  auto r = c.Post("/console/signin",
                  {{"Cookie", "ck_signin=" + b.cookies_["ck_signin"] + "; ck_session=fixed-by-an-attacker"}},
                  body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  std::string cookie;
  auto [from, to] = r->headers.equal_range("Set-Cookie");
  for (auto it = from; it != to; ++it)
    if (it->second.rfind("ck_session=", 0) == 0) cookie = it->second;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain http test bind";
  EXPECT_EQ(cookie.find("fixed-by-an-attacker"), std::string::npos);
}

TEST_P(ConsoleHttpTest, WrongPasswordIsRefusedAndAudited) {
  Browser b(port_);
  EXPECT_FALSE(b.SignIn("wang.li", "not-the-password"));
  EXPECT_EQ(Count("signin.failed"), 1);
  EXPECT_TRUE(b.SignIn("wang.li", "password-wang.li"));
  EXPECT_EQ(Count("signin"), 1);
}

// A known name answered 423 after six wrong passwords while an unknown one answered 401: anyone could
// confirm an account existed. Now an unknown name, a wrong password and a locked account read the same.
TEST_P(ConsoleHttpTest, RepeatedFailuresLockTheAccountButAnswerLikeAnyWrongPassword) {
  auto answer = [this](const std::string& name, const std::string& password) {
    Browser b(port_);
    b.Get("/console/signin");
    auto r = b.Post("/console/signin", {{"name", name}, {"password", password}});
    EXPECT_TRUE(r);
    EXPECT_EQ(b.cookies_.count("ck_session"), 0u);
    std::smatch m;
    static const std::regex kError(R"re(<p class="error" role="alert">([^<]*)</p>)re");
    std::string error = r && std::regex_search(r->body, m, kError) ? m[1].str() : "";
    return std::make_pair(r ? r->status : 0, error);
  };
  auto unknown = answer("no.such.clerk", "wrong-password");
  EXPECT_EQ(unknown.first, 401);
  EXPECT_FALSE(unknown.second.empty());
  // Each attempt from a fresh browser; all from 127.0.0.1, so stay under the per-address limit.
  for (int i = 0; i <= kFreeFailures; ++i) EXPECT_EQ(answer("wang.li", "wrong-password"), unknown);
  EXPECT_EQ(answer("wang.li", "password-wang.li"), unknown) << "locked: the same words and status";
  // Past the lock (the console's clock), the right password works again.
  now_ += LockSecondsAfter(kFreeFailures + 1);
  EXPECT_TRUE(Browser(port_).SignIn("wang.li", "password-wang.li"));
}

TEST_P(ConsoleHttpTest, ManySignInsFromOneAddressAreRateLimited) {
  int limited = 0;
  for (int i = 0; i < kAttemptsPerWindow + 2; ++i) {
    Browser b(port_);
    b.Get("/console/signin");
    auto r = b.Post("/console/signin", {{"name", "nobody"}, {"password", "whatever-it-is"}});
    if (r && r->status == 429) {
      ++limited;
      EXPECT_EQ(r->get_header_value("Retry-After"), "60");
    }
  }
  EXPECT_EQ(limited, 2);
  EXPECT_EQ(Count("signin.limited"), 2);
}

// The console took the socket's address where the API takes ClientAddress(): behind nginx every clerk was
// 127.0.0.1, one sign-in bucket for all and one address in the audit. Now it believes the trusted front's
// X-Real-IP (these requests come from loopback, the default trusted front), like the API.
TEST_P(ConsoleHttpTest, BehindTheFrontEachDeskHasItsOwnSignInLimitAndAuditAddress) {
  for (int i = 0; i < kAttemptsPerWindow + 2; ++i) {
    Browser b(port_);
    b.real_ip_ = "203.0.113." + std::to_string(10 + i);
    b.Get("/console/signin");
    auto r = b.Post("/console/signin", {{"name", "nobody"}, {"password", "whatever-it-is"}});
    ASSERT_TRUE(r);
    EXPECT_NE(r->status, 429) << "desk " << i << " was limited by the others' attempts";
  }
  EXPECT_EQ(Count("signin.limited"), 0);
  Browser zhao(port_);
  zhao.real_ip_ = "198.51.100.7";
  ASSERT_TRUE(zhao.SignIn("zhao.jie", "password-zhao.jie"));
  AuditQuery q;
  q.action = "signin";
  auto log = store_->QueryAudit(q);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->entries.size(), 1u);
  EXPECT_EQ(log->entries[0].remote, "198.51.100.7");
  // One desk is still one bucket.
  int limited = 0;
  for (int i = 0; i < kAttemptsPerWindow + 2; ++i) {
    Browser b(port_);
    b.real_ip_ = "203.0.113.99";
    b.Get("/console/signin");
    auto r = b.Post("/console/signin", {{"name", "nobody"}, {"password", "whatever-it-is"}});
    if (r && r->status == 429) ++limited;
  }
  EXPECT_EQ(limited, 2);
}

TEST_P(ConsoleHttpTest, IdleSessionExpires) {
  Browser b = SignedIn("wang.li");
  EXPECT_EQ(b.Get("/console/notices")->status, 200);
  now_ += services_->options.sessions.idle_seconds + 1;
  EXPECT_EQ(b.Get("/console/notices")->status, 303);
}

TEST_P(ConsoleHttpTest, PostWithoutTheRightCsrfTokenIsRefusedAndChangesNothing) {
  Browser b = SignedIn("wang.li");
  b.Get("/console/notices/new");
  std::vector<std::pair<std::string, std::string>> form{
      {"title", "CSRF"}, {"body", "x"}, {"publisher", "property_company"}, {"do", "save"}};
  auto none = b.Post("/console/notices/new", form, /*with_csrf=*/false);
  EXPECT_EQ(none->status, 403);
  auto wrong = form;
  wrong.emplace_back("csrf", CsrfTokenFor("some other session"));
  EXPECT_EQ(b.Post("/console/notices/new", wrong, false)->status, 403);
  EXPECT_EQ(hub_->ListNotices()->size(), 0u);
  EXPECT_EQ(Count("csrf.refused"), 2);
  // The same form with the token works.
  EXPECT_EQ(b.Post("/console/notices/new", form)->status, 303);
  EXPECT_EQ(hub_->ListNotices()->size(), 1u);
  // Sign-in needs its token too.
  Browser anon(port_);
  EXPECT_EQ(
      anon.Post("/console/signin", {{"name", "wang.li"}, {"password", "password-wang.li"}}, false)->status,
      403);
}

// httplib refuses url-encoded forms over 8 KiB, so the console's forms are multipart: the longest notice
// the protocol allows (20,000 characters, ~60 KiB of UTF-8) is published whole.
TEST_P(ConsoleHttpTest, TheLongestNoticeIsPublishedThroughTheForm) {
  Browser b = SignedIn("wang.li");
  auto page = b.Get("/console/notices/new");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("enctype=\"multipart/form-data\""), std::string::npos);
  std::string body;
  for (std::size_t i = 0; i < protocol::kMaxBodyCodepoints; ++i) body += "楼";
  auto r = b.PostMultipart(
      "/console/notices/new",
      {{"title", "长通知"}, {"body", body}, {"publisher", "property_company"}, {"do", "save"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303) << r->body.substr(0, 300);
  auto notices = hub_->ListNotices();
  ASSERT_TRUE(notices.ok());
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ(notices->front().notice.body, body);
}

TEST_P(ConsoleHttpTest, HostileTextStaysText) {
  const std::string hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
  std::string id = Publish(hostile, Party::PropertyCompany);
  Browser b = SignedIn("wang.li");
  for (const std::string& path : {std::string("/console/notices"), "/console/notices/" + id,
                                  "/console/notices?q=" + UrlEncode(hostile)}) {
    auto r = b.Get(path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->body.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("<img src=x"), std::string::npos) << path;
    EXPECT_NE(r->body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos) << path;
  }
  // The live preview escapes what is being typed.
  auto p = b.Post("/console/notices/preview", {{"title", hostile}, {"body", "<b>bold</b>"}});
  ASSERT_EQ(p->status, 200);
  EXPECT_EQ(p->body.find("<script>"), std::string::npos);
  EXPECT_EQ(p->body.find("<b>"), std::string::npos);
  EXPECT_NE(p->body.find("&lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
}

TEST_P(ConsoleHttpTest, APartyEditsOnlyItsOwnNoticesAndTheStreetOfficeAll) {
  std::string committee = Publish("居委会的通知", Party::ResidentsCommittee);
  std::string property = Publish("物业的通知", Party::PropertyCompany);
  Browser wang = SignedIn("wang.li");
  EXPECT_EQ(wang.Get("/console/notices/" + property)->status, 200);
  EXPECT_EQ(wang.Get("/console/notices/" + committee)->status, 403);
  EXPECT_EQ(Count("denied"), 1);
  wang.Get("/console/notices/" + property);  // a valid token for the posts below
  auto r =
      wang.Post("/console/notices/" + committee,
                {{"title", "改掉"}, {"publisher", "residents_committee"}, {"revision", "1"}, {"do", "save"}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(wang.Post("/console/notices/" + committee + "/withdraw", {})->status, 403);
  // Nor may a clerk publish in another party's name.
  EXPECT_EQ(
      wang.Post("/console/notices/new", {{"title", "冒名"}, {"publisher", "street_office"}, {"do", "save"}})
          ->status,
      403);
  EXPECT_EQ(Count("denied"), 4);
  auto still = hub_->FindNotice(committee);
  EXPECT_EQ((*still)->notice.title, "居委会的通知");
  EXPECT_FALSE((*still)->withdrawn());
  auto log = store_->QueryAudit({});
  EXPECT_EQ(log->entries.at(0).actor, "wang.li");

  Browser zhao = SignedIn("zhao.jie");
  zhao.Get("/console/notices/" + committee);
  r = zhao.Post("/console/notices/" + committee, {{"title", "街道改过"},
                                                  {"body", "x"},
                                                  {"publisher", "residents_committee"},
                                                  {"category", "community"},
                                                  {"priority", "normal"},
                                                  {"revision", "1"},
                                                  {"do", "save"}});
  EXPECT_EQ(r->status, 303) << r->body;
  EXPECT_EQ((*hub_->FindNotice(committee))->notice.title, "街道改过");
  EXPECT_EQ(Count("notice.edit"), 1);
}

TEST_P(ConsoleHttpTest, AStaleFormDoesNotOverwriteANewerEdit) {
  std::string id = Publish("原文", Party::PropertyCompany);
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/notices/" + id);
  NoticeEdit e;
  e.title = "别人先改了";
  ASSERT_TRUE(EditNotice(*hub_, id, e).ok());
  auto r = wang.Post(
      "/console/notices/" + id,
      {{"title", "我的修改"}, {"publisher", "property_company"}, {"revision", "1"}, {"do", "save"}});
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ((*hub_->FindNotice(id))->notice.title, "别人先改了");
}

TEST_P(ConsoleHttpTest, ImportRefusesAnotherPartysNotices) {
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/notices/import");
  std::string other = R"([{"publisher":"street_office","title":"冒名","body":"x","category":"policy"}])";
  EXPECT_EQ(wang.Post("/console/notices/import", {{"text", other}})->status, 403);
  EXPECT_EQ(hub_->ListNotices()->size(), 0u);
  std::string own = R"([{"publisher":"property_company","title":"一","body":"x","category":"policy"},
                        {"publisher":"property_company","title":"二","body":"y","category":"parking"}])";
  auto r = wang.Post("/console/notices/import", {{"text", own}});
  ASSERT_EQ(r->status, 303) << r->body;  // post/redirect/get: a reload of the result imports nothing
  EXPECT_EQ(hub_->ListNotices()->size(), 2u);
  EXPECT_EQ(Count("notice.import"), 1);
  auto result = wang.Get(r->get_header_value("Location"));
  EXPECT_EQ(result->status, 200);
  EXPECT_NE(result->body.find("2"), std::string::npos);
  wang.Get(r->get_header_value("Location"));  // the reload
  EXPECT_EQ(hub_->ListNotices()->size(), 2u);
  // A refused import keeps the pasted text and says what is wrong in the page's language.
  wang.Get("/console/notices/import");
  std::string bad = R"([{"publisher":"property_company","title":"","body":"x","category":"policy"}])";
  auto refused = wang.Post("/console/notices/import", {{"text", bad}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("第 1 条公告的字段 title"), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find("&quot;policy&quot;"), std::string::npos) << "the pasted JSON is kept";
}

TEST_P(ConsoleHttpTest, OnlyStreetOfficeManagersRegisterAndRevokeKiosks) {
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/kiosks");
  EXPECT_EQ(wang.Post("/console/kiosks/register", {{"name", "3号楼"}})->status, 403);
  Browser zhao = SignedIn("zhao.jie");
  zhao.Get("/console/kiosks");
  auto r = zhao.Post("/console/kiosks/register", {{"name", "3号楼大堂"}});
  ASSERT_EQ(r->status, 303);  // post/redirect/get: reloading registers no second kiosk
  EXPECT_EQ(r->get_header_value("Location").find("token"), std::string::npos) << "never in a URL";
  auto shown = zhao.Get(r->get_header_value("Location"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(shown->body, m, std::regex(R"re(id="token">([A-Za-z0-9_-]{43})<)re")));
  std::string token = m[1];
  auto kiosk = hub_->FindKioskByTokenHash(HashSessionId(token));  // same BLAKE2b as kiosk tokens
  ASSERT_TRUE(kiosk->has_value());
  // The token is not on the kiosks page afterwards (the reload), and no second kiosk was made.
  EXPECT_EQ(zhao.Get("/console/kiosks")->body.find(token), std::string::npos);
  EXPECT_EQ(store_->ListConsoleKiosks()->size(), 1u);
  EXPECT_EQ(zhao.Post("/console/kiosks/" + (*kiosk)->device_id + "/revoke", {})->status, 303);
  EXPECT_FALSE(hub_->FindKioskByTokenHash(HashSessionId(token))->has_value());
  EXPECT_EQ(Count("kiosk.register"), 1);
  EXPECT_EQ(Count("kiosk.revoke"), 1);
}

// A kiosk that holds reports a platform refused says so in its heartbeat; the kiosks page shows it, so
// staff know residents there hold receipts for reports that never arrived.
TEST_P(ConsoleHttpTest, TheKiosksPageShowsRefusedReportsAKioskHolds) {
  KioskRecord k;
  k.device_id = protocol::NewUuid();
  k.name = "5号楼大堂";
  k.token_hash = HashSessionId("a-kiosk-token");
  ASSERT_TRUE(hub_->AddKiosk(k).ok());
  KioskHeartbeat hb;
  hb.outbox_pending = 3;
  hb.outbox_refused = 2;
  ASSERT_TRUE(hub_->RecordHeartbeat(k.device_id, hb, protocol::NowUtc()).ok());
  Browser zhao = SignedIn("zhao.jie");
  auto page = zhao.Get("/console/kiosks");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("2 条被平台拒收，存于终端"), std::string::npos);
}

// A kiosk whose last heartbeat said its data disk is full gets the badge; one that said otherwise, or never
// said, does not (issue: the kiosks run unattended for years).
TEST_P(ConsoleHttpTest, TheKiosksPageShowsAFullDiskFromTheLastHeartbeat) {
  KioskRecord k;
  k.device_id = protocol::NewUuid();
  k.name = "6号楼大堂";
  k.token_hash = HashSessionId("a-full-kiosk-token");
  ASSERT_TRUE(hub_->AddKiosk(k).ok());
  KioskHeartbeat hb;
  hb.disk_free_bytes = 1024;
  hb.disk_full = true;
  ASSERT_TRUE(hub_->RecordHeartbeat(k.device_id, hb, protocol::NowUtc()).ok());
  Browser zhao = SignedIn("zhao.jie");
  auto page = zhao.Get("/console/kiosks");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("磁盘已满"), std::string::npos);
  EXPECT_EQ(page->body.find("disk full"), std::string::npos);  // Chinese first

  hb.disk_free_bytes = std::int64_t{8} << 30;
  hb.disk_full = false;  // cleared: the badge goes with the next heartbeat
  ASSERT_TRUE(hub_->RecordHeartbeat(k.device_id, hb, protocol::NowUtc()).ok());
  page = zhao.Get("/console/kiosks");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("磁盘已满"), std::string::npos);
}

// 常用回复 belong to a party: 居委会 could rewrite the street office's "已派维修" and delete others.
TEST_P(ConsoleHttpTest, APartyEditsOnlyItsOwnReplyTemplatesAndReadsTheStreetOffices) {
  ReplyTemplate street;
  street.party = Party::StreetOffice;
  street.title = "已派维修";
  street.body = "已派维修人员上门。";
  auto s1 = hub_->AddReplyTemplate(street);
  ASSERT_TRUE(s1.ok());
  ReplyTemplate property = street;
  property.party = Party::PropertyCompany;
  property.title = "物业内部";
  auto s2 = hub_->AddReplyTemplate(property);
  ASSERT_TRUE(s2.ok());
  std::string street_id = std::to_string(s1.value->id), property_id = std::to_string(s2.value->id);

  Browser li = SignedIn("li.mei");  // 居委会
  auto page = li.Get("/console/templates");
  EXPECT_NE(page->body.find("已派维修"), std::string::npos) << "the street office's are shared";
  EXPECT_EQ(page->body.find("物业内部"), std::string::npos) << "another party's are not";
  EXPECT_EQ(page->body.find("action=\"/console/templates/" + street_id + "\""), std::string::npos)
      << "no edit form for a read-only template";
  auto rewrite = li.PostMultipart("/console/templates/" + street_id,
                                  {{"title", "已派维修"}, {"body", "请自行联系物业，居委会不管。"}});
  EXPECT_EQ(rewrite->status, 403);
  EXPECT_EQ(li.PostMultipart("/console/templates/" + street_id + "/delete", {})->status, 403);
  EXPECT_EQ(li.PostMultipart("/console/templates/" + property_id + "/delete", {})->status, 404);
  EXPECT_EQ(Count("denied"), 2);
  auto all = hub_->ListReplyTemplates(std::nullopt, std::nullopt);
  ASSERT_EQ(all->size(), 2u);
  for (const auto& t : *all) EXPECT_NE(t.body, "请自行联系物业，居委会不管。");

  // Its own: added as 居委会's, edited and deleted by it.
  ASSERT_EQ(li.PostMultipart("/console/templates", {{"title", "居委会答复"}, {"body", "已登记。"}})->status, 303);
  auto mine = hub_->ListReplyTemplates(std::nullopt, std::nullopt);
  std::int64_t mine_id = 0;
  for (const auto& t : *mine)
    if (t.title == "居委会答复") {
      mine_id = t.id;
      EXPECT_EQ(t.party, Party::ResidentsCommittee);
    }
  ASSERT_NE(mine_id, 0);
  EXPECT_EQ(li.PostMultipart("/console/templates/" + std::to_string(mine_id), {{"title", "居委会答复"}, {"body", "改过。"}})->status,
            303);
  // A refused edit comes back with what was typed.
  auto refused = li.PostMultipart("/console/templates", {{"title", std::string("坏\x01标题")}, {"body", "我打的字"}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("我打的字"), std::string::npos);
  EXPECT_NE(refused->body.find("field-error"), std::string::npos);
}

// A manager manages its own party's staff; the street office's manager every party's; a one-time
// password is shown once, after the redirect, and must be changed at the first sign-in.
TEST_P(ConsoleHttpTest, StaffAreManagedOnTheStaffPageWithAOneTimePassword) {
  AddStaff("qian.wu", Party::PropertyCompany, StaffRole::Manager);
  Browser wang = SignedIn("wang.li");  // a clerk
  EXPECT_EQ(wang.Get("/console/staff")->status, 403);
  Browser qian = SignedIn("qian.wu");
  qian.Get("/console/staff");
  // Another party's staff: refused and audited.
  auto li = store_->FindStaffByName("li.mei");
  EXPECT_EQ(qian.Post("/console/staff/" + std::to_string((*li)->id) + "/disable", {})->status, 403);
  EXPECT_EQ(qian.Post("/console/staff", {{"name", "x.y"}, {"display_name", "某某"}, {"party", "street_office"},
                                         {"role", "clerk"}})->status,
            403);
  // A refusal keeps what was typed, the reason by the field.
  auto bad = qian.Post("/console/staff", {{"name", "has space"}, {"display_name", "张经理"},
                                          {"party", "property_company"}, {"role", "clerk"}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("value=\"has space\""), std::string::npos);
  EXPECT_NE(bad->body.find("value=\"张经理\""), std::string::npos);
  auto added = qian.Post("/console/staff", {{"name", "zhang.jl"}, {"display_name", "张经理"},
                                            {"party", "property_company"}, {"role", "clerk"}});
  ASSERT_EQ(added->status, 303);
  auto shown = qian.Get(added->get_header_value("Location"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(shown->body, m, std::regex(R"re(<code class="secret">([A-Za-z0-9]{12})</code>)re")));
  std::string one_time = m[1];
  EXPECT_EQ(qian.Get("/console/staff")->body.find(one_time), std::string::npos) << "shown once";
  EXPECT_EQ(added->get_header_value("Location").find(one_time), std::string::npos);

  Browser zhang(port_);
  ASSERT_TRUE(zhang.SignIn("zhang.jl", one_time));
  auto forced = zhang.Get("/console/orders");
  EXPECT_EQ(forced->status, 303);
  EXPECT_EQ(forced->get_header_value("Location"), "/console/account");
  zhang.Get("/console/account");
  EXPECT_EQ(zhang.Post("/console/account/password", {{"current", one_time}, {"new", "zhang-own-pass"},
                                                     {"repeat", "zhang-own-pass"}})->status,
            303);
  EXPECT_EQ(zhang.Get("/console/orders")->status, 200);

  // Disable, re-enable, unlock, reset: all audited.
  auto zhang_id = std::to_string((*store_->FindStaffByName("zhang.jl"))->id);
  qian.Get("/console/staff");
  EXPECT_EQ(qian.Post("/console/staff/" + zhang_id + "/disable", {})->status, 303);
  EXPECT_EQ(zhang.Get("/console/orders")->status, 303) << "disabling ends the session";
  EXPECT_EQ(qian.Post("/console/staff/" + zhang_id + "/enable", {})->status, 303);
  EXPECT_EQ(qian.Post("/console/staff/" + zhang_id + "/unlock", {})->status, 303);
  EXPECT_EQ(qian.Post("/console/staff/" + zhang_id + "/reset", {})->status, 303);
  EXPECT_TRUE((*store_->FindStaffByName("zhang.jl"))->must_change_password);
  for (const char* action : {"staff.add", "staff.disable", "staff.enable", "staff.unlock", "staff.reset_password",
                             "staff.password"})
    EXPECT_EQ(Count(action), 1) << action;
  // The street office's manager manages every party.
  Browser zhao = SignedIn("zhao.jie");
  zhao.Get("/console/staff");
  EXPECT_EQ(zhao.Post("/console/staff/" + std::to_string((*li)->id) + "/unlock", {})->status, 303);
}

// What residents see of a person is the party and a display name, never the sign-in name.
TEST_P(ConsoleHttpTest, TheAccountPageSetsTheDisplayNameResidentsSee) {
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/account");
  auto bad = wang.Post("/console/account", {{"display_name", std::string("张\x00经理", 7)}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("field-error"), std::string::npos);
  EXPECT_EQ(wang.Post("/console/account", {{"display_name", "张经理"}})->status, 303);
  EXPECT_EQ((*store_->FindStaffByName("wang.li"))->display_name, "张经理");
  auto page = wang.Get("/console/account");
  EXPECT_NE(page->body.find("物业服务中心 张经理"), std::string::npos);
  // A wrong current password: refused, by the field.
  auto wrong = wang.Post("/console/account/password", {{"current", "nope"}, {"new", "a-new-password"},
                                                       {"repeat", "a-new-password"}});
  EXPECT_EQ(wrong->status, 400);
}

// Two clerks edit one notice: the second's edits stay in the form beside the stored version.
TEST_P(ConsoleHttpTest, AnEditConflictKeepsTheClerksEditsBesideTheStoredVersion) {
  std::string id = Publish("停水通知", Party::PropertyCompany);
  Browser a = SignedIn("wang.li"), b = SignedIn("zhao.jie");
  a.Get("/console/notices/" + id);
  b.Get("/console/notices/" + id);
  auto form = [](const std::string& title) {
    return std::vector<std::pair<std::string, std::string>>{
        {"title", title}, {"body", "正文"}, {"publisher", "property_company"}, {"category", "policy"},
        {"priority", "normal"}, {"revision", "1"}, {"do", "save"}};
  };
  ASSERT_EQ(b.Post("/console/notices/" + id, form("街道改的标题"))->status, 303);
  auto r = a.Post("/console/notices/" + id, form("我辛苦改的标题"));
  ASSERT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("value=\"我辛苦改的标题\""), std::string::npos) << "the clerk's edits are kept";
  EXPECT_NE(r->body.find("街道改的标题"), std::string::npos) << "the stored version is beside them";
  EXPECT_NE(r->body.find("name=\"revision\" value=\"2\""), std::string::npos);
}

TEST_P(ConsoleHttpTest, AScheduledNoticeSaysWhenAndLinksToNoMissingPage) {
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/notices/new");
  auto r = wang.Post("/console/notices/new", {{"title", "下周停电"}, {"body", "x"}, {"publisher", "property_company"},
                                              {"category", "policy"}, {"priority", "normal"},
                                              {"publish_at", "2030-01-02T09:30"}, {"do", "save"}});
  ASSERT_EQ(r->status, 303);
  std::string location = r->get_header_value("Location");
  EXPECT_NE(location.find("done=scheduled"), std::string::npos) << location;
  auto page = wang.Get(location);
  EXPECT_EQ(page->body.find("公告已发布"), std::string::npos);
  EXPECT_NE(page->body.find("2030-01-02 09:30"), std::string::npos);
  EXPECT_EQ(page->body.find("href=\"/notices/"), std::string::npos) << "its public page is not open yet";
  // Another party sees it in the list, unlinked until its time.
  Browser li = SignedIn("li.mei");
  auto list = li.Get("/console/notices");
  EXPECT_NE(list->body.find("下周停电"), std::string::npos);
  EXPECT_EQ(list->body.find("href=\"/notices/"), std::string::npos);
}

// 代录入 refused a landline written as people write it; the receipt's QR followed the browser's Host (a
// clerk on localhost printed a code no phone can open); the public page showed the clerk's sign-in name.
TEST_P(ConsoleHttpTest, FilingForAResidentTakesALandlineAndTheReceiptUsesThePublicUrl) {
  services_->options.public_url = "https://hub.example.cn";
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/orders/new");
  auto r = wang.PostMultipart("/console/orders/new", {{"channel", "phone"}, {"kind", "complaint"},
                                                      {"service_code", "repairs"}, {"address_string", "3号楼"},
                                                      {"description", "楼道灯不亮"}, {"phone", "021-6666 8888"}});
  ASSERT_EQ(r->status, 303) << r->body;
  auto receipt = wang.Get(r->get_header_value("Location"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(receipt->body, m, std::regex(R"re(https://hub\.example\.cn/t/([0-9A-Z-]{15}))re")))
      << "the QR names the configured public URL";
  auto stored = hub_->FindRequestByTicket(m[1].str());
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->phone, "02166668888");
  EXPECT_EQ((*stored)->status.agency_responsible.find("wang.li"), std::string::npos)
      << "residents never see a sign-in name: " << (*stored)->status.agency_responsible;
}

TEST_P(ConsoleHttpTest, TitlesAndNamesRefuseControlCharacters) {
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/notices/new");
  auto r = wang.PostMultipart("/console/notices/new", {{"title", std::string("停水\x00通知", 10)}, {"body", "x"},
                                                       {"publisher", "property_company"}, {"category", "policy"},
                                                       {"priority", "normal"}, {"do", "save"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("控制字符"), std::string::npos) << "the refusal in the page's language";
  EXPECT_EQ(hub_->ListNotices()->size(), 0u);
  EXPECT_TRUE(CheckLine("title", "a\tb", 10, true).has_value());
  EXPECT_FALSE(CheckText("body", "a\tb\nc", 10, true).has_value());
  EXPECT_TRUE(CheckText("body", std::string("a\0b", 3), 10, true).has_value());
  EXPECT_TRUE(CheckDisplayName("").has_value());
  EXPECT_FALSE(CheckDisplayName("张经理").has_value());
  EXPECT_EQ(PhoneDigits("(021) 6666-8888"), "02166668888");
}

TEST_P(ConsoleHttpTest, AuditPageIsForManagersAndSearchable) {
  Browser wang = SignedIn("wang.li");
  EXPECT_EQ(wang.Get("/console/audit")->status, 403);
  Browser zhao = SignedIn("zhao.jie");
  auto r = zhao.Get("/console/audit?action=denied");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("wang.li"), std::string::npos);
}

TEST_P(ConsoleHttpTest, AnUnknownConsolePathIsTheConsolesOwn404) {
  Browser b = SignedIn("wang.li");
  auto r = b.Get("/console/no-such-page");
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("未找到"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(b.Get("/console/notices")->status, 200) << "the fallback must not shadow real pages";
}

TEST_P(ConsoleHttpTest, SignOutEndsTheSession) {
  Browser b = SignedIn("wang.li");
  b.Get("/console/notices");
  EXPECT_EQ(b.Post("/console/signout", {})->status, 303);
  EXPECT_EQ(b.Get("/console/notices")->status, 303);
  EXPECT_EQ(Count("signout"), 1);
}

TEST_P(ConsoleHttpTest, EnglishIsOneClickAway) {
  Browser b = SignedIn("wang.li");
  EXPECT_NE(b.Get("/console/notices")->body.find("公告管理"), std::string::npos);
  auto r = b.Get("/console/lang?to=en&next=%2Fconsole%2Fnotices");
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/console/notices");
  EXPECT_NE(b.Get("/console/notices")->body.find("Notices"), std::string::npos);
  // An outside address in next= is ignored.
  EXPECT_EQ(b.Get("/console/lang?to=en&next=%2F%2Fevil.example")->get_header_value("Location"), "/console/");
  // Nor can next= split the header.
  auto crlf = b.Get("/console/lang?to=en&next=%2Fconsole%2F%0D%0ASet-Cookie%3A%20x%3D1");
  EXPECT_EQ(crlf->get_header_value("Location"), "/console/");
  EXPECT_FALSE(crlf->has_header("x"));
}

// ---- The 12345 rules on the ticket page (issue 13) ----

// A ticket filed at kT0 and dispatched by the street office to 物业 (phone ending 5678).
std::string DispatchedToProperty(HubRepository& hub) {
  auto s = hub::testing::SampleSubmission();
  s.phone = "13900005678";
  std::string id = hub::testing::FileRequest(hub, s, kT0).status.service_request_id;
  AssignOrder o;
  o.agency = protocol::Agency::PropertyCompany;
  o.responsible = "物业服务中心 张经理";
  EXPECT_TRUE(DispatchRequest(hub, id, o, protocol::Agency::StreetOffice, kT0 + 60).ok());
  return id;
}

TEST_P(ConsoleHttpTest, APartyIsOfferedReturnAndExtensionButNeverDispatch) {
  std::string id = DispatchedToProperty(*hub_);
  Browser wang = SignedIn("wang.li");
  std::string page = wang.Get("/console/orders/" + id)->body;
  EXPECT_NE(page.find("/return\""), std::string::npos);
  EXPECT_NE(page.find("/extension\""), std::string::npos);
  EXPECT_EQ(page.find("/redispatch\""), std::string::npos);
  EXPECT_EQ(page.find("/dispatch\""), std::string::npos);
  protocol::UnixSeconds due = (*hub_->FindRequest(id))->work.due_at;
  // Re-dispatching to itself with a far date, as the issue did: refused in Chinese, nothing moves.
  auto self = wang.PostMultipart("/console/orders/" + id + "/redispatch",
                                 {{"agency", "property_company"}, {"responsible", "物业 自己"}, {"reason", "延期"}});
  EXPECT_EQ(self->status, 409);
  EXPECT_NE(self->body.find("只有街道可以派单"), std::string::npos);
  EXPECT_EQ(self->body.find("street office"), std::string::npos) << "no English in the Chinese page";
  EXPECT_EQ((*hub_->FindRequest(id))->work.due_at, due);
  EXPECT_GE(Count("denied"), 1);
}

TEST_P(ConsoleHttpTest, AFieldTheActionDoesNotTakeIsRefusedWith400) {
  std::string id = DispatchedToProperty(*hub_);
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/orders/" + id);
  auto r = wang.PostMultipart("/console/orders/" + id + "/return",
                              {{"reason", "不归物业"}, {"expected", "2030-01-01T00:00"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("表单含有本操作不接受的内容"), std::string::npos);
  EXPECT_FALSE((*hub_->FindRequest(id))->work.returned_at) << "nothing was done";
  auto ok = wang.PostMultipart("/console/orders/" + id + "/return", {{"reason", "不归物业"}});
  EXPECT_EQ(ok->status, 303);
  EXPECT_TRUE((*hub_->FindRequest(id))->work.returned_at);
}

TEST_P(ConsoleHttpTest, AGarbageDateIs400AndTheTypedWorkIsKept) {
  std::string id = hub::testing::FileRequest(*hub_, hub::testing::SampleSubmission(), kT0).status.service_request_id;
  Browser zhao = SignedIn("zhao.jie");
  zhao.Get("/console/orders/" + id);
  auto r = zhao.PostMultipart("/console/orders/" + id + "/dispatch",
                              {{"agency", "property_company"}, {"responsible", "物业服务中心 钱师傅"},
                               {"expected", "next tuesday"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("日期时间无法识别"), std::string::npos);
  EXPECT_NE(r->body.find("物业服务中心 钱师傅"), std::string::npos) << "the typed 承办人 stays";
  EXPECT_FALSE((*hub_->FindRequest(id))->status.agency) << "never silently the default date";
}

TEST_P(ConsoleHttpTest, ARefusedRedispatchKeepsTheReasonAndSaysWhyInThePagesLanguage) {
  std::string id = DispatchedToProperty(*hub_);
  Browser zhao = SignedIn("zhao.jie");
  zhao.Get("/console/orders/" + id);
  auto r = zhao.PostMultipart("/console/orders/" + id + "/redispatch",
                              {{"agency", "property_company"}, {"responsible", "物业 王"}, {"reason", "手写的理由"}});
  EXPECT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("改派须换一个承办单位"), std::string::npos);
  EXPECT_NE(r->body.find("手写的理由"), std::string::npos);
  zhao.Get("/console/lang?to=en&next=%2Fconsole%2F");
  zhao.Get("/console/orders/" + id);
  auto en = zhao.PostMultipart("/console/orders/" + id + "/supervise", {{"note", " "}});
  EXPECT_EQ(en->status, 400);
  EXPECT_NE(en->body.find("Write a note."), std::string::npos);
  EXPECT_EQ(en->body.find("note: required"), std::string::npos);
}

TEST_P(ConsoleHttpTest, TheQueueFindsByCodePhoneTailOnlyForThePartyThatSeesPhonesAndText) {
  std::string id = DispatchedToProperty(*hub_);
  std::string code = (*hub_->FindRequest(id))->status.ticket_code;
  Browser wang = SignedIn("wang.li");
  EXPECT_NE(wang.Get("/console/orders?q=5678")->body.find(code), std::string::npos);
  EXPECT_NE(wang.Get("/console/orders?q=" + code)->body.find(code), std::string::npos);
  EXPECT_NE(wang.Get("/console/orders?q=" + UrlEncode("垃圾未及时"))->body.find(code), std::string::npos);
  EXPECT_EQ(wang.Get("/console/orders?q=" + UrlEncode("没有这段话"))->body.find(code), std::string::npos);
  Browser zhao = SignedIn("zhao.jie");
  // The phone is 物业's: the street office cannot find the ticket by it.
  EXPECT_EQ(zhao.Get("/console/orders?q=5678")->body.find(code), std::string::npos);
  EXPECT_NE(zhao.Get("/console/orders?q=" + code)->body.find(code), std::string::npos);
}

TEST_P(ConsoleHttpTest, TheTrainingClockMovesTicketsButNotTheAuditLog) {
  services_->options.work_clock = [this] { return now_.load() + 4 * 86400; };
  std::string id = DispatchedToProperty(*hub_);
  Browser zhao = SignedIn("zhao.jie");
  std::string page = zhao.Get("/console/orders/" + id)->body;
  EXPECT_NE(page.find("badge overdue"), std::string::npos) << "4 days on, past the 72 h deadline";
  EXPECT_NE(page.find("/supervise\""), std::string::npos);
  ASSERT_EQ(zhao.PostMultipart("/console/orders/" + id + "/supervise", {{"note", "请今日答复"}})->status, 303);
  EXPECT_EQ((*hub_->FindRequest(id))->work.supervised_at, now_.load() + 4 * 86400);
  AuditQuery q;
  q.action = "ticket.supervise";
  auto audit = store_->QueryAudit(q);
  ASSERT_EQ(audit->entries.size(), 1u);
  EXPECT_EQ(audit->entries[0].at, now_.load()) << "the audit keeps the real clock";
}

}  // namespace
}  // namespace ck::hub::console

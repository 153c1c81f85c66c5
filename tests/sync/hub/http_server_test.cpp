// The hub's HTTP API, in process on 127.0.0.1 with a random port: auth, paging, ETag/304, Open311 errors,
// notice pages, body limits, and a table of hostile requests that must never get a 500.
#include "sync/hub/api/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/ids.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using testing::SampleEdit;
using testing::TempDir;

// True once `answer` holds a whole response: headers and Content-Length bytes of body.
bool ResponseComplete(const std::string& answer) {
  size_t end = answer.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::string head = answer.substr(0, end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t cl = head.find("\r\ncontent-length:");
  size_t length = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 17));
  return answer.size() >= end + 4 + length;
}

// Sends raw bytes and returns the first response (or what arrived before the server closed or went quiet).
// The socket is not half-closed: httplib takes a half-closed peer for a dead one and does not answer.
std::string RawExchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    size_t sent = 0;
    while (sent < request.size()) {
      ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    char buf[4096];
    ssize_t n;
    while (!ResponseComplete(answer) && (n = recv(fd, buf, sizeof buf, 0)) > 0)
      answer.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return answer;
}

int RawStatus(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

// True if body is an Open311 error array whose first element has this code and a non-empty description.
::testing::AssertionResult IsOpen311Error(const std::string& body, int code) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return ::testing::AssertionFailure() << "not JSON: " << body;
  if (!j.is_array() || j.empty() || !j[0].is_object())
    return ::testing::AssertionFailure() << "not an Open311 array: " << body;
  if (j[0].value("code", 0) != code) return ::testing::AssertionFailure() << "code differs: " << body;
  if (!j[0]["description"].is_string() || j[0]["description"].get<std::string>().empty())
    return ::testing::AssertionFailure() << "no description: " << body;
  return ::testing::AssertionSuccess();
}

class HttpApiTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    token_ = NewBearerSecret();
    device_id_ = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";
    ASSERT_TRUE(repo_->AddKiosk({device_id_, "大堂", HashSecret(token_), 1, std::nullopt, {}}).ok());
    HttpServerOptions options;
    options.max_body_bytes = 16 * 1024;
    server_ = std::make_unique<HubHttpServer>(*repo_, options);
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

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  httplib::Headers Auth() { return {{"Authorization", "Bearer " + token_}}; }
  httplib::Result GetFeed(const std::string& query, httplib::Headers extra = {}) {
    httplib::Headers h = Auth();
    h.insert(extra.begin(), extra.end());
    auto c = Client();
    return c.Get(("/api/v1/feed" + query).c_str(), h);
  }
  std::string Publish(const std::string& title) {
    auto r = PublishNotice(*repo_, SampleEdit(title), protocol::NowUtc() - 60);
    EXPECT_TRUE(r.ok()) << r.message;
    return r.value ? r.value->notice.id : std::string();
  }

  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::string token_, device_id_;
};
CK_STORE_BACKENDS(HttpApiTest);

TEST_P(HttpApiTest, HealthzAnswersOk) {
  auto c = Client();
  auto r = c.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok");
}

TEST_P(HttpApiTest, FeedNeedsAValidTokenInTheHeaderOrApiKey) {
  Publish("a");
  auto c = Client();
  auto missing = c.Get("/api/v1/feed");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_TRUE(IsOpen311Error(missing->body, 401));
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/json; charset=utf-8");

  auto wrong = c.Get("/api/v1/feed", {{"Authorization", "Bearer " + NewBearerSecret()}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(IsOpen311Error(wrong->body, 401));

  auto basic = c.Get("/api/v1/feed", {{"Authorization", "Basic " + token_}});
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->status, 401);

  auto wrong_key = c.Get(("/api/v1/feed?api_key=" + token_ + "x").c_str());
  ASSERT_TRUE(wrong_key);
  EXPECT_EQ(wrong_key->status, 401);

  auto bearer = c.Get("/api/v1/feed", Auth());
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 200);
  auto lower = c.Get("/api/v1/feed", {{"Authorization", "bearer " + token_}});
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->status, 200);
  auto api_key = c.Get(("/api/v1/feed?api_key=" + token_).c_str());
  ASSERT_TRUE(api_key);
  EXPECT_EQ(api_key->status, 200);
  EXPECT_EQ(api_key->body, bearer->body);
}

TEST_P(HttpApiTest, PagingThrough1200NoticesGetsEachExactlyOnce) {
  std::vector<protocol::Notice> notices;
  for (int i = 0; i < 1200; ++i) {
    protocol::Notice n;
    n.id = protocol::NewUuid();
    n.title = "通知 " + std::to_string(i);
    n.published_at = 1'795'651'200;
    notices.push_back(n);
  }
  ASSERT_TRUE(repo_->ImportNotices(notices).ok());
  // A later withdrawal must arrive as a tombstone, after the upserts.
  ASSERT_TRUE(WithdrawNotice(*repo_, notices[3].id, 1'795'651'300).ok());

  std::set<std::string> upserts;
  std::vector<std::string> tombstones;
  std::string cursor = "0";
  std::vector<size_t> sizes;
  for (int guard = 0; guard < 10; ++guard) {
    auto r = GetFeed("?cursor=" + cursor + "&limit=500");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_FALSE(r->get_header_value("ETag").empty());
    auto page = protocol::ParseFeedPage(r->body);
    ASSERT_TRUE(page.ok()) << page.error();
    sizes.push_back(page->changes.size());
    for (const auto& ch : page->changes) {
      if (ch.type == protocol::FeedChange::Type::NoticeUpsert)
        EXPECT_TRUE(upserts.insert(ch.id).second) << "twice: " << ch.id;
      else
        tombstones.push_back(ch.id);
    }
    cursor = page->next_cursor;
    if (!page->has_more) break;
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{500, 500, 200}));
  EXPECT_EQ(upserts.size(), 1199u);
  EXPECT_EQ(tombstones, std::vector<std::string>{notices[3].id});
  EXPECT_EQ(upserts.count(notices[3].id), 0u);
  EXPECT_EQ(cursor, "1201");

  // Caught up: an empty page that keeps the cursor.
  auto r = GetFeed("?cursor=" + cursor);
  ASSERT_TRUE(r);
  auto page = protocol::ParseFeedPage(r->body);
  ASSERT_TRUE(page.ok()) << page.error();
  EXPECT_TRUE(page->changes.empty());
  EXPECT_EQ(page->next_cursor, cursor);
  EXPECT_FALSE(page->has_more);
}

TEST_P(HttpApiTest, UnchangedFeedIs304AndAnIdlePollStaysUnderOneKilobyte) {
  Publish("a");
  auto first = GetFeed("?cursor=0");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  std::string cursor = protocol::ParseFeedPage(first->body)->next_cursor;

  auto caught_up = GetFeed("?cursor=" + cursor);
  ASSERT_TRUE(caught_up);
  std::string idle_etag = caught_up->get_header_value("ETag");
  auto again = GetFeed("?cursor=" + cursor, {{"If-None-Match", idle_etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->get_header_value("ETag"), idle_etag);

  // Measure the idle poll on the wire, request and answer together.
  std::string request = "GET /api/v1/feed?cursor=" + cursor +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                        "\r\nAuthorization: Bearer " + token_ + "\r\nIf-None-Match: " + idle_etag +
                        "\r\nConnection: close\r\n\r\n";
  std::string answer = RawExchange(port_, request);
  EXPECT_EQ(RawStatus(answer), 304) << answer;
  EXPECT_LT(request.size() + answer.size(), 1024u) << answer;

  // Any change to the hub makes the same poll a 200 with the news.
  std::string id = Publish("b");
  auto changed = GetFeed("?cursor=" + cursor, {{"If-None-Match", idle_etag}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), idle_etag);
  auto page = protocol::ParseFeedPage(changed->body);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->changes.size(), 1u);
  EXPECT_EQ(page->changes[0].id, id);

  // An ETag for another cursor does not match.
  auto other = GetFeed("?cursor=0", {{"If-None-Match", idle_etag}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_P(HttpApiTest, ChangesFromAnotherConnectionShowAtOnce) {
  // The CLI writes through its own connection while the server runs.
  auto cli_repo = store_->OpenHub();
  ASSERT_TRUE(cli_repo.ok());
  auto r0 = GetFeed("?cursor=0");
  ASSERT_TRUE(r0);
  EXPECT_TRUE(protocol::ParseFeedPage(r0->body)->changes.empty());
  auto published = PublishNotice(**cli_repo, SampleEdit("from the CLI"), 1);
  ASSERT_TRUE(published.ok());
  auto r1 = GetFeed("?cursor=0");
  ASSERT_TRUE(r1);
  auto page = protocol::ParseFeedPage(r1->body);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->changes.size(), 1u);
  EXPECT_EQ(page->changes[0].notice->title, "from the CLI");
}

TEST_P(HttpApiTest, BadCursorLimitAndParametersAre400WithAnOpen311Body) {
  for (const char* q : {"?cursor=abc", "?cursor=-1", "?cursor=", "?cursor=99999999999999999999", "?limit=0",
                        "?limit=2001", "?limit=abc", "?limit=", "?cursor=1&cursor=2", "?limit=1&limit=2",
                        "?cursor=%00", "?cursor=%FF%FE", "?cursor=1%20OR%201"}) {
    auto r = GetFeed(q);
    ASSERT_TRUE(r) << q;
    EXPECT_EQ(r->status, 400) << q;
    EXPECT_TRUE(IsOpen311Error(r->body, 400)) << q;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8") << q;
  }
  auto ok = GetFeed("?cursor=0&limit=2000&unknown=1");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_P(HttpApiTest, UnknownPathsAre404AndWrongMethods405) {
  auto c = Client();
  for (const char* path : {"/", "/api", "/api/v1/feeds", "/api/v2/feed", "/notices", "/services.xml"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_TRUE(IsOpen311Error(r->body, 404)) << path;
  }
  auto post_feed = c.Post("/api/v1/feed", "{}", "application/json");
  ASSERT_TRUE(post_feed);
  EXPECT_EQ(post_feed->status, 405);
  EXPECT_TRUE(IsOpen311Error(post_feed->body, 405));
  EXPECT_EQ(post_feed->get_header_value("Allow"), "GET, HEAD");
  auto get_heartbeat = c.Get("/api/v1/heartbeat");
  ASSERT_TRUE(get_heartbeat);
  EXPECT_EQ(get_heartbeat->status, 405);
  EXPECT_TRUE(IsOpen311Error(get_heartbeat->body, 405));
  auto delete_page = c.Delete("/notices/2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060");
  ASSERT_TRUE(delete_page);
  EXPECT_EQ(delete_page->status, 405);
}

TEST_P(HttpApiTest, HeartbeatIsStoredAndValidated) {
  auto c = Client();
  auto ok = c.Post("/api/v1/heartbeat", Auth(),
                   R"({"app_version":"0.1.0","cursor":"42","outbox_pending":3,"last_sync_error":"超时"})",
                   "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  auto kiosks = *repo_->ListKiosks();
  ASSERT_EQ(kiosks.size(), 1u);
  EXPECT_TRUE(kiosks[0].last_seen.has_value());
  EXPECT_EQ(kiosks[0].last_heartbeat.app_version, "0.1.0");
  EXPECT_EQ(kiosks[0].last_heartbeat.cursor, "42");
  EXPECT_EQ(kiosks[0].last_heartbeat.outbox_pending, 3);
  EXPECT_EQ(kiosks[0].last_heartbeat.last_sync_error, "超时");

  auto empty = c.Post(("/api/v1/heartbeat?api_key=" + token_).c_str(), "", "application/json");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);

  auto unauth = c.Post("/api/v1/heartbeat", "{}", "application/json");
  ASSERT_TRUE(unauth);
  EXPECT_EQ(unauth->status, 401);

  for (const char* bad : {"[]", "not json", R"({"outbox_pending":-1})", R"({"outbox_pending":"3"})",
                          R"({"outbox_pending":1.5})", R"({"app_version":123})", "{\"app_version\":\"\xff\"}",
                          R"({"cursor":{"a":1}})", "{\"truncated\":"}) {
    auto r = c.Post("/api/v1/heartbeat", Auth(), bad, "application/json");
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_TRUE(IsOpen311Error(r->body, 400)) << bad;
  }
  std::string long_version = R"({"app_version":")" + std::string(65, 'v') + R"("})";
  auto too_long = c.Post("/api/v1/heartbeat", Auth(), long_version, "application/json");
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 400);
}

// The maintenance panel's uses ride the heartbeat into the audit log, each exactly once however often the
// kiosk repeats them (a lost answer), acknowledged by id; the disk state is kept for the kiosk list.
TEST_P(HttpApiTest, HeartbeatPanelEventsAreAuditedOnceAndTheDiskStateKept) {
  auto c = Client();
  const std::string body =
      R"({"disk_free_bytes":1048576,"disk_full":true,"panel_events":[)"
      R"({"id":7,"at":"2026-12-05T08:00:00Z","event":"opened"},)"
      R"({"id":8,"at":"2026-12-05T08:00:09Z","event":"wrong_pin"},)"
      R"({"id":9,"at":"2026-12-05T08:00:30Z","event":"restart"}]})";
  for (int round = 0; round < 3; ++round) {
    auto r = c.Post("/api/v1/heartbeat", Auth(), body, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    auto answer = nlohmann::json::parse(r->body);
    EXPECT_EQ(answer.at("panel_events_acknowledged"), nlohmann::json::parse("[7,8,9]")) << r->body;
  }
  auto console = store_->OpenConsole();
  ASSERT_TRUE(console.ok()) << console.error();
  AuditQuery q;
  q.action = "kiosk.panel";
  auto page = (*console)->QueryAudit(q);
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->entries.size(), 3u);  // three events, three heartbeats: stored once each
  EXPECT_EQ(page->entries[0].actor, "kiosk:" + device_id_);
  EXPECT_EQ(page->entries[0].target, device_id_);
  EXPECT_EQ(page->entries[0].at, *protocol::ParseUtc("2026-12-05T08:00:30Z"));
  EXPECT_EQ(page->entries[0].detail.rfind("restart", 0), 0u) << page->entries[0].detail;
  EXPECT_EQ(page->entries[2].detail.rfind("opened", 0), 0u) << page->entries[2].detail;

  // The same id at another time is another event (a kiosk database made anew counts from 1 again).
  auto again = c.Post("/api/v1/heartbeat", Auth(),
                      R"({"panel_events":[{"id":7,"at":"2026-12-06T09:00:00Z","event":"opened"}]})",
                      "application/json");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ((*console)->QueryAudit(q)->entries.size(), 4u);

  auto kiosks = *repo_->ListKiosks();
  ASSERT_EQ(kiosks.size(), 1u);
  // The last heartbeat said nothing of the disk: it is not known now.
  EXPECT_FALSE(kiosks[0].last_heartbeat.disk_full.has_value());
  ASSERT_EQ(c.Post("/api/v1/heartbeat", Auth(), body, "application/json")->status, 200);
  kiosks = *repo_->ListKiosks();
  EXPECT_EQ(kiosks[0].last_heartbeat.disk_free_bytes, 1048576);
  EXPECT_EQ(kiosks[0].last_heartbeat.disk_full, true);

  // Bad events refuse the whole heartbeat, and nothing of it is stored.
  for (const char* bad :
       {R"({"panel_events":{}})", R"({"panel_events":[1]})", R"({"panel_events":[{"id":0,"at":"2026-12-05T08:00:00Z","event":"opened"}]})",
        R"({"panel_events":[{"id":1,"at":"yesterday","event":"opened"}]})",
        R"({"panel_events":[{"id":1,"at":"2026-12-05T08:00:00Z","event":"Opened!"}]})",
        R"({"panel_events":[{"id":18446744073709551615,"at":"2026-12-05T08:00:00Z","event":"opened"}]})",
        R"({"disk_free_bytes":-1})", R"({"disk_full":"yes"})"}) {
    auto r = c.Post("/api/v1/heartbeat", Auth(), bad, "application/json");
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_TRUE(IsOpen311Error(r->body, 400)) << bad;
  }
  std::string many = R"({"panel_events":[)";
  for (int i = 1; i <= 51; ++i)
    many += (i > 1 ? "," : "") + std::string(R"({"id":)") + std::to_string(i) +
            R"(,"at":"2026-12-05T08:00:00Z","event":"opened"})";
  many += "]}";
  auto r = c.Post("/api/v1/heartbeat", Auth(), many, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ((*console)->QueryAudit(q)->entries.size(), 4u);
}

TEST_P(HttpApiTest, AHugeBodyIsRefusedWith413) {
  auto c = Client();
  std::string huge = R"({"last_sync_error":")" + std::string(1 << 20, 'x') + R"("})";
  auto r = c.Post("/api/v1/heartbeat", Auth(), huge, "application/json");
  if (r) {  // the server may also just close the connection once it has said no
    EXPECT_EQ(r->status, 413);
    EXPECT_TRUE(IsOpen311Error(r->body, 413));
  }
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(HttpApiTest, NoticePageIsEscapedHtmlAndWithdrawnIs410) {
  NoticeEdit e = SampleEdit("<script>alert(1)</script>停水");
  auto published = PublishNotice(*repo_, e, protocol::NowUtc() - 60);
  ASSERT_TRUE(published.ok());
  std::string id = published.value->notice.id;
  auto c = Client();
  auto page = c.Get(("/notices/" + id).c_str());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  EXPECT_NE(page->body.find("&lt;script&gt;alert(1)&lt;/script&gt;停水"), std::string::npos);
  EXPECT_NE(page->body.find("物业服务中心"), std::string::npos);

  // No auth needed, and ids in capitals (as a QR reader may produce) still work.
  std::string upper = id;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto upper_page = c.Get(("/notices/" + upper).c_str());
  ASSERT_TRUE(upper_page);
  EXPECT_EQ(upper_page->status, 200);

  ASSERT_TRUE(WithdrawNotice(*repo_, id, protocol::NowUtc()).ok());
  auto gone = c.Get(("/notices/" + id).c_str());
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 410);
  EXPECT_NE(gone->body.find("该通知已撤回"), std::string::npos);

  for (const char* path : {"/notices/2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060", "/notices/nope", "/notices/",
                           "/notices/%3Cscript%3E"}) {
    auto missing = c.Get(path);
    ASSERT_TRUE(missing) << path;
    EXPECT_EQ(missing->status, 404) << path;
    EXPECT_EQ(missing->body.find("<script>"), std::string::npos);
  }
}

TEST_P(HttpApiTest, HostileRequestsNeverGetA500) {
  std::string auth = "Authorization: Bearer " + token_ + "\r\n";
  std::vector<std::string> raw = {
      "GARBAGE\r\n\r\n",
      "\r\n\r\n",
      std::string("\0\0\0\0", 4),
      "GET\r\n\r\n",
      "GET /api/v1/feed HTTP/9.9\r\n\r\n",
      "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n",
      "GET /api/v1/feed?cursor=%ZZ HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
      "GET /api/v1/feed?cursor=\xff\xfe HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
      "GET /api/v1/feed?limit=99999999999999999999999999 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
      "GET /api/v1/feed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(5000, 't') + "\r\n\r\n",
      "GET /api/v1/feed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n\r\n",
      "GET /api/v1/feed HTTP/1.1\r\nHost: x\r\nAuthorization: \xff\xfe\r\n\r\n",
      "GET /api/v1/feed HTTP/1.1\r\nHost: x\r\n" + auth + "If-None-Match: " + std::string(3000, ',') +
          "\r\n\r\n",
      "GET /api/v1/feed HTTP/1.1\r\nHost: x\r\n" + auth + "Range: bytes=999999-\r\n\r\n",
      "GET /notices/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /notices/%00%00 HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /notices/" + std::string(36, '-') + " HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 10\r\n\r\n{\"a\":",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: -5\r\n\r\n",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 99999999999\r\n\r\n",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth +
          "Transfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth +
          "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"outbox_pending\":1e308}",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth +
          "Content-Length: 24\r\n\r\n{\"outbox_pending\":1e308}",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 14\r\n\r\n[[[[[[[[[[[[[[",
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 8\r\n\r\n\"\\ud800\"",
      "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
      "DELETE /api/v1/feed HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
  };
  std::string deep = std::string(5000, '[') + std::string(5000, ']');
  raw.push_back("POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + auth +
                "Content-Length: " + std::to_string(deep.size()) + "\r\n\r\n" + deep);
  for (const std::string& request : raw) {
    std::string answer = RawExchange(port_, request);
    int status = RawStatus(answer);
    // No answer at all (connection closed) is acceptable for unparseable bytes; a 5xx never is.
    EXPECT_TRUE(status == 0 || (status >= 200 && status < 500))
        << "status " << status << " for: " << request.substr(0, 120);
    if (status >= 400) {
      size_t body = answer.find("\r\n\r\n");
      ASSERT_NE(body, std::string::npos);
      if (answer.find("text/html") == std::string::npos) {
        EXPECT_TRUE(IsOpen311Error(answer.substr(body + 4), status)) << request.substr(0, 120) << "\n"
                                                                     << answer;
      }
    }
  }
  auto c = Client();
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(HttpApiTest, StopIsCleanEvenWithAnOpenKeepAliveConnection) {
  auto c = Client();
  c.set_keep_alive(true);
  ASSERT_TRUE(c.Get("/healthz"));
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  EXPECT_FALSE(server_->IsRunning());
}

}  // namespace
}  // namespace ck::hub

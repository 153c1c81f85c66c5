// The hub as a user deploys it: Debian's nginx (packaging/nginx/community-hub.conf) in front of the real
// community-hub process, both started here. Slow, idle, oversized, chunked, compressed, malformed, pipelined
// and half-closed clients arrive while a kiosk polls; and a second hub on a port in use fails at once. Staff
// sign in to the console through it from their own desks (addresses), as they do in an office.
#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "app/store/feed_applier.h"
#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "sync/client/sync_engine.h"
#include "sync/hub/api/server_limits.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "tests/e2e/front_server.h"
#include "tests/e2e/hub_fixture.h"
#include "tests/e2e/raw_http.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string GzipZeros(std::size_t n) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string zeros(64 * 1024, '\0'), out;
  char buf[16384];
  std::size_t left = n;
  int flush = Z_NO_FLUSH;
  do {
    std::size_t take = std::min(left, zeros.size());
    left -= take;
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = reinterpret_cast<Bytef*>(zeros.data());
    z.avail_in = static_cast<uInt>(take);
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&z);
  return out;
}

class FrontEdgeE2eTest : public HubFixture {
 protected:
  void SetUp() override {
    HubFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    hub_port_ = std::stoi(hub_url_.substr(hub_url_.rfind(':') + 1));
    front_ = std::make_unique<FrontServer>(dir_ / "nginx", hub_port_);
    ASSERT_TRUE(front_->started()) << front_->error();
  }
  void TearDown() override {
    front_.reset();
    HubFixture::TearDown();
  }

  // A kiosk's conditional poll of the feed through the front: the status (200/304), or 0 when no answer
  // came within the client's timeout.
  int Poll() {
    httplib::Client c("127.0.0.1", front_->port());
    c.set_connection_timeout(3, 0);
    c.set_read_timeout(3, 0);
    httplib::Headers h{{"Authorization", "Bearer " + token_}};
    if (!etag_.empty()) h.emplace("If-None-Match", etag_);
    auto r = c.Get(std::string(protocol::kFeedPath), h);
    if (!r) return 0;
    if (r->status == 200) etag_ = r->get_header_value("ETag");
    return r->status;
  }
  protocol::ServiceRequestSubmission Submission() {
    protocol::ServiceRequestSubmission s;
    s.service_code = "sanitation";
    s.address_string = "3号楼2单元5层";
    s.description = "垃圾未及时清运";
    s.request_uuid = protocol::NewUuid();
    s.ticket_code = *protocol::MakeTicketCode({kiosk_number_, next_seq_++});
    s.device_id = device_id_;
    s.submitted_at = protocol::NowUtc() - 60;
    return s;
  }
  static std::string Form(const protocol::ServiceRequestSubmission& s) {
    httplib::Params params;
    for (auto& [k, v] : protocol::SubmissionToFormFields(s)) params.emplace(k, v);
    return httplib::detail::params_to_query_str(params);
  }
  std::string RawPost(const std::string& path, const std::string& headers, const std::string& body) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token_ + "\r\n" +
           headers + "\r\n" + body;
  }
  std::string Exchange(int port, const std::string& request, int timeout_seconds = 5) {
    int fd = RawConnect(port, timeout_seconds);
    if (fd < 0) return {};
    RawSend(fd, request);
    std::string answer = RawReadResponses(fd, 1);
    close(fd);
    return answer;
  }
  std::size_t HubRequestsWithTicket(const std::string& code) {
    CommandResult r = Hub({"request", "list", "--db", hub_db_, "--json"});
    std::size_t n = 0;
    for (std::size_t at = r.out.find("\"" + code + "\""); at != std::string::npos;
         at = r.out.find("\"" + code + "\"", at + 1))
      ++n;
    return n;
  }

  int hub_port_ = 0;
  std::unique_ptr<FrontServer> front_;
  std::string etag_;
  std::uint32_t next_seq_ = 1;
};

// Finding 2: the hub's socket took SO_REUSEPORT, so a second hub on the same port started without a word.
TEST_P(FrontEdgeE2eTest, ASecondHubOnAPortInUseFailsAtOnceNamingThePort) {
  std::string port = std::to_string(hub_port_);
  // Through sh only to fold stderr (where the hub says why) into what RunCommand captures.
  CommandResult second =
      RunCommand({"/bin/sh", "-c", "exec \"$0\" serve --db \"$1\" --listen 127.0.0.1:\"$2\" 2>&1",
                  HubBinary().string(), hub_db_, port},
                 dir_, 15s);
  EXPECT_NE(second.exit_code, 0) << "a second hub is serving port " << port << ": " << second.out;
  EXPECT_EQ(second.exit_code == -1, false) << "still running after 15 s (killed)";
  EXPECT_NE(second.out.find("port " + port + " is already in use"), std::string::npos) << second.out;
  EXPECT_EQ(Poll(), 200);  // the first one still answers
}

TEST_P(FrontEdgeE2eTest, TheShippedConfigHoldsTheHubsLimits) {
  std::string conf = FrontConfig(8000, {8001});
  ASSERT_FALSE(conf.empty());
  EXPECT_EQ(hub::kMaxBodyBytes, 64u * 1024);
  EXPECT_NE(conf.find("client_max_body_size 64k;"), std::string::npos);
  hub::HttpServerOptions hub_options;
  // Kept upstream connections each hold a hub worker; they must close before the hub closes them.
  EXPECT_NE(conf.find("keepalive 4;"), std::string::npos);
  EXPECT_LT(4, hub_options.worker_threads);
  EXPECT_NE(conf.find("keepalive_timeout 4s;"), std::string::npos);
  EXPECT_LT(4, hub_options.keep_alive_seconds);
  EXPECT_NE(conf.find("keepalive_requests 90;"), std::string::npos);
  EXPECT_LT(90, hub_options.keep_alive_max_requests);
  EXPECT_NE(conf.find("proxy_ignore_client_abort on;"), std::string::npos);
  EXPECT_NE(conf.find("proxy_set_header X-Real-IP $remote_addr;"), std::string::npos);
}

// Finding 6: eight connections trickling a header line every 0.7 s stopped the hub answering anyone.
TEST_P(FrontEdgeE2eTest, SlowHeaderTricklersDoNotStopAKiosksPolls) {
  ASSERT_EQ(Poll(), 200);
  std::atomic<bool> stop{false};
  std::vector<std::thread> tricklers;
  for (int i = 0; i < 16; ++i) {
    tricklers.emplace_back([&, i] {
      int fd = RawConnect(front_->port(), 2);
      if (fd < 0) return;
      RawSend(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
      for (int line = 0; line < 12 && !stop; ++line) {
        std::this_thread::sleep_for(500ms);
        RawSend(fd, "X-Slow-" + std::to_string(i) + ": " + std::to_string(line) + "\r\n");
      }
      close(fd);
    });
  }
  std::this_thread::sleep_for(300ms);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(Poll(), 304) << "poll " << i << " while 16 clients trickle";
  stop = true;
  for (auto& t : tricklers) t.join();
}

// Finding 6: eight idle connections delayed everyone by 4.8 s.
TEST_P(FrontEdgeE2eTest, IdleConnectionsDoNotStopAKiosksPolls) {
  ASSERT_EQ(Poll(), 200);
  std::vector<int> idle;
  for (int i = 0; i < 64; ++i) {
    int fd = RawConnect(front_->port(), 2);
    ASSERT_GE(fd, 0);
    if (i % 2) {  // half have made one request and keep the connection open
      RawSend(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      EXPECT_EQ(RawStatus(RawReadResponses(fd, 1)), 200);
    }
    idle.push_back(fd);
  }
  for (int i = 0; i < 10; ++i) EXPECT_EQ(Poll(), 304) << "poll " << i << " beside 64 idle connections";
  for (int fd : idle) close(fd);
}

TEST_P(FrontEdgeE2eTest, OversizedBodiesAre413AndTheHubStaysWell) {
  // Declared too large: refused before any body is sent.
  const std::string declared =
      Exchange(front_->port(), RawPost("/api/v1/heartbeat", "Content-Length: 268435456\r\n", ""));
  EXPECT_EQ(RawStatus(declared), 413);
  // nginx answers this one itself, in the hub's JSON error format (not its HTML page).
  EXPECT_NE(declared.find("Content-Type: application/json"), std::string::npos) << declared;
  EXPECT_NE(declared.find(R"([{"code":413,"description":"request body too large"}])"), std::string::npos)
      << declared;
  // Sent too large.
  std::string big = R"({"last_sync_error":")" + std::string(hub::kMaxBodyBytes, 'x') + R"("})";
  EXPECT_EQ(RawStatus(Exchange(front_->port(), RawPost("/api/v1/heartbeat",
                                                       "Content-Type: application/json\r\nContent-Length: " +
                                                           std::to_string(big.size()) + "\r\n",
                                                       big))),
            413);
  // Chunked, 1 MiB.
  std::string chunk(16 * 1024, ' ');
  std::string chunks;
  for (int i = 0; i < 64; ++i) chunks += "4000\r\n" + chunk + "\r\n";
  EXPECT_EQ(RawStatus(Exchange(front_->port(),
                               RawPost("/api/v1/heartbeat",
                                       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                                       chunks + "0\r\n\r\n"))),
            413);
  EXPECT_EQ(Poll(), 200);
}

// Finding 5: a 15 KiB gzip body inflated to 16 MiB and was accepted. nginx passes it as sent; the hub
// bounds what it inflates.
TEST_P(FrontEdgeE2eTest, AGzipBombIs413) {
  std::string bomb = GzipZeros(16u * 1024 * 1024);
  httplib::Client c("127.0.0.1", front_->port());
  c.set_read_timeout(10, 0);
  auto r = c.Post("/api/v1/heartbeat", {{"Authorization", "Bearer " + token_}, {"Content-Encoding", "gzip"}},
                  bomb, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413) << r->body;
}

// Finding 7: an invalid Content-Length waited 10 s, then 413.
TEST_P(FrontEdgeE2eTest, AMalformedContentLengthIs400) {
  for (const char* length : {"-5", "18446744073709551616", "12abc"}) {
    std::string answer =
        Exchange(front_->port(),
                 RawPost("/api/v1/heartbeat", std::string("Content-Length: ") + length + "\r\n", "{}"), 5);
    EXPECT_EQ(RawStatus(answer), 400) << length << ": " << answer.substr(0, 200);
  }
  // With no length at all, a POST's body is empty: answered at once.
  EXPECT_EQ(RawStatus(Exchange(front_->port(), RawPost("/api/v1/heartbeat", "", ""), 5)), 200);
}

// Finding 7: of 5 pipelined requests only 1 was answered.
TEST_P(FrontEdgeE2eTest, PipelinedRequestsAreAllAnswered) {
  int fd = RawConnect(front_->port(), 5);
  ASSERT_GE(fd, 0);
  std::string five;
  for (int i = 0; i < 5; ++i) five += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(RawSend(fd, five));
  std::string answer = RawReadResponses(fd, 5);
  close(fd);
  EXPECT_EQ(CountResponses(answer), 5) << answer;
}

// Finding 7: a request whose client half-closed after sending it was processed but never answered, so a
// client retrying without a key made a second report.
TEST_P(FrontEdgeE2eTest, AHalfClosedClientGetsItsAnswerAndTheReportIsStoredOnce) {
  auto s = Submission();
  std::string form = Form(s);
  int fd = RawConnect(front_->port(), 5);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(RawSend(fd, RawPost("/requests.json",
                                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                      std::to_string(form.size()) + "\r\n",
                                  form)));
  shutdown(fd, SHUT_WR);
  std::string answer = RawReadAll(fd);
  close(fd);
  EXPECT_EQ(RawStatus(answer), 201) << answer.substr(0, 300);
  EXPECT_EQ(HubRequestsWithTicket(s.ticket_code), 1u);
}

// Finding 1, deployed: the longest report the kiosk can make passes the front and the hub.
TEST_P(FrontEdgeE2eTest, TheLongestLegalReportPassesTheFront) {
  auto s = Submission();
  s.description = Repeat("𠮷", protocol::kMaxDescriptionCodepoints);
  s.address_string = Repeat("𠮷", protocol::kMaxAddressCodepoints);
  httplib::Client c("127.0.0.1", front_->port());
  c.set_read_timeout(10, 0);
  auto r =
      c.Post("/requests.json", {{"Authorization", "Bearer " + token_}, {"Idempotency-Key", s.request_uuid}},
             Form(s), "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body.substr(0, 200);
  EXPECT_EQ(HubRequestsWithTicket(s.ticket_code), 1u);
}

// A report the platform really refuses (here: a category the hub does not have, 400) is kept by the kiosk,
// counted, carried by the heartbeat and shown in the hub's kiosk list; the longest legal report beside it is
// delivered, through the front, by the real sync engine.
TEST_P(FrontEdgeE2eTest, ARefusedReportIsKeptCountedAndShownInTheHubsKioskList) {
  std::string refused_code, long_code;
  {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok()) << db.error();
    store::FeedbackRepository repo(**db);
    store::FeedbackDraft bogus;
    bogus.service_code = "no-such-category";
    bogus.service_name = "?";
    bogus.address_string = "3号楼";
    bogus.description = "楼道灯不亮";
    auto r1 = repo.Submit(bogus, protocol::NowUtc(), kiosk_number_);
    ASSERT_TRUE(r1.ok()) << r1.error();
    refused_code = r1->ticket_code;
    store::FeedbackDraft longest = bogus;
    longest.service_code = "sanitation";
    longest.service_name = "环境卫生";
    longest.description = Repeat("楼", protocol::kMaxDescriptionCodepoints);
    auto r2 = repo.Submit(longest, protocol::NowUtc(), kiosk_number_);
    ASSERT_TRUE(r2.ok()) << r2.error();
    long_code = r2->ticket_code;
  }
  {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok());
    store::FeedApplier sink(std::move(db).value());
    sync::SyncEngineOptions o;
    o.hub_url = front_->url();
    o.device_id = device_id_;
    o.token = token_;
    o.app_version = "e2e";
    o.connect_timeout = 5s;
    o.request_timeout = 20s;
    sync::SyncEngine engine(o, nullptr, nullptr);
    engine.RunOnce(sink);
  }
  auto db = store::KioskDatabase::Open(kiosk_db_);
  ASSERT_TRUE(db.ok());
  store::FeedbackRepository repo(**db);
  auto refused = repo.FindByTicketCode(refused_code);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->delivery, store::DeliveryState::Rejected);  // kept, with why
  auto delivered = repo.FindByTicketCode(long_code);
  ASSERT_TRUE(delivered);
  EXPECT_EQ(delivered->delivery, store::DeliveryState::Delivered);
  EXPECT_EQ(store::OutboxRepository(**db).RejectedCount(), 1);

  CommandResult list = Hub({"kiosk", "list", "--db", hub_db_});
  EXPECT_NE(list.out.find("1 REFUSED"), std::string::npos) << list.out;
  CommandResult json = Hub({"kiosk", "list", "--db", hub_db_, "--json"});
  EXPECT_NE(json.out.find("\"outbox_refused\": 1"), std::string::npos) << json.out;
}

// Finding 1, the usual path: a long report synced alone right after it was made goes as a single form POST;
// it was refused 413 by httplib's 8 KiB form limit and given up for ever. Through the front and direct.
TEST_P(FrontEdgeE2eTest, TheLongestReportSyncedAloneIsDeliveredThroughTheFrontAndDirect) {
  for (const std::string& url : {front_->url(), hub_url_}) {
    std::string code;
    {
      auto db = store::KioskDatabase::Open(kiosk_db_);
      ASSERT_TRUE(db.ok()) << db.error();
      store::FeedbackRepository repo(**db);
      store::FeedbackDraft d;
      d.service_code = "sanitation";
      d.service_name = "环境卫生";
      d.address_string = Repeat("楼", protocol::kMaxAddressCodepoints);
      d.description = Repeat("𠮷", protocol::kMaxDescriptionCodepoints);
      d.phone = "13812341234";
      auto r = repo.Submit(d, protocol::NowUtc(), kiosk_number_);
      ASSERT_TRUE(r.ok()) << r.error();
      code = r->ticket_code;
    }
    {
      auto db = store::KioskDatabase::Open(kiosk_db_);
      ASSERT_TRUE(db.ok());
      store::FeedApplier sink(std::move(db).value());
      sync::SyncEngineOptions o;
      o.hub_url = url;
      o.device_id = device_id_;
      o.token = token_;
      o.app_version = "e2e";
      o.connect_timeout = 5s;
      o.request_timeout = 20s;
      sync::SyncEngine engine(o, nullptr, nullptr);
      engine.RunOnce(sink);
    }
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok());
    auto v = store::FeedbackRepository(**db).FindByTicketCode(code);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->delivery, store::DeliveryState::Delivered) << url << ": " << v->delivery_error;
    EXPECT_EQ(HubRequestsWithTicket(v->receipt.ticket_code), 1u) << url;
  }
}

// Behind the front every request comes from nginx's address: the hub must count lookups per client by the
// X-Real-IP the front sets (and only the front), or one guesser would throttle every resident.
TEST_P(FrontEdgeE2eTest, TheLookupThrottleCountsClientsBehindTheFrontApart) {
  auto lookup = [&](const char* source, std::uint64_t n) {
    int fd = RawConnectFrom(front_->port(), source);
    if (fd < 0) return -1;
    std::string code = *protocol::MakeTicketCode({kiosk_number_, 0x1234'5678'9ull * n});
    RawSend(fd, "GET /t/" + code + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    int status = RawStatus(RawReadAll(fd));
    close(fd);
    return status;
  };
  int refused = 0;
  for (std::uint64_t n = 1; n <= 15; ++n) refused += lookup("127.0.0.2", n) == 429;
  EXPECT_GT(refused, 0) << "15 unknown codes from one client were never throttled";
  EXPECT_NE(lookup("127.0.0.3", 99), 429) << "another client behind the same front was throttled too";
}

// One console sign-in through the front from `desk` (a loopback source address): fetches the form (its
// CSRF cookie and field), posts the name and password, and returns the status of the answer.
int ConsoleSignInFrom(int front_port, const char* desk, const std::string& name, const std::string& password) {
  int fd = RawConnectFrom(front_port, desk);
  if (fd < 0) return -1;
  RawSend(fd, "GET /console/signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string form = RawReadAll(fd);
  close(fd);
  std::smatch cookie, csrf;
  if (!std::regex_search(form, cookie, std::regex("Set-Cookie: ck_signin=([A-Za-z0-9_-]+)")) ||
      !std::regex_search(form, csrf, std::regex(R"re(name="csrf" value="([A-Za-z0-9_-]+)")re")))
    return -2;
  std::string body = "csrf=" + csrf[1].str() + "&name=" + name + "&password=" + password;
  fd = RawConnectFrom(front_port, desk);
  if (fd < 0) return -1;
  RawSend(fd, "POST /console/signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: ck_signin=" +
                  cookie[1].str() + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body);
  int status = RawStatus(RawReadAll(fd));
  close(fd);
  return status;
}

// Behind the shipped front, a stranger who knows clerk A's sign-in name guesses from one address: the
// stranger is limited and locked out, A still signs in from A's own desk, clerk B is untouched, and the
// audit names each desk's real address (before, the console took nginx's 127.0.0.1 for everyone: one
// sign-in bucket for all staff, one address in the audit).
TEST_P(FrontEdgeE2eTest, AStrangersGuessesDoNotLockAClerkOutOfTheirOwnDesk) {
  for (auto [name, party] : {std::pair{"a.clerk", "property_company"}, std::pair{"b.clerk", "residents_committee"}}) {
    CommandResult added = RunCommand(
        {"/bin/sh", "-c",
         "printf '%s\\n' " + std::string(name) + "-password | '" + HubBinary().string() + "' staff add --db '" +
             hub_db_ + "' --name " + name + " --party " + party + " --role clerk --display-name 职员"},
        dir_);
    ASSERT_EQ(added.exit_code, 0) << added.out;
  }
  // A has signed in from A's desk before: that address is one of A's desks now.
  ASSERT_EQ(ConsoleSignInFrom(front_->port(), "127.0.0.21", "a.clerk", "a.clerk-password"), 303);

  // The stranger, at 127.0.0.66: twenty wrong guesses on A's name. Some are refused outright (429).
  int limited = 0, refused = 0;
  for (int i = 0; i < 20; ++i) {
    int status = ConsoleSignInFrom(front_->port(), "127.0.0.66", "a.clerk", "guess-" + std::to_string(i));
    limited += status == 429;
    refused += status == 401;
  }
  EXPECT_GT(limited, 0) << "one address was never rate limited";
  EXPECT_EQ(limited + refused, 20);

  // A, from A's own desk: in. B, from B's desk: in. The stranger, with A's real password: still out.
  EXPECT_EQ(ConsoleSignInFrom(front_->port(), "127.0.0.21", "a.clerk", "a.clerk-password"), 303);
  EXPECT_EQ(ConsoleSignInFrom(front_->port(), "127.0.0.22", "b.clerk", "b.clerk-password"), 303);
  int stranger = ConsoleSignInFrom(front_->port(), "127.0.0.66", "a.clerk", "a.clerk-password");
  EXPECT_TRUE(stranger == 401 || stranger == 429) << stranger;

  CommandResult audit = Hub({"audit", "--db", hub_db_, "--json", "--limit", "1000"});
  ASSERT_EQ(audit.exit_code, 0);
  EXPECT_NE(audit.out.find("\"remote\": \"127.0.0.21\""), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("\"remote\": \"127.0.0.22\""), std::string::npos);
  EXPECT_NE(audit.out.find("\"remote\": \"127.0.0.66\""), std::string::npos);
  EXPECT_EQ(audit.out.find("\"remote\": \"127.0.0.1\""), std::string::npos) << "the front's own address";
}

CK_HUB_STORES(FrontEdgeE2eTest);

}  // namespace
}  // namespace ck::e2e

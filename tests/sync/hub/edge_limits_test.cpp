// The hub's edge reached directly (no front server): the largest legal report on every path, range-checked
// numbers and dates from the wire, bounded bodies (chunked, gzip) and immediate answers to bad framing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/client/outbox_pusher.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/api/front_peer.h"
#include "sync/hub/api/http_server.h"
#include "sync/hub/api/server_limits.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/utc_time.h"
#include "tests/e2e/raw_http.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr const char* kForm = "application/x-www-form-urlencoded";
const std::string kDevice = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Reads until the peer closes, the timeout passes, or a whole first response head has arrived.
std::string ReadHead(int fd) {
  std::string answer;
  char buf[4096];
  while (answer.find("\r\n\r\n") == std::string::npos) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  return answer;
}

// gzip of `n` zero bytes (a "bomb": tiny on the wire, huge inflated).
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

class EdgeLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = SqliteHubRepository::Open(dir_.File("hub.db"));
    ASSERT_TRUE(r.ok()) << r.error();
    repo_ = std::move(r).value();
    token_ = NewBearerSecret();
    KioskRecord k;
    k.device_id = kDevice;
    k.name = "3号楼大堂";
    k.token_hash = HashSecret(token_);
    auto added = repo_->AddKiosk(k);
    ASSERT_TRUE(added.ok());
    kiosk_number_ = added.value->kiosk_number;
    operator_token_ = NewBearerSecret();
    ASSERT_TRUE(repo_->AddOperator({protocol::NewUuid(), "街道", HashSecret(operator_token_), 1}).ok());
    server_ = std::make_unique<HubHttpServer>(*repo_);
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
  httplib::Headers Auth(const std::string& key = "") {
    httplib::Headers h{{"Authorization", "Bearer " + token_}};
    if (!key.empty()) h.emplace("Idempotency-Key", key);
    return h;
  }
  static std::string Form(const protocol::ServiceRequestSubmission& s) {
    httplib::Params params;
    for (auto& [k, v] : protocol::SubmissionToFormFields(s)) params.emplace(k, v);
    return httplib::detail::params_to_query_str(params);
  }
  protocol::ServiceRequestSubmission Submission() {
    auto s = testing::SampleSubmission();
    s.request_uuid = protocol::NewUuid();
    s.ticket_code = *protocol::MakeTicketCode({static_cast<std::uint32_t>(kiosk_number_), next_seq_++});
    s.device_id = kDevice;
    s.submitted_at = protocol::NowUtc() - 60;
    return s;
  }
  // The largest report the kiosk's store accepts, in the costliest characters on the wire: 4-byte UTF-8
  // (12 bytes each once form-encoded), every field at its limit.
  protocol::ServiceRequestSubmission LongestSubmission() {
    auto s = Submission();
    s.description = Repeat("𠮷", protocol::kMaxDescriptionCodepoints);
    s.address_string = Repeat("𠮷", protocol::kMaxAddressCodepoints);
    s.phone = std::string(protocol::kMaxPhoneDigits, '9');
    return s;
  }
  // Raw request text with the kiosk's token.
  std::string RawPost(const std::string& path, const std::string& extra_headers, const std::string& body) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token_ + "\r\n" +
           extra_headers + "\r\n" + body;
  }
  std::string Exchange(const std::string& request, int timeout_seconds = 5) {
    int fd = e2e::RawConnect(port_, timeout_seconds);
    if (fd < 0) return {};
    e2e::RawSend(fd, request);
    std::string head = ReadHead(fd);
    close(fd);
    return head;
  }

  TempDir dir_;
  std::unique_ptr<SqliteHubRepository> repo_;
  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  int kiosk_number_ = 0;
  std::uint32_t next_seq_ = 1;
  std::string token_, operator_token_;
};

// Finding 1: httplib's compiled-in 8 KiB form limit refused 1,000 × 楼 with 413.
TEST_F(EdgeLimitsTest, TheLongestLegalReportIsStoredFromASingleFormPost) {
  auto c = Client();
  for (const char* ch : {"楼", "𠮷", "\""}) {
    auto s = Submission();
    s.description = Repeat(ch, protocol::kMaxDescriptionCodepoints);
    auto r = c.Post("/requests.json", Auth(s.request_uuid), Form(s), kForm);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201) << ch << ": " << r->body.substr(0, 200);
  }
  auto longest = LongestSubmission();
  std::string body = Form(longest);
  EXPECT_GT(body.size(), 24'000u);  // form-encoded, three times the UTF-8 size
  EXPECT_LE(body.size(), kMaxBodyBytes);
  auto r = c.Post("/requests.json", Auth(longest.request_uuid), body, kForm);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body.substr(0, 200);
  auto rec = repo_->FindRequest(longest.request_uuid);
  ASSERT_TRUE(rec.ok() && *rec);
  EXPECT_EQ((*rec)->description, longest.description);
}

// A page of reports with the longest one first, in the middle and last: each is stored whole.
TEST_F(EdgeLimitsTest, TheLongestLegalReportIsStoredFromEveryPositionOfABatch) {
  auto c = Client();
  for (std::size_t at : {0u, 2u, 4u}) {
    std::vector<protocol::ServiceRequestSubmission> page;
    for (std::size_t i = 0; i < 5; ++i) page.push_back(i == at ? LongestSubmission() : Submission());
    std::string body = protocol::SubmissionBatchToJson(page);
    ASSERT_LE(body.size(), kMaxBodyBytes);
    auto r = c.Post("/api/v1/requests/batch", Auth(), body, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body.substr(0, 200);
    auto results = protocol::ParseBatchResults(r->body);
    ASSERT_TRUE(results.ok());
    ASSERT_EQ(results->size(), 5u);
    for (const auto& item : *results) EXPECT_EQ(item.status, 201) << item.body;
    auto rec = repo_->FindRequest(page[at].request_uuid);
    ASSERT_TRUE(rec.ok() && *rec);
    EXPECT_EQ((*rec)->description, page[at].description);
  }
}

// The documented limits are at least what the kiosk's store can produce.
TEST_F(EdgeLimitsTest, TheBodyLimitHoldsTheLargestReportAndTheLargestBatchPage) {
  EXPECT_GE(kMaxBodyBytes, Form(LongestSubmission()).size());
  // The kiosk's pusher packs batch pages by their JSON size under kMaxBatchBytes (one item alone may be
  // larger): both the page budget and the costliest single item fit the hub's limit.
  EXPECT_GE(kMaxBodyBytes, sync::OutboxPusher::kMaxBatchBytes + 1024);
  for (const char* ch : {"𠮷", "\"", "\\"}) {
    auto s = LongestSubmission();
    s.description = Repeat(ch, protocol::kMaxDescriptionCodepoints);
    EXPECT_GE(kMaxBodyBytes, protocol::SubmissionBatchToJson({s}).size()) << ch;
    EXPECT_GE(kMaxBodyBytes, Form(s).size()) << ch;
  }
}

// Finding 3: the score was read with a 32-bit conversion, so 4294967297 became 1.
TEST_F(EdgeLimitsTest, ARatingOutsideOneToFiveIsRefusedNotWrapped) {
  auto s = Submission();
  auto c = Client();
  ASSERT_EQ(c.Post("/requests.json", Auth(s.request_uuid), Form(s), kForm)->status, 201);
  protocol::UnixSeconds now = protocol::NowUtc();
  AssignOrder order;
  order.agency = protocol::Agency::PropertyCompany;
  order.responsible = "物业服务中心 张经理";
  ASSERT_TRUE(AssignRequest(*repo_, s.request_uuid, order, protocol::Agency::StreetOffice, now).ok());
  ASSERT_TRUE(ReplyToRequest(*repo_, s.request_uuid, "已处理", protocol::Agency::StreetOffice, now).ok());
  ASSERT_TRUE(SetRequestStatus(*repo_, s.request_uuid, protocol::RequestStatus::Resolved, "", protocol::Agency::StreetOffice, now).ok());
  for (const char* score :
       {"4294967297", "4294967301", "-4294967295", "18446744073709551615", "18446744073709551617",
        "9223372036854775807", "-9223372036854775808", "0", "6"}) {
    std::string body = R"({"rating_uuid":")" + protocol::NewUuid() + R"(","service_request_id":")" +
                       s.request_uuid + R"(","score":)" + score + "}";
    auto r = c.Post("/api/v1/ratings", Auth(), body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << score << ": " << r->body;
  }
  auto rec = **repo_->FindRequest(s.request_uuid);
  EXPECT_EQ(rec.status.status, protocol::RequestStatus::Resolved);
  EXPECT_FALSE(rec.flagged);
}

// Finding 4: a promised date past 9999-12-31T23:59:59Z was accepted and served with a five-digit year.
TEST_F(EdgeLimitsTest, ADateNoClientCanReadIsRefused) {
  EXPECT_FALSE(protocol::ParseUtc("9999-12-31T23:59:59-23:59"));
  EXPECT_FALSE(protocol::ParseUtc("0000-01-01T00:00:00+00:01"));
  ASSERT_TRUE(protocol::ParseUtc("9999-12-31T23:59:59Z"));
  EXPECT_EQ(protocol::FormatUtc(*protocol::ParseUtc("9999-12-31T23:59:59Z")), "9999-12-31T23:59:59Z");
  auto s = Submission();
  auto c = Client();
  ASSERT_EQ(c.Post("/requests.json", Auth(s.request_uuid), Form(s), kForm)->status, 201);
  auto r =
      c.Post("/api/v1/operator/requests/" + s.request_uuid + "/assign",
             {{"Authorization", "Bearer " + operator_token_}},
             R"({"agency":"property_company","responsible":"张","expected_at":"9999-12-31T23:59:59-23:59"})",
             "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  auto list = c.Get("/requests.json?service_request_id=" + s.request_uuid, Auth());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->body.find("10000-"), std::string::npos) << list->body;
}

// Finding 5: a chunked body had no bound at all (256 MiB answered 200).
TEST_F(EdgeLimitsTest, AChunkedBodyPastTheLimitIs413BeforeItIsAllRead) {
  int fd = e2e::RawConnect(port_, 5);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(e2e::RawSend(
      fd,
      RawPost("/api/v1/heartbeat", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "")));
  std::string chunk(16 * 1024, ' ');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  std::size_t sent = 0;
  // At most 8 MiB: a hub that reads it all would take the whole thing and answer 200 (or 400).
  while (sent < 8u * 1024 * 1024) {
    if (!e2e::RawSend(fd, std::string(size_line) + chunk + "\r\n")) break;
    sent += chunk.size();
  }
  e2e::RawSend(fd, "0\r\n\r\n");
  std::string head = ReadHead(fd);
  close(fd);
  EXPECT_EQ(e2e::RawStatus(head), 413) << head.substr(0, 200) << " after " << sent << " bytes";
  EXPECT_LT(sent, 8u * 1024 * 1024) << "the hub read the whole body";
}

TEST_F(EdgeLimitsTest, AChunkedBodyUnderTheLimitIsRead) {
  std::string body = R"({"app_version":"1.2.3","outbox_pending":3})";
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", body.size());
  std::string head = Exchange(RawPost("/api/v1/heartbeat",
                                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                                      std::string(size_line) + body + "\r\n0\r\n\r\n"));
  EXPECT_EQ(e2e::RawStatus(head), 200) << head;
}

// Finding 5: a 15 KiB gzip body inflated to 16 MiB and was accepted.
TEST_F(EdgeLimitsTest, AGzipBodyThatInflatesPastTheLimitIs413) {
  std::string bomb = GzipZeros(16u * 1024 * 1024);
  EXPECT_LT(bomb.size(), kMaxBodyBytes);
  auto c = Client();
  httplib::Headers h = Auth();
  h.emplace("Content-Encoding", "gzip");
  auto r = c.Post("/api/v1/heartbeat", h, bomb, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413) << r->body;
}

// Finding 7: with no Content-Length the hub waited 10 s for a body that RFC 9112 says is empty.
TEST_F(EdgeLimitsTest, APostWithNoLengthHasAnEmptyBodyAndIsAnsweredAtOnce) {
  std::string head = Exchange(RawPost("/api/v1/heartbeat", "", ""), 5);
  EXPECT_EQ(e2e::RawStatus(head), 200) << head;
}

// Finding 7: an invalid Content-Length waited 10 s and then got 413 instead of an immediate 400.
TEST_F(EdgeLimitsTest, AnInvalidContentLengthIs400AtOnce) {
  for (const char* length :
       {"-5", "18446744073709551616", "18446744073709551615", "12abc", "1 2", "0x10", "+5"}) {
    std::string head =
        Exchange(RawPost("/api/v1/heartbeat", std::string("Content-Length: ") + length + "\r\n", "{}"), 5);
    EXPECT_EQ(e2e::RawStatus(head), 400) << length << ": " << head;
  }
  // Two different lengths are ambiguous (request smuggling): refused too.
  std::string head =
      Exchange(RawPost("/api/v1/heartbeat", "Content-Length: 2\r\nContent-Length: 3\r\n", "{}"), 5);
  EXPECT_EQ(e2e::RawStatus(head), 400) << head;
}

TEST_F(EdgeLimitsTest, ADeclaredLengthPastTheLimitIs413AtOnce) {
  std::string head = Exchange(
      RawPost("/api/v1/heartbeat", "Content-Length: " + std::to_string(kMaxBodyBytes + 1) + "\r\n", ""), 5);
  EXPECT_EQ(e2e::RawStatus(head), 413) << head;
}

// Content codings other than gzip/deflate (br, unknown) are refused, not guessed at.
TEST_F(EdgeLimitsTest, AnUnknownContentEncodingIs415) {
  std::string head =
      Exchange(RawPost("/api/v1/heartbeat", "Content-Encoding: x-zip\r\nContent-Length: 2\r\n", "{}"));
  EXPECT_EQ(e2e::RawStatus(head), 415) << head;
}

// What the hub enforces is what it documents.
TEST(EdgeLimitsDocument, TheOpenApiFileStatesTheLimitTheHubEnforces) {
  std::ifstream in(std::string(CK_SOURCE_ASSETS_DIR) + "/../sync/openapi.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  ASSERT_FALSE(doc.empty());
  EXPECT_NE(doc.find("at most " + std::to_string(kMaxBodyBytes) + " bytes counted"), std::string::npos);
  EXPECT_NE(doc.find("larger than " + std::to_string(kMaxBodyBytes) + " bytes once decoded"),
            std::string::npos);
  EXPECT_EQ(HttpServerOptions{}.max_body_bytes, kMaxBodyBytes);
}

// Behind the front the client's address is X-Real-IP; from anyone else the header is a lie and ignored.
TEST(FrontPeer, XRealIpIsBelievedOnlyFromTheFront) {
  httplib::Request from_front;
  from_front.remote_addr = "127.0.0.1";
  from_front.headers.emplace("X-Real-IP", "203.0.113.7");
  EXPECT_EQ(ClientBehindFront(from_front), "203.0.113.7");
  httplib::Request direct;
  direct.remote_addr = "198.51.100.9";
  direct.headers.emplace("X-Real-IP", "203.0.113.7");
  EXPECT_EQ(ClientBehindFront(direct), "198.51.100.9");
  httplib::Request garbage = from_front;
  garbage.headers = {{"X-Real-IP", "203.0.113.7, 10.0.0.1"}};
  EXPECT_EQ(ClientBehindFront(garbage), "127.0.0.1");
  httplib::Request twice = from_front;
  twice.headers.emplace("X-Real-IP", "192.0.2.1");
  EXPECT_EQ(ClientBehindFront(twice), "127.0.0.1");
  httplib::Request v6;
  v6.remote_addr = "::1";
  v6.headers.emplace("X-Real-IP", "2001:db8::1");
  EXPECT_EQ(ClientBehindFront(v6), "2001:db8::1");
}

// The heartbeat's counts are range-checked as the wire gave them, and the refused count is kept.
TEST_F(EdgeLimitsTest, TheHeartbeatCarriesTheRefusedCountRangeChecked) {
  auto c = Client();
  for (const char* bad : {"18446744073709551615", "-1", "1000000001", "1.5", "\"3\""}) {
    auto r = c.Post("/api/v1/heartbeat", Auth(), std::string(R"({"outbox_refused":)") + bad + "}",
                    "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad << ": " << r->body;
  }
  auto r =
      c.Post("/api/v1/heartbeat", Auth(), R"({"outbox_pending":2,"outbox_refused":3})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto kiosks = repo_->ListKiosks();
  ASSERT_TRUE(kiosks.ok());
  ASSERT_EQ(kiosks->size(), 1u);
  EXPECT_EQ(kiosks->front().last_heartbeat.outbox_refused, 3);
  EXPECT_EQ(kiosks->front().last_heartbeat.outbox_pending, 2);
}

}  // namespace
}  // namespace ck::hub

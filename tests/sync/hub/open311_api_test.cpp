// The feedback HTTP API in process on 127.0.0.1: Open311 services and requests, exactly-once POSTs (also
// 20 at once), bad input as 4xx Open311 bodies, ratings, the status page, and operator/kiosk token
// separation.
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "sync/hub/api/http_support.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/api/http_server.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr const char* kForm = "application/x-www-form-urlencoded";

class Open311ApiTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    token_ = NewBearerSecret();
    KioskRecord k;
    k.device_id = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";
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
  httplib::Headers OperatorAuth() { return {{"Authorization", "Bearer " + operator_token_}}; }

  static std::string Form(const protocol::ServiceRequestSubmission& s) {
    httplib::Params params;
    for (auto& [k, v] : protocol::SubmissionToFormFields(s)) params.emplace(k, v);
    return httplib::detail::params_to_query_str(params);
  }
  protocol::ServiceRequestSubmission Submission() {
    auto s = testing::SampleSubmission();
    s.request_uuid = protocol::NewUuid();
    s.ticket_code = *protocol::DrawTicketCode(static_cast<std::uint32_t>(kiosk_number_));
    s.device_id = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";
    s.submitted_at = protocol::NowUtc() - 60;
    return s;
  }
  httplib::Result Post(const protocol::ServiceRequestSubmission& s) {
    auto c = Client();
    return c.Post("/requests.json", Auth(s.request_uuid), Form(s), kForm);
  }
  httplib::Result PostBatch(const std::string& body, const char* type = "application/json") {
    auto c = Client();
    return c.Post("/api/v1/requests/batch", Auth(), body, type);
  }
  std::vector<protocol::BatchItemResult> Results(const httplib::Result& r) {
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    auto results = protocol::ParseBatchResults(r->body);
    EXPECT_TRUE(results.ok()) << r->body;
    return results.ok() ? *results : std::vector<protocol::BatchItemResult>{};
  }
  // Makes a request that can be rated: assigned, replied to, resolved.
  std::string CodeOf(const std::string& id) { return (*repo_->FindRequest(id))->status.ticket_code; }
  std::string ResolvedRequest() {
    auto s = Submission();
    auto r = Post(s);
    EXPECT_TRUE(r && r->status == 201);
    AssignOrder order;
    order.agency = protocol::Agency::PropertyCompany;
    order.responsible = "物业服务中心 张经理";
    protocol::UnixSeconds now = protocol::NowUtc();
    EXPECT_TRUE(AssignRequest(*repo_, s.request_uuid, order, protocol::Agency::StreetOffice, now).ok());
    EXPECT_TRUE(ReplyToRequest(*repo_, s.request_uuid, "已处理", protocol::Agency::StreetOffice, now).ok());
    EXPECT_TRUE(SetRequestStatus(*repo_, s.request_uuid, protocol::RequestStatus::Resolved, "", protocol::Agency::StreetOffice, now).ok());
    return s.request_uuid;
  }

  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  int kiosk_number_ = 0;
  std::uint32_t next_seq_ = 1;
  std::string token_, operator_token_;
};
CK_STORE_BACKENDS(Open311ApiTest);

::testing::AssertionResult IsOpen311Error(const httplib::Result& r, int code) {
  if (!r) return ::testing::AssertionFailure() << "no answer";
  if (r->status != code) return ::testing::AssertionFailure() << "status " << r->status << ": " << r->body;
  auto d = protocol::ParseErrorDescription(r->body);
  if (!d || d->empty()) return ::testing::AssertionFailure() << "not an Open311 error: " << r->body;
  return ::testing::AssertionSuccess();
}

TEST_P(Open311ApiTest, ServicesArePublicAndDefinitionsExist) {
  auto c = Client();
  auto list = c.Get("/services.json");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  auto services = protocol::ParseServiceList(list->body);
  ASSERT_TRUE(services.ok()) << services.error();
  EXPECT_EQ(services->size(), 8u);
  // A kiosk caches the list: an unchanged list is a 304.
  std::string etag = list->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/services.json", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto def = c.Get("/services/noise.json");
  ASSERT_TRUE(def);
  EXPECT_EQ(def->status, 200);
  EXPECT_EQ(json::parse(def->body), (json{{"service_code", "noise"}, {"attributes", json::array()}}));
  EXPECT_TRUE(IsOpen311Error(c.Get("/services/unicorns.json"), 404));
  EXPECT_TRUE(IsOpen311Error(c.Post("/services.json", "", kForm), 405));
}

TEST_P(Open311ApiTest, HeartbeatTellsTheKioskItsNumber) {
  auto c = Client();
  auto r = c.Post("/api/v1/heartbeat", Auth(), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["kiosk_number"], kiosk_number_);
  EXPECT_GE(kiosk_number_, 1);
}

TEST_P(Open311ApiTest, ASubmissionIsStoredAndItsStatusCanBeRead) {
  auto s = Submission();
  auto r = Post(s);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  auto ack = protocol::ParseSubmissionAck(r->body);
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->service_request_id, s.request_uuid);
  EXPECT_EQ(ack->ticket_code, s.ticket_code);
  EXPECT_EQ(json::parse(r->body)[0]["account_id"], nullptr);

  auto c = Client();
  auto got = c.Get(("/requests.json?service_request_id=" + s.request_uuid).c_str(), Auth());
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body;
  auto list = protocol::ParseStatusList(got->body);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].status, protocol::RequestStatus::Submitted);
  EXPECT_EQ((*list)[0].service_name, "环境卫生");
  EXPECT_EQ((*list)[0].ticket_code, s.ticket_code);
  EXPECT_EQ(got->body.find("13812341234"), std::string::npos);  // never the phone

  // By ticket code, as a resident looks it up at another kiosk.
  auto by_code = c.Get(("/requests.json?ticket_code=" + s.ticket_code).c_str(), Auth());
  ASSERT_TRUE(by_code);
  EXPECT_EQ(protocol::ParseStatusList(by_code->body)->at(0).service_request_id, s.request_uuid);
  auto one = c.Get(("/requests/" + s.request_uuid + ".json").c_str(), Auth());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(one->body, got->body);
  auto token = c.Get(("/tokens/" + s.request_uuid + ".json").c_str(), Auth());
  ASSERT_TRUE(token);
  EXPECT_EQ(json::parse(token->body)[0]["service_request_id"], s.request_uuid);
  EXPECT_TRUE(IsOpen311Error(c.Get(("/tokens/" + protocol::NewUuid() + ".json").c_str(), Auth()), 404));
  EXPECT_TRUE(IsOpen311Error(c.Get(("/requests/" + protocol::NewUuid() + ".json").c_str(), Auth()), 404));
  EXPECT_TRUE(IsOpen311Error(c.Get("/requests/42.json", Auth()), 400));
  EXPECT_TRUE(IsOpen311Error(c.Get("/requests.json"), 401));

  // An operator's change shows in the next poll, with a newer updated_datetime.
  AssignOrder order;
  order.agency = protocol::Agency::ResidentsCommittee;
  order.responsible = "居委会 李主任";
  ASSERT_TRUE(AssignRequest(*repo_, s.request_uuid, order, protocol::Agency::StreetOffice, protocol::NowUtc() + 5).ok());
  auto after = c.Get(("/requests.json?service_request_id=" + s.request_uuid).c_str(), Auth());
  auto updated = protocol::ParseStatusList(after->body);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ((*updated)[0].status, protocol::RequestStatus::Assigned);
  EXPECT_EQ((*updated)[0].agency_responsible, "居委会 李主任");
  EXPECT_GT((*updated)[0].updated_at, (*list)[0].updated_at);
}

TEST_P(Open311ApiTest, TheSameKeyTwiceGivesTheSameBodyAndOneRequest) {
  auto s = Submission();
  auto first = Post(s);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201);
  // A retry after a lost answer, even with a different body (say, a kiosk bug): the original answer.
  auto changed = s;
  changed.description = "别的内容";
  changed.ticket_code = *protocol::MakeTicketCode({5, 5});
  auto second = Post(changed);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(repo_->QueryRequests({})->size(), 1u);
  EXPECT_EQ((*repo_->FindRequest(s.request_uuid))->description, "垃圾未及时清运");
}

TEST_P(Open311ApiTest, TwentyConcurrentPostsWithOneKeyMakeOneRequest) {
  auto s = Submission();
  std::string body = Form(s);
  std::vector<std::string> answers(20);
  std::vector<int> statuses(20);
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      // No retries: with the raised listen backlog every one of the 20 connections is answered.
      auto c = Client();
      auto r = c.Post("/requests.json", Auth(s.request_uuid), body, kForm);
      if (!r) {
        answers[static_cast<size_t>(i)] = "client error " + httplib::to_string(r.error());
        return;
      }
      statuses[static_cast<size_t>(i)] = r->status;
      answers[static_cast<size_t>(i)] = r->body;
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(statuses[static_cast<size_t>(i)], 201);
    EXPECT_EQ(answers[static_cast<size_t>(i)], answers[0]);
  }
  EXPECT_EQ(repo_->QueryRequests({})->size(), 1u);
}

TEST_P(Open311ApiTest, ABatchOfAHundredStoresAHundredAndAReplayStoresNothing) {
  std::vector<protocol::ServiceRequestSubmission> subs;
  for (int i = 0; i < 100; ++i) subs.push_back(Submission());
  std::string body = protocol::SubmissionBatchToJson(subs);
  auto first = Results(PostBatch(body));
  ASSERT_EQ(first.size(), 100u);
  for (std::size_t i = 0; i < subs.size(); ++i) {
    EXPECT_EQ(first[i].idempotency_key, subs[i].request_uuid);
    EXPECT_EQ(first[i].status, 201) << first[i].body;
    auto ack = protocol::ParseSubmissionAck(first[i].body);
    ASSERT_TRUE(ack.ok()) << first[i].body;
    EXPECT_EQ(ack->service_request_id, subs[i].request_uuid);
    EXPECT_EQ(ack->ticket_code, subs[i].ticket_code);
  }
  EXPECT_EQ(repo_->QueryRequests({})->size(), 100u);
  // A retry after a lost answer: the same answers, byte for byte, and no new rows.
  EXPECT_EQ(Results(PostBatch(body)), first);
  EXPECT_EQ(repo_->QueryRequests({})->size(), 100u);
  // And a single POST of a batched item replays the batch's answer: one exactly-once rule for both.
  auto single = Post(subs[7]);
  ASSERT_TRUE(single);
  EXPECT_EQ(single->status, 201);
  EXPECT_EQ(single->body, first[7].body);
}

TEST_P(Open311ApiTest, ABatchAnswersEachItemAsTheSinglePostWould) {
  auto good1 = Submission(), bad = Submission(), unknown = Submission(), good2 = Submission();
  bad.description.clear();
  unknown.service_code = "nonesuch";
  auto earlier = Post(good2);  // already delivered singly, its answer lost
  ASSERT_TRUE(earlier && earlier->status == 201);
  auto results = Results(PostBatch(protocol::SubmissionBatchToJson({good1, bad, unknown, good2, good1})));
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].status, 201);
  // The bad items get exactly the single POST's answer; the others are not affected.
  auto single_bad = Post(bad);
  ASSERT_TRUE(single_bad);
  EXPECT_EQ(results[1].status, single_bad->status);
  EXPECT_EQ(results[1].body, single_bad->body);
  auto single_unknown = Post(unknown);
  ASSERT_TRUE(single_unknown);
  EXPECT_EQ(results[2].status, 400);
  EXPECT_EQ(results[2].body, single_unknown->body);
  EXPECT_EQ(results[3].status, 201);
  EXPECT_EQ(results[3].body, earlier->body);
  // The same key twice in one batch: one request, and both answers are the same.
  EXPECT_EQ(results[4].status, 201);
  EXPECT_EQ(results[4].body, results[0].body);
  EXPECT_EQ(repo_->QueryRequests({})->size(), 2u);
}

TEST_P(Open311ApiTest, ABatchItemWithAMalformedFieldOrNoKeyIsRefusedAlone) {
  auto good = Submission();
  json body = json::parse(protocol::SubmissionBatchToJson({good, Submission(), Submission()}));
  body["requests"][1]["description"] = 42;
  body["requests"][2].erase("idempotency_key");
  body["requests"][2].erase("request_uuid");
  auto results = Results(PostBatch(body.dump()));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].status, 201);
  EXPECT_EQ(results[1].status, 400);
  EXPECT_TRUE(protocol::ParseErrorDescription(results[1].body));
  EXPECT_EQ(results[2].status, 400);
  EXPECT_EQ(repo_->QueryRequests({})->size(), 1u);
}

TEST_P(Open311ApiTest, ABadBatchIsA4xxWithAnOpen311Body) {
  std::vector<protocol::ServiceRequestSubmission> many;
  for (int i = 0; i < 101; ++i) many.push_back(Submission());
  EXPECT_TRUE(IsOpen311Error(PostBatch(protocol::SubmissionBatchToJson(many)), 400));
  EXPECT_TRUE(IsOpen311Error(PostBatch("{\"requests\":["), 400));
  EXPECT_TRUE(IsOpen311Error(PostBatch("{}"), 400));
  EXPECT_TRUE(IsOpen311Error(PostBatch(protocol::SubmissionBatchToJson({Submission()}), kForm), 400));
  auto c = Client();
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/requests/batch", protocol::SubmissionBatchToJson({Submission()}), "application/json"),
      401));
  EXPECT_TRUE(IsOpen311Error(c.Get("/api/v1/requests/batch", Auth()), 405));
  EXPECT_EQ(repo_->QueryRequests({})->size(), 0u);
}

TEST_P(Open311ApiTest, TheSameKeyInConcurrentBatchesMakesOneRequest) {
  auto shared = Submission();
  std::vector<std::vector<protocol::BatchItemResult>> answers(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    std::string body = protocol::SubmissionBatchToJson({Submission(), shared, Submission()});
    threads.emplace_back([&, i, body] {
      auto c = Client();
      auto r = c.Post("/api/v1/requests/batch", Auth(), body, "application/json");
      if (r && r->status == 200)
        if (auto parsed = protocol::ParseBatchResults(r->body)) answers[static_cast<size_t>(i)] = *parsed;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& a : answers) {
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[1].status, 201);
    EXPECT_EQ(a[1].body, answers[0][1].body);
  }
  EXPECT_EQ(repo_->QueryRequests({})->size(), 17u);
}

TEST_P(Open311ApiTest, CollidingOrMissingTicketCodesAreAssignedAndEchoed) {
  auto a = Submission();
  ASSERT_EQ(Post(a)->status, 201);
  auto b = Submission();
  b.ticket_code = a.ticket_code;
  auto r = Post(b);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201);
  auto ack = *protocol::ParseSubmissionAck(r->body);
  EXPECT_NE(ack.ticket_code, a.ticket_code);
  EXPECT_EQ(protocol::ParseTicketCode(ack.ticket_code)->kiosk_number, 0u);
  EXPECT_EQ((*repo_->FindRequest(b.request_uuid))->status.ticket_code, ack.ticket_code);

  // A plain Open311 client: no key, no ticket code, api_key in the form.
  auto c = Client();
  auto plain =
      c.Post("/requests.json",
             "service_code=noise&description=%E5%A4%9C%E9%97%B4%E5%99%AA%E9%9F%B3&api_key=" + token_, kForm);
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 201) << plain->body;
  auto plain_ack = *protocol::ParseSubmissionAck(plain->body);
  EXPECT_TRUE(protocol::IsUuid(plain_ack.service_request_id));
  EXPECT_EQ(protocol::ParseTicketCode(plain_ack.ticket_code)->kiosk_number, 0u);
  EXPECT_EQ((*repo_->FindRequest(plain_ack.service_request_id))->description, "夜间噪音");
}

TEST_P(Open311ApiTest, BadInputGets4xxWithAnOpen311BodyNeverA5xx) {
  auto good = Submission();
  std::string form = Form(good);
  struct Case {
    std::string name, body, content_type;
    httplib::Headers headers;
    int status;
  };
  std::string key = protocol::NewUuid();
  std::vector<Case> cases = {
      {"unknown service", "service_code=unicorns&description=x", kForm, Auth(), 400},
      {"no service", "description=x", kForm, Auth(), 400},
      {"no description", "service_code=noise", kForm, Auth(), 400},
      {"broken UTF-8", "service_code=noise&description=%E5%9E", kForm, Auth(), 400},
      {"invalid UTF-8", "service_code=noise&description=%FF%FE", kForm, Auth(), 400},
      {"too long", "service_code=noise&description=" + std::string(2001, 'x'), kForm, Auth(), 400},
      {"json body", R"({"service_code":"noise","description":"x"})", "application/json", Auth(), 400},
      {"gbk form", "service_code=noise&description=x", std::string(kForm) + "; charset=gbk", Auth(), 400},
      {"bad phone", "service_code=noise&description=x&phone=138-1234", kForm, Auth(), 400},
      {"bad ticket", "service_code=noise&description=x&ticket_code=AAAA-AAAB", kForm, Auth(), 400},
      {"bad kind", "service_code=noise&description=x&kind=rant", kForm, Auth(), 400},
      {"bad time", "service_code=noise&description=x&submitted_at=today", kForm, Auth(), 400},
      {"bad key", "service_code=noise&description=x", kForm, Auth("not-a-uuid"), 400},
      {"key differs", form, kForm, Auth(key), 400},
      {"repeated field", "service_code=noise&service_code=other&description=x", kForm, Auth(), 400},
      {"no token", form, kForm, {}, 401},
      {"operator token", form, kForm, OperatorAuth(), 401},
  };
  auto c = Client();
  for (const auto& tc : cases) {
    auto r = c.Post("/requests.json", tc.headers, tc.body, tc.content_type.c_str());
    EXPECT_TRUE(IsOpen311Error(r, tc.status)) << tc.name;
  }
  // 10 MB: refused by size before anything is parsed.
  auto huge =
      c.Post("/requests.json", Auth(), "service_code=noise&description=" + std::string(10 << 20, 'x'), kForm);
  if (huge) {  // or the connection is cut mid-upload: also no 5xx
    EXPECT_TRUE(IsOpen311Error(huge, 413));
  }
  EXPECT_TRUE(IsOpen311Error(c.Get("/requests.json?service_request_id=42", Auth()), 400));
  EXPECT_TRUE(IsOpen311Error(c.Get("/requests.json?status=pending", Auth()), 400));
  EXPECT_TRUE(IsOpen311Error(c.Get("/requests.json?start_date=soon", Auth()), 400));
  EXPECT_TRUE(IsOpen311Error(c.Get("/tokens/nope.json", Auth()), 400));
  EXPECT_EQ(repo_->QueryRequests({})->size(), 0u);
}

TEST_P(Open311ApiTest, HostilePathsAndParametersNeverGetA5xx) {
  auto c = Client();
  for (const char* path : {"/services/%FF.json", "/services/%00.json", "/services/..%2F..%2Fetc.json",
                           "/requests/%FF.json", "/tokens/%E5%9E.json", "/t/%FF", "/t/", "/t/%00%00",
                           "/t/AAAA-AAAA-AAAA-AAAA", "/requests.json?service_code=%FF",
                           "/requests.json?ticket_code=%E5%9E", "/requests.json?service_request_id=%2C%2C%2C",
                           "/requests.json?end_date=2026-13-45T99:99:99Z", "/api/v1/operator/requests/%FF"}) {
    for (const httplib::Headers& h : {Auth(), OperatorAuth()}) {
      auto r = c.Get(path, h);
      ASSERT_TRUE(r) << path;
      EXPECT_GE(r->status, 200) << path;
      EXPECT_LT(r->status, 500) << path << " " << r->body;
    }
  }
  for (const char* body : {"", "=", "&&&", "%", "service_code", "service_code=%FF%FE&description=x",
                           "description=x&service_code=noise&ticket_code=%00"}) {
    auto r = c.Post("/requests.json", Auth(), body, kForm);
    ASSERT_TRUE(r) << body;
    EXPECT_TRUE(IsOpen311Error(r, 400)) << body;
  }
  for (const char* body : {"", "null", "[]", "{\"rating_uuid\":1}", "{\"score\":\"5\"}", "\xff"}) {
    auto r = c.Post("/api/v1/ratings", Auth(), body, "application/json");
    ASSERT_TRUE(r) << body;
    EXPECT_TRUE(IsOpen311Error(r, 400)) << body;
  }
  for (const char* body : {"", "null", "{\"status\":5}", "{\"status\":\"closed\",\"note\":\"\xff\"}"}) {
    auto r =
        c.Post("/api/v1/operator/requests/3K7M-XQ9R-4TWBR/status", OperatorAuth(), body, "application/json");
    ASSERT_TRUE(r) << body;
    EXPECT_GE(r->status, 400) << body;
    EXPECT_LT(r->status, 500) << body << " " << r->body;
  }
}

TEST_P(Open311ApiTest, RatingsAreExactlyOnceAndOnlyForResolvedRequests) {
  auto c = Client();
  auto open = Submission();
  ASSERT_EQ(Post(open)->status, 201);
  protocol::Rating early{protocol::NewUuid(), open.request_uuid, open.ticket_code, 5, "satisfied", "", 0};
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/ratings", Auth(early.rating_uuid), protocol::RatingToJson(early), "application/json"),
      409));

  std::string id = ResolvedRequest();
  protocol::Rating low{protocol::NewUuid(), id, CodeOf(id), 1, "unresolved", "还是很脏", 0};
  auto r = c.Post("/api/v1/ratings", Auth(low.rating_uuid), protocol::RatingToJson(low), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["detailed_status"], "reopened");
  auto again =
      c.Post("/api/v1/ratings", Auth(low.rating_uuid), protocol::RatingToJson(low), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(again->body, r->body);
  auto rec = **repo_->FindRequest(id);
  EXPECT_EQ(rec.status.status, protocol::RequestStatus::Reopened);
  EXPECT_TRUE(rec.flagged);

  std::string id2 = ResolvedRequest();
  protocol::Rating good{protocol::NewUuid(), id2, CodeOf(id2), 5, "satisfied", "", 0};
  auto closed = c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(good), "application/json");
  ASSERT_TRUE(closed);
  EXPECT_EQ(json::parse(closed->body)["detailed_status"], "closed");

  EXPECT_TRUE(IsOpen311Error(c.Post("/api/v1/ratings", Auth(), "{", "application/json"), 400));
  EXPECT_TRUE(IsOpen311Error(c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(good), kForm), 400));
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/ratings", Auth(protocol::NewUuid()), protocol::RatingToJson(good), "application/json"),
      400));
  protocol::Rating nowhere{
      protocol::NewUuid(), protocol::NewUuid(), *protocol::DrawTicketCode(3), 5, "", "", 0};
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(nowhere), "application/json"), 404));
  // The code is the proof of holding the ticket: an id alone (kiosks' status lists carry ids) rates nothing.
  protocol::Rating no_code{protocol::NewUuid(), ResolvedRequest(), "", 1, "unresolved", "", 0};
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(no_code), "application/json"), 400));
  // A wrong code for a known id answers exactly as an unknown code does.
  protocol::Rating wrong_code = no_code;
  wrong_code.rating_uuid = protocol::NewUuid();
  wrong_code.ticket_code = *protocol::DrawTicketCode(3);
  auto wrong = c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(wrong_code), "application/json");
  EXPECT_TRUE(IsOpen311Error(wrong, 404));
  auto unknown = c.Post("/api/v1/ratings", Auth(), protocol::RatingToJson(nowhere), "application/json");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/ratings", OperatorAuth(), protocol::RatingToJson(good), "application/json"), 401));
}

TEST_P(Open311ApiTest, TheStatusPageShowsTheTicketButNotThePhone) {
  auto s = Submission();
  s.description = "<img src=x onerror=alert(1)> 楼道堆放杂物";
  ASSERT_EQ(Post(s)->status, 201);
  auto c = Client();
  std::string typed = s.ticket_code;
  typed.erase(4, 1);
  auto page = c.Get(("/t/" + typed).c_str());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(page->body.find("13812341234"), std::string::npos);
  EXPECT_EQ(page->body.find("<img"), std::string::npos);
  EXPECT_NE(page->body.find("&lt;img src=x onerror=alert(1)&gt; 楼道堆放杂物"), std::string::npos);
  EXPECT_NE(page->body.find(s.ticket_code), std::string::npos);

  std::string mistyped = s.ticket_code;
  mistyped.back() = mistyped.back() == 'A' ? 'B' : 'A';
  auto bad = c.Get(("/t/" + mistyped).c_str());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 404);
  EXPECT_NE(bad->body.find("输错"), std::string::npos);
  auto unknown = c.Get(("/t/" + *protocol::MakeTicketCode({900, 1})).c_str());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->body.find("未找到"), std::string::npos);
}

TEST_P(Open311ApiTest, TheOperatorApiTakesOperatorTokensOnly) {
  auto s = Submission();
  ASSERT_EQ(Post(s)->status, 201);
  auto c = Client();
  EXPECT_TRUE(IsOpen311Error(c.Get("/api/v1/operator/requests", Auth()), 401));
  EXPECT_TRUE(IsOpen311Error(c.Get("/api/v1/operator/requests"), 401));
  EXPECT_TRUE(IsOpen311Error(c.Get(("/api/v1/operator/requests?api_key=" + operator_token_).c_str()), 401));
  // And the kiosk API takes no operator token, except Open311's request search, where the city reads
  // the full record (OperatorsReadWhatResidentsWrote… below).
  EXPECT_TRUE(IsOpen311Error(c.Get("/api/v1/feed", OperatorAuth()), 401));
  EXPECT_TRUE(IsOpen311Error(c.Get("/requests.json", {{"Authorization", "Bearer not-a-token"}}), 401));

  auto list = c.Get("/api/v1/operator/requests", OperatorAuth());
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  auto arr = json::parse(list->body);
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(arr[0]["phone"], "13812341234");  // the operator may call back
  EXPECT_EQ(arr[0]["flagged"], false);

  std::string base = "/api/v1/operator/requests/" + s.ticket_code;
  auto refused =
      c.Post((base + "/status").c_str(), OperatorAuth(), R"({"status":"resolved"})", "application/json");
  EXPECT_TRUE(IsOpen311Error(refused, 409));
  auto assigned = c.Post((base + "/assign").c_str(), OperatorAuth(),
                         R"({"agency":"property_company","responsible":"物业服务中心 张经理",)"
                         R"("expected_at":"2099-01-01T00:00:00Z","note":"今天处理"})",
                         "application/json");
  ASSERT_TRUE(assigned);
  ASSERT_EQ(assigned->status, 200) << assigned->body;
  EXPECT_EQ(json::parse(assigned->body)["detailed_status"], "assigned");
  EXPECT_EQ(json::parse(assigned->body)["expected_datetime"], "2099-01-01T00:00:00Z");
  auto replied =
      c.Post((base + "/reply").c_str(), OperatorAuth(), R"({"text":"已清运"})", "application/json");
  ASSERT_TRUE(replied);
  EXPECT_EQ(replied->status, 200) << replied->body;
  auto resolved =
      c.Post((base + "/status").c_str(), OperatorAuth(), R"({"status":"resolved"})", "application/json");
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->status, 200) << resolved->body;
  auto closed = c.Post((base + "/close").c_str(), OperatorAuth(), "", "application/json");
  ASSERT_TRUE(closed);
  EXPECT_EQ(json::parse(closed->body)["detailed_status"], "closed");

  EXPECT_TRUE(IsOpen311Error(
      c.Post((base + "/assign").c_str(), OperatorAuth(), R"({"agency":"mayor"})", "application/json"), 400));
  EXPECT_TRUE(
      IsOpen311Error(c.Post((base + "/reply").c_str(), OperatorAuth(), "[1]", "application/json"), 400));
  EXPECT_TRUE(IsOpen311Error(
      c.Post("/api/v1/operator/requests/nope/close", OperatorAuth(), "", "application/json"), 404));
  EXPECT_TRUE(IsOpen311Error(c.Get((base + "/close").c_str(), OperatorAuth()), 405));

  auto show = c.Get(base.c_str(), OperatorAuth());
  ASSERT_TRUE(show);
  EXPECT_EQ(json::parse(show->body)["history"].size(), 5u);
  auto kiosks = c.Get("/api/v1/operator/kiosks", OperatorAuth());
  ASSERT_TRUE(kiosks);
  EXPECT_EQ(json::parse(kiosks->body)[0]["kiosk_number"], kiosk_number_);
  auto satisfaction = c.Get("/api/v1/operator/satisfaction", OperatorAuth());
  ASSERT_TRUE(satisfaction);
  EXPECT_EQ(satisfaction->status, 200);
  EXPECT_EQ(json::parse(satisfaction->body)["ratings"], 0);
}

// A kiosk's own number (or 0) is kept; a code of another kiosk number is always drawn afresh, taken or not,
// so "kept" versus "reassigned" never tells whether someone else's code exists.
TEST_P(Open311ApiTest, ACodeOfAnotherKioskNumberIsAlwaysDrawnAfresh) {
  auto foreign = Submission();
  foreign.ticket_code = *protocol::DrawTicketCode(kiosk_number_ == 7 ? 8 : 7);
  auto r = Post(foreign);
  ASSERT_TRUE(r && r->status == 201);
  auto ack = protocol::ParseSubmissionAck(r->body);
  ASSERT_TRUE(ack.ok());
  EXPECT_NE(ack->ticket_code, foreign.ticket_code);
  EXPECT_EQ(protocol::ParseTicketCode(ack->ticket_code)->kiosk_number, 0u);
  for (std::uint32_t number : {static_cast<std::uint32_t>(kiosk_number_), 0u}) {
    auto own = Submission();
    own.ticket_code = *protocol::DrawTicketCode(number);
    auto kept = Post(own);
    ASSERT_TRUE(kept && kept->status == 201);
    EXPECT_EQ(protocol::ParseSubmissionAck(kept->body)->ticket_code, own.ticket_code);
  }
}

}  // namespace
}  // namespace ck::hub

// ---- Work orders on the Open311 face ----------------------------------------------------------------------
namespace ck::hub {
namespace {

TEST_P(Open311ApiTest, OperatorsReadWhatResidentsWroteKiosksDoNotAndRevokedTokensStop) {
  auto s = Submission();
  s.description = "地下车库B2层漏水，已积水";
  ASSERT_EQ(Post(s)->status, 201);
  auto c = Client();
  std::string path = "/requests.json?service_request_id=" + s.request_uuid;
  auto kiosk = c.Get(path.c_str(), Auth());
  ASSERT_TRUE(kiosk && kiosk->status == 200) << (kiosk ? kiosk->body : "no answer");
  EXPECT_EQ(kiosk->body.find("地下车库B2层漏水"), std::string::npos) << "a kiosk keeps today's privacy";
  auto city = c.Get(path.c_str(), OperatorAuth());
  ASSERT_TRUE(city && city->status == 200) << (city ? city->body : "no answer");
  json arr = json::parse(city->body);
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(arr[0]["description"], "地下车库B2层漏水，已积水");
  EXPECT_EQ(arr[0]["channel"], "kiosk");
  EXPECT_EQ(city->body.find("13812341234"), std::string::npos) << "never the phone number";

  ASSERT_TRUE(repo_->RevokeOperator("街道", HubNow()).ok());
  EXPECT_TRUE(IsOpen311Error(c.Get(path.c_str(), OperatorAuth()), 401));
  EXPECT_TRUE(IsOpen311Error(c.Get("/api/v1/operator/requests", OperatorAuth()), 401));
}

// The two bearer parsers used to disagree: the operator's view on /requests.json took only "Bearer " and
// "bearer ", while the kiosk routes took the scheme in any case. There is one parser now (BearerToken).
TEST(BearerTokenTest, TheSchemeIsCaseInsensitiveAndTheTokenIsKeptAsSent) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer abc"), "abc");
  EXPECT_EQ(BearerToken("BEARER AbC"), "AbC");
  EXPECT_EQ(BearerToken("bEaReR abc"), "abc");
  EXPECT_EQ(BearerToken("Bearer "), std::nullopt);
  EXPECT_EQ(BearerToken("Basic abc"), std::nullopt);
  EXPECT_EQ(BearerToken("Bearerabc"), std::nullopt);
  EXPECT_EQ(BearerToken(""), std::nullopt);
}

TEST_P(Open311ApiTest, TheOperatorsViewTakesTheBearerSchemeInAnyCaseLikeEveryOtherRoute) {
  auto s = Submission();
  s.description = "三号楼电梯异响";
  ASSERT_EQ(Post(s)->status, 201);
  auto c = Client();
  std::string path = "/requests.json?service_request_id=" + s.request_uuid;
  for (std::string scheme : {"BEARER ", "bEaReR "}) {
    auto city = c.Get(path.c_str(), {{"Authorization", scheme + operator_token_}});
    ASSERT_TRUE(city && city->status == 200) << scheme;
    EXPECT_NE(city->body.find("三号楼电梯异响"), std::string::npos) << scheme << "is an operator's token too";
    auto list = c.Get("/api/v1/operator/requests", {{"Authorization", scheme + operator_token_}});
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 200) << scheme;
  }
}

TEST_P(Open311ApiTest, TheStatusPageSaysTheStreetOfficeIsSupervising) {
  protocol::UnixSeconds filed = protocol::NowUtc() - 10 * 86400;
  RequestRecord r = testing::FileRequest(*repo_, testing::SampleSubmission(), filed);
  AssignOrder order;
  order.agency = protocol::Agency::PropertyCompany;
  order.responsible = "物业服务中心 张经理";
  ASSERT_TRUE(DispatchRequest(*repo_, r.status.service_request_id, order, protocol::Agency::StreetOffice, filed + 3600).ok());
  auto c = Client();
  auto before = c.Get(("/t/" + r.status.ticket_code).c_str());
  ASSERT_TRUE(before && before->status == 200);
  EXPECT_EQ(before->body.find("正在督办"), std::string::npos);
  ASSERT_TRUE(SuperviseRequest(*repo_, r.status.service_request_id, "请今日答复居民", protocol::Agency::StreetOffice, protocol::NowUtc()).ok());
  auto after = c.Get(("/t/" + r.status.ticket_code).c_str());
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_NE(after->body.find("街道办事处正在督办此事"), std::string::npos);
  EXPECT_NE(after->body.find("督办：请今日答复居民"), std::string::npos);
}

}  // namespace
}  // namespace ck::hub

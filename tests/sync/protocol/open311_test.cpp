// Open311 codec: standard clients' shapes accepted, our extensions round-trip, hostile input rejected.
#include "sync/protocol/open311.h"

#include <gtest/gtest.h>

#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

namespace ck::protocol {
namespace {

ServiceRequestSubmission SampleSubmission() {
  ServiceRequestSubmission s;
  s.request_uuid = NewUuid();
  s.ticket_code = *MakeTicketCode({5, 17});
  s.service_code = "sanitation";
  s.kind = FeedbackKind::Complaint;
  s.address_string = "3号楼2单元5层";
  s.description = "垃圾未及时清运；楼道有异味";
  s.phone = "13812341234";
  s.device_id = NewUuid();
  s.submitted_at = 1'764'000'000;
  return s;
}

std::multimap<std::string, std::string> ToForm(const ServiceRequestSubmission& s) {
  std::multimap<std::string, std::string> form;
  for (auto& [k, v] : SubmissionToFormFields(s)) form.emplace(k, v);
  return form;
}

TEST(Open311Test, SubmissionRoundTripsThroughFormFields) {
  auto s = SampleSubmission();
  auto back = SubmissionFromFormFields(ToForm(s));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, s);
}

TEST(Open311Test, BatchRoundTripsToTheSameFormsTheSinglePostSends) {
  std::vector<ServiceRequestSubmission> subs = {SampleSubmission(), SampleSubmission()};
  subs[1].phone.clear();
  auto items = ParseSubmissionBatch(SubmissionBatchToJson(subs));
  ASSERT_TRUE(items.ok()) << items.error();
  ASSERT_EQ(items->size(), 2u);
  for (std::size_t i = 0; i < subs.size(); ++i) {
    EXPECT_EQ((*items)[i].idempotency_key, subs[i].request_uuid);
    EXPECT_TRUE((*items)[i].error.empty());
    EXPECT_EQ((*items)[i].form, ToForm(subs[i]));
    auto back = SubmissionFromFormFields((*items)[i].form);
    ASSERT_TRUE(back.ok()) << back.error();
    EXPECT_EQ(*back, subs[i]);
  }
}

TEST(Open311Test, BatchRefusesWholeOnlyWhenItsShapeIsWrong) {
  std::vector<ServiceRequestSubmission> many(kMaxBatchItems + 1, SampleSubmission());
  EXPECT_FALSE(ParseSubmissionBatch(SubmissionBatchToJson(many)).ok());
  many.pop_back();
  EXPECT_TRUE(ParseSubmissionBatch(SubmissionBatchToJson(many)).ok());
  for (const char* body : {"", "[]", "{}", R"({"requests":{}})", R"({"requests":[]})", R"({"requests":[1]})",
                           R"({"requests":[{"a":"b"})"})
    EXPECT_FALSE(ParseSubmissionBatch(body).ok()) << body;

  // A bad item is only that item's problem: one with a non-string field, one failing validation.
  auto items = ParseSubmissionBatch(
      R"({"requests":[{"service_code":"noise","description":"x","idempotency_key":"k1"},)"
      R"({"service_code":"noise","description":5,"idempotency_key":"k2"},)"
      R"({"service_code":"noise","idempotency_key":"k3"}]})");
  ASSERT_TRUE(items.ok()) << items.error();
  ASSERT_EQ(items->size(), 3u);
  EXPECT_TRUE(SubmissionFromFormFields((*items)[0].form).ok());
  EXPECT_EQ((*items)[1].error, "description: must be a string");
  EXPECT_TRUE((*items)[2].error.empty());
  EXPECT_FALSE(SubmissionFromFormFields((*items)[2].form).ok());
}

TEST(Open311Test, BatchResultsRoundTripAndRefuseGarbage) {
  std::vector<BatchItemResult> results = {
      {"k1", 201, SubmissionAckToJson({"id-1", "", "AB12-CD34"})},
      {"k2", 400, ErrorBodyJson(400, "description: required")},
  };
  auto back = ParseBatchResults(BatchResultsToJson(results));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, results);
  // A body embedded as JSON is accepted as its text.
  auto embedded = ParseBatchResults(R"({"results":[{"idempotency_key":"k","status":201,"body":[{"a":1}]}]})");
  ASSERT_TRUE(embedded.ok());
  EXPECT_EQ((*embedded)[0].body, R"([{"a":1}])");
  for (const char* body : {"", "[]", R"({"results":[{"idempotency_key":"k","status":201}]})",
                           R"({"results":[{"idempotency_key":"k","status":"201","body":""}]})",
                           R"({"results":[{"idempotency_key":"k","status":99,"body":""}]})",
                           R"({"results":[{"status":201,"body":""}]})", R"({"results":[{"idem)"})
    EXPECT_FALSE(ParseBatchResults(body).ok()) << body;
}

TEST(Open311Test, AcceptsAPlainOpen311Form) {
  std::multimap<std::string, std::string> form = {{"service_code", "parking"},
                                                  {"description", "Car blocking the fire lane"},
                                                  {"lat", "30.27"},
                                                  {"long", "120.15"}};
  auto s = SubmissionFromFormFields(form);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->kind, FeedbackKind::Complaint);
  EXPECT_TRUE(s->ticket_code.empty());
}

TEST(Open311Test, RejectsBadSubmissions) {
  auto expect_rejected = [](auto mutate, const char* field) {
    auto form = ToForm(SampleSubmission());
    mutate(form);
    auto r = SubmissionFromFormFields(form);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_NE(r.error().find(field), std::string::npos) << r.error();
  };
  expect_rejected([](auto& f) { f.erase("service_code"); }, "service_code");
  expect_rejected([](auto& f) { f.erase("description"); }, "description");
  expect_rejected([](auto& f) { f.find("description")->second = std::string(10 << 20, 'x'); }, "description");
  expect_rejected([](auto& f) { f.find("description")->second = "\xe5\x81"; }, "description");
  expect_rejected([](auto& f) { f.find("phone")->second = "138-1234"; }, "phone");
  expect_rejected(
      [](auto& f) {
        std::string& code = f.find("ticket_code")->second;
        code.back() = code.back() == 'Z' ? 'Y' : 'Z';  // a wrong check symbol
      },
      "ticket_code");
  expect_rejected([](auto& f) { f.find("kind")->second = "rant"; }, "kind");
  expect_rejected([](auto& f) { f.find("request_uuid")->second = "1"; }, "request_uuid");
}

TEST(Open311Test, AckAcceptsIdTokenOrNumericId) {
  SubmissionAck ack{.service_request_id = "r-1", .token = "", .ticket_code = "X"};
  EXPECT_EQ(ParseSubmissionAck(SubmissionAckToJson(ack))->service_request_id, "r-1");
  EXPECT_EQ(ParseSubmissionAck(R"([{"token":"t-9"}])")->token, "t-9");
  EXPECT_EQ(ParseSubmissionAck(R"([{"service_request_id":638344}])")->service_request_id, "638344");
  EXPECT_FALSE(ParseSubmissionAck(R"([{}])").ok());
  EXPECT_FALSE(ParseSubmissionAck(R"({"service_request_id":"x"})").ok());
  EXPECT_FALSE(ParseSubmissionAck(R"([{"service_request_id":"x")").ok());
}

TEST(Open311Test, StatusRoundTripsWithHistory) {
  ServiceRequestStatus r;
  r.service_request_id = NewUuid();
  r.ticket_code = *MakeTicketCode({1, 2});
  r.service_code = "parking";
  r.service_name = "停车管理";
  r.status = RequestStatus::Assigned;
  r.agency = Agency::PropertyCompany;
  r.agency_responsible = "物业服务中心 张经理";
  r.status_notes = "已安排保安巡查";
  r.requested_at = 1'764'000'000;
  r.updated_at = 1'764'003'600;
  r.expected_at = 1'764'200'000;
  r.history = {{1'764'000'000, RequestStatus::Submitted, std::nullopt, ""},
               {1'764'003'600, RequestStatus::Assigned, Agency::PropertyCompany, "请物业处理"}};
  std::string json = StatusListToJson({r});
  EXPECT_NE(json.find(R"("status":"open")"), std::string::npos);
  auto back = ParseStatusList(json);
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0], r);
}

TEST(Open311Test, StandardServerStatusMapsToOpenOrClosed) {
  auto r = ParseStatusList(
      R"([{"service_request_id":"1","status":"closed","requested_datetime":"2026-11-20T08:00:00+08:00"}])");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ((*r)[0].status, RequestStatus::Closed);
  EXPECT_TRUE(IsOpen311Closed(RequestStatus::Resolved));
  EXPECT_FALSE(IsOpen311Closed(RequestStatus::Reopened));
}

TEST(Open311Test, ServicesCarryQuickPhrases) {
  Service s{.service_code = "noise",
            .service_name = "噪音扰民",
            .description = "",
            .group = "环境",
            .name_en = "Noise",
            .icon = "noise",
            .quick_phrases = {"夜间装修", "广场舞音量大"},
            .quick_phrases_en = {"Night renovation"}};
  auto back = ParseServiceList(ServiceListToJson({s}));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ((*back)[0], s);
  EXPECT_FALSE(ParseServiceList(R"([{"service_name":"x"}])").ok());
}

// Suggestion phrases are an extension a platform may leave out: then the list goes out exactly as before.
TEST(Open311Test, ServicesCarrySuggestionPhrasesOnlyWhenThereAreSome) {
  Service s;
  s.service_code = "noise";
  s.service_name = "噪音扰民";
  s.quick_phrases = {"夜间装修"};
  EXPECT_EQ(ServiceListToJson({s}).find("suggestion_phrases"), std::string::npos);
  s.suggestion_phrases = {"建议公示装修时间", "希望规定广场舞时段"};
  s.suggestion_phrases_en = {"Post the renovation hours"};
  auto back = ParseServiceList(ServiceListToJson({s}));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ((*back)[0], s);
  EXPECT_FALSE(
      ParseServiceList(R"([{"service_code":"x","service_name":"x","suggestion_phrases":"希望"}])").ok());
}

TEST(Open311Test, RatingsValidateAndKnowWhenToReopen) {
  Rating r{.rating_uuid = NewUuid(),
           .service_request_id = "r1",
           .ticket_code = "",
           .score = 4,
           .quick_comment = "satisfied",
           .comment = "",
           .rated_at = 1'764'000'000};
  auto back = ParseRating(RatingToJson(r));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, r);
  EXPECT_FALSE(RatingReopens(r));
  r.quick_comment = "unresolved";
  EXPECT_TRUE(RatingReopens(r));
  r.quick_comment = "";
  r.score = 2;
  EXPECT_TRUE(RatingReopens(r));
  r.score = 6;
  EXPECT_FALSE(ValidateRating(r).ok());
}

TEST(Open311Test, ErrorBodiesSurviveBrokenInput) {
  std::string body = ErrorBodyJson(400, "description: not valid UTF-8: \xff");
  EXPECT_EQ(ParseErrorDescription(body).value_or("").substr(0, 12), "description:");
  EXPECT_FALSE(ParseErrorDescription("<html>").has_value());
}

}  // namespace
}  // namespace ck::protocol

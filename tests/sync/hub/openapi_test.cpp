// Holds sync/openapi.yaml to the code: every path the hub serves and every protocol limit and code it
// documents must match the constants the hub and kiosk actually use.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sync/hub/api/lookup_throttle.h"
#include "sync/hub/api/request_query.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/protocol/activity_signup.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"

namespace ck::hub {
namespace {

std::string ReadOpenApi() {
  std::ifstream in(std::string(CK_SOURCE_ASSETS_DIR) + "/../sync/openapi.yaml");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Has(const std::string& doc, const std::string& text) {
  return doc.find(text) != std::string::npos;
}

TEST(OpenApi, DocumentsEveryPathAndLimitTheCodeUses) {
  std::string doc = ReadOpenApi();
  ASSERT_FALSE(doc.empty()) << "sync/openapi.yaml not found";
  EXPECT_TRUE(Has(doc, "openapi: 3.0"));
  for (std::string path : {std::string(protocol::kFeedPath) + ":", std::string("/api/v1/heartbeat:"),
                           std::string("/notices/{id}:"), std::string("/healthz:")})
    EXPECT_TRUE(Has(doc, "\n  " + path)) << path;
  EXPECT_TRUE(Has(doc, "maximum: " + std::to_string(protocol::kMaxFeedPageSize)));
  EXPECT_TRUE(Has(doc, "default: " + std::to_string(protocol::kDefaultFeedPageSize)));
  EXPECT_TRUE(Has(doc, "default: \"" + std::string(protocol::kInitialCursor) + "\""));
  EXPECT_TRUE(Has(doc, "title: {type: string, minLength: 1, maxLength: " +
                           std::to_string(protocol::kMaxTitleCodepoints) + "}"));
  EXPECT_TRUE(Has(doc, "maxLength: " + std::to_string(protocol::kMaxBodyCodepoints)));
  EXPECT_TRUE(Has(doc, "audience: {type: string, minLength: 1, maxLength: " +
                           std::to_string(protocol::kMaxAudienceCodepoints)));
  for (auto p : {protocol::Publisher::StreetOffice, protocol::Publisher::PropertyCompany,
                 protocol::Publisher::ResidentsCommittee, protocol::Publisher::OwnersCommittee})
    EXPECT_TRUE(Has(doc, std::string(protocol::PublisherCode(p)))) << protocol::PublisherCode(p);
  EXPECT_TRUE(Has(doc, "enum: [normal, important, urgent]"));
  for (auto c : protocol::kNoticeCategories) EXPECT_TRUE(Has(doc, std::string(c))) << c;
  EXPECT_TRUE(Has(doc, "enum: [notice.upsert, notice.tombstone, activity.upsert, activity.tombstone]"));
  for (const char* scheme : {"bearer:", "api_key:", "Open311Errors:", "Notice:", "FeedPage:", "Heartbeat:"})
    EXPECT_TRUE(Has(doc, scheme)) << scheme;
}

TEST(OpenApi, DocumentsTheBodyShapesAndTheDeviceIdCheck) {
  std::string doc = ReadOpenApi();
  EXPECT_TRUE(Has(doc, "          multipart/form-data:\n            schema: {$ref: '#/components/schemas/SubmissionForm'}"));
  EXPECT_TRUE(Has(doc, "refuses\n    `multipart/form-data` with 415"));
  EXPECT_TRUE(Has(doc, "`X-Device-Id`"));
}

TEST(OpenApi, DocumentsTheFeedbackApiAndItsLimits) {
  std::string doc = ReadOpenApi();
  for (std::string path :
       {"/services.json:", "/services/{service_code}.json:", "/requests.json:",
        "/requests/{service_request_id}.json:", "/tokens/{token}.json:", "/t/{ticket_code}:",
        "/api/v1/requests/batch:", "/api/v1/ratings:", "/api/v1/operator/requests:",
        "/api/v1/operator/requests/{id}:", "/api/v1/operator/requests/{id}/{action}:",
        "/api/v1/operator/kiosks:", "/api/v1/operator/satisfaction:"})
    EXPECT_TRUE(Has(doc, "\n  " + path)) << path;
  EXPECT_TRUE(Has(doc, "maxLength: " + std::to_string(protocol::kMaxDescriptionCodepoints)));
  EXPECT_TRUE(Has(doc, "maxItems: " + std::to_string(protocol::kMaxBatchItems)));
  EXPECT_TRUE(Has(
      doc, "address_string: {type: string, maxLength: " + std::to_string(protocol::kMaxAddressCodepoints)));
  EXPECT_TRUE(Has(doc, "'^[0-9]{0," + std::to_string(protocol::kMaxPhoneDigits) + "}$'"));
  EXPECT_TRUE(Has(doc, "at most " + std::to_string(kMaxRequestIdsPerQuery)));
  EXPECT_TRUE(Has(doc, "at most " + std::to_string(kMaxRequestsPerAnswer) + " answers"));
  EXPECT_TRUE(Has(doc, "responsible (1–" + std::to_string(kMaxResponsibleCodepoints)));
  EXPECT_TRUE(Has(doc, "text, 1–" + std::to_string(kMaxReplyCodepoints)));
  EXPECT_TRUE(Has(doc, "at most " + std::to_string(kMaxNoteCodepoints) + " characters"));
  std::string statuses = "enum: [";
  for (auto s : {protocol::RequestStatus::Submitted, protocol::RequestStatus::Accepted,
                 protocol::RequestStatus::Assigned, protocol::RequestStatus::InProgress,
                 protocol::RequestStatus::Resolved, protocol::RequestStatus::Closed,
                 protocol::RequestStatus::Reopened})
    statuses +=
        std::string(protocol::RequestStatusCode(s)) + (s == protocol::RequestStatus::Reopened ? "]" : ", ");
  EXPECT_TRUE(Has(doc, statuses)) << statuses;
  EXPECT_TRUE(Has(doc, "enum: [street_office, property_company, residents_committee]"));
  EXPECT_TRUE(Has(doc, "enum: ['', satisfied, slow, unresolved, rude]"));
  for (const char* text : {"Idempotency-Key", "Idempotent-Replayed", "operator_bearer:", "kiosk_number:",
                           "ServiceRequestStatus:", "SubmissionAck:", "Rating:", "Service:", "Kiosk:"})
    EXPECT_TRUE(Has(doc, text)) << text;
}

// The ticket code's format and the lookup throttle, as the code has them.
TEST(OpenApi, DocumentsTheTicketCodeAndTheLookupThrottle) {
  std::string doc = ReadOpenApi();
  EXPECT_TRUE(Has(doc, "    TicketCode:\n"));
  EXPECT_TRUE(Has(doc, std::string(protocol::kTicketAlphabet)));
  EXPECT_TRUE(Has(doc, std::to_string(protocol::kTicketSymbols) + " symbols"));
  EXPECT_TRUE(Has(doc, std::to_string(protocol::kTicketRandomBits) + " random bits"));
  EXPECT_TRUE(Has(doc, "example: 3K7M-XQ9R-4TWBR"));
  EXPECT_TRUE(protocol::ParseTicketCode("3K7M-XQ9R-4TWBR"));  // the documented example is a valid code
  EXPECT_TRUE(Has(doc, "    TooManyLookups:\n"));
  EXPECT_TRUE(Has(doc, std::to_string(kLookupBurst) + ", then one more every " +
                           std::to_string(kLookupRefill.count() / 60) + " minutes"));
  std::size_t n429 = 0;
  for (std::size_t at = doc.find("'429'"); at != std::string::npos; at = doc.find("'429'", at + 1)) ++n429;
  // /requests.json GET, /t/{ticket_code}, /api/v1/ratings; sign-up codes share the budget: GET and cancel
  // by code in the API and on the public page.
  EXPECT_EQ(n429, 7u);
  EXPECT_TRUE(Has(doc, "Retry-After"));
}

// A timeline entry's kind (issue 13: a 改派 must read 改派): every kind the hub writes is documented, in
// the order of the enum.
TEST(OpenApi, DocumentsEveryTimelineKind) {
  std::string doc = ReadOpenApi();
  std::string list;
  for (auto k : {protocol::EventKind::Filed, protocol::EventKind::Status, protocol::EventKind::Reply,
                 protocol::EventKind::Dispatch, protocol::EventKind::Redispatch, protocol::EventKind::Return,
                 protocol::EventKind::Supervise, protocol::EventKind::ExtensionAsked,
                 protocol::EventKind::ExtensionGranted, protocol::EventKind::ExtensionRefused,
                 protocol::EventKind::Rating}) {
    EXPECT_EQ(protocol::ParseEventKind(protocol::EventKindCode(k)), k);
    EXPECT_TRUE(Has(doc, std::string(protocol::EventKindCode(k)))) << protocol::EventKindCode(k);
  }
  EXPECT_TRUE(Has(doc, "enum: [filed, status, reply, dispatch, redispatch, return, supervise, extension_asked,"));
}

}  // namespace
}  // namespace ck::hub

namespace ck::hub {
namespace {

// Community activities (issue 17): every route, the sign-up limits, states and refusals.
TEST(OpenApi, DocumentsTheActivityRoutesAndSignupCodes) {
  std::string doc = ReadOpenApi();
  for (std::string path : {"/api/v1/signups:", "/api/v1/signups/{code}:", "/api/v1/signups/{code}/cancel:",
                           "/api/v1/events.ics:", "/activities/{id}:", "/signups/{code}:", "/signups/{code}/cancel:"})
    EXPECT_TRUE(Has(doc, "\n  " + path)) << path;
  for (const char* schema : {"Activity:", "SignupSubmission:", "SignupStatus:"}) EXPECT_TRUE(Has(doc, schema)) << schema;
  EXPECT_TRUE(Has(doc, "maxItems: " + std::to_string(protocol::kMaxSignupCodesPerLookup)));
  EXPECT_TRUE(Has(doc, "people: {type: integer, minimum: 1, maximum: " + std::to_string(protocol::kMaxPeoplePerSignup)));
  EXPECT_TRUE(Has(doc, "maxItems: " + std::to_string(protocol::kMaxOccurrencesPerActivity)));
  EXPECT_TRUE(Has(doc, "next " + std::to_string(protocol::kActivityHorizonDays) + " days"));
  for (auto s : {protocol::SignupState::Confirmed, protocol::SignupState::Waitlisted, protocol::SignupState::Cancelled,
                 protocol::SignupState::Refused})
    EXPECT_TRUE(Has(doc, std::string(protocol::SignupStateCode(s)))) << protocol::SignupStateCode(s);
  for (auto r : {protocol::SignupRefusal::SignupClosed, protocol::SignupRefusal::OccurrenceCancelled,
                 protocol::SignupRefusal::NoSuchOccurrence, protocol::SignupRefusal::TooManyPeople,
                 protocol::SignupRefusal::NoSignupNeeded})
    EXPECT_TRUE(Has(doc, "`" + std::string(protocol::SignupRefusalCode(r)) + "`")) << protocol::SignupRefusalCode(r);
}

}  // namespace
}  // namespace ck::hub

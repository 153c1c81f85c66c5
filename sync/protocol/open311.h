// Resident feedback on the wire: Open311 GeoReport v2 (services, service requests, their status), plus
// our extensions as extra fields, so a standard Open311 client works against the hub and our kiosk can
// file to a standard Open311 server.
//
//   GET  /services.json            → [Service]            categories are defined by the platform
//   POST /requests.json (form)     → [{"service_request_id":…}] or [{"token":…}]
//        header Idempotency-Key: <submission's request_uuid>; a repeated key returns the first answer
//   GET  /requests.json?service_request_id=a,b → [ServiceRequestStatus]
//   errors                         → [{"code":400,"description":"…"}]
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::protocol {

// ---- Services (feedback categories) -------------------------------------------------------------------

struct Service {
  std::string service_code;  // "sanitation"
  std::string service_name;  // "环境卫生"
  std::string description;
  std::string group;  // Open311 grouping, e.g. "环境"
  // Extensions: what the kiosk needs to offer the category without typing.
  std::string name_en;                        // "Sanitation"
  std::string icon;                           // icon key known to the kiosk ("broom", "warning", …)
  std::vector<std::string> quick_phrases;     // one-tap phrases ("垃圾未及时清运", …)
  std::vector<std::string> quick_phrases_en;  // same order, may be shorter
  // One-tap phrases for a suggestion (提建议) about this category ("希望增加…", …); empty: the platform has
  // none, and the kiosk offers its own general set. Sent only when not empty.
  // (Default-initialised, so code listing the fields above need not name these.)
  std::vector<std::string> suggestion_phrases = {};
  std::vector<std::string> suggestion_phrases_en = {};  // same order, may be shorter
  bool operator==(const Service&) const = default;
};

std::string ServiceListToJson(const std::vector<Service>& services);
Result<std::vector<Service>> ParseServiceList(std::string_view body);

// ---- Submitting a request -----------------------------------------------------------------------------

enum class FeedbackKind { Complaint, Suggestion };
std::string_view FeedbackKindCode(FeedbackKind k);  // "complaint" | "suggestion"
std::optional<FeedbackKind> ParseFeedbackKind(std::string_view code);

inline constexpr std::size_t kMaxDescriptionCodepoints = 2000;
inline constexpr std::size_t kMaxAddressCodepoints = 100;
inline constexpr std::size_t kMaxPhoneDigits = 20;

struct ServiceRequestSubmission {
  std::string request_uuid;  // made at the kiosk; also the Idempotency-Key (ext: "request_uuid")
  std::string ticket_code;   // made at the kiosk, see ticket_code.h (ext: "ticket_code")
  std::string service_code;
  FeedbackKind kind = FeedbackKind::Complaint;  // ext: "kind"
  std::string address_string;                   // "3号楼2单元5层" or "地下车库"
  std::string description;                      // quick phrases and free text
  std::string phone;                            // optional, digits only; never logged
  std::string device_id;                        // the kiosk's device id
  UnixSeconds submitted_at = 0;                 // ext: "submitted_at" (the kiosk's clock, RFC 3339)
  bool operator==(const ServiceRequestSubmission&) const = default;
};

Status ValidateSubmission(const ServiceRequestSubmission& s);
// Open311 field names plus the extensions above, ready to be form-encoded by the HTTP client.
std::vector<std::pair<std::string, std::string>> SubmissionToFormFields(const ServiceRequestSubmission& s);
// From a decoded form body. A plain Open311 client sends no extensions: request_uuid then comes from the
// Idempotency-Key header (or is empty), ticket_code is left empty for the hub to assign, kind defaults to
// complaint, submitted_at to 0 (the hub uses its own clock).
Result<ServiceRequestSubmission> SubmissionFromFormFields(
    const std::multimap<std::string, std::string>& form);

// The hub's answer to a POST: Open311 allows either an id at once or a token to resolve later.
struct SubmissionAck {
  std::string service_request_id;  // empty when only a token was given
  std::string token;
  std::string ticket_code;  // ext: echoed back
  bool operator==(const SubmissionAck&) const = default;
};
std::string SubmissionAckToJson(const SubmissionAck& ack);
Result<SubmissionAck> ParseSubmissionAck(std::string_view body);

// ---- Batch submission (extension: POST /api/v1/requests/batch, JSON) ------------------------------------
//
// Up to kMaxBatchItems reports in one request, so a hub can store them with one commit:
//   {"requests":[{<SubmissionToFormFields as JSON strings>, "idempotency_key":"<uuid>"}, …]}
// → {"results":[{"idempotency_key":…, "status":201|4xx, "body":"<the single POST's answer body>"}, …]}
// Each item is judged exactly as the single form POST would judge it, and its result is what that POST
// would have answered; results come in the order of the items.

inline constexpr std::size_t kMaxBatchItems = 100;

// One item as decoded from a batch body: the fields as a single POST's form would carry them.
struct BatchSubmissionItem {
  std::string idempotency_key;
  std::multimap<std::string, std::string> form;  // feed to SubmissionFromFormFields
  std::string error;  // set: the item itself is malformed (a field not a string); answer it 400 alone
};

// Each submission's key is its request_uuid (the Idempotency-Key a single POST would carry).
std::string SubmissionBatchToJson(const std::vector<ServiceRequestSubmission>& submissions);
// Fails for the whole batch (400): not JSON, no "requests" array, empty, more than kMaxBatchItems, or an
// item that is not an object. Anything wrong inside an item object is that item's own error.
Result<std::vector<BatchSubmissionItem>> ParseSubmissionBatch(std::string_view body);

struct BatchItemResult {
  std::string idempotency_key;
  int status = 0;    // 201, or the 4xx the single POST would give
  std::string body;  // that POST's answer body, byte for byte (an ack or an Open311 error)
  bool operator==(const BatchItemResult&) const = default;
};
std::string BatchResultsToJson(const std::vector<BatchItemResult>& results);
// Fails when the body is not a well-formed results list (every member typed, status 100..599).
Result<std::vector<BatchItemResult>> ParseBatchResults(std::string_view body);

// ---- Status of a request ------------------------------------------------------------------------------

// Open311 only knows open/closed; the detailed lifecycle travels as the "detailed_status" extension.
enum class RequestStatus { Submitted, Accepted, Assigned, InProgress, Resolved, Closed, Reopened };
std::string_view RequestStatusCode(RequestStatus s);  // "submitted", "accepted", … "reopened"
std::optional<RequestStatus> ParseRequestStatus(std::string_view code);
bool IsOpen311Closed(RequestStatus s);  // resolved and closed map to Open311 "closed"

// The parties that can own a request. Blurred responsibility is the problem this product exists to fix,
// so every assignment names one of these and, free-form, who in it.
enum class Agency { StreetOffice, PropertyCompany, ResidentsCommittee };
std::string_view AgencyCode(Agency a);  // "street_office" | "property_company" | "residents_committee"
std::optional<Agency> ParseAgency(std::string_view code);

// What a timeline entry records, so a 改派 reads 改派 and not "update" (ext "kind" on a history entry).
// Filed: the report arrived; Status: a plain change of status; the rest are the 12345 flow's steps.
enum class EventKind {
  Filed, Status, Reply, Dispatch, Redispatch, Return, Supervise, ExtensionAsked, ExtensionGranted,
  ExtensionRefused, Rating
};
std::string_view EventKindCode(EventKind k);  // "filed" | "status" | "reply" | "dispatch" | … | "rating"
std::optional<EventKind> ParseEventKind(std::string_view code);

struct StatusEvent {
  UnixSeconds at = 0;
  RequestStatus status = RequestStatus::Submitted;
  std::optional<Agency> agency;
  std::string note;
  EventKind kind = EventKind::Status;
  bool operator==(const StatusEvent&) const = default;
};

struct ServiceRequestStatus {
  std::string service_request_id;
  std::string ticket_code;  // ext
  std::string service_code;
  std::string service_name;
  RequestStatus status = RequestStatus::Submitted;  // Open311 "status" is derived; ext "detailed_status"
  std::optional<Agency> agency;                     // ext "agency_code"
  std::string agency_responsible;  // Open311: who owns it, in words ("物业服务中心 张经理")
  std::string status_notes;        // Open311: the reply residents read
  std::string address_string;
  UnixSeconds requested_at = 0;
  UnixSeconds updated_at = 0;
  std::optional<UnixSeconds> expected_at;  // Open311 expected_datetime: "promised by"
  std::vector<StatusEvent> history;        // ext, oldest first
  std::optional<int> rating;               // ext, 1..5 once rated
  bool operator==(const ServiceRequestStatus&) const = default;
};

// Never carries the phone number or anything else personal: the same JSON backs the public status page.
std::string StatusListToJson(const std::vector<ServiceRequestStatus>& list);
Result<std::vector<ServiceRequestStatus>> ParseStatusList(std::string_view body);

// ---- Ratings (POST /api/v1/ratings, JSON, Idempotency-Key = rating_uuid) -------------------------------

struct Rating {
  std::string rating_uuid;
  std::string service_request_id;
  std::string ticket_code;
  int score = 0;              // 1..5
  std::string quick_comment;  // "satisfied" | "slow" | "unresolved" | "rude" | "" (codes; text lives in UI)
  std::string comment;        // optional free text, at most 500 code points
  UnixSeconds rated_at = 0;
  bool operator==(const Rating&) const = default;
};
Status ValidateRating(const Rating& r);
// A rating of 1–2 or "unresolved" re-opens the request on the hub and flags it to the operator.
bool RatingReopens(const Rating& r);
std::string RatingToJson(const Rating& r);
Result<Rating> ParseRating(std::string_view body);

// ---- Errors ---------------------------------------------------------------------------------------------

// Open311 error body: [{"code":400,"description":"…"}].
std::string ErrorBodyJson(int code, std::string_view description);
// The first description of an Open311 error body, or nullopt if the body is not one.
std::optional<std::string> ParseErrorDescription(std::string_view body);

}  // namespace ck::protocol

// Open311Client: the kiosk's feedback conversation with the hub — file a report, send a rating, fetch the
// categories, pull statuses, look a ticket up by code — over a HubHttp connection.
#pragma once

#include <string>
#include <vector>

#include "sync/client/hub_http.h"
#include "sync/protocol/activity_signup.h"
#include "sync/protocol/open311.h"

namespace ck::sync {

// What became of one delivery attempt. Only Delivered lets the caller drop the outbox row.
struct DeliveryOutcome {
  enum class Kind {
    Delivered,  // the hub's answer was received whole and parsed
    Rejected,   // the hub refused this item (400, 409, 410, 422): retrying cannot help
    Retry,      // not the item's fault (no connection, timeout, 5xx, 401/403/404/413/429, garbage): later
  };
  Kind kind = Kind::Retry;
  protocol::SubmissionAck ack;  // Delivered feedback
  protocol::SignupStatus signup_status;  // Delivered sign-up: the hub's answer
  long http_status = 0;
  std::string error;  // Rejected: the hub's description; Retry: what went wrong
};

// What became of a batch POST (our extension, POST /api/v1/requests/batch) as a whole.
struct BatchDeliveryOutcome {
  enum class Kind {
    Answered,     // one outcome per report, in order, each as PostRequest would have classified it
    Unsupported,  // the hub has no batch route (404, 405) or takes none this big (413): send singly
    Retry,        // nothing may be marked (no connection, 5xx, 401, a cut or malformed answer)
  };
  Kind kind = Kind::Retry;
  std::vector<DeliveryOutcome> outcomes;  // Answered
  long http_status = 0;
  std::string error;  // Unsupported / Retry: what happened
};

struct ServicesFetch {
  bool not_modified = false;
  std::string body;  // validated as a service list
  std::string etag;
};

class Open311Client {
 public:
  explicit Open311Client(HubHttp& http);

  static constexpr std::size_t kMaxIdsPerStatusRequest = 200;

  // POST /requests.json, form-encoded, with Idempotency-Key (the hub answers a repeat with the original).
  DeliveryOutcome PostRequest(const protocol::ServiceRequestSubmission& submission,
                              const std::string& idempotency_key);
  // POST /api/v1/requests/batch, JSON, at most protocol::kMaxBatchItems reports; each report's key is its
  // request_uuid (the Idempotency-Key PostRequest would send). Answered only when every result came back
  // for the report at its position.
  BatchDeliveryOutcome PostRequestBatch(const std::vector<protocol::ServiceRequestSubmission>& submissions);
  // POST /api/v1/ratings, JSON, with Idempotency-Key.
  DeliveryOutcome PostRating(const protocol::Rating& rating, const std::string& idempotency_key);
  // GET /services.json, conditional when `etag` is set.
  Result<ServicesFetch> FetchServices(const std::string& etag);
  // GET /requests.json?service_request_id=a,b,… (at most kMaxIdsPerStatusRequest ids).
  Result<std::vector<protocol::ServiceRequestStatus>> FetchStatuses(const std::vector<std::string>& ids);
  // The connection, for the other clients of the same round (SignupClient).
  HubHttp& http() { return http_; }
  // GET /requests.json?ticket_code=CODE: empty when the hub knows no such ticket.
  Result<std::vector<protocol::ServiceRequestStatus>> LookupTicket(const std::string& ticket_code);

 private:
  Result<std::vector<protocol::ServiceRequestStatus>> GetStatusList(const std::string& path_and_query);
  HubHttp& http_;
};

// How any delivery's answer is classified (reports, ratings, sign-ups alike): nullopt for a 2xx, which the
// caller parses; else Rejected (400, 409, 410, 422: about the item) or Retry (anything else, or no answer).
std::optional<DeliveryOutcome> ClassifyDelivery(const Result<HttpResponse>& response);

// The form body of a report: application/x-www-form-urlencoded pairs, percent-encoded.
std::string FormEncode(HubHttp& http, const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace ck::sync

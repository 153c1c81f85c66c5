// Open311Client: requests, their classification into delivered / rejected / retry, and status parsing.
#include "sync/client/open311_client.h"

#include <nlohmann/json.hpp>

namespace ck::sync {

namespace {

// 4xx answers that are about the item itself. Others (401 bad token, 403, 404 an older hub, 408, 429) are
// about the kiosk or the hub: rejecting every queued report for them would strand residents' reports.
bool IsItemRejection(long status) {
  return status == 400 || status == 409 || status == 410 || status == 413 || status == 422;
}

DeliveryOutcome Retry(long status, std::string error) {
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::Kind::Retry;
  o.http_status = status;
  o.error = std::move(error);
  return o;
}

// Shared by reports and ratings: anything but a 2xx or an item rejection is retried later.
std::optional<DeliveryOutcome> Classify(const Result<HttpResponse>& response) {
  if (!response) return Retry(0, response.error());
  long status = response->status;
  if (IsItemRejection(status)) {
    DeliveryOutcome o;
    o.kind = DeliveryOutcome::Kind::Rejected;
    o.http_status = status;
    o.error = protocol::ParseErrorDescription(response->body).value_or(DescribeHttpError(status, ""));
    if (o.error.size() > 300) o.error.resize(300);
    return o;
  }
  if (status < 200 || status >= 300) return Retry(status, DescribeHttpError(status, response->body));
  return std::nullopt;  // a 2xx: the caller parses the answer
}

}  // namespace

std::string FormEncode(HubHttp& http, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [key, value] : fields) {
    if (!body.empty()) body += '&';
    body += http.Escape(key);
    body += '=';
    body += http.Escape(value);
  }
  return body;
}

Open311Client::Open311Client(HubHttp& http) : http_(http) {}

DeliveryOutcome Open311Client::PostRequest(const protocol::ServiceRequestSubmission& submission,
                                           const std::string& idempotency_key) {
  std::string body = FormEncode(http_, protocol::SubmissionToFormFields(submission));
  HttpRequest request;
  request.path_and_query = "/requests.json";
  request.body = &body;
  request.content_type = "application/x-www-form-urlencoded";
  request.headers = {{"Idempotency-Key", idempotency_key}};
  auto response = http_.Perform(request);
  if (auto settled = Classify(response)) return *settled;
  auto ack = protocol::ParseSubmissionAck(response->body);
  if (!ack) return Retry(response->status, "unreadable answer to a report: " + ack.error());
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::Kind::Delivered;
  o.http_status = response->status;
  o.ack = std::move(ack).value();
  return o;
}

DeliveryOutcome Open311Client::PostRating(const protocol::Rating& rating,
                                          const std::string& idempotency_key) {
  std::string body = protocol::RatingToJson(rating);
  HttpRequest request;
  request.path_and_query = "/api/v1/ratings";
  request.body = &body;
  request.content_type = "application/json";
  request.headers = {{"Idempotency-Key", idempotency_key}};
  auto response = http_.Perform(request);
  if (auto settled = Classify(response)) return *settled;
  // The answer's content is not needed, but it must be whole: a body that is not JSON means the answer
  // was cut or is not the hub's, so the rating is sent again (same key).
  if (!response->body.empty() &&
      nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false).is_discarded())
    return Retry(response->status, "unreadable answer to a rating");
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::Kind::Delivered;
  o.http_status = response->status;
  return o;
}

Result<ServicesFetch> Open311Client::FetchServices(const std::string& etag) {
  using R = Result<ServicesFetch>;
  HttpRequest request;
  request.path_and_query = "/services.json";
  request.if_none_match = etag;
  auto response = http_.Perform(request);
  if (!response) return R::Fail(response.error());
  ServicesFetch fetch;
  fetch.etag = response->etag;
  if (response->status == 304) {
    fetch.not_modified = true;
    return R::Ok(std::move(fetch));
  }
  if (response->status != 200) return R::Fail(DescribeHttpError(response->status, response->body));
  if (auto list = protocol::ParseServiceList(response->body); !list) return R::Fail(list.error());
  fetch.body = std::move(response->body);
  return R::Ok(std::move(fetch));
}

Result<std::vector<protocol::ServiceRequestStatus>> Open311Client::GetStatusList(
    const std::string& path_and_query) {
  using R = Result<std::vector<protocol::ServiceRequestStatus>>;
  HttpRequest request;
  request.path_and_query = path_and_query;
  auto response = http_.Perform(request);
  if (!response) return R::Fail(response.error());
  if (response->status != 200) return R::Fail(DescribeHttpError(response->status, response->body));
  return protocol::ParseStatusList(response->body);
}

Result<std::vector<protocol::ServiceRequestStatus>> Open311Client::FetchStatuses(
    const std::vector<std::string>& ids) {
  using R = Result<std::vector<protocol::ServiceRequestStatus>>;
  if (ids.empty()) return R::Ok({});
  if (ids.size() > kMaxIdsPerStatusRequest) return R::Fail("too many ids for one status request");
  std::string list;
  for (const std::string& id : ids) {
    if (!list.empty()) list += ',';
    list += http_.Escape(id);
  }
  return GetStatusList("/requests.json?service_request_id=" + list);
}

Result<std::vector<protocol::ServiceRequestStatus>> Open311Client::LookupTicket(
    const std::string& ticket_code) {
  return GetStatusList("/requests.json?ticket_code=" + http_.Escape(ticket_code));
}

}  // namespace ck::sync

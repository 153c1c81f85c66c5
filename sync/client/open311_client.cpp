// Open311Client: requests, their classification into delivered / rejected / retry, and status parsing.
#include "sync/client/open311_client.h"

#include <nlohmann/json.hpp>

namespace ck::sync {

namespace {

// 4xx answers that are about the item itself. Others (401 bad token, 403, 404 an older hub, 408, 429) are
// about the kiosk or the hub: rejecting every queued report for them would strand residents' reports.
// 413 is not the report's fault either: every report the kiosk can make is within the limits our hub
// documents, so a 413 comes from a front server or platform configured below them, which its operator can
// fix; the report waits for that instead of being given up (it was, for ever, behind httplib's 8 KiB).
bool IsItemRejection(long status) {
  return status == 400 || status == 409 || status == 410 || status == 422;
}

DeliveryOutcome Retry(long status, std::string error) {
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::Kind::Retry;
  o.http_status = status;
  o.error = std::move(error);
  return o;
}

}  // namespace

// Shared by reports, ratings and sign-ups: anything but a 2xx or an item rejection is retried later.
std::optional<DeliveryOutcome> ClassifyDelivery(const Result<HttpResponse>& response) {
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

namespace {

// A report's answer, from a single POST or one result of a batch: the same classification either way.
DeliveryOutcome ReportOutcome(long status, const std::string& body) {
  HttpResponse response;
  response.status = status;
  response.body = body;
  if (auto settled = ClassifyDelivery(Result<HttpResponse>::Ok(std::move(response)))) return *settled;
  auto ack = protocol::ParseSubmissionAck(body);
  if (!ack) return Retry(status, "unreadable answer to a report: " + ack.error());
  DeliveryOutcome o;
  o.kind = DeliveryOutcome::Kind::Delivered;
  o.http_status = status;
  o.ack = std::move(ack).value();
  return o;
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
  if (!response) return Retry(0, response.error());
  return ReportOutcome(response->status, response->body);
}

BatchDeliveryOutcome Open311Client::PostRequestBatch(
    const std::vector<protocol::ServiceRequestSubmission>& submissions) {
  BatchDeliveryOutcome out;
  std::string body = protocol::SubmissionBatchToJson(submissions);
  HttpRequest request;
  request.path_and_query = "/api/v1/requests/batch";
  request.body = &body;
  request.content_type = "application/json";
  auto response = http_.Perform(request);
  if (!response) {
    out.error = response.error();
    return out;
  }
  out.http_status = response->status;
  long status = response->status;
  if (status == 404 || status == 405 || status == 413) {
    out.kind = BatchDeliveryOutcome::Kind::Unsupported;
    out.error = DescribeHttpError(status, response->body);
    return out;
  }
  if (status != 200) {
    out.error = DescribeHttpError(status, response->body);
    return out;
  }
  auto results = protocol::ParseBatchResults(response->body);
  if (!results) {
    out.error = "unreadable answer to a batch: " + results.error();
    return out;
  }
  // Results are positional; one missing or out of place means the answer is not for this batch.
  if (results->size() != submissions.size()) {
    out.error = "a batch answer with " + std::to_string(results->size()) + " results for " +
                std::to_string(submissions.size()) + " reports";
    return out;
  }
  for (std::size_t i = 0; i < submissions.size(); ++i)
    if ((*results)[i].idempotency_key != submissions[i].request_uuid) {
      out.error = "a batch answer whose results do not match the reports sent";
      return out;
    }
  out.kind = BatchDeliveryOutcome::Kind::Answered;
  out.outcomes.reserve(results->size());
  for (const auto& r : *results) out.outcomes.push_back(ReportOutcome(r.status, r.body));
  return out;
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
  if (auto settled = ClassifyDelivery(response)) return *settled;
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

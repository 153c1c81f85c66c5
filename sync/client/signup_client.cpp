// SignupClient: requests and answer parsing for the sign-up routes.
#include "sync/client/signup_client.h"

#include <nlohmann/json.hpp>

namespace ck::sync {

namespace {

Result<protocol::SignupStatus> ParseStatus(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Result<protocol::SignupStatus>::Fail("unreadable sign-up status");
  return protocol::SignupStatusFromJson(json);
}

}  // namespace

SignupClient::SignupClient(HubHttp& http) : http_(http) {}

DeliveryOutcome SignupClient::Post(const protocol::SignupSubmission& signup, const std::string& idempotency_key) {
  nlohmann::json j = signup;
  const std::string body = j.dump();
  HttpRequest request;
  request.path_and_query = "/api/v1/signups";
  request.body = &body;
  request.content_type = "application/json";
  request.headers = {{"Idempotency-Key", idempotency_key}};
  auto response = http_.Perform(request);
  if (auto settled = ClassifyDelivery(response)) return *settled;
  DeliveryOutcome o;
  o.http_status = response->status;
  auto status = ParseStatus(response->body);
  // An answer that does not parse, or is about another code, was cut or is not the hub's: send again (the
  // same key files nothing twice).
  if (!status || status->code != signup.code) {
    o.kind = DeliveryOutcome::Kind::Retry;
    o.error = "unreadable answer to a sign-up" + (status ? std::string(": another code") : ": " + status.error());
    return o;
  }
  o.kind = DeliveryOutcome::Kind::Delivered;
  o.signup_status = std::move(status).value();
  return o;
}

Result<std::vector<protocol::SignupStatus>> SignupClient::FetchStatuses(const std::vector<std::string>& codes) {
  using R = Result<std::vector<protocol::SignupStatus>>;
  if (codes.empty()) return R::Ok({});
  if (codes.size() > protocol::kMaxSignupCodesPerLookup) return R::Fail("too many codes for one request");
  std::string list;
  for (const std::string& code : codes) {
    if (!list.empty()) list += ',';
    list += http_.Escape(code);
  }
  HttpRequest request;
  request.path_and_query = "/api/v1/signups?codes=" + list;
  auto response = http_.Perform(request);
  if (!response) return R::Fail(response.error());
  if (response->status != 200) return R::Fail(DescribeHttpError(response->status, response->body));
  return protocol::ParseSignupStatusList(response->body);
}

Result<std::optional<protocol::SignupStatus>> SignupClient::Lookup(const std::string& code) {
  using R = Result<std::optional<protocol::SignupStatus>>;
  HttpRequest request;
  request.path_and_query = "/api/v1/signups/" + http_.Escape(code);
  auto response = http_.Perform(request);
  if (!response) return R::Fail(response.error());
  if (response->status == 404) return R::Ok(std::nullopt);
  if (response->status != 200) return R::Fail(DescribeHttpError(response->status, response->body));
  auto status = ParseStatus(response->body);
  if (!status) return R::Fail(status.error());
  return R::Ok(std::move(status).value());
}

Result<protocol::SignupStatus> SignupClient::Cancel(const std::string& code) {
  using R = Result<protocol::SignupStatus>;
  const std::string body = "{}";
  HttpRequest request;
  request.path_and_query = "/api/v1/signups/" + http_.Escape(code) + "/cancel";
  request.body = &body;
  request.content_type = "application/json";
  auto response = http_.Perform(request);
  if (!response) return R::Fail(response.error());
  if (response->status != 200) return R::Fail(DescribeHttpError(response->status, response->body));
  return ParseStatus(response->body);
}

}  // namespace ck::sync

// SignupClient: the kiosk's side of the four sign-up routes (sync/protocol/activity_signup.h) over a HubHttp
// connection: deliver a sign-up from the outbox, refresh this kiosk's open sign-ups, look a code up, cancel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/client/hub_http.h"
#include "sync/client/open311_client.h"
#include "sync/protocol/activity_signup.h"

namespace ck::sync {

class SignupClient {
 public:
  explicit SignupClient(HubHttp& http);

  // POST /api/v1/signups, JSON, Idempotency-Key: the hub answers a repeat with the sign-up's status now.
  // Classified as every delivery is (ClassifyDelivery); Delivered carries the status in signup_status.
  DeliveryOutcome Post(const protocol::SignupSubmission& signup, const std::string& idempotency_key);
  // GET /api/v1/signups?codes=… (at most kMaxSignupCodesPerLookup codes); unknown codes are left out.
  Result<std::vector<protocol::SignupStatus>> FetchStatuses(const std::vector<std::string>& codes);
  // GET /api/v1/signups/{code}: nullopt when the hub knows no such sign-up (404).
  Result<std::optional<protocol::SignupStatus>> Lookup(const std::string& code);
  // POST /api/v1/signups/{code}/cancel: the status after cancelling (cancelling twice answers the same).
  Result<protocol::SignupStatus> Cancel(const std::string& code);

 private:
  HubHttp& http_;
};

}  // namespace ck::sync

// Turning a resident's submission (POST /requests.json) into a stored request, exactly once per key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

// A kiosk's clock may run ahead: a time it sends (a report's submitted_at, a rating's rated_at) up to this
// far in the future is believed; later than that, or unset, the hub's own time is used instead.
inline constexpr protocol::UnixSeconds kKioskClockSkewAllowance = 300;

// The idempotency key of a submission: the Idempotency-Key header, else the form's request_uuid, else
// none (a plain Open311 client: every POST is a new request). Both given and different is an error, and
// a key must be a UUID. Lowercased.
Result<std::optional<std::string>> ResolveSubmissionKey(std::string_view header, std::string_view form_uuid);

// Stores the submission as a new `submitted` request whose service_request_id is the key (a fresh UUID
// when there is none). The service must exist (else Invalid "service_code: unknown"). The kiosk's ticket
// code is kept when unused, else the hub assigns a kiosk-0 code. A key seen before returns the stored
// answer byte for byte (replayed), whatever the body says now. `device_id` is the authenticated kiosk.
// Answer: protocol::SubmissionAckToJson({service_request_id, "", ticket_code}).
// `channel` unset: a kiosk's report (it carries its own ticket code or clock) or else a plain Open311 one.
WriteResult<StoredAnswer> IntakeSubmission(HubRepository& repo, const protocol::ServiceRequestSubmission& s,
                                           const std::optional<std::string>& key,
                                           const std::string& device_id, protocol::UnixSeconds now,
                                           std::optional<Channel> channel = std::nullopt);

// 代录入: a clerk files a report for a resident who phoned (Phone) or came to the desk (FrontDesk). The
// same checks as a kiosk's report (ValidateSubmission, a known service), a fresh id, a hub-made ticket
// code; no kiosk. Returns the stored request (its ticket code is the resident's receipt).
WriteResult<RequestRecord> FileOnBehalf(HubRepository& repo, protocol::ServiceRequestSubmission s,
                                        Channel channel, protocol::UnixSeconds now);

// A batch item that passed the same checks as a single POST (SubmissionFromFormFields, ResolveSubmissionKey).
struct KeyedSubmission {
  protocol::ServiceRequestSubmission submission;
  std::optional<std::string> key;
};

// IntakeSubmission for many at once: each item is judged and answered exactly as IntakeSubmission would
// answer it alone, but every new request is stored in one transaction (HubRepository::InsertRequests).
// Results in order; only a storage failure fails the whole, and then nothing was stored.
Result<std::vector<WriteResult<StoredAnswer>>> IntakeSubmissions(HubRepository& repo,
                                                                 const std::vector<KeyedSubmission>& items,
                                                                 const std::string& device_id,
                                                                 protocol::UnixSeconds now);

}  // namespace ck::hub

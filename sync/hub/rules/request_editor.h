// What may happen to a service request after it arrives: operator actions (assign, status, reply, close)
// and residents' ratings, each checked against the lifecycle before it reaches the repository. The CLI and
// the operator API are thin shells over these, so both enforce exactly the same rules.
//
// Lifecycle (why: blurred responsibility is what this product fixes, so nothing is resolved without a
// named owner and nothing is closed without a reply the resident can read):
//   submitted ─accept→ accepted ─assign→ assigned ─status→ in_progress ─status→ resolved ─rating≥3→ closed
//   assign works from any open state (re-assigning is allowed); resolve needs an owner and a reply;
//   close needs a reply; a rating of 1–2 or "unresolved" turns resolved/closed into reopened (flagged)
//   and clears the reply (kept in the history), so the operator must answer again before resolving.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

inline constexpr std::size_t kMaxResponsibleCodepoints = 100;
inline constexpr std::size_t kMaxReplyCodepoints = 2000;
inline constexpr std::size_t kMaxNoteCodepoints = 500;

struct AssignOrder {
  protocol::Agency agency = protocol::Agency::PropertyCompany;
  std::string responsible;  // "物业服务中心 张经理": a person or desk residents can name
  std::optional<protocol::UnixSeconds> expected_at;
  std::string note;
};

// `id` is a service_request_id or a ticket code (any case, with or without the dash).
Result<std::optional<RequestRecord>> FindRequestByIdOrTicket(HubRepository& repo, std::string_view id);

WriteResult<RequestRecord> AssignRequest(HubRepository& repo, std::string_view id, const AssignOrder& order,
                                         protocol::UnixSeconds now);
// Target accepted, in_progress, resolved or closed; assigned/submitted/reopened are refused with a hint.
WriteResult<RequestRecord> SetRequestStatus(HubRepository& repo, std::string_view id,
                                            protocol::RequestStatus target, const std::string& note,
                                            protocol::UnixSeconds now);
// Sets status_notes, the reply residents read; the status does not change.
WriteResult<RequestRecord> ReplyToRequest(HubRepository& repo, std::string_view id, const std::string& text,
                                          protocol::UnixSeconds now);
WriteResult<RequestRecord> CloseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                        protocol::UnixSeconds now);

// A resident's rating, exactly once per rating_uuid: a repeated uuid returns the first answer (replayed)
// whatever has happened since. Only a resolved or closed request can be rated (else Refused), once per round
// of handling (else Refused), and only with its ticket_code (missing: Invalid; unknown, or not that of the
// given service_request_id: NotFound, the same answer either way).
// The answer body is {"rating_uuid","service_request_id","ticket_code","detailed_status"}.
WriteResult<StoredAnswer> ApplyRating(HubRepository& repo, const protocol::Rating& rating,
                                      protocol::UnixSeconds now);

// ---- Work orders: the 12345 flow's 派单, 改派 and 督办, over the same lifecycle ----

inline constexpr std::size_t kMaxReasonCodepoints = 500;

// 派单: AssignRequest, with the category's default deadline (hours, editable on the hub) as the promised
// date when the order names none.
WriteResult<RequestRecord> DispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                           protocol::UnixSeconds now);
// 改派: a party says the ticket is not theirs; it goes to `order.agency` (back to the street office, or
// on to another party) with the reason kept in the timeline. Only a dispatched, open ticket can be
// re-dispatched, and the reason is required. The default deadline applies as for DispatchRequest.
WriteResult<RequestRecord> RedispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                             const std::string& reason, protocol::UnixSeconds now);
// 督办: the street office marks an overdue open ticket with a note (required). The owning party sees it on
// top of its queue and the resident's ticket page says it is supervised. Refused when not overdue.
WriteResult<RequestRecord> SuperviseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                            protocol::UnixSeconds now);

}  // namespace ck::hub

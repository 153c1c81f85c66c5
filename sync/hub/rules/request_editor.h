// What may happen to a service request after it arrives: operator actions (assign, status, reply, close)
// and residents' ratings, each checked against the lifecycle before it reaches the repository. The console,
// the CLI and the operator API are thin shells over these, so all enforce exactly the same rules.
//
// Who acts (`by`): every staff action names the party acting (a console clerk's party, the CLI's --as,
// the operator API acts as the street office). The 12345 rules hold against the parties themselves
// (DESIGN.md "Work-order rules"): only the street office dispatches, re-dispatches, supervises and decides
// extensions; a party acts only on tickets it owns, gives back one that is not its own (退单) and asks for
// more time (延期申请) rather than moving its own deadline. Refusals carry a `code` (WriteResult) a page
// translates; `message` is the English the CLI and the API print.
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

// 派单 with a given (or no) promised date: the street office only.
WriteResult<RequestRecord> AssignRequest(HubRepository& repo, std::string_view id, const AssignOrder& order,
                                         protocol::Agency by, protocol::UnixSeconds now);
// Target accepted, in_progress, resolved or closed; assigned/submitted/reopened are refused with a hint.
// The owning party (or the street office) only.
WriteResult<RequestRecord> SetRequestStatus(HubRepository& repo, std::string_view id,
                                            protocol::RequestStatus target, const std::string& note, protocol::Agency by,
                                            protocol::UnixSeconds now);
// Sets status_notes, the reply residents read; the status does not change.
WriteResult<RequestRecord> ReplyToRequest(HubRepository& repo, std::string_view id, const std::string& text,
                                          protocol::Agency by, protocol::UnixSeconds now);
WriteResult<RequestRecord> CloseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                        protocol::Agency by, protocol::UnixSeconds now);

// A resident's rating, exactly once per rating_uuid: a repeated uuid returns the first answer (replayed)
// whatever has happened since. Only a resolved or closed request can be rated (else Refused), once per round
// of handling (else Refused), and only with its ticket_code (missing: Invalid; unknown, or not that of the
// given service_request_id: NotFound, the same answer either way).
// The answer body is {"rating_uuid","service_request_id","ticket_code","detailed_status"}.
WriteResult<StoredAnswer> ApplyRating(HubRepository& repo, const protocol::Rating& rating,
                                      protocol::UnixSeconds now);

// ---- Work orders: the 12345 flow's 派单, 改派, 退单, 延期 and 督办, over the same lifecycle ----

inline constexpr std::size_t kMaxReasonCodepoints = 500;

// 派单 (street office): AssignRequest, with the category's default deadline (hours, editable on the hub)
// as the promised date when the order names none. Clears a 退单 mark and a pending extension.
WriteResult<RequestRecord> DispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                           protocol::Agency by, protocol::UnixSeconds now);
// 改派 (street office): a dispatched or returned open ticket goes to another party (never the one holding
// it: a deadline moves by an extension, not by re-dispatching to oneself), with the reason (required) kept
// in the timeline. The default deadline applies as for DispatchRequest.
WriteResult<RequestRecord> RedispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                             const std::string& reason, protocol::Agency by,
                                             protocol::UnixSeconds now);
// 退单: the owning party (not the street office) gives back an open ticket it believes is not its own, with
// a reason (required). It goes to the street office's queue marked returned (退回待派), never straight to
// another party; the resident reads that it is being re-assigned. The deadline stays as it was.
WriteResult<RequestRecord> ReturnRequest(HubRepository& repo, std::string_view id, const std::string& reason,
                                         protocol::Agency by, protocol::UnixSeconds now);
// 延期申请: the owning party asks for a later deadline (after the one in force, in the future) with a
// reason (required); one pending request at a time.
WriteResult<RequestRecord> AskExtension(HubRepository& repo, std::string_view id, protocol::UnixSeconds until,
                                        const std::string& reason, protocol::Agency by, protocol::UnixSeconds now);
// The street office grants (the deadline becomes the date asked) or refuses a pending 延期申请, with an
// optional note. A deadline already missed stays missed in the on-time rate (WorkOrderInfo).
WriteResult<RequestRecord> DecideExtension(HubRepository& repo, std::string_view id, bool grant,
                                           const std::string& note, protocol::Agency by, protocol::UnixSeconds now);
// 督办 (street office): marks an overdue open ticket with a note (required). The owning party sees it on
// top of its queue and the resident's ticket page says it is supervised. Refused when not overdue.
WriteResult<RequestRecord> SuperviseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                            protocol::Agency by, protocol::UnixSeconds now);

}  // namespace ck::hub

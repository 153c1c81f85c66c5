// Request lifecycle: each operation reads the request, checks the rule, and writes with the revision it
// read, retrying when another writer got in between (the check is then made again on fresh data).
#include "sync/hub/rules/request_editor.h"

#include <functional>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/rules/request_intake.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/utf8.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

using protocol::RequestStatus;

std::string StatusName(RequestStatus s) {
  return std::string(protocol::RequestStatusCode(s));
}

bool IsOpen(RequestStatus s) {
  return s != RequestStatus::Resolved && s != RequestStatus::Closed;
}

// The request's current state as a change, so an operation only sets what it means to change.
RequestChange Unchanged(const RequestRecord& r, protocol::UnixSeconds now) {
  RequestChange c;
  c.status = r.status.status;
  c.agency = r.status.agency;
  c.agency_responsible = r.status.agency_responsible;
  c.status_notes = r.status.status_notes;
  c.expected_at = r.status.expected_at;
  c.rating = r.status.rating;
  c.flagged = r.flagged;
  c.event.at = now;
  c.event.status = r.status.status;
  return c;
}

// Decides the change for the current record, or refuses; Edit() stores it with optimistic retry.
using Decide = std::function<WriteResult<RequestChange>(const RequestRecord&)>;

WriteResult<RequestRecord> Edit(HubRepository& repo, std::string_view id, const Decide& decide) {
  for (int attempt = 0;; ++attempt) {
    auto found = FindRequestByIdOrTicket(repo, id);
    if (!found) return WriteFail<RequestRecord>(WriteError::Storage, found.error());
    if (!*found) return WriteFail<RequestRecord>(WriteError::NotFound, "no request " + std::string(id));
    auto change = decide(**found);
    if (!change.ok()) return WriteFail<RequestRecord>(change.error, change.message);
    auto r = repo.UpdateRequest((*found)->status.service_request_id, *change.value, (*found)->revision);
    if (r.error != WriteError::Conflict || attempt >= 5) return r;
  }
}

WriteResult<RequestChange> Refuse(std::string message) {
  return WriteFail<RequestChange>(WriteError::Refused, std::move(message));
}

WriteResult<RequestChange> Ok(RequestChange c) {
  WriteResult<RequestChange> r;
  r.value = std::move(c);
  return r;
}

}  // namespace

Result<std::optional<RequestRecord>> FindRequestByIdOrTicket(HubRepository& repo, std::string_view id) {
  if (auto uuid = protocol::NormaliseUuid(id)) return repo.FindRequest(*uuid);
  if (auto code = protocol::NormalizeTicketCode(id)) return repo.FindRequestByTicket(*code);
  return Result<std::optional<RequestRecord>>::Ok(std::nullopt);
}

WriteResult<RequestRecord> AssignRequest(HubRepository& repo, std::string_view id, const AssignOrder& order,
                                         protocol::UnixSeconds now) {
  if (auto e = CheckText("responsible", order.responsible, kMaxResponsibleCodepoints, true))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  if (auto e = CheckText("note", order.note, kMaxNoteCodepoints, false))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  if (order.expected_at && *order.expected_at <= now)
    return WriteFail<RequestRecord>(WriteError::Invalid, "expected_at: a promised date must be in the future");
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (!IsOpen(r.status.status))
      return Refuse("request is " + StatusName(r.status.status) +
                    "; only an open request can be assigned (a resident's low rating reopens it)");
    RequestChange c = Unchanged(r, now);
    c.status = RequestStatus::Assigned;
    c.agency = order.agency;
    c.agency_responsible = order.responsible;
    c.expected_at = order.expected_at;
    c.event.status = RequestStatus::Assigned;
    c.event.agency = order.agency;
    c.event.note = order.note.empty() ? order.responsible : order.responsible + "：" + order.note;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> SetRequestStatus(HubRepository& repo, std::string_view id, RequestStatus target,
                                            const std::string& note, protocol::UnixSeconds now) {
  if (target == RequestStatus::Closed) return CloseRequest(repo, id, note, now);
  if (target == RequestStatus::Assigned)
    return WriteFail<RequestRecord>(WriteError::Invalid, "status: use `request assign` to name who owns it");
  if (target == RequestStatus::Submitted || target == RequestStatus::Reopened)
    return WriteFail<RequestRecord>(
        WriteError::Invalid,
        "status: " + StatusName(target) + " cannot be set by an operator (only a resident's rating reopens)");
  if (auto e = CheckText("note", note, kMaxNoteCodepoints, false))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  return Edit(repo, id, [&](const RequestRecord& r) {
    RequestStatus from = r.status.status;
    if (from == target) return Refuse("request is already " + StatusName(from));
    bool owned = r.status.agency.has_value() && !r.status.agency_responsible.empty();
    switch (target) {
      case RequestStatus::Accepted:
        if (from != RequestStatus::Submitted && from != RequestStatus::Reopened)
          return Refuse("only a submitted or reopened request can be accepted; it is " + StatusName(from));
        break;
      case RequestStatus::InProgress:
        if (!owned) return Refuse("assign the request to someone before it can be in progress");
        if (!IsOpen(from)) return Refuse("request is " + StatusName(from) + "; it is no longer open");
        break;
      case RequestStatus::Resolved:
        if (!owned) return Refuse("assign the request to someone before resolving it: who resolved it?");
        if (!IsOpen(from)) return Refuse("request is " + StatusName(from) + "; it is no longer open");
        if (r.status.status_notes.empty())
          return Refuse("reply to the resident (request reply) before resolving: they rate what they read");
        break;
      default:
        return Refuse("status " + StatusName(target) + " cannot be set here");
    }
    RequestChange c = Unchanged(r, now);
    c.status = target;
    c.event.status = target;
    c.event.agency = r.status.agency;
    c.event.note = note;
    if (target == RequestStatus::Resolved) c.flagged = false;  // handled again: the flag did its job
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> ReplyToRequest(HubRepository& repo, std::string_view id, const std::string& text,
                                          protocol::UnixSeconds now) {
  if (auto e = CheckText("text", text, kMaxReplyCodepoints, true))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (r.status.status == RequestStatus::Closed)
      return Refuse("request is closed; its reply is final (a resident's low rating reopens it)");
    if (r.status.status_notes == text) return Refuse("the reply is already this text");
    RequestChange c = Unchanged(r, now);
    c.status_notes = text;
    c.event.agency = r.status.agency;
    c.event.note = text;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> CloseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                        protocol::UnixSeconds now) {
  if (auto e = CheckText("note", note, kMaxNoteCodepoints, false))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (r.status.status == RequestStatus::Closed) return Refuse("request is already closed");
    if (r.status.status_notes.empty())
      return Refuse("reply to the resident (request reply) before closing: closing needs a reply");
    RequestChange c = Unchanged(r, now);
    c.status = RequestStatus::Closed;
    c.event.status = RequestStatus::Closed;
    c.event.agency = r.status.agency;
    c.event.note = note;
    return Ok(std::move(c));
  });
}

WriteResult<StoredAnswer> ApplyRating(HubRepository& repo, const protocol::Rating& in,
                                      protocol::UnixSeconds now) {
  if (auto s = protocol::ValidateRating(in); !s) return WriteFail<StoredAnswer>(WriteError::Invalid, s.error());
  protocol::Rating rating = in;
  if (rating.rated_at <= 0 || rating.rated_at > now + kKioskClockSkewAllowance)
    rating.rated_at = now;  // a kiosk clock can be off
  if (auto uuid = protocol::NormaliseUuid(rating.rating_uuid)) rating.rating_uuid = *uuid;
  for (int attempt = 0;; ++attempt) {
    // A replay is answered before any state check: the request may have moved on since.
    auto stored = repo.FindRatingAnswer(rating.rating_uuid);
    if (!stored) return WriteFail<StoredAnswer>(WriteError::Storage, stored.error());
    if (*stored) {
      WriteResult<StoredAnswer> r;
      r.value = StoredAnswer{**stored, true, std::nullopt};
      return r;
    }
    // The code is the holder's proof: the service_request_id alone is no secret (a kiosk's status lists
    // carry it), so it can never rate, or re-open, a ticket on its own.
    if (rating.ticket_code.empty())
      return WriteFail<StoredAnswer>(WriteError::Invalid,
                                "ticket_code: required (only the code's holder may rate)");
    std::optional<RequestRecord> target;
    if (!rating.service_request_id.empty()) {
      auto uuid = protocol::NormaliseUuid(rating.service_request_id);
      if (!uuid) return WriteFail<StoredAnswer>(WriteError::Invalid, "service_request_id: must be a UUID");
      auto found = repo.FindRequest(*uuid);
      if (!found) return WriteFail<StoredAnswer>(WriteError::Storage, found.error());
      target = *found;
    }
    if (!rating.ticket_code.empty()) {
      auto code = protocol::NormalizeTicketCode(rating.ticket_code);
      if (!code) return WriteFail<StoredAnswer>(WriteError::Invalid, "ticket_code: not a valid ticket code");
      if (target) {
        // Answered exactly like an unknown code: a wrong code for a known id is a guess too.
        if (target->status.ticket_code != *code)
          return WriteFail<StoredAnswer>(WriteError::NotFound, "no request with this ticket code");
      } else {
        auto found = repo.FindRequestByTicket(*code);
        if (!found) return WriteFail<StoredAnswer>(WriteError::Storage, found.error());
        target = *found;
      }
    }
    if (!target) return WriteFail<StoredAnswer>(WriteError::NotFound, "no request with this ticket code");
    RequestStatus from = target->status.status;
    if (from != RequestStatus::Resolved && from != RequestStatus::Closed)
      return WriteFail<StoredAnswer>(WriteError::Refused, "request is " + StatusName(from) +
                                                         "; only a resolved or closed request can be rated");
    RequestChange c = Unchanged(*target, now);
    c.rating = rating.score;
    if (protocol::RatingReopens(rating)) {
      c.status = RequestStatus::Reopened;
      c.flagged = true;
      // The reply did not satisfy: it stays in the history, and resolving again needs a new one.
      c.status_notes.clear();
    } else {
      c.status = RequestStatus::Closed;
    }
    c.event.status = c.status;
    c.event.agency = target->status.agency;
    c.event.note = rating.comment;
    std::string answer = nlohmann::json{{"rating_uuid", rating.rating_uuid},
                                        {"service_request_id", target->status.service_request_id},
                                        {"ticket_code", target->status.ticket_code},
                                        {"detailed_status", protocol::RequestStatusCode(c.status)}}
                             .dump();
    auto r = repo.RecordRating(rating, target->status.service_request_id, c, target->revision, answer);
    if (r.error != WriteError::Conflict || attempt >= 5) return r;
  }
}

// ---- Work orders --------------------------------------------------------------------------------------

namespace {

// The promised date an order gets when it names none: now + the category's default deadline.
Status DefaultDeadline(HubRepository& repo, std::string_view id, AssignOrder& order,
                       protocol::UnixSeconds now) {
  if (order.expected_at) return OkStatus();
  auto found = FindRequestByIdOrTicket(repo, id);
  if (!found) return Status::Fail(found.error());
  if (!*found) return OkStatus();  // the edit itself answers NotFound
  auto hours = repo.ServiceDeadlineHours((*found)->status.service_code);
  if (!hours) return Status::Fail(hours.error());
  order.expected_at = now + static_cast<protocol::UnixSeconds>(hours->value_or(kDefaultDeadlineHours)) * 3600;
  return OkStatus();
}

}  // namespace

WriteResult<RequestRecord> DispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                           protocol::UnixSeconds now) {
  if (auto s = DefaultDeadline(repo, id, order, now); !s)
    return WriteFail<RequestRecord>(WriteError::Storage, s.error());
  return AssignRequest(repo, id, order, now);
}

WriteResult<RequestRecord> RedispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                             const std::string& reason, protocol::UnixSeconds now) {
  if (auto e = CheckText("reason", reason, kMaxReasonCodepoints, true))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  if (auto e = CheckText("responsible", order.responsible, kMaxResponsibleCodepoints, true))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  if (order.expected_at && *order.expected_at <= now)
    return WriteFail<RequestRecord>(WriteError::Invalid, "expected_at: a promised date must be in the future");
  if (auto s = DefaultDeadline(repo, id, order, now); !s)
    return WriteFail<RequestRecord>(WriteError::Storage, s.error());
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (!IsOpen(r.status.status))
      return Refuse("request is " + StatusName(r.status.status) +
                    "; only an open request can be re-dispatched");
    if (!r.status.agency || r.status.agency_responsible.empty())
      return Refuse("request has not been dispatched yet: dispatch it instead");
    RequestChange c = Unchanged(r, now);
    c.status = RequestStatus::Assigned;
    c.agency = order.agency;
    c.agency_responsible = order.responsible;
    c.expected_at = order.expected_at;
    c.event.status = RequestStatus::Assigned;
    c.event.agency = order.agency;
    // The timeline keeps who gave it back and why: buck-passing stays visible.
    c.event.note = "改派：" + r.status.agency_responsible + " → " + order.responsible + "；理由：" + reason;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> SuperviseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                            protocol::UnixSeconds now) {
  if (auto e = CheckText("note", note, kMaxNoteCodepoints, true))
    return WriteFail<RequestRecord>(WriteError::Invalid, *e);
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (!IsOpen(r.status.status))
      return Refuse("request is " + StatusName(r.status.status) + "; only an open request can be supervised");
    if (r.work.due_at >= now) return Refuse("request is not overdue yet; 督办 is for overdue tickets");
    RequestChange c = Unchanged(r, now);
    c.supervise = SupervisionMark{now, note};
    c.event.agency = protocol::Agency::StreetOffice;
    c.event.note = "督办：" + note;
    return Ok(std::move(c));
  });
}

}  // namespace ck::hub

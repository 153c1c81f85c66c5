// Request lifecycle: each operation reads the request, checks the rule, and writes with the revision it
// read, retrying when another writer got in between (the check is then made again on fresh data).
#include "sync/hub/rules/request_editor.h"

#include <functional>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/rules/party_policy.h"
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
  c.returned_at = r.work.returned_at;
  c.extension_until = r.work.extension_until;
  c.extension_reason = r.work.extension_reason;
  c.event.at = now;
  c.event.status = r.status.status;
  c.event.kind = protocol::EventKind::Status;
  return c;
}

template <typename T>
WriteResult<T> Coded(WriteResult<T> r, std::string code) {
  r.code = std::move(code);
  return r;
}

// A text check's failure as bad input, coded "<field>.required" | "<field>.too_long" | "<field>.utf8".
std::optional<WriteResult<RequestRecord>> TextFail(std::string_view field, std::string_view text,
                                                   std::size_t max_cp, bool required) {
  auto e = CheckText(field, text, max_cp, required);
  if (!e) return std::nullopt;
  std::string why = e->find("required") != std::string::npos ? "required"
                    : e->find("UTF-8") != std::string::npos  ? "utf8"
                                                             : "too_long";
  return Coded(WriteFail<RequestRecord>(WriteError::Invalid, *e), std::string(field) + "." + why);
}

WriteResult<RequestRecord> InvalidCoded(std::string code, std::string message) {
  return Coded(WriteFail<RequestRecord>(WriteError::Invalid, std::move(message)), std::move(code));
}

// Decides the change for the current record, or refuses; Edit() stores it with optimistic retry.
using Decide = std::function<WriteResult<RequestChange>(const RequestRecord&)>;

WriteResult<RequestRecord> Edit(HubRepository& repo, std::string_view id, const Decide& decide) {
  for (int attempt = 0;; ++attempt) {
    auto found = FindRequestByIdOrTicket(repo, id);
    if (!found) return WriteFail<RequestRecord>(WriteError::Storage, found.error());
    if (!*found) return WriteFail<RequestRecord>(WriteError::NotFound, "no request " + std::string(id));
    auto change = decide(**found);
    if (!change.ok()) return Coded(WriteFail<RequestRecord>(change.error, change.message), change.code);
    auto r = repo.UpdateRequest((*found)->status.service_request_id, *change.value, (*found)->revision);
    if (r.error != WriteError::Conflict || attempt >= 5) return r;
  }
}

WriteResult<RequestChange> Refuse(std::string code, std::string message) {
  return Coded(WriteFail<RequestChange>(WriteError::Refused, std::move(message)), std::move(code));
}

// The acting party's rights, checked on the record the edit read.
std::optional<WriteResult<RequestChange>> StreetOnly(protocol::Agency by, std::string_view what) {
  if (PartyDispatches(by)) return std::nullopt;
  return Refuse("street_only", "only the street office " + std::string(what) + " (acting as " +
                                   std::string(protocol::AgencyCode(by)) + ")");
}

std::optional<WriteResult<RequestChange>> OwnerOnly(protocol::Agency by, const RequestRecord& r) {
  if (PartyMayHandle(by, r)) return std::nullopt;
  return Refuse("not_owner", "the ticket is not " + std::string(protocol::AgencyCode(by)) + "'s to handle");
}

std::optional<WriteResult<RequestChange>> MustBeOpen(const RequestRecord& r, std::string_view what) {
  if (IsOpen(r.status.status)) return std::nullopt;
  return Refuse("not_open", "request is " + StatusName(r.status.status) + "; only an open request can be " +
                                std::string(what));
}

// "2026-12-08 18:00" in Beijing time, for timeline notes (stored text, read by residents in Chinese).
std::string BeijingMinute(protocol::UnixSeconds t) {
  std::string iso = protocol::FormatUtc(t + kShanghaiOffsetSeconds);  // "2026-12-08T10:00:00Z"
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
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
                                         protocol::Agency by, protocol::UnixSeconds now) {
  if (auto e = TextFail("responsible", order.responsible, kMaxResponsibleCodepoints, true)) return *e;
  if (auto e = TextFail("note", order.note, kMaxNoteCodepoints, false)) return *e;
  if (order.expected_at && *order.expected_at <= now)
    return InvalidCoded("expected_past", "expected_at: a promised date must be in the future");
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = StreetOnly(by, "dispatches")) return *no;
    if (auto no = MustBeOpen(r, "dispatched (a resident's low rating reopens it)")) return *no;
    // Once a party holds it (or had it back), it moves only by 改派, with its reason in the timeline: a
    // second dispatch (a stale page, or two clerks at once) must not silently take it from the first.
    if (r.status.agency)
      return Refuse("already_dispatched", "the ticket is already with " +
                                              std::string(protocol::AgencyCode(*r.status.agency)) +
                                              ": re-dispatch it (改派) with a reason");
    RequestChange c = Unchanged(r, now);
    c.status = RequestStatus::Assigned;
    c.agency = order.agency;
    c.agency_responsible = order.responsible;
    c.expected_at = order.expected_at;
    c.returned_at.reset();
    c.extension_until.reset();
    c.extension_reason.clear();
    c.event.status = RequestStatus::Assigned;
    c.event.agency = order.agency;
    c.event.kind = protocol::EventKind::Dispatch;
    c.event.note = order.note.empty() ? order.responsible : order.responsible + "：" + order.note;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> SetRequestStatus(HubRepository& repo, std::string_view id, RequestStatus target,
                                            const std::string& note, protocol::Agency by,
                                            protocol::UnixSeconds now) {
  if (target == RequestStatus::Closed) return CloseRequest(repo, id, note, by, now);
  if (target == RequestStatus::Assigned)
    return InvalidCoded("use_dispatch", "status: use `request dispatch` to name who owns it");
  if (target == RequestStatus::Submitted || target == RequestStatus::Reopened)
    return InvalidCoded("status_not_settable", "status: " + StatusName(target) +
                                                   " cannot be set by an operator (only a resident's rating reopens)");
  if (auto e = TextFail("note", note, kMaxNoteCodepoints, false)) return *e;
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = OwnerOnly(by, r)) return *no;
    RequestStatus from = r.status.status;
    if (from == target) return Refuse("already_" + StatusName(from), "request is already " + StatusName(from));
    bool owned = r.status.agency.has_value() && !r.status.agency_responsible.empty();
    switch (target) {
      case RequestStatus::Accepted:
        if (from != RequestStatus::Submitted && from != RequestStatus::Reopened)
          return Refuse("accept_from",
                        "only a submitted or reopened request can be accepted; it is " + StatusName(from));
        break;
      case RequestStatus::InProgress:
        if (!owned) return Refuse("dispatch_first", "assign the request to someone before it can be in progress");
        if (auto no = MustBeOpen(r, "worked on")) return *no;
        break;
      case RequestStatus::Resolved:
        if (!owned)
          return Refuse("dispatch_first", "assign the request to someone before resolving it: who resolved it?");
        if (auto no = MustBeOpen(r, "resolved")) return *no;
        if (r.status.status_notes.empty())
          return Refuse("reply_first",
                        "reply to the resident (request reply) before resolving: they rate what they read");
        break;
      default:
        return Refuse("status_not_settable", "status " + StatusName(target) + " cannot be set here");
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
                                          protocol::Agency by, protocol::UnixSeconds now) {
  if (auto e = TextFail("text", text, kMaxReplyCodepoints, true)) return *e;
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = OwnerOnly(by, r)) return *no;
    if (r.status.status == RequestStatus::Closed)
      return Refuse("reply_closed", "request is closed; its reply is final (a resident's low rating reopens it)");
    if (r.status.status_notes == text) return Refuse("reply_same", "the reply is already this text");
    RequestChange c = Unchanged(r, now);
    c.status_notes = text;
    c.event.agency = r.status.agency;
    c.event.kind = protocol::EventKind::Reply;
    c.event.note = text;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> CloseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                        protocol::Agency by, protocol::UnixSeconds now) {
  if (auto e = TextFail("note", note, kMaxNoteCodepoints, false)) return *e;
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = OwnerOnly(by, r)) return *no;
    if (r.status.status == RequestStatus::Closed) return Refuse("already_closed", "request is already closed");
    if (r.status.status_notes.empty())
      return Refuse("reply_first_close", "reply to the resident (request reply) before closing: closing needs a reply");
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
    c.event.kind = protocol::EventKind::Rating;
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
                                           protocol::Agency by, protocol::UnixSeconds now) {
  if (auto s = DefaultDeadline(repo, id, order, now); !s)
    return WriteFail<RequestRecord>(WriteError::Storage, s.error());
  return AssignRequest(repo, id, order, by, now);
}

WriteResult<RequestRecord> RedispatchRequest(HubRepository& repo, std::string_view id, AssignOrder order,
                                             const std::string& reason, protocol::Agency by,
                                             protocol::UnixSeconds now) {
  if (auto e = TextFail("reason", reason, kMaxReasonCodepoints, true)) return *e;
  if (auto e = TextFail("responsible", order.responsible, kMaxResponsibleCodepoints, true)) return *e;
  if (order.expected_at && *order.expected_at <= now)
    return InvalidCoded("expected_past", "expected_at: a promised date must be in the future");
  if (auto s = DefaultDeadline(repo, id, order, now); !s)
    return WriteFail<RequestRecord>(WriteError::Storage, s.error());
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = StreetOnly(by, "re-dispatches")) return *no;
    if (auto no = MustBeOpen(r, "re-dispatched")) return *no;
    if (!r.status.agency) return Refuse("not_dispatched", "request has not been dispatched yet: dispatch it instead");
    // A re-dispatch changes the party; a deadline moves only by a granted extension.
    if (!r.work.returned_at && *r.status.agency == order.agency)
      return Refuse("redispatch_same_party", "the ticket is already with " +
                                                 std::string(protocol::AgencyCode(order.agency)) +
                                                 "; re-dispatch to another party (a later deadline is an extension)");
    RequestChange c = Unchanged(r, now);
    c.status = RequestStatus::Assigned;
    c.agency = order.agency;
    c.agency_responsible = order.responsible;
    c.expected_at = order.expected_at;
    c.returned_at.reset();
    c.extension_until.reset();
    c.extension_reason.clear();
    c.event.status = RequestStatus::Assigned;
    c.event.agency = order.agency;
    c.event.kind = protocol::EventKind::Redispatch;
    // The timeline keeps who had it and why it moved: buck-passing stays visible.
    std::string from = r.status.agency_responsible.empty() ? std::string() : r.status.agency_responsible + " ";
    // The prefix is what kiosks built before event kinds read (app/ui/track/ticket_timeline.cpp).
    c.event.note = "改派：" + from + "→ " + order.responsible + "；理由：" + reason;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> ReturnRequest(HubRepository& repo, std::string_view id, const std::string& reason,
                                         protocol::Agency by, protocol::UnixSeconds now) {
  if (auto e = TextFail("reason", reason, kMaxReasonCodepoints, true)) return *e;
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (PartyDispatches(by))
      return Refuse("street_cannot_return", "the street office re-dispatches; 退单 is for the party holding it");
    if (auto no = MustBeOpen(r, "returned")) return *no;
    if (!PartyMayReturn(by, r))
      return Refuse("not_owner", "the ticket is not " + std::string(protocol::AgencyCode(by)) + "'s to return");
    RequestChange c = Unchanged(r, now);
    // Back with the street office, to be re-assigned: it owns the ticket again (and its queue shows it).
    c.status = RequestStatus::Accepted;
    c.agency = protocol::Agency::StreetOffice;
    c.agency_responsible.clear();
    c.returned_at = now;
    c.extension_until.reset();
    c.extension_reason.clear();
    c.event.status = RequestStatus::Accepted;
    c.event.agency = by;  // who gave it back, for the timeline and the returns count
    c.event.kind = protocol::EventKind::Return;
    c.event.note = reason;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> AskExtension(HubRepository& repo, std::string_view id, protocol::UnixSeconds until,
                                        const std::string& reason, protocol::Agency by,
                                        protocol::UnixSeconds now) {
  if (auto e = TextFail("reason", reason, kMaxReasonCodepoints, true)) return *e;
  if (until <= now) return InvalidCoded("expected_past", "until: the date asked for must be in the future");
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (PartyDispatches(by))
      return Refuse("street_no_extension", "the street office sets its own deadline when it dispatches");
    if (auto no = MustBeOpen(r, "extended")) return *no;
    if (r.status.agency != by)
      return Refuse("not_owner", "the ticket is not " + std::string(protocol::AgencyCode(by)) + "'s to handle");
    if (r.work.extension_until)
      return Refuse("extension_pending", "an extension is already waiting for the street office's answer");
    if (until <= r.work.due_at)
      return Refuse("extension_not_later", "the date asked for must be after the deadline in force");
    RequestChange c = Unchanged(r, now);
    c.extension_until = until;
    c.extension_reason = reason;
    c.event.agency = by;
    c.event.kind = protocol::EventKind::ExtensionAsked;
    c.event.note = "→ " + BeijingMinute(until) + "；理由：" + reason;
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> DecideExtension(HubRepository& repo, std::string_view id, bool grant,
                                           const std::string& note, protocol::Agency by,
                                           protocol::UnixSeconds now) {
  if (auto e = TextFail("note", note, kMaxNoteCodepoints, false)) return *e;
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = StreetOnly(by, "decides extensions")) return *no;
    if (auto no = MustBeOpen(r, "extended")) return *no;
    if (!r.work.extension_until) return Refuse("no_extension", "no extension is waiting for an answer");
    RequestChange c = Unchanged(r, now);
    if (grant) c.expected_at = *r.work.extension_until;  // the store moves due_at with it
    c.extension_until.reset();
    c.extension_reason.clear();
    c.event.agency = r.status.agency;  // the party that asked, for its extensions count
    c.event.kind = grant ? protocol::EventKind::ExtensionGranted : protocol::EventKind::ExtensionRefused;
    c.event.note = (grant ? "→ " + BeijingMinute(*r.work.extension_until) : std::string()) +
                   (note.empty() ? "" : (grant ? "；" : "") + note);
    return Ok(std::move(c));
  });
}

WriteResult<RequestRecord> SuperviseRequest(HubRepository& repo, std::string_view id, const std::string& note,
                                            protocol::Agency by, protocol::UnixSeconds now) {
  if (auto e = TextFail("note", note, kMaxNoteCodepoints, true)) return *e;
  return Edit(repo, id, [&](const RequestRecord& r) {
    if (auto no = StreetOnly(by, "supervises")) return *no;
    if (auto no = MustBeOpen(r, "supervised")) return *no;
    if (r.work.due_at >= now) return Refuse("not_overdue", "request is not overdue yet; 督办 is for overdue tickets");
    RequestChange c = Unchanged(r, now);
    c.supervise = SupervisionMark{now, note};
    c.event.agency = protocol::Agency::StreetOffice;
    c.event.kind = protocol::EventKind::Supervise;
    c.event.note = "督办：" + note;
    return Ok(std::move(c));
  });
}

}  // namespace ck::hub

// Submission intake: validate against the hub's services, choose id and times, store with its answer.
#include "sync/hub/rules/request_intake.h"

#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/ids.h"

namespace ck::hub {


Result<std::optional<std::string>> ResolveSubmissionKey(std::string_view header, std::string_view form_uuid) {
  using R = Result<std::optional<std::string>>;
  std::optional<std::string> key, uuid;
  if (!header.empty()) {
    key = protocol::NormaliseUuid(header);
    if (!key) return R::Fail("Idempotency-Key: must be a UUID");
  }
  if (!form_uuid.empty()) {
    uuid = protocol::NormaliseUuid(form_uuid);
    if (!uuid) return R::Fail("request_uuid: must be a UUID");
  }
  if (key && uuid && *key != *uuid)
    return R::Fail("Idempotency-Key and request_uuid differ: send the same UUID");
  return R::Ok(key ? key : uuid);
}

namespace {

// The request a submission becomes, or why it cannot be one (Invalid: unknown service; Storage).
WriteResult<RequestRecord> BuildRequest(HubRepository& repo, const protocol::ServiceRequestSubmission& s,
                                        const std::optional<std::string>& key, const std::string& device_id,
                                        protocol::UnixSeconds now, std::optional<Channel> channel) {
  auto fail = [](WriteError e, std::string m) {
    WriteResult<RequestRecord> r;
    r.error = e;
    r.message = std::move(m);
    return r;
  };
  auto service = repo.FindService(s.service_code);
  if (!service) return fail(WriteError::Storage, service.error());
  if (!*service) return fail(WriteError::Invalid, "service_code: unknown");

  RequestRecord r;
  protocol::ServiceRequestStatus& p = r.status;
  p.service_request_id = key ? *key : protocol::NewUuid();
  p.ticket_code = s.ticket_code;  // canonical or empty: SubmissionFromFormFields normalised it
  p.service_code = s.service_code;
  p.service_name = (*service)->service_name;
  p.status = protocol::RequestStatus::Submitted;
  p.address_string = s.address_string;
  p.requested_at = s.submitted_at > 0 && s.submitted_at <= now + kKioskClockSkewAllowance ? s.submitted_at : now;
  p.updated_at = now;
  p.history.push_back({p.requested_at, protocol::RequestStatus::Submitted, std::nullopt, "", protocol::EventKind::Filed});
  r.kind = s.kind;
  r.description = s.description;
  r.phone = s.phone;
  r.device_id = device_id;
  // Our kiosk sends its own ticket code and its clock (extensions); a plain Open311 client sends neither.
  bool from_kiosk = !s.ticket_code.empty() || s.submitted_at > 0;
  r.work.channel = channel ? *channel : from_kiosk ? Channel::Kiosk : Channel::Open311;
  WriteResult<RequestRecord> out;
  out.value = std::move(r);
  return out;
}

std::string AnswerFor(const RequestRecord& stored) {
  return protocol::SubmissionAckToJson({stored.status.service_request_id, "", stored.status.ticket_code});
}

}  // namespace

WriteResult<StoredAnswer> IntakeSubmission(HubRepository& repo, const protocol::ServiceRequestSubmission& s,
                                           const std::optional<std::string>& key,
                                           const std::string& device_id, protocol::UnixSeconds now,
                                           std::optional<Channel> channel) {
  auto record = BuildRequest(repo, s, key, device_id, now, channel);
  if (!record.ok()) {
    WriteResult<StoredAnswer> r;
    r.error = record.error;
    r.message = std::move(record.message);
    return r;
  }
  return repo.InsertRequest(*record.value, AnswerFor);
}

Result<std::vector<WriteResult<StoredAnswer>>> IntakeSubmissions(HubRepository& repo,
                                                                 const std::vector<KeyedSubmission>& items,
                                                                 const std::string& device_id,
                                                                 protocol::UnixSeconds now) {
  using R = Result<std::vector<WriteResult<StoredAnswer>>>;
  std::vector<WriteResult<StoredAnswer>> out(items.size());
  std::vector<RequestRecord> records;
  std::vector<std::size_t> slots;  // records[i] answers out[slots[i]]
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto record = BuildRequest(repo, items[i].submission, items[i].key, device_id, now, std::nullopt);
    if (record.error == WriteError::Storage) return R::Fail(record.message);
    if (!record.ok()) {
      out[i].error = record.error;
      out[i].message = std::move(record.message);
      continue;
    }
    records.push_back(std::move(*record.value));
    slots.push_back(i);
  }
  if (records.empty()) return R::Ok(std::move(out));
  auto stored = repo.InsertRequests(records, AnswerFor);
  if (!stored) return R::Fail(stored.error());
  for (std::size_t i = 0; i < slots.size(); ++i) out[slots[i]] = std::move((*stored)[i]);
  return R::Ok(std::move(out));
}

WriteResult<RequestRecord> FileOnBehalf(HubRepository& repo, protocol::ServiceRequestSubmission s,
                                        Channel channel, protocol::UnixSeconds now) {
  if (channel != Channel::Phone && channel != Channel::FrontDesk)
    return WriteFail<RequestRecord>(WriteError::Invalid, "channel: phone or front_desk");
  // The hub makes the id and the code: a clerk's form carries neither.
  s.request_uuid.clear();
  s.ticket_code.clear();
  s.device_id.clear();
  s.submitted_at = 0;
  if (auto v = protocol::ValidateSubmission(s); !v)
    return WriteFail<RequestRecord>(WriteError::Invalid, v.error());
  auto stored = IntakeSubmission(repo, s, protocol::NewUuid(), "", now, channel);
  if (!stored.ok()) return WriteFail<RequestRecord>(stored.error, stored.message);
  if (!stored.value->record) return WriteFail<RequestRecord>(WriteError::Storage, "a fresh id was replayed");
  return WriteOk(std::move(*stored.value->record));
}

}  // namespace ck::hub

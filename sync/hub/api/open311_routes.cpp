// Open311 handlers: decode and check the HTTP layer, then hand over to intake, query and editor code.
#include "sync/hub/api/open311_routes.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "sync/hub/api/client_address.h"
#include "sync/hub/api/feed_query.h"
#include "sync/hub/api/form_body.h"
#include "sync/hub/api/http_support.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/rules/request_intake.h"
#include "sync/hub/api/request_query.h"
#include "sync/hub/pages/ticket_page.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

using httplib::Request;
using httplib::Response;

std::string Match(const Request& req) {
  return req.matches.size() > 1 ? req.matches[1].str() : std::string();
}

void SendStored(Response& res, int status, const StoredAnswer& answer) {
  // A client can tell a replay from the header; the body is the first answer, byte for byte.
  if (answer.replayed) res.set_header("Idempotent-Replayed", "true");
  SendJson(res, status, answer.body);
}

// Storage failures are the hub's fault (500, logged by the exception handler); the rest are 4xx.
void SendWriteError(Response& res, WriteError e, const std::string& message) {
  if (e == WriteError::Storage) throw std::runtime_error(message);
  SendError(res, StatusForWriteError(e), message);
}

// A strong ETag from the body itself (FNV-1a 64): stable across restarts, so a kiosk's cached list stays
// valid until an operator changes a service.
std::string BodyEtag(std::string_view body) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"s%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

// Past the client's budget for unknown codes: refused before any lookup, found or not (see
// lookup_throttle.h).
bool Throttled(LookupThrottle& throttle, const Request& req, Response& res, bool html) {
  auto wait = throttle.RetryAfter(ClientAddress(req));
  if (!wait) return false;
  res.set_header("Retry-After", std::to_string(*wait));
  if (html) {
    SendHtml(res, RenderThrottledTicketPage(*wait));
  } else {
    SendError(res, 429,
              "too many lookups of unknown ticket codes from this address: try again in " +
                  std::to_string(*wait) + " s");
  }
  return true;
}

// A status answer carries a ticket's code only to the kiosk that filed it, or to whoever asked by that code:
// the code is the resident's credential, and every kiosk token can list every request.
protocol::ServiceRequestStatus ForViewer(const RequestRecord& r, const std::string& viewer_device_id) {
  protocol::ServiceRequestStatus s = r.status;
  if (r.device_id.empty() || r.device_id != viewer_device_id) s.ticket_code.clear();
  return s;
}

// A kiosk's codes carry its own number (or 0, made before it learnt it). Any other number is drawn afresh by
// the hub: otherwise "kept" versus "reassigned" would tell a token holder whether another kiosk's code
// exists.
protocol::ServiceRequestSubmission OwnKioskCodesOnly(protocol::ServiceRequestSubmission s,
                                                     const KioskRecord& kiosk) {
  if (s.ticket_code.empty()) return s;
  auto parts = protocol::ParseTicketCode(s.ticket_code);
  if (!parts || (parts->kiosk_number != 0 && static_cast<int>(parts->kiosk_number) != kiosk.kiosk_number))
    s.ticket_code.clear();
  return s;
}

void HandleServices(HubRepository& repo, const Request& req, Response& res) {
  auto services = repo.ListServices();
  if (!services) throw std::runtime_error("services: " + services.error());
  std::string body = protocol::ServiceListToJson(*services);
  std::string etag = BodyEtag(body);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("ETag", etag);
  if (EtagMatches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  SendJson(res, 200, body);
}

void HandleServiceDefinition(HubRepository& repo, const Request& req, Response& res) {
  std::string code = Match(req);
  auto service = repo.FindService(code);
  if (!service) throw std::runtime_error("service: " + service.error());
  if (!*service) return SendError(res, 404, "service_code: unknown");
  // Our services need no extra attributes: the form is the same for every category.
  SendJson(res, 200, nlohmann::json{{"service_code", code}, {"attributes", nlohmann::json::array()}}.dump());
}

void HandlePostRequest(HubRepository& repo, const Request& req, Response& res) {
  const bool multipart = req.is_multipart_form_data();
  if (!multipart && !IsFormContentType(req.get_header_value("Content-Type")))
    return SendError(res, 400,
                     "Content-Type: must be application/x-www-form-urlencoded (UTF-8) or multipart/form-data, "
                     "as Open311 says");
  auto form = multipart ? FormFromParts(req.files) : ParseFormBody(req.body);
  if (!form) return SendError(res, 400, form.error());
  std::optional<std::string> form_api_key;
  if (auto it = form->find("api_key"); it != form->end()) form_api_key = it->second;
  auto kiosk = AuthenticateKiosk(repo, req, res, form_api_key);
  if (!kiosk) return;
  auto submission = protocol::SubmissionFromFormFields(*form);
  if (!submission) return SendError(res, 400, submission.error());
  auto key = ResolveSubmissionKey(req.get_header_value("Idempotency-Key"), submission->request_uuid);
  if (!key) return SendError(res, 400, key.error());
  auto stored =
      IntakeSubmission(repo, OwnKioskCodesOnly(*submission, *kiosk), *key, kiosk->device_id, HubNow());
  if (!stored.ok()) return SendWriteError(res, stored.error, stored.message);
  SendStored(res, 201, *stored.value);
}

// The batch extension: each item gets the status and body the single POST above would have given it,
// and all new requests are stored with one commit (the single POST's cost is its fsync, not its parsing).
void HandlePostRequestBatch(HubRepository& repo, const Request& req, Response& res) {
  auto kiosk = AuthenticateKiosk(repo, req, res);
  if (!kiosk) return;
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
    return SendError(res, 400, "Content-Type: must be application/json");
  auto items = protocol::ParseSubmissionBatch(req.body);
  if (!items) return SendError(res, 400, items.error());

  std::vector<protocol::BatchItemResult> results(items->size());
  std::vector<KeyedSubmission> accepted;
  std::vector<std::size_t> slots;  // accepted[i] answers results[slots[i]]
  for (std::size_t i = 0; i < items->size(); ++i) {
    const protocol::BatchSubmissionItem& item = (*items)[i];
    results[i].idempotency_key = item.idempotency_key;
    auto refuse = [&](const std::string& why) {
      results[i].status = 400;
      results[i].body = protocol::ErrorBodyJson(400, why);
    };
    if (!item.error.empty()) {
      refuse(item.error);
      continue;
    }
    // Results are matched by key, so unlike a plain Open311 POST every item must carry one.
    if (item.idempotency_key.empty()) {
      refuse("idempotency_key: required");
      continue;
    }
    auto submission = protocol::SubmissionFromFormFields(item.form);
    if (!submission) {
      refuse(submission.error());
      continue;
    }
    auto key = ResolveSubmissionKey(item.idempotency_key, submission->request_uuid);
    if (!key) {
      refuse(key.error());
      continue;
    }
    accepted.push_back({OwnKioskCodesOnly(*submission, *kiosk), std::move(*key)});
    slots.push_back(i);
  }
  auto stored = IntakeSubmissions(repo, accepted, kiosk->device_id, HubNow());
  if (!stored) throw std::runtime_error("batch: " + stored.error());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    auto& r = (*stored)[i];
    protocol::BatchItemResult& out = results[slots[i]];
    if (r.error == WriteError::Storage) throw std::runtime_error("batch: " + r.message);
    if (!r.ok()) {
      out.status = StatusForWriteError(r.error);
      out.body = protocol::ErrorBodyJson(out.status, r.message);
    } else {
      out.status = 201;
      out.body = std::move(r.value->body);
    }
  }
  SendJson(res, 200, protocol::BatchResultsToJson(results));
}

// A live operator's bearer token, if that is what the caller presented (no answer is sent either way).
std::optional<OperatorRecord> PresentedOperator(HubRepository& repo, const Request& req) {
  auto token = BearerToken(req.get_header_value("Authorization"));
  if (!token) return std::nullopt;
  std::string hash = HashSecret(*token);
  auto op = repo.FindOperatorByTokenHash(hash);
  if (!op) throw std::runtime_error("operator lookup: " + op.error());
  if (!*op || !SecretHashesEqual((*op)->token_hash, hash)) return std::nullopt;
  return *op;
}

// The city's view (an operator token): the public status plus what the resident wrote, in Open311's own
// "description" field, and how it arrived. Never the phone number.
std::string FullRecordsJson(const std::vector<RequestRecord>& records) {
  std::vector<protocol::ServiceRequestStatus> list;
  list.reserve(records.size());
  for (const auto& r : records) list.push_back(r.status);
  nlohmann::json arr = nlohmann::json::parse(protocol::StatusListToJson(list));
  for (std::size_t i = 0; i < records.size() && i < arr.size(); ++i) {
    arr[i]["description"] = records[i].description;
    arr[i]["kind"] = protocol::FeedbackKindCode(records[i].kind);
    arr[i]["channel"] = ChannelCode(records[i].work.channel);
    if (records[i].work.supervised_at) arr[i]["supervised"] = true;
  }
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void HandleGetRequests(HubRepository& repo, LookupThrottle& throttle, const Request& req, Response& res) {
  // An operator sees the full record; a kiosk keeps today's privacy (no description, and ticket codes
  // only of its own requests or of the one it asked for by code). Only kiosks spend a lookup budget.
  std::optional<OperatorRecord> op = PresentedOperator(repo, req);
  std::optional<KioskRecord> kiosk;
  if (!op && !(kiosk = AuthenticateKiosk(repo, req, res))) return;
  auto query = ParseRequestQuery(req.params, HubNow());
  if (!query) return SendError(res, 400, query.error());
  const bool by_code = query->ticket_code.has_value();
  if (kiosk && by_code && Throttled(throttle, req, res, false)) return;
  auto records = repo.QueryRequests(*query);
  if (!records) throw std::runtime_error("requests: " + records.error());
  res.set_header("Cache-Control", "no-cache");
  if (op) return SendJson(res, 200, FullRecordsJson(*records));
  if (by_code && records->empty()) throttle.RecordUnknown(ClientAddress(req));
  std::vector<protocol::ServiceRequestStatus> list;
  list.reserve(records->size());
  for (const auto& r : *records) list.push_back(by_code ? r.status : ForViewer(r, kiosk->device_id));
  SendJson(res, 200, protocol::StatusListToJson(list));
}

void HandleGetRequest(HubRepository& repo, const Request& req, Response& res) {
  auto kiosk = AuthenticateKiosk(repo, req, res);
  if (!kiosk) return;
  auto id = protocol::NormaliseUuid(Match(req));
  if (!id) return SendError(res, 400, "service_request_id: must be a UUID");
  auto record = repo.FindRequest(*id);
  if (!record) throw std::runtime_error("request: " + record.error());
  if (!*record) return SendError(res, 404, "service_request_id: no such request");
  res.set_header("Cache-Control", "no-cache");
  SendJson(res, 200, protocol::StatusListToJson({ForViewer(**record, kiosk->device_id)}));
}

// Open311 tokens: we answer every POST with its id at once, so a token (the submission's idempotency key)
// resolves to that id as soon as the request exists.
void HandleToken(HubRepository& repo, const Request& req, Response& res) {
  if (!AuthenticateKiosk(repo, req, res)) return;
  std::string token = Match(req);
  auto id = protocol::NormaliseUuid(token);
  if (!id) return SendError(res, 400, "token: must be a UUID");
  auto record = repo.FindRequest(*id);
  if (!record) throw std::runtime_error("token: " + record.error());
  if (!*record) return SendError(res, 404, "token: unknown");
  SendJson(res, 200,
           nlohmann::json::array(
               {{{"service_request_id", (*record)->status.service_request_id}, {"token", token}}})
               .dump());
}

void HandleRating(HubRepository& repo, LookupThrottle& throttle, const Request& req, Response& res) {
  if (!AuthenticateKiosk(repo, req, res)) return;
  if (Throttled(throttle, req, res, false)) return;
  std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    return SendError(res, 400, "Content-Type: must be application/json");
  auto rating = protocol::ParseRating(req.body);
  if (!rating) return SendError(res, 400, rating.error());
  std::string header = req.get_header_value("Idempotency-Key");
  if (!header.empty()) {
    auto key = protocol::NormaliseUuid(header);
    if (!key) return SendError(res, 400, "Idempotency-Key: must be a UUID");
    if (*key != protocol::NormaliseUuid(rating->rating_uuid))
      return SendError(res, 400, "Idempotency-Key and rating_uuid differ: send the same UUID");
  }
  auto stored = ApplyRating(repo, *rating, HubNow());
  if (stored.error == WriteError::NotFound) throttle.RecordUnknown(ClientAddress(req));
  if (!stored.ok()) return SendWriteError(res, stored.error, stored.message);
  SendStored(res, 200, *stored.value);
}

void HandleTicketPage(HubRepository& repo, LookupThrottle& throttle, const Request& req, Response& res) {
  // The code in the URL is the capability: keep it out of other sites' logs and out of search engines.
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Robots-Tag", "noindex");
  res.set_header("Cache-Control", "no-cache");
  auto code = protocol::NormalizeTicketCode(Match(req));
  if (!code) return SendHtml(res, RenderMistypedTicketPage());
  if (Throttled(throttle, req, res, true)) return;
  auto record = repo.FindRequestByTicket(*code);
  if (!record) throw std::runtime_error("ticket page: " + record.error());
  if (!*record) {
    throttle.RecordUnknown(ClientAddress(req));
    return SendHtml(res, RenderUnknownTicketPage());
  }
  SendHtml(res, RenderTicketPage(**record));
}

}  // namespace

void RegisterOpen311Routes(httplib::Server& s, HubRepository& repo, RequestBodies& bodies) {
  RegisterOpen311Routes(s, repo, bodies, std::make_shared<LookupThrottle>());
}

void RegisterOpen311Routes(httplib::Server& s, HubRepository& repo, RequestBodies& bodies,
                           std::shared_ptr<LookupThrottle> throttle) {
  auto bind = [&repo](void (*handler)(HubRepository&, const Request&, Response&)) {
    return [&repo, handler](const Request& req, Response& res) { handler(repo, req, res); };
  };
  // The throttle lives as long as the routes that use it.
  auto bind_throttled = [&repo, throttle](
                            void (*handler)(HubRepository&, LookupThrottle&, const Request&, Response&)) {
    return
        [&repo, throttle, handler](const Request& req, Response& res) { handler(repo, *throttle, req, res); };
  };
  s.Get(R"(/services\.json)", bind(HandleServices));
  s.Get(R"(/services/([^/]+)\.json)", bind(HandleServiceDefinition));
  bodies.Post(s, R"(/requests\.json)", bind(HandlePostRequest), RequestBodies::Accepts::kFormOrMultipart);
  bodies.Post(s, "/api/v1/requests/batch", bind(HandlePostRequestBatch));
  s.Get(R"(/requests\.json)", bind_throttled(HandleGetRequests));
  s.Get(R"(/requests/([^/]+)\.json)", bind(HandleGetRequest));
  s.Get(R"(/tokens/([^/]+)\.json)", bind(HandleToken));
  bodies.Post(s, "/api/v1/ratings", bind_throttled(HandleRating));
  s.Get(R"(/t/([^/]*))", bind_throttled(HandleTicketPage));

  RefuseOtherMethods(s, R"(/services\.json)", true, false);
  RefuseOtherMethods(s, R"(/services/([^/]+)\.json)", true, false);
  RefuseOtherMethods(s, R"(/requests\.json)", true, true);
  RefuseOtherMethods(s, R"(/requests/([^/]+)\.json)", true, false);
  RefuseOtherMethods(s, R"(/tokens/([^/]+)\.json)", true, false);
  RefuseOtherMethods(s, "/api/v1/requests/batch", false, true);
  RefuseOtherMethods(s, "/api/v1/ratings", false, true);
  RefuseOtherMethods(s, R"(/t/([^/]*))", true, false);
}

}  // namespace ck::hub

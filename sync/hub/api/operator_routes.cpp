// Operator API handlers: authenticate, decode JSON, call the request editor, answer with the new state.
#include "sync/hub/api/operator_routes.h"

#include <nlohmann/json.hpp>

#include "sync/hub/api/http_support.h"
#include "sync/hub/api/operator_json.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/protocol/utf8.h"

namespace ck::hub {

namespace {

// An operator integrates the hub with a district's dispatch system: it acts as the street office, the
// dispatching party of the 12345 flow (request_editor.h).
constexpr protocol::Agency kOperatorActsAs = protocol::Agency::StreetOffice;

using httplib::Request;
using httplib::Response;
using nlohmann::json;

constexpr const char* kRequestsPath = "/api/v1/operator/requests";
constexpr const char* kRequestPath = R"(/api/v1/operator/requests/([^/]+))";
constexpr const char* kActionPath = R"(/api/v1/operator/requests/([^/]+)/(assign|status|reply|close))";

// Reads an optional string member: absent or null → "", another type → error naming the field.
std::optional<std::string> StringMember(const json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return std::string(key) + ": must be a string";
  out = it->get<std::string>();
  return std::nullopt;
}

void SendRecord(Response& res, const WriteResult<RequestRecord>& r) {
  if (r.error == WriteError::Storage) throw std::runtime_error(r.message);
  if (!r.ok()) return SendError(res, StatusForWriteError(r.error), r.message);
  SendJson(res, 200, RequestToOperatorJson(*r.value).dump(-1, ' ', false, json::error_handler_t::replace));
}

void HandleList(HubRepository& repo, const Request& req, Response& res) {
  if (!AuthenticateOperator(repo, req, res)) return;
  RequestQuery q;
  q.flagged_first = true;
  Param status = GetParam(req, "status");
  Param flagged = GetParam(req, "flagged");
  if (status.repeated || flagged.repeated)
    return SendError(res, 400, "status and flagged may each appear once");
  if (status.value) {
    q.status = protocol::ParseRequestStatus(*status.value);
    if (!q.status) return SendError(res, 400, "status: unknown (submitted, accepted, assigned, …)");
  }
  if (flagged.value) {
    if (*flagged.value != "true" && *flagged.value != "false")
      return SendError(res, 400, "flagged: true or false");
    q.flagged_only = *flagged.value == "true";
  }
  auto records = repo.QueryRequests(q);
  if (!records) throw std::runtime_error("operator list: " + records.error());
  json arr = json::array();
  for (const auto& r : *records) arr.push_back(RequestToOperatorJson(r));
  SendJson(res, 200, arr.dump(-1, ' ', false, json::error_handler_t::replace));
}

void HandleShow(HubRepository& repo, const Request& req, Response& res) {
  if (!AuthenticateOperator(repo, req, res)) return;
  auto found = FindRequestByIdOrTicket(repo, req.matches[1].str());
  if (!found) throw std::runtime_error("operator show: " + found.error());
  if (!*found) return SendError(res, 404, "no such request (give a service_request_id or a ticket code)");
  SendJson(res, 200, RequestToOperatorJson(**found).dump(-1, ' ', false, json::error_handler_t::replace));
}

void HandleAction(HubRepository& repo, const Request& req, Response& res) {
  if (!AuthenticateOperator(repo, req, res)) return;
  std::string id = req.matches[1].str();
  std::string action = req.matches[2].str();
  json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return SendError(res, 400, "body: must be a JSON object");
  if (!protocol::IsValidUtf8(req.body)) return SendError(res, 400, "body: not valid UTF-8");
  protocol::UnixSeconds now = HubNow();
  std::string note, text;
  if (auto e = StringMember(body, "note", note)) return SendError(res, 400, *e);

  if (action == "assign") {
    std::string agency, expected;
    AssignOrder order;
    order.note = note;
    for (auto [key, out] : {std::pair{"agency", &agency}, std::pair{"responsible", &order.responsible},
                            std::pair{"expected_at", &expected}})
      if (auto e = StringMember(body, key, *out)) return SendError(res, 400, *e);
    auto a = protocol::ParseAgency(agency);
    if (!a) return SendError(res, 400, "agency: street_office, property_company or residents_committee");
    order.agency = *a;
    if (!expected.empty()) {
      order.expected_at = protocol::ParseUtc(expected);
      if (!order.expected_at) return SendError(res, 400, "expected_at: not an RFC 3339 time");
    }
    return SendRecord(res, AssignRequest(repo, id, order, kOperatorActsAs, now));
  }
  if (action == "status") {
    std::string status;
    if (auto e = StringMember(body, "status", status)) return SendError(res, 400, *e);
    auto s = protocol::ParseRequestStatus(status);
    if (!s) return SendError(res, 400, "status: accepted, in_progress, resolved or closed");
    return SendRecord(res, SetRequestStatus(repo, id, *s, note, kOperatorActsAs, now));
  }
  if (action == "reply") {
    if (auto e = StringMember(body, "text", text)) return SendError(res, 400, *e);
    return SendRecord(res, ReplyToRequest(repo, id, text, kOperatorActsAs, now));
  }
  return SendRecord(res, CloseRequest(repo, id, note, kOperatorActsAs, now));
}

void HandleKiosks(HubRepository& repo, const Request& req, Response& res) {
  if (!AuthenticateOperator(repo, req, res)) return;
  auto kiosks = repo.ListKiosks();
  if (!kiosks) throw std::runtime_error("operator kiosks: " + kiosks.error());
  json arr = json::array();
  for (const auto& k : *kiosks) arr.push_back(KioskToJson(k));
  SendJson(res, 200, arr.dump(-1, ' ', false, json::error_handler_t::replace));
}

void HandleSatisfaction(HubRepository& repo, const Request& req, Response& res) {
  if (!AuthenticateOperator(repo, req, res)) return;
  auto rows = repo.Satisfaction();
  if (!rows) throw std::runtime_error("satisfaction: " + rows.error());
  SendJson(res, 200, SatisfactionToJson(*rows).dump());
}

}  // namespace

void RegisterOperatorRoutes(httplib::Server& s, HubRepository& repo, RequestBodies& bodies) {
  auto bind = [&repo](void (*handler)(HubRepository&, const Request&, Response&)) {
    return [&repo, handler](const Request& req, Response& res) { handler(repo, req, res); };
  };
  s.Get(kRequestsPath, bind(HandleList));
  s.Get(kRequestPath, bind(HandleShow));
  bodies.Post(s, kActionPath, bind(HandleAction));
  s.Get("/api/v1/operator/kiosks", bind(HandleKiosks));
  s.Get("/api/v1/operator/satisfaction", bind(HandleSatisfaction));
  RefuseOtherMethods(s, kRequestsPath, true, false);
  RefuseOtherMethods(s, kRequestPath, true, false);
  RefuseOtherMethods(s, kActionPath, false, true);
  RefuseOtherMethods(s, "/api/v1/operator/kiosks", true, false);
  RefuseOtherMethods(s, "/api/v1/operator/satisfaction", true, false);
}

}  // namespace ck::hub

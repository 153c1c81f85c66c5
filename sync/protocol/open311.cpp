// Open311 GeoReport v2 codec with our extensions; every parser validates fully and never throws.
#include "sync/protocol/open311.h"

#include <array>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/utf8.h"

namespace ck::protocol {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<FeedbackKind, std::string_view>, 2> kKindCodes = {{
    {FeedbackKind::Complaint, "complaint"},
    {FeedbackKind::Suggestion, "suggestion"},
}};

constexpr std::array<std::pair<RequestStatus, std::string_view>, 7> kStatusCodes = {{
    {RequestStatus::Submitted, "submitted"},
    {RequestStatus::Accepted, "accepted"},
    {RequestStatus::Assigned, "assigned"},
    {RequestStatus::InProgress, "in_progress"},
    {RequestStatus::Resolved, "resolved"},
    {RequestStatus::Closed, "closed"},
    {RequestStatus::Reopened, "reopened"},
}};

constexpr std::array<std::pair<Agency, std::string_view>, 3> kAgencyCodes = {{
    {Agency::StreetOffice, "street_office"},
    {Agency::PropertyCompany, "property_company"},
    {Agency::ResidentsCommittee, "residents_committee"},
}};

constexpr std::array<std::string_view, 5> kQuickComments = {"", "satisfied", "slow", "unresolved", "rude"};

template <typename E, std::size_t N>
std::string_view CodeOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (auto& [v, code] : table)
    if (v == value) return code;
  return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
  for (auto& [v, c] : table)
    if (c == code) return v;
  return std::nullopt;
}

Status CheckText(std::string_view field, const std::string& text, std::size_t max_cp, bool required) {
  if (!IsValidUtf8(text)) return Status::Fail(std::string(field) + ": not valid UTF-8");
  if (required && text.empty()) return Status::Fail(std::string(field) + ": required");
  if (CountCodepoints(text) > max_cp)
    return Status::Fail(std::string(field) + ": too long (at most " + std::to_string(max_cp) +
                        " characters)");
  return OkStatus();
}

json Parse(std::string_view body) {
  return json::parse(body, nullptr, /*allow_exceptions=*/false);
}

// Reads an optional string member; a member of another type is an error, reported through `error`.
std::string StringField(const json& j, const char* key, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) {
    if (error.empty()) error = std::string(key) + ": must be a string";
    return {};
  }
  return it->get<std::string>();
}

std::optional<UnixSeconds> TimeField(const json& j, const char* key, std::string& error) {
  std::string text = StringField(j, key, error);
  if (text.empty()) return std::nullopt;
  auto t = ParseUtc(text);
  if (!t && error.empty()) error = std::string(key) + ": not an RFC 3339 time";
  return t;
}

std::vector<std::string> StringList(const json& j, const char* key, std::string& error) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) {
    if (error.empty()) error = std::string(key) + ": must be an array of strings";
    return out;
  }
  for (const auto& e : *it) {
    if (!e.is_string()) {
      if (error.empty()) error = std::string(key) + ": must be an array of strings";
      return {};
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

bool IsPhoneDigits(std::string_view phone) {
  if (phone.size() > kMaxPhoneDigits) return false;
  for (char c : phone)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

// ---- Services -------------------------------------------------------------------------------------------

std::string ServiceListToJson(const std::vector<Service>& services) {
  json list = json::array();
  for (const Service& s : services) {
    json e = {{"service_code", s.service_code},
              {"service_name", s.service_name},
              {"description", s.description},
              {"metadata", false},
              {"type", "realtime"},
              {"keywords", ""},
              {"group", s.group},
              {"name_en", s.name_en},
              {"icon", s.icon},
              {"quick_phrases", s.quick_phrases},
              {"quick_phrases_en", s.quick_phrases_en}};
    // Left out when empty, so a platform without suggestion phrases sends what it always sent.
    if (!s.suggestion_phrases.empty()) e["suggestion_phrases"] = s.suggestion_phrases;
    if (!s.suggestion_phrases_en.empty()) e["suggestion_phrases_en"] = s.suggestion_phrases_en;
    list.push_back(std::move(e));
  }
  return list.dump();
}

Result<std::vector<Service>> ParseServiceList(std::string_view body) {
  using R = Result<std::vector<Service>>;
  json j = Parse(body);
  if (!j.is_array()) return R::Fail("services: not a JSON array");
  std::vector<Service> out;
  for (const auto& e : j) {
    std::string where = "services[" + std::to_string(out.size()) + "]";
    if (!e.is_object()) return R::Fail(where + ": must be an object");
    std::string error;
    Service s;
    s.service_code = StringField(e, "service_code", error);
    s.service_name = StringField(e, "service_name", error);
    s.description = StringField(e, "description", error);
    s.group = StringField(e, "group", error);
    s.name_en = StringField(e, "name_en", error);
    s.icon = StringField(e, "icon", error);
    s.quick_phrases = StringList(e, "quick_phrases", error);
    s.quick_phrases_en = StringList(e, "quick_phrases_en", error);
    s.suggestion_phrases = StringList(e, "suggestion_phrases", error);
    s.suggestion_phrases_en = StringList(e, "suggestion_phrases_en", error);
    if (error.empty() && (s.service_code.empty() || s.service_code.size() > 64))
      error = "service_code: required, at most 64 bytes";
    if (error.empty() && s.service_name.empty()) error = "service_name: required";
    if (!error.empty()) return R::Fail(where + "." + error);
    out.push_back(std::move(s));
  }
  return R::Ok(std::move(out));
}

// ---- Submissions ----------------------------------------------------------------------------------------

std::string_view FeedbackKindCode(FeedbackKind k) {
  return CodeOf(kKindCodes, k);
}
std::optional<FeedbackKind> ParseFeedbackKind(std::string_view code) {
  return ValueOf(kKindCodes, code);
}

Status ValidateSubmission(const ServiceRequestSubmission& s) {
  if (!s.request_uuid.empty() && !IsUuid(s.request_uuid)) return Status::Fail("request_uuid: must be a UUID");
  if (!s.ticket_code.empty() && !ParseTicketCode(s.ticket_code))
    return Status::Fail("ticket_code: not a valid ticket code");
  if (s.service_code.empty() || s.service_code.size() > 64 || !IsValidUtf8(s.service_code))
    return Status::Fail("service_code: required");
  if (auto st = CheckText("address_string", s.address_string, kMaxAddressCodepoints, false); !st) return st;
  if (auto st = CheckText("description", s.description, kMaxDescriptionCodepoints, true); !st) return st;
  if (!IsPhoneDigits(s.phone)) return Status::Fail("phone: digits only, at most 20");
  if (auto st = CheckText("device_id", s.device_id, 64, false); !st) return st;
  return OkStatus();
}

std::vector<std::pair<std::string, std::string>> SubmissionToFormFields(const ServiceRequestSubmission& s) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"service_code", s.service_code},
      {"description", s.description},
      {"address_string", s.address_string},
      {"device_id", s.device_id},
      {"request_uuid", s.request_uuid},
      {"ticket_code", s.ticket_code},
      {"kind", std::string(FeedbackKindCode(s.kind))},
      {"submitted_at", FormatUtc(s.submitted_at)},
  };
  if (!s.phone.empty()) f.emplace_back("phone", s.phone);
  return f;
}

Result<ServiceRequestSubmission> SubmissionFromFormFields(
    const std::multimap<std::string, std::string>& form) {
  using R = Result<ServiceRequestSubmission>;
  auto get = [&](const char* key) -> std::string {
    auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
  };
  ServiceRequestSubmission s;
  s.service_code = get("service_code");
  s.description = get("description");
  s.address_string = get("address_string");
  s.device_id = get("device_id");
  s.request_uuid = get("request_uuid");
  s.ticket_code = get("ticket_code");
  s.phone = get("phone");
  if (std::string kind = get("kind"); !kind.empty()) {
    auto k = ParseFeedbackKind(kind);
    if (!k) return R::Fail("kind: must be complaint or suggestion");
    s.kind = *k;
  }
  if (std::string at = get("submitted_at"); !at.empty()) {
    auto t = ParseUtc(at);
    if (!t) return R::Fail("submitted_at: not an RFC 3339 time");
    s.submitted_at = *t;
  }
  if (s.service_code.empty()) return R::Fail("service_code: required");
  if (auto st = ValidateSubmission(s); !st) return R::Fail(st.error());
  if (auto canonical = NormalizeTicketCode(s.ticket_code)) s.ticket_code = *canonical;
  return R::Ok(std::move(s));
}

std::string SubmissionAckToJson(const SubmissionAck& ack) {
  json item = json::object();
  if (!ack.service_request_id.empty()) item["service_request_id"] = ack.service_request_id;
  if (!ack.token.empty()) item["token"] = ack.token;
  if (!ack.ticket_code.empty()) item["ticket_code"] = ack.ticket_code;
  item["service_notice"] = "";
  item["account_id"] = nullptr;
  return json::array({item}).dump();
}

Result<SubmissionAck> ParseSubmissionAck(std::string_view body) {
  using R = Result<SubmissionAck>;
  json j = Parse(body);
  if (!j.is_array() || j.empty() || !j[0].is_object())
    return R::Fail("answer: not an Open311 request answer");
  std::string error;
  SubmissionAck ack;
  // Some Open311 servers send the id as a number.
  if (auto it = j[0].find("service_request_id"); it != j[0].end() && it->is_number_integer())
    ack.service_request_id = std::to_string(it->get<long long>());
  else
    ack.service_request_id = StringField(j[0], "service_request_id", error);
  ack.token = StringField(j[0], "token", error);
  ack.ticket_code = StringField(j[0], "ticket_code", error);
  if (!error.empty()) return R::Fail("answer." + error);
  if (ack.service_request_id.empty() && ack.token.empty())
    return R::Fail("answer: neither service_request_id nor token");
  if (ack.service_request_id.size() > 128 || ack.token.size() > 128) return R::Fail("answer: id too long");
  return R::Ok(std::move(ack));
}

// ---- Batch submission -------------------------------------------------------------------------------------

std::string SubmissionBatchToJson(const std::vector<ServiceRequestSubmission>& submissions) {
  json items = json::array();
  for (const auto& s : submissions) {
    json item = json::object();
    for (auto& [k, v] : SubmissionToFormFields(s)) item[k] = v;
    item["idempotency_key"] = s.request_uuid;
    items.push_back(std::move(item));
  }
  // Text that is not UTF-8 is replaced rather than thrown on; the hub then refuses that item alone.
  return json{{"requests", std::move(items)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<BatchSubmissionItem>> ParseSubmissionBatch(std::string_view body) {
  using R = Result<std::vector<BatchSubmissionItem>>;
  json j = Parse(body);
  if (!j.is_object()) return R::Fail("body: not a JSON object");
  auto it = j.find("requests");
  if (it == j.end() || !it->is_array()) return R::Fail("requests: must be an array");
  if (it->empty()) return R::Fail("requests: empty");
  if (it->size() > kMaxBatchItems)
    return R::Fail("requests: at most " + std::to_string(kMaxBatchItems) + " per batch");
  std::vector<BatchSubmissionItem> out;
  out.reserve(it->size());
  for (const auto& e : *it) {
    if (!e.is_object()) return R::Fail("requests: every item must be an object");
    BatchSubmissionItem item;
    for (const auto& [k, v] : e.items()) {
      if (v.is_null()) continue;
      if (!v.is_string()) {
        if (item.error.empty()) item.error = k + ": must be a string";
        continue;
      }
      if (k == "idempotency_key")
        item.idempotency_key = v.get<std::string>();
      else
        item.form.emplace(k, v.get<std::string>());
    }
    out.push_back(std::move(item));
  }
  return R::Ok(std::move(out));
}

std::string BatchResultsToJson(const std::vector<BatchItemResult>& results) {
  json items = json::array();
  for (const auto& r : results)
    items.push_back({{"idempotency_key", r.idempotency_key}, {"status", r.status}, {"body", r.body}});
  return json{{"results", std::move(items)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<BatchItemResult>> ParseBatchResults(std::string_view body) {
  using R = Result<std::vector<BatchItemResult>>;
  json j = Parse(body);
  if (!j.is_object()) return R::Fail("answer: not a JSON object");
  auto it = j.find("results");
  if (it == j.end() || !it->is_array()) return R::Fail("answer.results: must be an array");
  std::vector<BatchItemResult> out;
  out.reserve(it->size());
  for (const auto& e : *it) {
    if (!e.is_object()) return R::Fail("answer.results: every result must be an object");
    auto key = e.find("idempotency_key");
    auto status = e.find("status");
    auto b = e.find("body");
    if (key == e.end() || !key->is_string()) return R::Fail("answer.results: idempotency_key missing");
    if (status == e.end() || !status->is_number_integer()) return R::Fail("answer.results: status missing");
    if (b == e.end()) return R::Fail("answer.results: body missing");
    BatchItemResult r;
    r.idempotency_key = key->get<std::string>();
    long long code = status->get<long long>();
    if (code < 100 || code > 599) return R::Fail("answer.results: status out of range");
    r.status = static_cast<int>(code);
    // A string is the answer body itself; a hub may also embed the answer as JSON.
    r.body = b->is_string() ? b->get<std::string>() : b->dump();
    out.push_back(std::move(r));
  }
  return R::Ok(std::move(out));
}

// ---- Status ---------------------------------------------------------------------------------------------

std::string_view RequestStatusCode(RequestStatus s) {
  return CodeOf(kStatusCodes, s);
}
std::optional<RequestStatus> ParseRequestStatus(std::string_view code) {
  return ValueOf(kStatusCodes, code);
}
bool IsOpen311Closed(RequestStatus s) {
  return s == RequestStatus::Resolved || s == RequestStatus::Closed;
}

std::string_view AgencyCode(Agency a) {
  return CodeOf(kAgencyCodes, a);
}
std::optional<Agency> ParseAgency(std::string_view code) {
  return ValueOf(kAgencyCodes, code);
}

namespace {
constexpr std::array<std::pair<EventKind, std::string_view>, 11> kEventKindCodes = {{
    {EventKind::Filed, "filed"},
    {EventKind::Status, "status"},
    {EventKind::Reply, "reply"},
    {EventKind::Dispatch, "dispatch"},
    {EventKind::Redispatch, "redispatch"},
    {EventKind::Return, "return"},
    {EventKind::Supervise, "supervise"},
    {EventKind::ExtensionAsked, "extension_asked"},
    {EventKind::ExtensionGranted, "extension_granted"},
    {EventKind::ExtensionRefused, "extension_refused"},
    {EventKind::Rating, "rating"},
}};
}  // namespace

std::string_view EventKindCode(EventKind k) {
  return CodeOf(kEventKindCodes, k);
}
std::optional<EventKind> ParseEventKind(std::string_view code) {
  return ValueOf(kEventKindCodes, code);
}

std::string StatusListToJson(const std::vector<ServiceRequestStatus>& list) {
  json out = json::array();
  for (const ServiceRequestStatus& r : list) {
    json history = json::array();
    for (const StatusEvent& e : r.history)
      history.push_back({{"at", FormatUtc(e.at)},
                         {"status", RequestStatusCode(e.status)},
                         {"agency_code", e.agency ? json(AgencyCode(*e.agency)) : json(nullptr)},
                         {"note", e.note},
                         {"kind", EventKindCode(e.kind)}});
    out.push_back({
        {"service_request_id", r.service_request_id},
        {"status", IsOpen311Closed(r.status) ? "closed" : "open"},
        {"status_notes", r.status_notes},
        {"service_name", r.service_name},
        {"service_code", r.service_code},
        {"agency_responsible", r.agency_responsible},
        {"service_notice", ""},
        {"requested_datetime", FormatUtc(r.requested_at)},
        {"updated_datetime", FormatUtc(r.updated_at)},
        {"expected_datetime", r.expected_at ? json(FormatUtc(*r.expected_at)) : json(nullptr)},
        {"address", r.address_string},
        {"ticket_code", r.ticket_code},
        {"detailed_status", RequestStatusCode(r.status)},
        {"agency_code", r.agency ? json(AgencyCode(*r.agency)) : json(nullptr)},
        {"history", std::move(history)},
        {"rating", r.rating ? json(*r.rating) : json(nullptr)},
    });
  }
  return out.dump();
}

Result<std::vector<ServiceRequestStatus>> ParseStatusList(std::string_view body) {
  using R = Result<std::vector<ServiceRequestStatus>>;
  json j = Parse(body);
  if (!j.is_array()) return R::Fail("requests: not a JSON array");
  std::vector<ServiceRequestStatus> out;
  for (const auto& e : j) {
    std::string where = "requests[" + std::to_string(out.size()) + "]";
    if (!e.is_object()) return R::Fail(where + ": must be an object");
    std::string error;
    ServiceRequestStatus r;
    if (auto it = e.find("service_request_id"); it != e.end() && it->is_number_integer())
      r.service_request_id = std::to_string(it->get<long long>());
    else
      r.service_request_id = StringField(e, "service_request_id", error);
    r.ticket_code = StringField(e, "ticket_code", error);
    r.service_code = StringField(e, "service_code", error);
    r.service_name = StringField(e, "service_name", error);
    r.agency_responsible = StringField(e, "agency_responsible", error);
    r.status_notes = StringField(e, "status_notes", error);
    r.address_string = StringField(e, "address", error);
    r.requested_at = TimeField(e, "requested_datetime", error).value_or(0);
    r.updated_at = TimeField(e, "updated_datetime", error).value_or(r.requested_at);
    r.expected_at = TimeField(e, "expected_datetime", error);
    // A standard Open311 server has only open/closed; map that when the extension is absent.
    std::string detailed = StringField(e, "detailed_status", error);
    std::string plain = StringField(e, "status", error);
    if (auto s = ParseRequestStatus(detailed))
      r.status = *s;
    else
      r.status = plain == "closed" ? RequestStatus::Closed : RequestStatus::Accepted;
    if (auto a = ParseAgency(StringField(e, "agency_code", error))) r.agency = *a;
    if (auto it = e.find("rating"); it != e.end() && it->is_number_integer()) r.rating = it->get<int>();
    if (auto it = e.find("history"); it != e.end() && it->is_array()) {
      for (const auto& h : *it) {
        if (!h.is_object()) {
          error = "history: entries must be objects";
          break;
        }
        StatusEvent ev;
        ev.at = TimeField(h, "at", error).value_or(0);
        auto st = ParseRequestStatus(StringField(h, "status", error));
        if (!st) {
          if (error.empty()) error = "history.status: unknown";
          break;
        }
        ev.status = *st;
        if (auto a = ParseAgency(StringField(h, "agency_code", error))) ev.agency = *a;
        ev.note = StringField(h, "note", error);
        // An older hub sends no kind: a plain status change.
        if (auto k = ParseEventKind(StringField(h, "kind", error))) ev.kind = *k;
        r.history.push_back(std::move(ev));
      }
    }
    if (error.empty() && r.service_request_id.empty()) error = "service_request_id: required";
    if (!error.empty()) return R::Fail(where + "." + error);
    out.push_back(std::move(r));
  }
  return R::Ok(std::move(out));
}

// ---- Ratings --------------------------------------------------------------------------------------------

Status ValidateRating(const Rating& r) {
  if (!IsUuid(r.rating_uuid)) return Status::Fail("rating_uuid: must be a UUID");
  if (r.service_request_id.empty() && r.ticket_code.empty())
    return Status::Fail("service_request_id or ticket_code: one is required");
  if (!r.ticket_code.empty() && !ParseTicketCode(r.ticket_code))
    return Status::Fail("ticket_code: not a valid ticket code");
  if (r.score < 1 || r.score > 5) return Status::Fail("score: must be 1 to 5");
  bool known = false;
  for (auto code : kQuickComments) known = known || code == r.quick_comment;
  if (!known) return Status::Fail("quick_comment: unknown code");
  return CheckText("comment", r.comment, 500, false);
}

bool RatingReopens(const Rating& r) {
  return r.score <= 2 || r.quick_comment == "unresolved";
}

std::string RatingToJson(const Rating& r) {
  return json{{"rating_uuid", r.rating_uuid},     {"service_request_id", r.service_request_id},
              {"ticket_code", r.ticket_code},     {"score", r.score},
              {"quick_comment", r.quick_comment}, {"comment", r.comment},
              {"rated_at", FormatUtc(r.rated_at)}}
      .dump();
}

Result<Rating> ParseRating(std::string_view body) {
  using R = Result<Rating>;
  json j = Parse(body);
  if (!j.is_object()) return R::Fail("rating: not a JSON object");
  std::string error;
  Rating r;
  r.rating_uuid = StringField(j, "rating_uuid", error);
  r.service_request_id = StringField(j, "service_request_id", error);
  r.ticket_code = StringField(j, "ticket_code", error);
  r.quick_comment = StringField(j, "quick_comment", error);
  r.comment = StringField(j, "comment", error);
  r.rated_at = TimeField(j, "rated_at", error).value_or(0);
  auto score = j.find("score");
  // Range-checked in 64 bits before narrowing: a 32-bit read turned 4294967297 into 1.
  if (score == j.end() || !score->is_number_integer() ||
      (score->is_number_unsigned() ? score->get<std::uint64_t>() > 5
                                   : score->get<std::int64_t>() < 1 || score->get<std::int64_t>() > 5))
    return R::Fail("rating.score: must be an integer 1 to 5");
  r.score = static_cast<int>(score->get<std::int64_t>());
  if (!error.empty()) return R::Fail("rating." + error);
  if (auto st = ValidateRating(r); !st) return R::Fail("rating." + st.error());
  if (auto canonical = NormalizeTicketCode(r.ticket_code)) r.ticket_code = *canonical;
  return R::Ok(std::move(r));
}

// ---- Errors ---------------------------------------------------------------------------------------------

std::string ErrorBodyJson(int code, std::string_view description) {
  // The description may quote what a client sent, so invalid UTF-8 is replaced rather than thrown on.
  return json::array({{{"code", code}, {"description", description}}})
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::string> ParseErrorDescription(std::string_view body) {
  json j = Parse(body);
  if (!j.is_array() || j.empty() || !j[0].is_object()) return std::nullopt;
  auto it = j[0].find("description");
  if (it == j[0].end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace ck::protocol

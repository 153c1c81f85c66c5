// Open311 request search parameters, validated one by one so each error names its parameter.
#include "sync/hub/api/request_query.h"

#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/utf8.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t comma = text.find(',', pos);
    std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace

Result<RequestQuery> ParseRequestQuery(const std::multimap<std::string, std::string>& params,
                                       protocol::UnixSeconds now) {
  using R = Result<RequestQuery>;
  for (const char* key :
       {"service_request_id", "ticket_code", "service_code", "start_date", "end_date", "status"})
    if (params.count(key) > 1) return R::Fail(std::string(key) + ": give it once (comma-separate a list)");
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto it = params.find(key);
    return it == params.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  RequestQuery q;
  q.limit = kMaxRequestsPerAnswer;
  if (auto ids = get("service_request_id")) {
    for (const std::string& raw : SplitCommas(*ids)) {
      auto id = protocol::NormaliseUuid(raw);
      if (!id) return R::Fail("service_request_id: not a UUID: " + raw.substr(0, 64));
      q.ids.push_back(*id);
    }
    if (q.ids.empty()) return R::Fail("service_request_id: empty");
    if (q.ids.size() > kMaxRequestIdsPerQuery)
      return R::Fail("service_request_id: at most " + std::to_string(kMaxRequestIdsPerQuery) + " ids");
  }
  if (auto code = get("ticket_code")) {
    q.ticket_code = protocol::NormalizeTicketCode(*code);
    if (!q.ticket_code) return R::Fail("ticket_code: looks mistyped (its check character does not match)");
  }
  if (auto code = get("service_code")) {
    if (code->empty() || code->size() > 64 || !protocol::IsValidUtf8(*code))
      return R::Fail("service_code: 1-64 bytes of UTF-8");
    q.service_code = *code;
  }
  for (auto [key, field] :
       {std::pair{"start_date", &q.requested_from}, std::pair{"end_date", &q.requested_to}}) {
    if (auto text = get(key)) {
      *field = protocol::ParseUtc(*text);
      if (!*field) return R::Fail(std::string(key) + ": not an RFC 3339 time like 2026-11-26T08:00:00Z");
    }
  }
  if (q.requested_from && q.requested_to && *q.requested_from > *q.requested_to)
    return R::Fail("start_date: after end_date");
  if (auto status = get("status")) {
    bool open = false, closed = false;
    for (const std::string& s : SplitCommas(*status)) {
      if (s == "open")
        open = true;
      else if (s == "closed")
        closed = true;
      else
        return R::Fail("status: open, closed or both (comma-separated)");
    }
    if (open != closed) q.open311_closed = closed;
    if (!open && !closed) return R::Fail("status: open, closed or both (comma-separated)");
  }
  if (q.ids.empty() && !q.ticket_code && !q.requested_from) q.requested_from = now - kDefaultWindow;
  return R::Ok(std::move(q));
}

}  // namespace ck::hub

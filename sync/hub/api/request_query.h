// GET /requests.json parameters → a RequestQuery, with Open311's defaults and our ticket_code extension.
#pragma once

#include <map>
#include <string>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

inline constexpr std::size_t kMaxRequestIdsPerQuery = 200;
inline constexpr int kMaxRequestsPerAnswer = 1000;                   // Open311's suggested cap
inline constexpr protocol::UnixSeconds kDefaultWindow = 90 * 86400;  // Open311: the last 90 days

// service_request_id (comma-separated UUIDs, at most 200), ticket_code, service_code, start_date and
// end_date (RFC 3339), status (open, closed or both, comma-separated). Without ids, a ticket code or a
// start_date, only the last 90 days are searched. A repeated or malformed parameter is an error naming it.
Result<RequestQuery> ParseRequestQuery(const std::multimap<std::string, std::string>& params,
                                       protocol::UnixSeconds now);

}  // namespace ck::hub

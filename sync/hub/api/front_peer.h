// The client behind the hub's front server: X-Real-IP believed only from the front itself.
//
// Behind nginx (packaging/nginx/community-hub.conf) every request's peer is the front, and the client's
// address arrives as X-Real-IP. Reached directly, anyone can send that header, so it counts only when the
// peer is one of `trusted_fronts` (by default the loopback addresses nginx proxies from) and the value is one
// plain IPv4 or IPv6 address; otherwise the peer itself is the client.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace ck::hub {

inline const std::vector<std::string> kDefaultTrustedFronts = {"127.0.0.1", "::1"};

std::string ClientBehindFront(const httplib::Request& req,
                              const std::vector<std::string>& trusted_fronts = kDefaultTrustedFronts);

}  // namespace ck::hub

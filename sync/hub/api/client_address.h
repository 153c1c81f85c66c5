// Which client sent a request, for per-client budgets (the lookup throttle). One function in one place: when
// the hub runs behind its front server, this is where X-Real-IP gets trusted, and only from that front.
#pragma once

#include <httplib.h>

#include <string>

namespace ck::hub {

// The client's IP address as text ("203.0.113.7", "2001:db8::1"): the socket's peer, or X-Real-IP when
// that peer is the trusted front server (sync/hub/api/front_peer.h).
std::string ClientAddress(const httplib::Request& req);

}  // namespace ck::hub

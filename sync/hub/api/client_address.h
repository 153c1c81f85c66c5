// Which client sent a request, for per-client budgets (the lookup throttle). One function in one place: when
// the hub runs behind its front server, this is where X-Real-IP gets trusted, and only from that front.
#pragma once

#include <httplib.h>

#include <string>

namespace ck::hub {

// The client's IP address as text ("203.0.113.7", "2001:db8::1"). For now the socket's peer address.
std::string ClientAddress(const httplib::Request& req);

}  // namespace ck::hub

// ClientAddress: the socket's peer, or behind the trusted front server (nginx on loopback) its X-Real-IP.
#include "sync/hub/api/client_address.h"

#include "sync/hub/api/front_peer.h"

namespace ck::hub {

std::string ClientAddress(const httplib::Request& req) {
  return ClientBehindFront(req);
}

}  // namespace ck::hub

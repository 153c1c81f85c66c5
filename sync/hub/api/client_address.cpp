// ClientAddress: the socket's peer for now (no front server is trusted yet).
#include "sync/hub/api/client_address.h"

namespace ck::hub {

std::string ClientAddress(const httplib::Request& req) {
  return req.remote_addr;
}

}  // namespace ck::hub

// ClientBehindFront: the peer address, or X-Real-IP when the peer is a trusted front.
#include "sync/hub/api/front_peer.h"

#include <arpa/inet.h>

#include <algorithm>

namespace ck::hub {

namespace {

bool IsPlainAddress(const std::string& text) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

}  // namespace

std::string ClientBehindFront(const httplib::Request& req, const std::vector<std::string>& trusted_fronts) {
  const bool from_front =
      std::find(trusted_fronts.begin(), trusted_fronts.end(), req.remote_addr) != trusted_fronts.end();
  // One header only: two would mean a client's own X-Real-IP got through beside the front's.
  if (from_front && req.get_header_value_count("X-Real-IP") == 1) {
    std::string real = req.get_header_value("X-Real-IP");
    if (IsPlainAddress(real)) return real;
  }
  return req.remote_addr;
}

}  // namespace ck::hub

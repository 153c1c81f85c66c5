// Request bodies at the hub's edge: framing checked before anything is read, and bodies read by us with the
// limit counted after decoding (chunked, gzip), so no client can make the hub hold more than it documents.
//
// Why not httplib's own reading (Debian's 0.11.4): it refuses form bodies over a compiled-in 8 KiB (a legal
// 2,000-character report is ~26 KiB), bounds neither chunked nor inflated bodies, waits for a body that a
// POST without Content-Length does not have (RFC 9112: it is empty), and takes "-5" or 2^64 for a length.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace ck::hub {

class RequestBodies {
 public:
  // max_bytes: bodies of the routes registered here; other_max_bytes: the declared length of any other
  // route's body (which httplib reads itself, with the same bound set as its payload limit).
  RequestBodies(std::size_t max_bytes, std::size_t other_max_bytes)
      : max_bytes_(max_bytes), other_max_bytes_(other_max_bytes) {}

  // What a route's body may be. A JSON route refuses multipart/form-data with 415 before reading it (httplib
  // would call a multipart reader nobody gave it: bad_function_call, a 500). A form route (Open311's POST,
  // which stock clients send as multipart when they attach media) gets each part in req.files.
  enum class Accepts { kJson, kFormOrMultipart };

  // Registers a POST route whose handler sees req.body (or, for multipart, req.files) read here: whole,
  // decoded and at most max_bytes (else 413). Only these routes take chunked or content-coded bodies.
  void Post(httplib::Server& s, const std::string& pattern, httplib::Server::Handler handler,
            Accepts accepts = Accepts::kJson);

  // For the pre-routing hook, before httplib reads any body: an answer (status, description) when the
  // framing is refused — a Content-Length that is not one plain decimal number (400), two lengths or a
  // length beside Transfer-Encoding (400), a length past the limit (413), a transfer coding other than
  // chunked (501), a content coding we do not decode (415), or chunked/coded bodies on any other route (411,
  // 415). nullopt: go on.
  struct Refusal {
    int status;
    std::string description;
  };
  std::optional<Refusal> CheckFraming(const httplib::Request& req) const;

  std::size_t max_bytes() const { return max_bytes_; }

 private:
  bool IsBoundedRoute(const httplib::Request& req) const;

  std::size_t max_bytes_;
  std::size_t other_max_bytes_;
  std::vector<std::regex> routes_;
};

}  // namespace ck::hub

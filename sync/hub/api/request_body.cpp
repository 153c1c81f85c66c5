// RequestBodies: framing checks and bounded body reading for the hub's POST routes.
#include "sync/hub/api/request_body.h"

#include <strings.h>

#include <cctype>

#include "sync/hub/api/http_support.h"

namespace ck::hub {

namespace {

bool IsChunked(const httplib::Request& req) {
  return strcasecmp(req.get_header_value("Transfer-Encoding").c_str(), "chunked") == 0;
}

// RFC 9110 §8.6: Content-Length = 1*DIGIT. 20 digits already pass 2^64; anything longer is refused too.
std::optional<unsigned long long> ParseLength(const std::string& text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  unsigned long long v = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + static_cast<unsigned long long>(c - '0');
  }
  return v;
}

bool IsDecodedCoding(const std::string& coding) {
  return strcasecmp(coding.c_str(), "gzip") == 0 || strcasecmp(coding.c_str(), "deflate") == 0 ||
         strcasecmp(coding.c_str(), "br") == 0;
}

}  // namespace

bool RequestBodies::IsBoundedRoute(const httplib::Request& req) const {
  if (req.method != "POST") return false;
  for (const auto& re : routes_)
    if (std::regex_match(req.path, re)) return true;
  return false;
}

std::optional<RequestBodies::Refusal> RequestBodies::CheckFraming(const httplib::Request& req) const {
  const std::size_t te_count = req.get_header_value_count("Transfer-Encoding");
  const std::size_t cl_count = req.get_header_value_count("Content-Length");
  if (te_count > 1 || (te_count == 1 && !IsChunked(req)))
    return Refusal{501, "Transfer-Encoding: only chunked is understood"};
  if (te_count == 1 && cl_count > 0)
    return Refusal{400, "Content-Length and Transfer-Encoding together are ambiguous"};
  if (cl_count > 1) return Refusal{400, "Content-Length: given more than once"};
  const bool bounded = IsBoundedRoute(req);
  if (cl_count == 1) {
    auto length = ParseLength(req.get_header_value("Content-Length"));
    if (!length) return Refusal{400, "Content-Length: must be one decimal number"};
    const std::size_t limit = bounded ? max_bytes_ : other_max_bytes_;
    if (*length > limit)
      return Refusal{413, "request body too large (at most " + std::to_string(limit) + " bytes)"};
  }
  if (req.get_header_value_count("Content-Encoding") > 1)
    return Refusal{415, "Content-Encoding: at most one coding"};
  std::string coding = req.get_header_value("Content-Encoding");
  if (!coding.empty() && strcasecmp(coding.c_str(), "identity") != 0) {
    if (!IsDecodedCoding(coding)) return Refusal{415, "Content-Encoding: gzip, deflate or br only"};
    if (!bounded) return Refusal{415, "Content-Encoding: not taken on this route"};
  }
  if (te_count == 1 && !bounded) return Refusal{411, "Content-Length required on this route"};
  return std::nullopt;
}

namespace {

// Reads the body through `read` into req.body, or part by part into req.files for multipart; at most `max`
// bytes, counting each part's name and file name too, so many empty parts cannot grow memory unbounded.
enum class ReadOutcome { kWhole, kTooLarge, kBroken };
ReadOutcome ReadBody(const httplib::Request& req, const httplib::ContentReader& read, std::size_t max) {
  // The Request is httplib's own non-const object (as for the ranges in the pre-routing hook).
  auto& request = const_cast<httplib::Request&>(req);
  std::size_t used = 0;
  auto take = [&](std::size_t n) {
    if (n > max - used) return false;
    used += n;
    return true;
  };
  bool too_large = false;
  bool whole = false;
  if (req.is_multipart_form_data()) {
    httplib::MultipartFormData* part = nullptr;
    whole = read(
        [&](const httplib::MultipartFormData& header) {
          if (!take(header.name.size() + header.filename.size() + header.content_type.size() + 64))
            return !(too_large = true);
          part = &request.files.emplace(header.name, header)->second;
          return true;
        },
        [&](const char* data, std::size_t n) {
          if (!take(n)) return !(too_large = true);
          if (part) part->content.append(data, n);
          return true;
        });
  } else {
    whole = read([&](const char* data, std::size_t n) {
      if (!take(n)) return !(too_large = true);
      request.body.append(data, n);
      return true;
    });
  }
  if (too_large) return ReadOutcome::kTooLarge;
  return whole ? ReadOutcome::kWhole : ReadOutcome::kBroken;
}

}  // namespace

void RequestBodies::Post(httplib::Server& s, const std::string& pattern, httplib::Server::Handler handler,
                         Accepts accepts) {
  routes_.emplace_back(pattern);
  const std::size_t max = max_bytes_;
  s.Post(pattern, [max, accepts, handler = std::move(handler)](const httplib::Request& req,
                                                               httplib::Response& res,
                                                               const httplib::ContentReader& read) {
    if (req.is_multipart_form_data() && accepts == Accepts::kJson) {
      // The body stays unread: the connection cannot carry another request.
      const_cast<httplib::Request&>(req).set_header("Connection", "close");
      return SendError(res, 415, "Content-Type: multipart/form-data is not taken here; send application/json");
    }
    // With no length and no chunking the body is empty (RFC 9112 §6.3): nothing to wait for.
    if (req.has_header("Content-Length") || IsChunked(req)) {
      switch (ReadBody(req, read, max)) {
        case ReadOutcome::kWhole:
          break;
        case ReadOutcome::kTooLarge:
          // The rest of the body is unread: the client must not send another request on this connection.
          const_cast<httplib::Request&>(req).set_header("Connection", "close");
          return SendError(res, 413,
                           "request body too large (at most " + std::to_string(max) + " bytes once decoded)");
        case ReadOutcome::kBroken:
          return SendError(res, res.status == 415 ? 415 : 400,
                           res.status == 415 ? "Content-Encoding: not understood"
                                             : "body: cut short, malformed chunks or multipart, or a bad content coding");
      }
    }
    handler(req, res);
  });
}

}  // namespace ck::hub

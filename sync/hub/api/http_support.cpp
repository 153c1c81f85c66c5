// Answers, parameters and token checks shared by every route of the hub.
#include "sync/hub/api/http_support.h"

#include <cctype>
#include <iostream>

#include "sync/hub/store/secret_hash.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/open311.h"

namespace ck::hub {

namespace {

// Tokens are 43 characters; anything much longer is not one of ours and is refused before hashing.
constexpr std::size_t kMaxTokenLength = 256;
constexpr std::string_view kBadToken =
    "missing or invalid token: send Authorization: Bearer <token> or api_key=<token>";

void Unauthorized(httplib::Response& res, bool presented) {
  res.set_header("WWW-Authenticate", presented ? "Bearer realm=\"community-hub\", error=\"invalid_token\""
                                               : "Bearer realm=\"community-hub\"");
  SendError(res, 401, kBadToken);
}

}  // namespace

void SendError(httplib::Response& res, int code, std::string_view description) {
  res.status = code;
  res.set_content(protocol::ErrorBodyJson(code, description), std::string(kJsonContentType).c_str());
}

void SendJson(httplib::Response& res, int code, const std::string& body) {
  res.status = code;
  res.set_content(body, std::string(kJsonContentType).c_str());
}

void SendHtml(httplib::Response& res, const HtmlPage& page) {
  res.status = page.status;
  // No scripts, no external resources: even a missed escape could not run code.
  res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(page.html, std::string(kHtmlContentType).c_str());
}

int StatusForWriteError(WriteError e) {
  switch (e) {
    case WriteError::Invalid:
      return 400;
    case WriteError::NotFound:
      return 404;
    case WriteError::Refused:
    case WriteError::Conflict:
    case WriteError::Withdrawn:
    case WriteError::Duplicate:
      return 409;
    case WriteError::None:
    case WriteError::Storage:
      break;
  }
  return 500;
}

Param GetParam(const httplib::Request& req, const char* key) {
  Param p;
  std::size_t n = req.get_param_value_count(key);
  if (n > 1) p.repeated = true;
  if (n >= 1) p.value = req.get_param_value(key);
  return p;
}

std::optional<std::string> BearerToken(std::string_view authorization) {
  // The scheme is case-insensitive (RFC 9110 §11.1): "Bearer", "bearer" and "BEARER" are the same.
  constexpr std::string_view kBearer = "bearer ";
  if (authorization.size() <= kBearer.size()) return std::nullopt;
  for (std::size_t i = 0; i < kBearer.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kBearer[i]) return std::nullopt;
  return std::string(authorization.substr(kBearer.size()));
}

std::optional<std::string> PresentedToken(const httplib::Request& req,
                                          const std::optional<std::string>& form_api_key) {
  std::string auth = req.get_header_value("Authorization");
  if (!auth.empty()) return BearerToken(auth);
  if (req.get_param_value_count("api_key") == 1) return req.get_param_value("api_key");  // Open311 style
  return form_api_key;
}

std::optional<KioskRecord> AuthenticateKiosk(HubRepository& repo, const httplib::Request& req,
                                             httplib::Response& res,
                                             const std::optional<std::string>& form_api_key) {
  auto token = PresentedToken(req, form_api_key);
  if (!token || token->empty() || token->size() > kMaxTokenLength) {
    Unauthorized(res, false);
    return std::nullopt;
  }
  std::string hash = HashSecret(*token);
  auto kiosk = repo.FindKioskByTokenHash(hash);
  if (!kiosk) {
    std::cerr << "community-hub: token lookup failed: " << kiosk.error() << "\n";
    SendError(res, 500, "internal error");
    return std::nullopt;
  }
  // The lookup is by hash; the final comparison is still constant-time.
  if (!*kiosk || !SecretHashesEqual((*kiosk)->token_hash, hash)) {
    Unauthorized(res, true);
    return std::nullopt;
  }
  // Our kiosks name themselves in X-Device-Id: a token under another device's id is a config mistake (or a
  // token copied to a second screen) and must not sync quietly as if all were well. Plain Open311 clients
  // send no such header.
  if (req.has_header("X-Device-Id")) {
    auto claimed = protocol::NormaliseUuid(req.get_header_value("X-Device-Id"));
    if (!claimed || *claimed != (*kiosk)->device_id) {
      SendError(res, 403,
                "X-Device-Id: this token belongs to another device; check device_id in the kiosk's config (the "
                "device_id line `community-hub kiosk add` printed with this token)");
      return std::nullopt;
    }
  }
  return std::move(*kiosk);
}

std::optional<OperatorRecord> AuthenticateOperator(HubRepository& repo, const httplib::Request& req,
                                                   httplib::Response& res) {
  // Operators use the header only: a token in a URL ends up in logs and browser history.
  std::optional<std::string> token = BearerToken(req.get_header_value("Authorization"));
  if (!token || token->empty() || token->size() > kMaxTokenLength) {
    Unauthorized(res, false);
    return std::nullopt;
  }
  std::string hash = HashSecret(*token);
  auto op = repo.FindOperatorByTokenHash(hash);
  if (!op) {
    std::cerr << "community-hub: operator token lookup failed: " << op.error() << "\n";
    SendError(res, 500, "internal error");
    return std::nullopt;
  }
  if (!*op || !SecretHashesEqual((*op)->token_hash, hash)) {
    Unauthorized(res, true);
    return std::nullopt;
  }
  return std::move(*op);
}

void RefuseOtherMethods(httplib::Server& s, const std::string& path, bool get_allowed, bool post_allowed) {
  std::string allow = get_allowed && post_allowed ? "GET, HEAD, POST" : get_allowed ? "GET, HEAD" : "POST";
  auto refuse = [allow](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", allow);
    SendError(res, 405, "method " + req.method + " is not allowed here; use " + allow);
  };
  if (!get_allowed) s.Get(path, refuse);
  if (!post_allowed) s.Post(path, refuse);
  s.Put(path, refuse);
  s.Patch(path, refuse);
  s.Delete(path, refuse);
  s.Options(path, refuse);
}

}  // namespace ck::hub

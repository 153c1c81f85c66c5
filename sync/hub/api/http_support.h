// Shared pieces of the hub's HTTP handlers: uniform answers (JSON, Open311 errors, HTML), query
// parameters, and the two kinds of bearer token (kiosk, operator), which never stand in for each other.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/pages/html_frame.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";
inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

void SendError(httplib::Response& res, int code, std::string_view description);
void SendJson(httplib::Response& res, int code, const std::string& body);
void SendHtml(httplib::Response& res, const HtmlPage& page);
// The HTTP status for an editor's refusal: Invalid 400, NotFound 404, Refused/Conflict/Withdrawn 409.
int StatusForWriteError(WriteError e);

// One value for a query parameter; a repeated parameter is ambiguous and refused by the caller.
struct Param {
  std::optional<std::string> value;
  bool repeated = false;
};
Param GetParam(const httplib::Request& req, const char* key);

// The token of an Authorization header "Bearer <token>" (the scheme in any case), else nullopt. The one
// bearer parser: kiosk tokens and operator tokens alike.
std::optional<std::string> BearerToken(std::string_view authorization);
// The token from "Authorization: Bearer …", else from api_key in the query or in `form_api_key` (an
// Open311 POST carries it in the form body).
std::optional<std::string> PresentedToken(const httplib::Request& req,
                                          const std::optional<std::string>& form_api_key = std::nullopt);

// Each returns the caller, or answers 401 (500 if storage failed) and returns nothing.
std::optional<KioskRecord> AuthenticateKiosk(HubRepository& repo, const httplib::Request& req,
                                             httplib::Response& res,
                                             const std::optional<std::string>& form_api_key = std::nullopt);
std::optional<OperatorRecord> AuthenticateOperator(HubRepository& repo, const httplib::Request& req,
                                                   httplib::Response& res);

// Registers 405 answers (with Allow) for every method of `path` that is not in `allowed`
// (a subset of "GET", "POST").
void RefuseOtherMethods(httplib::Server& s, const std::string& path, bool get_allowed, bool post_allowed);

}  // namespace ck::hub

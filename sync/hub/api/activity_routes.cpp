// Activity and sign-up handlers: decode and check the HTTP layer, then hand over to rules/activity_signups and
// the pages.
#include "sync/hub/api/activity_routes.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/hub/api/client_address.h"
#include "sync/hub/api/http_support.h"
#include "sync/hub/pages/activity_page.h"
#include "sync/hub/pages/ticket_page.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/rules/activity_ical.h"
#include "sync/hub/rules/activity_signups.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

namespace ck::hub {

namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kSignupsPath = "/api/v1/signups";
constexpr const char* kEventsIcsPath = R"(/api/v1/events\.ics)";
constexpr const char* kSignupPath = R"(/api/v1/signups/([^/]+))";
constexpr const char* kSignupCancelPath = R"(/api/v1/signups/([^/]+)/cancel)";
constexpr const char* kActivityPagePath = R"(/activities/([^/]*))";
constexpr const char* kSignupPagePath = R"(/signups/([^/]*))";
constexpr const char* kSignupPageCancelPath = R"(/signups/([^/]+)/cancel)";

struct Context {
  HubRepository& repo;
  ActivityRepository& activities;
  std::shared_ptr<LookupThrottle> throttle;
  ActivityRouteOptions options;
};

std::string Match(const Request& req) {
  return req.matches.size() > 1 ? req.matches[1].str() : std::string();
}

std::string StatusJson(const SignupRecord& s) {
  return nlohmann::json(s.Status()).dump();
}

// Past the client's budget for unknown codes: refused before any lookup, found or not (lookup_throttle.h).
bool Throttled(Context& c, const Request& req, Response& res, bool html) {
  auto wait = c.throttle->RetryAfter(ClientAddress(req));
  if (!wait) return false;
  res.set_header("Retry-After", std::to_string(*wait));
  if (html) {
    SendHtml(res, RenderThrottledTicketPage(*wait));
  } else {
    SendError(res, 429,
              "too many lookups of unknown codes from this address: try again in " + std::to_string(*wait) + " s");
  }
  return true;
}

// The code in a URL is a credential: keep it out of other sites' logs and search engines.
void CredentialHeaders(Response& res) {
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Robots-Tag", "noindex");
  res.set_header("Cache-Control", "no-cache");
}

// A sign-up by code, spending the client's budget when the code is well-formed but unknown. Answers (and
// returns nullopt) for a throttled client, a mistyped code and an unknown one.
std::optional<SignupRecord> FindByCode(Context& c, const Request& req, Response& res, bool html) {
  CredentialHeaders(res);
  auto code = protocol::NormalizeTicketCode(Match(req));
  if (!code) {
    if (html) SendHtml(res, RenderMistypedSignupPage());
    else SendError(res, 404, "code: not a sign-up code (a wrong check character: mistyped?)");
    return std::nullopt;
  }
  if (Throttled(c, req, res, html)) return std::nullopt;
  auto found = c.activities.FindSignupByCode(*code);
  if (!found) throw std::runtime_error("sign-up lookup: " + found.error());
  if (!*found) {
    c.throttle->RecordUnknown(ClientAddress(req));
    if (html) SendHtml(res, RenderUnknownSignupPage());
    else SendError(res, 404, "code: no such sign-up (a kiosk may still be offline with it)");
    return std::nullopt;
  }
  return std::move(**found);
}

void HandlePostSignup(Context& c, const Request& req, Response& res) {
  auto kiosk = AuthenticateKiosk(c.repo, req, res);
  if (!kiosk) return;
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
    return SendError(res, 400, "Content-Type: must be application/json");
  auto json = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return SendError(res, 400, "body: not valid JSON");
  auto submission = protocol::SignupSubmissionFromJson(json);
  if (!submission) return SendError(res, 400, submission.error());
  submission->signup_uuid = *protocol::NormaliseUuid(submission->signup_uuid);
  submission->activity_id = *protocol::NormaliseUuid(submission->activity_id);
  std::string header = req.get_header_value("Idempotency-Key");
  if (!header.empty()) {
    auto key = protocol::NormaliseUuid(header);
    if (!key) return SendError(res, 400, "Idempotency-Key: must be a UUID");
    if (*key != submission->signup_uuid)
      return SendError(res, 400, "Idempotency-Key and signup_uuid differ: send the same UUID");
  }
  // A kiosk's codes carry its own number (or 0, made before it learnt it): another kiosk's number would let a
  // token holder ask whether that kiosk's code exists.
  auto parts = protocol::ParseTicketCode(submission->code);
  if (!parts || (parts->kiosk_number != 0 && static_cast<int>(parts->kiosk_number) != kiosk->kiosk_number))
    return SendError(res, 400, "code: not one of this kiosk's codes (its kiosk number differs)");
  submission->device_id = kiosk->device_id;  // who delivered it is the token's, not the body's
  auto stored = SubmitSignup(c.activities, *submission, protocol::NowUtc());
  if (stored.error == WriteError::Storage) throw std::runtime_error("sign-up: " + stored.message);
  if (!stored.ok()) return SendError(res, StatusForWriteError(stored.error), stored.message);
  if (stored.value->replayed) res.set_header("Idempotent-Replayed", "true");
  SendJson(res, stored.value->replayed ? 200 : 201, StatusJson(stored.value->record));
}

void HandleListSignups(Context& c, const Request& req, Response& res) {
  auto kiosk = AuthenticateKiosk(c.repo, req, res);
  if (!kiosk) return;
  Param codes = GetParam(req, "codes");
  if (codes.repeated) return SendError(res, 400, "codes: give it once, comma-separated");
  if (!codes.value || codes.value->empty()) return SendError(res, 400, "codes: required (comma-separated sign-up codes)");
  std::vector<std::string> list;
  std::string_view rest = *codes.value;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (list.size() == protocol::kMaxSignupCodesPerLookup)
      return SendError(res, 400, "codes: at most " + std::to_string(protocol::kMaxSignupCodesPerLookup));
    auto code = protocol::NormalizeTicketCode(item);
    if (!code) return SendError(res, 400, "codes: \"" + std::string(item.substr(0, 40)) + "\" is not a sign-up code");
    list.push_back(*code);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  auto found = c.activities.FindSignupsByCodes(list, kiosk->device_id);
  if (!found) throw std::runtime_error("sign-ups: " + found.error());
  std::vector<protocol::SignupStatus> statuses;
  for (const SignupRecord& s : *found) statuses.push_back(s.Status());
  res.set_header("Cache-Control", "no-cache");
  SendJson(res, 200, protocol::SignupStatusListToJson(statuses));
}

void HandleGetSignup(Context& c, const Request& req, Response& res) {
  auto s = FindByCode(c, req, res, false);
  if (!s) return;
  SendJson(res, 200, StatusJson(*s));
}

void HandleCancelSignup(Context& c, const Request& req, Response& res) {
  auto s = FindByCode(c, req, res, false);
  if (!s) return;
  auto cancelled = CancelSignup(c.activities, s->code, "", protocol::NowUtc());
  if (cancelled.error == WriteError::Storage) throw std::runtime_error("cancel sign-up: " + cancelled.message);
  if (!cancelled.ok()) return SendError(res, StatusForWriteError(cancelled.error), cancelled.message);
  SendJson(res, 200, StatusJson(*cancelled.value));
}

// All live activities, one organiser's (?organiser=street_office …), or one (?id=…), as iCalendar.
void HandleEventsIcs(Context& c, const Request& req, Response& res) {
  Param id = GetParam(req, "id");
  Param organiser = GetParam(req, "organiser");
  if (id.repeated || organiser.repeated) return SendError(res, 400, "id and organiser may each appear once");
  std::optional<protocol::Publisher> party;
  if (organiser.value) {
    party = protocol::ParsePublisher(*organiser.value);
    if (!party)
      return SendError(res, 400,
                       "organiser: street_office, property_company, residents_committee or owners_committee");
  }
  std::vector<ActivityRecord> records;
  if (id.value) {
    auto uuid = protocol::NormaliseUuid(*id.value);
    if (!uuid) return SendError(res, 400, "id: must be a UUID");
    auto found = c.activities.FindActivity(*uuid);
    if (!found) throw std::runtime_error("events.ics: " + found.error());
    if (!*found || (*found)->deleted_at) return SendError(res, 404, "id: no such activity");
    if (party && std::find((*found)->organisers.begin(), (*found)->organisers.end(), *party) == (*found)->organisers.end())
      return SendError(res, 404, "id: no such activity of that organiser");
    records.push_back(std::move(**found));
  } else {
    auto list = c.activities.ListActivities(party);
    if (!list) throw std::runtime_error("events.ics: " + list.error());
    records = std::move(list).value();
  }
  std::vector<ActivityWithChanges> items;
  items.reserve(records.size());
  for (ActivityRecord& a : records) {
    auto changes = c.activities.ListOccurrenceChanges(a.id);
    if (!changes) throw std::runtime_error("events.ics: " + changes.error());
    items.push_back({std::move(a), std::move(changes).value()});
  }
  res.set_header("Cache-Control", "no-cache");
  if (id.value) res.set_header("Content-Disposition", "inline; filename=\"activity.ics\"");
  res.status = 200;
  res.set_content(ExportICalendar(items, c.options.public_url), "text/calendar; charset=utf-8");
}

void HandleActivityPage(Context& c, const Request& req, Response& res) {
  auto activity = ActivityForResidents(c.activities, Match(req));
  if (!activity) throw std::runtime_error("activity page: " + activity.error());
  res.set_header("Cache-Control", "no-cache");
  if (!*activity) return SendHtml(res, RenderUnknownActivityPage());
  SendHtml(res, RenderActivityPage(**activity, c.options.public_url, protocol::NowUtc()));
}

void HandleSignupPage(Context& c, const Request& req, Response& res) {
  auto s = FindByCode(c, req, res, true);
  if (!s) return;
  auto activity = ActivityForResidents(c.activities, s->activity_id);
  if (!activity) throw std::runtime_error("sign-up page: " + activity.error());
  SendHtml(res, RenderSignupPage(*s, *activity, protocol::NowUtc()));
}

// The page's cancel button: a plain form POST, answered with 303 back to the page (post/redirect/get).
void HandleSignupPageCancel(Context& c, const Request& req, Response& res) {
  auto s = FindByCode(c, req, res, true);
  if (!s) return;
  auto cancelled = CancelSignup(c.activities, s->code, "", protocol::NowUtc());
  if (!cancelled.ok()) throw std::runtime_error("cancel sign-up: " + cancelled.message);
  res.status = 303;
  res.set_header("Location", SignupPagePath(s->code));
}

}  // namespace

void ActivityHorizon::Tick(protocol::UnixSeconds now) {
  protocol::UnixSeconds due = next_check_.load();
  if (now < due) return;
  // One thread does the work; the others go on with their poll.
  if (!next_check_.compare_exchange_strong(due, now + kActivityHorizonCheckSeconds)) return;
  auto r = RepublishStaleActivities(activities_, now);
  if (!r) throw std::runtime_error("activity re-publish: " + r.error());
}

void RegisterActivityRoutes(httplib::Server& s, HubRepository& repo, ActivityRepository& activities,
                            RequestBodies& bodies, std::shared_ptr<LookupThrottle> throttle,
                            ActivityRouteOptions options) {
  auto context = std::make_shared<Context>(Context{repo, activities, std::move(throttle), std::move(options)});
  auto bind = [context](void (*handler)(Context&, const Request&, Response&)) {
    return [context, handler](const Request& req, Response& res) { handler(*context, req, res); };
  };
  bodies.Post(s, kSignupsPath, bind(HandlePostSignup));
  s.Get(kSignupsPath, bind(HandleListSignups));
  s.Get(kSignupPath, bind(HandleGetSignup));
  bodies.Post(s, kSignupCancelPath, bind(HandleCancelSignup));
  s.Get(kEventsIcsPath, bind(HandleEventsIcs));
  s.Get(kActivityPagePath, bind(HandleActivityPage));
  s.Get(kSignupPagePath, bind(HandleSignupPage));
  s.Post(kSignupPageCancelPath, bind(HandleSignupPageCancel));

  RefuseOtherMethods(s, kSignupsPath, true, true);
  RefuseOtherMethods(s, kSignupPath, true, false);
  RefuseOtherMethods(s, kSignupCancelPath, false, true);
  RefuseOtherMethods(s, kEventsIcsPath, true, false);
  RefuseOtherMethods(s, kActivityPagePath, true, false);
  RefuseOtherMethods(s, kSignupPagePath, true, false);
  RefuseOtherMethods(s, kSignupPageCancelPath, false, true);
}

}  // namespace ck::hub

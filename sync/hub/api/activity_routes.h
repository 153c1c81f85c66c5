// The community-activity routes (sync/openapi.yaml; protocol/activity_signup.h):
//   POST /api/v1/signups                 a kiosk's sign-up (JSON; kiosk token; Idempotency-Key = signup_uuid)
//   GET  /api/v1/signups?codes=A,B,…     the kiosk's own sign-ups by code (kiosk token)
//   GET  /api/v1/signups/{code}          one sign-up's status (the code is the credential; lookup-throttled)
//   POST /api/v1/signups/{code}/cancel   cancel it (the same)
//   GET  /api/v1/events.ics              iCalendar: all activities, ?organiser=…, or ?id=… (public)
//   GET  /activities/{id}                the public page of an activity (the kiosk's QR code)
//   GET  /signups/{code}                 the public page of a sign-up, with a cancel button (lookup-throttled)
//   POST /signups/{code}/cancel          that button (answers 303 back to the page)
// A sign-up code has the ticket-code format and is a credential like one: lookups of unknown codes spend the
// same LookupThrottle budget as ticket lookups.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>

#include "sync/hub/api/lookup_throttle.h"
#include "sync/hub/api/request_body.h"
#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

// How often the feed route looks for activities whose occurrence window should move on (the re-publish
// itself happens at most once a day per activity: activity_editor.h).
inline constexpr protocol::UnixSeconds kActivityHorizonCheckSeconds = 600;

// Moves activities' occurrence windows on as days pass. Called on every feed read; does the work at most
// once per kActivityHorizonCheckSeconds (of the clock it is given), and in one thread at a time, so an idle
// poll stays one indexed read and a 304.
class ActivityHorizon {
 public:
  explicit ActivityHorizon(ActivityRepository& activities) : activities_(activities) {}
  void Tick(protocol::UnixSeconds now);

 private:
  ActivityRepository& activities_;
  std::atomic<protocol::UnixSeconds> next_check_{0};
};

struct ActivityRouteOptions {
  std::string public_url;  // how residents' phones reach the hub ("" : pages show no QR code)
};

void RegisterActivityRoutes(httplib::Server& server, HubRepository& repo, ActivityRepository& activities,
                            RequestBodies& bodies, std::shared_ptr<LookupThrottle> throttle,
                            ActivityRouteOptions options);

}  // namespace ck::hub

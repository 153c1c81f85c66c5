// The resident-feedback routes, Open311 GeoReport v2 plus our extensions:
//   GET  /services.json, /services/{code}.json        categories (public, like Open311 discovery)
//   POST /requests.json                                 a submission (form; kiosk token; Idempotency-Key)
//   GET  /requests.json, /requests/{id}.json            status (kiosk token)
//   GET  /tokens/{token}.json                           token → service_request_id (kiosk token)
//   POST /api/v1/requests/batch                         up to 100 submissions, one commit (JSON; kiosk token)
//   POST /api/v1/ratings                                a resident's rating (JSON; kiosk token)
//   GET  /t/{ticket_code}                               the public status page (HTML)
// A ticket code is a capability: lookups by code (/t/, ticket_code=, ratings) spend the client's
// LookupThrottle budget when they find nothing, and status answers carry a ticket's code only to the kiosk
// that filed it or to whoever asked by that code.
#pragma once

#include <httplib.h>

#include <memory>

#include "sync/hub/api/lookup_throttle.h"
#include "sync/hub/api/request_body.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

void RegisterOpen311Routes(httplib::Server& server, HubRepository& repo, RequestBodies& bodies);
// The same with a given throttle (tests pass one with a fake clock).
void RegisterOpen311Routes(httplib::Server& server, HubRepository& repo, RequestBodies& bodies,
                           std::shared_ptr<LookupThrottle> throttle);

}  // namespace ck::hub

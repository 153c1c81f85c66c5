// The operator's JSON API (operator tokens only; kiosk tokens get 401):
//   GET  /api/v1/operator/requests[?status=S&flagged=true]   flagged first, then newest
//   GET  /api/v1/operator/requests/{id|ticket}
//   POST /api/v1/operator/requests/{id|ticket}/assign   {agency, responsible, expected_at?, note?}
//   POST /api/v1/operator/requests/{id|ticket}/status   {status, note?}
//   POST /api/v1/operator/requests/{id|ticket}/reply    {text}
//   POST /api/v1/operator/requests/{id|ticket}/close    {note?}
//   GET  /api/v1/operator/kiosks                         with last heartbeat
//   GET  /api/v1/operator/satisfaction                   average rating per agency, reopened counts
// Every change goes through request_editor.h, the same code the CLI uses.
#pragma once

#include <httplib.h>

#include "sync/hub/api/request_body.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

void RegisterOperatorRoutes(httplib::Server& server, HubRepository& repo, RequestBodies& bodies);

}  // namespace ck::hub

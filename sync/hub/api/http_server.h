// HubHttpServer: the hub's HTTP face (cpp-httplib). Routes:
//   GET  /api/v1/feed        change feed for kiosks (token; ETag/304)
//   POST /api/v1/heartbeat   a kiosk reports its health (token)
//   GET  /notices/{id}       public HTML page of one notice (for the kiosk's QR code)
//   GET  /healthz            liveness
//   Open311 feedback (services, requests, tokens, ratings, /t/{ticket}): open311_routes.h
//   community activities (sign-ups, events.ics, /activities/{id}, /signups/{code}): activity_routes.h
//   the operator API (/api/v1/operator/…): operator_routes.h
// Every error is an Open311 body [{"code":N,"description":"…"}] (HTML for /notices/…); client input can
// never cause a 500. See sync/openapi.yaml for the full contract.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "sync/hub/api/server_limits.h"
#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/hub_repository.h"
#include "sync/protocol/result.h"

namespace httplib {
class Server;
}

namespace ck::hub {

class RequestBodies;
class ActivityHorizon;

class HubHttpServer {
 public:
  // `repo` must outlive the server; it is queried on every request, so CLI changes show at once. With
  // `activities` (which must outlive it too) the server also serves the activity routes, and the feed moves
  // activities' occurrence windows on as days pass.
  explicit HubHttpServer(HubRepository& repo, HttpServerOptions options = {},
                         ActivityRepository* activities = nullptr);
  ~HubHttpServer();
  HubHttpServer(const HubHttpServer&) = delete;
  HubHttpServer& operator=(const HubHttpServer&) = delete;

  // Binds the listening socket; port 0 picks a free one. Returns the bound port.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(); returns false if it could not serve at all.
  bool Listen();
  // Safe from any thread, before, during or after Listen().
  void Stop();
  bool IsRunning() const;

 private:
  void Settings();
  void Routes();

  HubRepository& repo_;
  ActivityRepository* activities_;
  std::unique_ptr<ActivityHorizon> horizon_;
  HttpServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<RequestBodies> bodies_;
  int listen_fd_ = -1;  // the listening socket, as httplib's socket hook hands it over
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> in_listen_{false};
};

}  // namespace ck::hub

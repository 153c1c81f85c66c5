// FrontServer: Debian's nginx as the deployed front of community-hub, started for a test as its own process
// with packaging/nginx/community-hub.conf (only its two addresses replaced), a private prefix and temp dirs,
// on a random loopback port, as an unprivileged user when the test runs as root.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "tests/e2e/child_process.h"

namespace ck::e2e {

inline const std::filesystem::path kNginx = "/usr/sbin/nginx";

// The shipped config, with `listen 80` and the upstream's 127.0.0.1:8080 replaced; "" if either is missing.
std::string FrontConfig(int listen_port, int hub_port);

class FrontServer {
 public:
  // Starts nginx in `dir` (created) proxying to 127.0.0.1:hub_port; check started().
  FrontServer(const std::filesystem::path& dir, int hub_port);
  ~FrontServer();
  FrontServer(const FrontServer&) = delete;
  FrontServer& operator=(const FrontServer&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string error() const { return error_; }

 private:
  std::unique_ptr<ChildProcess> nginx_;
  int port_ = 0;
  std::string error_;
};

}  // namespace ck::e2e

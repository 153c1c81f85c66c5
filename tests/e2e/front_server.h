// FrontServer: Debian's nginx as the deployed front of community-hub, started for a test as its own process
// with packaging/nginx/community-hub.conf (only its two addresses replaced), a private prefix and temp dirs,
// on a random loopback port, as an unprivileged user when the test runs as root.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/e2e/child_process.h"

namespace ck::e2e {

inline const std::filesystem::path kNginx = "/usr/sbin/nginx";

// A loopback port the kernel just handed out and took back (for a process that cannot report its own).
int FreePort();

// The shipped config, with `listen 80` replaced and the upstream's 127.0.0.1:8080 line repeated for each
// hub port; "" if either is missing.
std::string FrontConfig(int listen_port, const std::vector<int>& hub_ports);

class FrontServer {
 public:
  // Starts nginx in `dir` (created) proxying to 127.0.0.1:hub_port (or to every port of hub_ports, as a
  // district runs several hub processes); check started().
  FrontServer(const std::filesystem::path& dir, int hub_port) : FrontServer(dir, std::vector<int>{hub_port}) {}
  FrontServer(const std::filesystem::path& dir, const std::vector<int>& hub_ports);
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

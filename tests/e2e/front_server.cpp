// FrontServer: writes nginx's main config around the shipped server block and runs nginx in the foreground.
#include "tests/e2e/front_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

namespace ck::e2e {

namespace {

std::filesystem::path SourceRoot() {
  return std::filesystem::path(CK_SOURCE_ASSETS_DIR).parent_path();
}

bool Replace(std::string& s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  if (at == std::string::npos) return false;
  s.replace(at, from.size(), to);
  return true;
}

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

// A port the kernel just handed out and took back; nginx cannot report one it picked itself.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string FrontConfig(int listen_port, const std::vector<int>& hub_ports) {
  std::ifstream in(SourceRoot() / "packaging" / "nginx" / "community-hub.conf");
  std::stringstream ss;
  ss << in.rdbuf();
  // Plain HTTP on one loopback port: the site's IPv6 and TLS lines go (tests/packaging runs them).
  std::string conf;
  std::string line;
  while (std::getline(ss, line)) {
    const std::string_view trimmed = std::string_view(line).substr(std::min(line.find_first_not_of(' '), line.size()));
    if (trimmed.starts_with("listen [::]") || trimmed.starts_with("listen 443") || trimmed.starts_with("ssl_"))
      continue;
    conf += line + "\n";
  }
  // Without TLS here, the console's redirect of plain HTTP to HTTPS goes too, so console tests reach it
  // through the same front (the redirect itself is checked where TLS is, in tests/packaging).
  Replace(conf, "if ($scheme = http) {\n            return 301 https://$host$request_uri;\n        }", "");
  if (!Replace(conf, "listen 80 ", "listen 127.0.0.1:" + std::to_string(listen_port) + " ")) return "";
  // The upstream's one server line, as shipped (its parameters kept), once per hub process.
  const std::string shipped = "    server 127.0.0.1:8080 ";
  const std::size_t at = conf.find(shipped);
  if (at == std::string::npos || hub_ports.empty()) return "";
  const std::size_t end = conf.find('\n', at);
  const std::string params = conf.substr(at + shipped.size(), end - at - shipped.size());
  std::string servers;
  for (int port : hub_ports) servers += "    server 127.0.0.1:" + std::to_string(port) + " " + params + "\n";
  conf.replace(at, end + 1 - at, servers);
  return conf;
}

FrontServer::FrontServer(const std::filesystem::path& dir, const std::vector<int>& hub_ports) {
  if (!std::filesystem::exists(kNginx)) {
    error_ = kNginx.string() + " is missing (packaging/build-deps.txt lists nginx-light)";
    return;
  }
  std::filesystem::create_directories(dir);
  const bool root = ::geteuid() == 0;
  for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
    int port = FreePort();
    std::string server = FrontConfig(port, hub_ports);
    if (server.empty()) {
      error_ = "packaging/nginx/community-hub.conf: no `listen 80 ` or `server 127.0.0.1:8080 ` to replace";
      return;
    }
    std::ofstream(dir / "community-hub.conf") << server;
    std::string d = dir.string();
    std::ofstream(dir / "nginx.conf")
        << "daemon off;\nmaster_process off;\nworker_processes 1;\nworker_rlimit_nofile 4096;\n"
        << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log warn;\n"
        << "events { worker_connections 2048; }\n"
        << "http {\n  access_log off;\n"
        << "  client_body_temp_path " << d << "/body;\n  proxy_temp_path " << d << "/proxy;\n"
        << "  fastcgi_temp_path " << d << "/fastcgi;\n  uwsgi_temp_path " << d << "/uwsgi;\n"
        << "  scgi_temp_path " << d << "/scgi;\n"
        << "  include " << d << "/community-hub.conf;\n}\n";
    std::vector<std::string> argv;
    if (root) {
      // Unprivileged, as it would run in the field: nobody, with the test's files handed over to it.
      for (auto& p : std::filesystem::recursive_directory_iterator(dir))
        (void)::chown(p.path().c_str(), 65534, 65534);
      (void)::chown(dir.c_str(), 65534, 65534);
      argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    }
    for (std::string a : {kNginx.string(), std::string("-p"), d + "/", std::string("-e"), d + "/error.log",
                          std::string("-c"), d + "/nginx.conf"})
      argv.push_back(a);
    nginx_ = std::make_unique<ChildProcess>(argv, dir / "nginx.out");
    for (int i = 0; i < 500; ++i) {
      if (Accepts(port)) {
        port_ = port;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (port_ == 0) {
      std::ifstream log(dir / "error.log");
      std::stringstream es;
      es << log.rdbuf();
      error_ = "nginx did not start (port " + std::to_string(port) + " taken?): " + es.str();
      nginx_.reset();  // and try another port
    }
  }
}

FrontServer::~FrontServer() {
  if (nginx_) nginx_->Stop(SIGTERM);
}

}  // namespace ck::e2e

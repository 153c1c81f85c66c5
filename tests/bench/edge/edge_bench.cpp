// ck_edge_bench: figures for the hub's edge, through the deployed shape (nginx + hub) and against the hub
// alone: p50/p99 of a kiosk's conditional feed poll while 8, 64 and 512 slow clients trickle headers; polls
// per second; the hub's peak RSS under the largest bodies it allows. Prints numbers; asserts nothing.
#include <httplib.h>
#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sync/hub/api/server_limits.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/ids.h"
#include "tests/e2e/child_process.h"
#include "tests/e2e/front_server.h"
#include "tests/e2e/raw_http.h"

using namespace ck::e2e;
using Clock = std::chrono::steady_clock;

namespace {

std::string Field(const std::string& out, const std::string& prefix) {
  auto at = out.find(prefix);
  if (at == std::string::npos) return "";
  auto end = out.find('\n', at);
  return out.substr(at + prefix.size(), end - at - prefix.size());
}

long PeakRssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// N connections that each send a request line and then one header line a second, never finishing; a
// connection the server closes is opened again, so N stay open.
class Tricklers {
 public:
  Tricklers(int port, int n) : port_(port) {
    fds_.resize(static_cast<std::size_t>(n), -1);
    thread_ = std::thread([this] { Run(); });
  }
  ~Tricklers() {
    stop_ = true;
    thread_.join();
    for (int fd : fds_)
      if (fd >= 0) close(fd);
  }

 private:
  void Run() {
    for (int tick = 0; !stop_; ++tick) {
      for (int& fd : fds_) {
        if (fd < 0) {
          fd = RawConnect(port_, 1);
          if (fd >= 0) RawSend(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
          continue;
        }
        if (!RawSend(fd, "X-Slow: " + std::to_string(tick) + "\r\n")) {
          close(fd);
          fd = -1;
        }
      }
      for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  int port_;
  std::vector<int> fds_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct PollFigures {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  int polls = 0, unanswered = 0;
};

// Conditional polls on a new connection each (as a kiosk that polls every few minutes), for up to `seconds`.
PollFigures MeasurePolls(int port, const std::string& token, int max_polls, int seconds) {
  std::string etag;
  {
    httplib::Client c("127.0.0.1", port);
    auto r = c.Get(std::string(ck::protocol::kFeedPath), {{"Authorization", "Bearer " + token}});
    if (r) etag = r->get_header_value("ETag");
  }
  std::vector<double> ms;
  PollFigures f;
  auto end = Clock::now() + std::chrono::seconds(seconds);
  while (f.polls < max_polls && Clock::now() < end) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5, 0);
    c.set_read_timeout(5, 0);
    auto t0 = Clock::now();
    auto r = c.Get(std::string(ck::protocol::kFeedPath),
                   {{"Authorization", "Bearer " + token}, {"If-None-Match", etag}});
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    ++f.polls;
    if (!r || r->status != 304) ++f.unanswered;
  }
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) {
    f.p50_ms = ms[ms.size() / 2];
    f.p99_ms = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.99))];
    f.max_ms = ms.back();
  }
  return f;
}

// Keep-alive polls from `clients` threads for `seconds`: answered polls per second.
double PollsPerSecond(int port, const std::string& token, int clients, int seconds) {
  std::atomic<long> done{0};
  std::vector<std::thread> threads;
  auto end = Clock::now() + std::chrono::seconds(seconds);
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      std::string etag;
      auto r = c.Get(std::string(ck::protocol::kFeedPath), {{"Authorization", "Bearer " + token}});
      if (r) etag = r->get_header_value("ETag");
      while (Clock::now() < end) {
        auto p = c.Get(std::string(ck::protocol::kFeedPath),
                       {{"Authorization", "Bearer " + token}, {"If-None-Match", etag}});
        if (p && p->status == 304) ++done;
      }
    });
  }
  for (auto& t : threads) t.join();
  return static_cast<double>(done) / seconds;
}

}  // namespace

int main() {
  signal(SIGPIPE, SIG_IGN);
  auto dir = std::filesystem::temp_directory_path() / ("ck-edge-bench-" + ck::protocol::NewUuid());
  std::filesystem::create_directories(dir);
  std::string hub = std::string(CK_BINARY_DIR) + "/sync/hub/community-hub";
  std::string db = (dir / "hub.db").string();
  RunCommand({hub, "init", "--db", db}, dir);
  auto added = RunCommand({hub, "kiosk", "add", "--db", db, "--name", "bench"}, dir);
  std::string token = Field(added.out, "token: ");
  if (token.empty()) {
    std::fprintf(stderr, "edge_bench: kiosk add failed\n%s", added.out.c_str());
    return 1;
  }
  ChildProcess served({hub, "serve", "--db", db, "--listen", "127.0.0.1:0"}, dir / "hub.out");
  auto line = served.WaitForLine("listening on ", std::chrono::seconds(20));
  if (!line) return 1;
  int hub_port = std::stoi(line->substr(line->rfind(':') + 1));
  FrontServer front(dir / "nginx", hub_port);
  if (!front.started()) {
    std::fprintf(stderr, "edge_bench: %s\n", front.error().c_str());
    return 1;
  }

  std::printf("conditional feed poll (new connection each, 5 s client timeout) beside N slow clients\n");
  std::printf("%-8s %5s %8s %9s %9s %9s %11s\n", "shape", "slow", "polls", "p50_ms", "p99_ms", "max_ms",
              "unanswered");
  for (int n : {0, 8, 64, 512}) {
    for (auto [name, port] : {std::pair{"nginx", front.port()}, std::pair{"direct", hub_port}}) {
      PollFigures f;
      {
        Tricklers slow(port, n);
        std::this_thread::sleep_for(std::chrono::seconds(n ? 2 : 0));
        f = MeasurePolls(port, token, 200, 15);
      }
      std::printf("%-8s %5d %8d %9.2f %9.2f %9.2f %11d\n", name, n, f.polls, f.p50_ms, f.p99_ms, f.max_ms,
                  f.unanswered);
      std::fflush(stdout);
      std::this_thread::sleep_for(std::chrono::seconds(1));  // let the hub drop what the tricklers left
    }
  }

  std::printf("\npolls per second (keep-alive, 304), 5 s each\n");
  for (int clients : {1, 4}) {
    double via_front = PollsPerSecond(front.port(), token, clients, 5);
    double direct = PollsPerSecond(hub_port, token, clients, 5);
    std::printf("%d client(s): nginx+hub %.0f/s, hub alone %.0f/s\n", clients, via_front, direct);
  }

  std::printf("\nhub peak RSS (VmHWM) under the largest bodies it allows, direct (no front to shield it)\n");
  std::printf("before: %ld kB\n", PeakRssKb(served.pid()));
  {
    std::string big = R"({"last_sync_error":")" + std::string(ck::hub::kMaxBodyBytes - 30, 'x') + R"("})";
    std::vector<std::thread> senders;
    for (int t = 0; t < 16; ++t) {
      senders.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", hub_port);
        c.set_read_timeout(10, 0);
        for (int i = 0; i < 50; ++i) {
          if (t % 2)
            c.Post("/api/v1/heartbeat", {{"Authorization", "Bearer " + token}}, big, "application/json");
          else  // chunked, 1 MiB offered: refused at the limit
            c.Post(
                "/api/v1/heartbeat", {{"Authorization", "Bearer " + token}},
                [](size_t offset, httplib::DataSink& sink) {
                  static const std::string chunk(16 * 1024, ' ');
                  if (offset >= 1024 * 1024) {
                    sink.done();
                    return true;
                  }
                  return sink.write(chunk.data(), chunk.size());
                },
                "application/json");
        }
      });
    }
    for (auto& t : senders) t.join();
  }
  std::printf("after 16 clients x 50 bodies of 64 KiB (half of them chunked 1 MiB offers): %ld kB\n",
              PeakRssKb(served.pid()));
  served.Stop(SIGTERM);
  std::filesystem::remove_all(dir);
  return 0;
}

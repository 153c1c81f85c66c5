// The hub's limits and server settings: every number that shapes how the hub meets its clients, in one
// place, each equal to what sync/openapi.yaml documents (tests hold both to it).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace httplib {
class Server;
}

namespace ck::hub {

class ThrottleRepository;

// The largest request body the hub reads, counted after transfer and content decoding (chunked, gzip): a
// larger one is 413. The largest report the kiosk's store accepts (2,000 four-byte characters, form-encoded
// at 12 bytes each) is ~26 KiB, and the kiosk packs batch pages under 48 KiB, so 64 KiB holds both.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
// The largest body of a staff console form (/console/…): a 20,000-character notice, multipart-encoded, and a
// notice import file. Console forms are multipart (httplib refuses url-encoded forms over 8 KiB).
inline constexpr std::size_t kMaxConsoleBodyBytes = 1024 * 1024;

struct HttpServerOptions {
  std::size_t max_body_bytes = kMaxBodyBytes;                 // API routes (read by RequestBodies)
  std::size_t max_console_body_bytes = kMaxConsoleBodyBytes;  // every other route (read by httplib)
  // Slow clients are the front server's job (packaging/nginx): reached directly, each slow connection
  // holds one of these for up to the timeouts. A thread serves one connection for as long as it is kept
  // alive (up to keep_alive_max_requests), so with fewer threads than nginx's concurrent upstream
  // connections a waiting connection waited for another's whole keep-alive (PostgreSQL status polls from
  // 16 clients: p99 650 ms, max 1.8 s with 8). Threads are cheap; the store bounds concurrent statements.
  int worker_threads = 32;
  int read_timeout_seconds = 10;  // a stalled client holds a worker at most this long per read
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;         // an idle keep-alive connection is closed after this
  int keep_alive_max_requests = 100;  // httplib's compiled default is 5: a page flush reuses one connection
  // Kiosks that wake together (after an outage) connect together; Debian's httplib listens with 5.
  int listen_backlog = 128;
  // More routes on the same server (the staff console registers /console/… here); may be empty. Their POST
  // bodies are read by httplib itself (at most max_console_body_bytes, no chunked or coded bodies, and
  // url-encoded forms at most 8 KiB: the console's forms are multipart).
  std::function<void(httplib::Server&)> extra_routes;
  // How residents' phones reach the hub ("https://hub.example.cn", no trailing slash), for the QR codes of
  // public pages; empty: none.
  std::string public_url;
  // Where the unknown-code lookup budgets live (store/throttle_repository.h): `serve` gives the database's,
  // so every hub process on it shares them; null: this server's memory. Must outlive the server.
  ThrottleRepository* throttles = nullptr;
};

}  // namespace ck::hub

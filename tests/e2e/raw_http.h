// Raw HTTP/1.1 over a loopback socket, for tests that must send what no well-behaved client sends: trickled
// headers, bad lengths, pipelined requests, a half-closed connection.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <string_view>

namespace ck::e2e {

// Connects to 127.0.0.1:port with send/receive timeouts; -1 on failure.
inline int RawConnect(int port, int timeout_seconds = 5) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// As RawConnect, from a chosen loopback source address (127.0.0.2, …): another client, as nginx sees it.
inline int RawConnectFrom(int port, const char* source, int timeout_seconds = 5) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in src{};
  src.sin_family = AF_INET;
  inet_pton(AF_INET, source, &src.sin_addr);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

inline bool RawSend(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Everything the peer sends until it closes or the receive timeout passes.
inline std::string RawReadAll(int fd) {
  std::string answer;
  char buf[8192];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
  return answer;
}

// Reads until `count` whole responses with Content-Length bodies have arrived (or close / timeout).
inline std::string RawReadResponses(int fd, int count) {
  std::string answer;
  char buf[8192];
  auto whole = [&] {
    std::size_t at = 0;
    for (int i = 0; i < count; ++i) {
      std::size_t end = answer.find("\r\n\r\n", at);
      if (end == std::string::npos) return false;
      std::string head = answer.substr(at, end - at);
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t cl = head.find("\r\ncontent-length:");
      std::size_t length = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 17));
      if (answer.size() < end + 4 + length) return false;
      at = end + 4 + length;
    }
    return true;
  };
  while (!whole()) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  return answer;
}

inline int RawStatus(const std::string& answer) {
  if (answer.rfind("HTTP/1.", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

inline int CountResponses(const std::string& answer) {
  int n = 0;
  for (std::size_t at = answer.find("HTTP/1.1 "); at != std::string::npos;
       at = answer.find("HTTP/1.1 ", at + 1))
    ++n;
  return n;
}

}  // namespace ck::e2e

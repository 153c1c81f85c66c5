// FakeHub: an in-test feed server on 127.0.0.1:0 (cpp-httplib) that can answer well or badly on purpose.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sync/protocol/feed.h"
#include "sync/protocol/ids.h"

namespace ck::sync::testing {

inline protocol::Notice FakeNotice(const std::string& title) {
  protocol::Notice n;
  n.id = protocol::NewUuid();
  n.publisher = protocol::Publisher::StreetOffice;
  n.category = "policy";
  n.title = title;
  n.body = title + "：详见公告栏。";
  n.published_at = 1'790'000'000;
  return n;
}

class FakeHub {
 public:
  // How the next feed requests are answered.
  enum class Mode { Good, ServerError, MalformedJson, Truncated, Slow, Huge, HugeChunked, StuckCursor };

  FakeHub() {
    server_.Get("/api/v1/feed",
                [this](const httplib::Request& req, httplib::Response& res) { Feed(req, res); });
    server_.Post("/api/v1/heartbeat", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      heartbeats_.push_back(req.body);
      res.status = 204;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the loop runs, so wait (bounded) for it before anyone may call Stop().
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~FakeHub() { Stop(); }
  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void set_mode(Mode m) { mode_ = m; }
  void set_slow_delay(std::chrono::milliseconds d) { slow_delay_ = d; }

  void AddUpsert(const protocol::Notice& n) {
    std::lock_guard lock(mutex_);
    changes_.push_back(
        {static_cast<std::int64_t>(changes_.size() + 1), protocol::FeedChange::Type::NoticeUpsert, n.id, n, std::nullopt});
  }
  void AddTombstone(const std::string& id) {
    std::lock_guard lock(mutex_);
    changes_.push_back({static_cast<std::int64_t>(changes_.size() + 1),
                        protocol::FeedChange::Type::NoticeTombstone, id, std::nullopt, std::nullopt});
  }

  int feed_requests() const { return feed_requests_; }
  std::string last_authorization() {
    std::lock_guard lock(mutex_);
    return last_authorization_;
  }
  std::string last_if_none_match() {
    std::lock_guard lock(mutex_);
    return last_if_none_match_;
  }
  std::vector<std::string> heartbeats() {
    std::lock_guard lock(mutex_);
    return heartbeats_;
  }

 private:
  void Feed(const httplib::Request& req, httplib::Response& res) {
    ++feed_requests_;
    {
      std::lock_guard lock(mutex_);
      last_authorization_ = req.get_header_value("Authorization");
      last_if_none_match_ = req.get_header_value("If-None-Match");
    }
    switch (mode_.load()) {
      case Mode::Good:
        return GoodPage(req, res);
      case Mode::ServerError:
        res.status = 500;
        res.set_content(R"([{"code":500,"description":"database is being restored"}])", "application/json");
        return;
      case Mode::MalformedJson:
        res.set_content(R"({"changes":[{"seq":1,"type":"notice.upsert","notice":{"id":)", "application/json");
        return;
      case Mode::Truncated: {
        // Promise more than we send, then drop the connection.
        std::string full = FullPage();
        std::string half = full.substr(0, full.size() / 2);
        res.set_content_provider(full.size(), "application/json",
                                 [half](size_t offset, size_t, httplib::DataSink& sink) {
                                   if (offset == 0) sink.write(half.data(), half.size());
                                   return offset == 0 ? true : false;
                                 });
        return;
      }
      case Mode::Slow:
        std::this_thread::sleep_for(slow_delay_.load());
        return GoodPage(req, res);
      case Mode::Huge:
        res.set_content(std::string(3u << 20, ' '), "application/json");
        return;
      case Mode::HugeChunked:
        // No Content-Length: only counting the received bytes can stop it.
        res.set_chunked_content_provider("application/json",
                                         [sent = 0](size_t, httplib::DataSink& sink) mutable {
                                           std::string chunk(64 * 1024, ' ');
                                           if (sent++ > 100) {
                                             sink.done();
                                             return true;
                                           }
                                           return sink.write(chunk.data(), chunk.size());
                                         });
        return;
      case Mode::StuckCursor: {
        protocol::FeedPage page;
        page.next_cursor = req.has_param("cursor") ? req.get_param_value("cursor") : "0";
        page.has_more = true;
        res.set_content(protocol::FeedPageToJson(page), "application/json");
        return;
      }
    }
  }

  std::string FullPage() {
    std::lock_guard lock(mutex_);
    protocol::FeedPage page{changes_, std::to_string(changes_.size()), false};
    return protocol::FeedPageToJson(page);
  }

  // Like the real hub: the cursor is the last seq; the ETag names the request and the newest seq.
  void GoodPage(const httplib::Request& req, httplib::Response& res) {
    std::int64_t after = std::stoll(req.has_param("cursor") ? req.get_param_value("cursor") : "0");
    int limit = req.has_param("limit") ? std::stoi(req.get_param_value("limit")) : 500;
    std::lock_guard lock(mutex_);
    std::string etag = "\"f" + std::to_string(changes_.size()) + "-" + std::to_string(after) + "-" +
                       std::to_string(limit) + "\"";
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    protocol::FeedPage page;
    for (const auto& c : changes_) {
      if (c.seq <= after) continue;
      if (static_cast<int>(page.changes.size()) == limit) {
        page.has_more = true;
        break;
      }
      page.changes.push_back(c);
    }
    page.next_cursor = page.changes.empty() ? std::to_string(after) : std::to_string(page.changes.back().seq);
    res.set_header("ETag", etag);
    res.set_content(protocol::FeedPageToJson(page), "application/json");
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<Mode> mode_{Mode::Good};
  std::atomic<std::chrono::milliseconds> slow_delay_{std::chrono::milliseconds(1500)};
  std::atomic<int> feed_requests_{0};
  std::mutex mutex_;
  std::vector<protocol::FeedChange> changes_;
  std::string last_authorization_, last_if_none_match_;
  std::vector<std::string> heartbeats_;
};

}  // namespace ck::sync::testing

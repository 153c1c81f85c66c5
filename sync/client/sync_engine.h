// SyncEngine: the kiosk's background sync thread — pulls the feed into a FeedSink, backs off when offline.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sync/client/feed_sink.h"

namespace ck::sync {

class FeedClient;

struct SyncEngineOptions {
  std::string hub_url, device_id, token, ca_file, app_version;
  std::chrono::seconds poll_interval{30};
  // Tuning, with production defaults; tests shrink them.
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  std::size_t max_response_bytes = 32u << 20;
  int page_size = 1000;
  std::chrono::milliseconds backoff_base{2'000};
  std::chrono::milliseconds backoff_cap{300'000};
  bool send_heartbeat = true;
  // A heartbeat goes out after a round whose cursor or error differs from the last one reported, and at
  // least this often otherwise; so an idle poll stays one small request (DESIGN.md's budget) while the
  // operator still sees every kiosk alive.
  std::chrono::seconds heartbeat_interval{300};
};

struct SyncRoundReport {
  bool ok = false;
  bool not_modified = false;
  int pages = 0, upserts = 0, tombstones = 0, skipped = 0;
  std::string error;
};

// What the background thread has done so far (for the staff's sync-health view and for tests).
struct SyncEngineStats {
  std::int64_t rounds = 0;
  std::int64_t failed_rounds = 0;
  int consecutive_failures = 0;
  std::chrono::milliseconds last_delay{0};  // the wait chosen after the last round
  std::string last_error;
};

class SyncEngine {
 public:
  // sink_factory runs on the engine's own thread (its own SQLite connection); on_data_changed is called
  // from that thread after a page changed data (the app passes glfwPostEmptyEvent).
  SyncEngine(SyncEngineOptions options, std::function<std::unique_ptr<FeedSink>()> sink_factory,
             std::function<void()> on_data_changed);
  ~SyncEngine();  // stops
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  void Start();
  // Prompt: wakes the thread, aborts a running request (libcurl progress callback), joins.
  void Stop();
  void RequestSyncNow();
  // One round on the caller's thread (used by `sync --once` and tests): pages until has_more is false,
  // each page applied in its own transaction; then the attempt is recorded and a heartbeat sent if due.
  SyncRoundReport RunOnce(FeedSink& sink);

  SyncEngineStats Stats() const;

 private:
  void ThreadMain();
  FeedClient& Client();

  SyncEngineOptions options_;
  std::function<std::unique_ptr<FeedSink>()> sink_factory_;
  std::function<void()> on_data_changed_;

  std::atomic<bool> stopping_{false};
  std::mutex round_mutex_;  // one round at a time; guards client_
  std::unique_ptr<FeedClient> client_;
  // What the hub last heard from us (guarded by round_mutex_).
  std::optional<std::chrono::steady_clock::time_point> last_heartbeat_at_;
  std::string last_heartbeat_cursor_, last_heartbeat_error_;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  bool sync_now_ = false;
  SyncEngineStats stats_;
  std::thread thread_;
};

}  // namespace ck::sync

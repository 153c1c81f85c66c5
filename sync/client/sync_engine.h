// SyncEngine: the kiosk's background sync thread. A round pushes the outbox (a resident's report matters
// most), pulls the feed, then the categories (hourly) and the status of this kiosk's open tickets, and sends
// a heartbeat when due; between rounds it answers ticket lookups. Backs off with jitter when offline.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sync/client/feed_sink.h"
#include "sync/protocol/heartbeat.h"

namespace ck::sync {

class FeedClient;
class HubHttp;
class OutboxSink;

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
  // The running kiosk logs a failed round; `sync --once` prints the report itself and turns this off.
  bool log_round_failures = true;
  // A heartbeat goes out after a round whose cursor or error differs from the last one reported, and at
  // least this often otherwise; so an idle poll stays one small request (DESIGN.md's budget) while the
  // operator still sees every kiosk alive.
  std::chrono::seconds heartbeat_interval{300};
  // The feedback categories change rarely: asked for at most this often (conditionally, with the ETag).
  std::chrono::seconds services_interval{3600};
  // A failed outbox head waits base * 2^attempts (capped, and never past poll_interval) before the next try;
  // "sync now" ignores the wait. Failed rounds back off likewise up to backoff_cap, never past poll_interval.
  std::chrono::seconds outbox_retry_base{2};
  std::chrono::seconds outbox_retry_cap{300};
  // The data disk's free space for the heartbeat (the app passes a statvfs of its data dir); unset: the
  // heartbeat says nothing about the disk. Runs on the engine's thread.
  std::function<std::optional<protocol::DiskState>()> disk_state;
};

struct SyncRoundReport {
  bool ok = false;  // the outbox push and the feed pull both succeeded
  bool not_modified = false;
  int pages = 0, upserts = 0, tombstones = 0, skipped = 0;
  int pushed = 0, rejected = 0;  // outbox items delivered / refused by the hub this round
  int statuses = 0;              // ticket statuses pulled
  int statuses_changed = 0;      // of which differed from what the kiosk had
  int signup_statuses = 0;          // sign-up statuses pulled (GET /api/v1/signups?codes=)
  int signup_statuses_changed = 0;  // of which differed
  bool services_updated = false;
  std::string error;
  // Failures that do not fail the round (categories, status pull): the kiosk works on what it has.
  std::string feedback_error;
};

// The answer to RequestTicketLookup.
struct TicketLookup {
  enum class State { Pending, Found, NotFound, Failed };
  State state = State::Pending;
  std::string error;  // Failed: why (offline, …)
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
  // Wakes the thread for a round now, ignoring outbox retry waits: call it right after a submission so
  // "delivered" shows within a second when the hub is reachable.
  void RequestSyncNow();
  // One round on the caller's thread (used by `sync --once` and tests), retry waits ignored: outbox push,
  // feed pages until has_more is false (each page in its own transaction), services and statuses; then the
  // attempt is recorded and a heartbeat sent if due.
  SyncRoundReport RunOnce(FeedSink& sink);

  // Asks the hub about a ticket code this kiosk does not know (the track screen, when online). Returns at
  // once; the engine's thread asks, stores what it learns (OutboxSink::ApplyStatuses) and calls
  // on_data_changed; FindByTicketCode then shows it. `code` in canonical form (NormalizeTicketCode).
  void RequestTicketLookup(const std::string& code);
  // Nullopt when never requested (or forgotten: only the latest few are kept).
  // A code the hub knows no ticket for is asked for as a sign-up (GET /api/v1/signups/{code}): ticket and
  // sign-up codes share one format, and 查询进度 takes either.
  std::optional<TicketLookup> TicketLookupState(const std::string& code) const;
  // Cancels a sign-up on the hub (POST /api/v1/signups/{code}/cancel) between rounds; online only. Found:
  // cancelled, and the new status stored (OutboxSink::ApplySignupStatuses); NotFound: no such sign-up.
  void RequestSignupCancel(const std::string& code);
  std::optional<TicketLookup> SignupCancelState(const std::string& code) const;

  SyncEngineStats Stats() const;

 private:
  void ThreadMain();
  SyncRoundReport RunRound(FeedSink& sink, bool force);
  HubHttp& Http();
  // Feed pages into the sink; returns the cursor reached. (sync_engine.cpp)
  std::string PullFeed(FeedSink& sink, SyncRoundReport& report);
  void SendHeartbeatIfDue(FeedSink& sink, const std::string& cursor, const SyncRoundReport& report);
  // The feedback side of a round. (sync_engine_feedback.cpp)
  // Returns false when the hub could not be reached at all.
  bool PushOutbox(OutboxSink& outbox, bool force, SyncRoundReport& report);
  void RefreshServices(OutboxSink& outbox, SyncRoundReport& report);
  void PullStatuses(OutboxSink& outbox, SyncRoundReport& report);
  void PullSignupStatuses(OutboxSink& outbox, SyncRoundReport& report);
  void ServeCancels(OutboxSink* outbox);
  void ServeLookups(OutboxSink* outbox);
  void SetLookup(const std::string& code, TicketLookup lookup);

  SyncEngineOptions options_;
  std::function<std::unique_ptr<FeedSink>()> sink_factory_;
  std::function<void()> on_data_changed_;

  std::atomic<bool> stopping_{false};
  bool hub_takes_batches_ = true;  // engine thread only; see OutboxPusher::batches()
  std::mutex round_mutex_;         // one round (or lookup pass) at a time; guards http_ and the fields below
  std::unique_ptr<HubHttp> http_;  // one connection for every request of the engine
  std::optional<std::chrono::steady_clock::time_point> services_failed_at_;
  // What the hub last heard from us (guarded by round_mutex_).
  std::optional<std::chrono::steady_clock::time_point> last_heartbeat_at_;
  std::string last_heartbeat_cursor_, last_heartbeat_error_;
  std::optional<std::int64_t> last_heartbeat_refused_;
  std::optional<bool> last_heartbeat_disk_full_;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  bool sync_now_ = false;
  std::deque<std::string> lookup_queue_;
  std::map<std::string, TicketLookup> lookups_;
  std::deque<std::string> lookup_order_;  // oldest first, to forget old answers
  std::deque<std::string> cancel_queue_;
  std::map<std::string, TicketLookup> cancels_;
  SyncEngineStats stats_;
  std::thread thread_;
};

}  // namespace ck::sync

// SyncEngine: sync rounds, the background loop, and its timing (poll interval, jittered backoff).
#include "sync/client/sync_engine.h"

#include <algorithm>
#include <random>

#include "sync/client/backoff.h"
#include "sync/client/feed_client.h"
#include "sync/client/hub_http.h"
#include "sync/client/outbox_sink.h"
#include "sync/protocol/journal_log.h"

namespace ck::sync {

namespace {

// A round stops after this many pages even if the hub keeps saying has_more (a broken or hostile hub must
// not keep the thread forever); the next round carries on from the stored cursor.
constexpr int kMaxPagesPerRound = 10'000;

}  // namespace

SyncEngine::SyncEngine(SyncEngineOptions options, std::function<std::unique_ptr<FeedSink>()> sink_factory,
                       std::function<void()> on_data_changed)
    : options_(std::move(options)),
      sink_factory_(std::move(sink_factory)),
      on_data_changed_(std::move(on_data_changed)) {}

SyncEngine::~SyncEngine() {
  Stop();
}

HubHttp& SyncEngine::Http() {
  if (!http_) {
    HubHttpOptions o;
    o.hub_url = options_.hub_url;
    o.device_id = options_.device_id;
    o.token = options_.token;
    o.ca_file = options_.ca_file;
    o.app_version = options_.app_version;
    o.connect_timeout = options_.connect_timeout;
    o.request_timeout = options_.request_timeout;
    o.max_response_bytes = options_.max_response_bytes;
    o.cancel = &stopping_;
    http_ = std::make_unique<HubHttp>(std::move(o));
  }
  return *http_;
}

SyncRoundReport SyncEngine::RunOnce(FeedSink& sink) {
  return RunRound(sink, /*force=*/true);
}

SyncRoundReport SyncEngine::RunRound(FeedSink& sink, bool force) {
  std::lock_guard round(round_mutex_);
  SyncRoundReport report;
  OutboxSink* outbox = sink.Outbox();
  // A resident's report first: it is what someone is waiting for; notices can follow.
  bool reachable = outbox ? PushOutbox(*outbox, force, report) : true;
  std::string push_error = report.error;
  report.error.clear();
  // A hub that did not answer the push (no connection, timeout) is not asked again this round: a hanging
  // hub would cost one more full timeout for nothing.
  std::string cursor = reachable ? PullFeed(sink, report) : sink.Cursor();
  const bool hub_answered = report.ok;
  if (!push_error.empty()) {
    report.ok = false;
    report.error = report.error.empty() ? push_error : push_error + "; " + report.error;
  }
  // Only when the hub answered the feed: an unreachable or hanging hub must not cost two more timeouts.
  if (outbox && hub_answered && !stopping_.load()) {
    RefreshServices(*outbox, report);
    PullStatuses(*outbox, report);
    PullSignupStatuses(*outbox, report);
  }
  if (!report.ok && report.error.empty()) report.error = "sync round ended without an answer";
  if (options_.log_round_failures) {
    if (!report.ok) log::Warning("sync: round failed: %s", report.error.c_str());
    if (!report.feedback_error.empty()) log::Warning("sync: %s", report.feedback_error.c_str());
  }
  sink.RecordAttempt(protocol::NowUtc(), report.error);
  SendHeartbeatIfDue(sink, cursor, report);
  return report;
}

std::string SyncEngine::PullFeed(FeedSink& sink, SyncRoundReport& report) {
  FeedClient client(Http());
  std::string cursor = sink.Cursor();
  std::string etag = sink.ETag();
  for (int i = 0; i < kMaxPagesPerRound; ++i) {
    // The stored ETag belongs to the stored cursor; later pages of the same round go without one.
    auto fetched = client.FetchFeed(cursor, i == 0 ? etag : std::string(), options_.page_size);
    if (!fetched) {
      report.error = fetched.error();
      break;
    }
    if (fetched->not_modified) {
      report.not_modified = report.pages == 0;
      report.ok = true;
      break;
    }
    const protocol::FeedPage& page = fetched->page;
    if (page.has_more && page.next_cursor == cursor) {
      report.error = "hub said has_more without moving the cursor past " + cursor;
      break;
    }
    // An ETag validates the URL it came with, i.e. the cursor we asked with. Keep it only when that is also
    // the cursor we store (an empty last page): sent with any other cursor it could wrongly earn a 304.
    bool etag_fits = !page.has_more && page.next_cursor == cursor;
    if (auto applied = sink.Apply(page, etag_fits ? fetched->etag : std::string()); !applied) {
      report.error = "cannot apply feed page: " + applied.error();
      break;
    }
    ++report.pages;
    int changed = 0;
    for (const auto& change : page.changes) {
      switch (change.type) {
        case protocol::FeedChange::Type::NoticeUpsert:
        case protocol::FeedChange::Type::ActivityUpsert:
          ++report.upserts, ++changed;
          break;
        case protocol::FeedChange::Type::NoticeTombstone:
        case protocol::FeedChange::Type::ActivityTombstone:
          ++report.tombstones, ++changed;
          break;
        case protocol::FeedChange::Type::Unknown:
          ++report.skipped;
          break;
      }
    }
    if (changed > 0 && on_data_changed_) on_data_changed_();
    cursor = page.next_cursor;
    if (!page.has_more || i + 1 == kMaxPagesPerRound) {
      report.ok = true;
      break;
    }
  }
  return cursor;
}

void SyncEngine::SendHeartbeatIfDue(FeedSink& sink, const std::string& cursor,
                                    const SyncRoundReport& report) {
  if (!options_.send_heartbeat || stopping_.load()) return;
  auto now = std::chrono::steady_clock::now();
  OutboxSink* outbox = sink.Outbox();
  HeartbeatReport hb_report;
  hb_report.cursor = cursor;
  hb_report.last_sync_error = report.error;
  if (outbox) {
    hb_report.outbox_pending = outbox->PendingCount();
    hb_report.outbox_refused = outbox->RefusedCount();
    hb_report.panel_events = outbox->UnsentPanelEvents(protocol::kMaxPanelEventsPerHeartbeat);
  }
  if (options_.disk_state) hb_report.disk = options_.disk_state();
  std::optional<bool> disk_full;
  if (hb_report.disk) disk_full = hb_report.disk->full;
  // A change in what this kiosk holds back refused, a use of the maintenance panel and a disk that filled
  // up (or was cleared) are news for the operator: reported at once.
  bool heartbeat_due = !last_heartbeat_at_ || cursor != last_heartbeat_cursor_ ||
                       report.error != last_heartbeat_error_ ||
                       hb_report.outbox_refused != last_heartbeat_refused_ || !hb_report.panel_events.empty() ||
                       disk_full != last_heartbeat_disk_full_ ||
                       now - *last_heartbeat_at_ >= options_.heartbeat_interval;
  if (!heartbeat_due) return;
  // The heartbeat is how the operator sees this kiosk; losing one is not worth failing a round over.
  FeedClient client(Http());
  auto hb = client.SendHeartbeat(hb_report);
  if (!hb) {
    if (report.ok) log::Warning("sync: heartbeat not delivered: %s", hb.error().c_str());
    return;
  }
  last_heartbeat_refused_ = hb_report.outbox_refused;
  last_heartbeat_disk_full_ = disk_full;
  last_heartbeat_at_ = now;
  last_heartbeat_cursor_ = cursor;
  last_heartbeat_error_ = report.error;
  if (!outbox) return;
  // Only what the hub says it holds, of what we sent, is marked sent: the rest goes again with the next
  // heartbeat (a hub acknowledging ids it was never sent must not make events disappear).
  std::vector<std::int64_t> acknowledged;
  for (std::int64_t id : hb->panel_events_acknowledged)
    if (std::any_of(hb_report.panel_events.begin(), hb_report.panel_events.end(),
                    [id](const protocol::PanelEvent& e) { return e.id == id; }))
      acknowledged.push_back(id);
  if (!acknowledged.empty()) {
    if (auto s = outbox->AcknowledgePanelEvents(acknowledged, protocol::NowUtc()); !s)
      log::Error("sync: %s", s.error().c_str());
  }
  // The hub numbers its kiosks; ticket codes carry the number (see protocol/ticket_code.h).
  if (hb->kiosk_number && *hb->kiosk_number > 0 && *hb->kiosk_number != outbox->KioskNumber()) {
    if (auto s = outbox->SetKioskNumber(*hb->kiosk_number); !s) log::Error("sync: %s", s.error().c_str());
  }
}

void SyncEngine::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { ThreadMain(); });
}

void SyncEngine::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_all();
  thread.join();
  stopping_ = false;  // RunOnce stays usable after a Stop
}

void SyncEngine::RequestSyncNow() {
  {
    std::lock_guard lock(mutex_);
    sync_now_ = true;
  }
  wake_.notify_all();
}

SyncEngineStats SyncEngine::Stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void SyncEngine::ThreadMain() {
  Backoff backoff(options_.backoff_base, options_.backoff_cap, std::random_device{}());
  std::unique_ptr<FeedSink> sink;
  bool force = true;  // the first round after start tries everything queued
  while (!stopping_.load()) {
    std::string error;
    if (!sink) sink = sink_factory_ ? sink_factory_() : nullptr;
    if (sink) {
      SyncRoundReport report = RunRound(*sink, force);
      error = report.ok ? std::string() : report.error;
    } else {
      error = "cannot open the kiosk database";
      log::Error("sync: %s", error.c_str());
    }
    if (stopping_.load()) break;
    if (error.empty()) backoff.Reset();
    // A failing hub is retried with a jittered backoff, but never later than one poll interval: a report
    // queued while the hub was down must go within one interval of its coming back (it once waited 29.5 s
    // at a 5 s interval), as the README promises for notices. The jitter still spreads a fleet's retries.
    std::chrono::milliseconds delay =
        error.empty() ? std::chrono::milliseconds(options_.poll_interval)
                      : std::min<std::chrono::milliseconds>(backoff.NextDelay(), options_.poll_interval);
    auto deadline = std::chrono::steady_clock::now() + delay;
    std::unique_lock lock(mutex_);
    ++stats_.rounds;
    if (!error.empty()) ++stats_.failed_rounds;
    stats_.consecutive_failures = backoff.failures();
    stats_.last_delay = delay;
    stats_.last_error = error;
    // Between rounds, answer ticket lookups as they come (a resident is at the screen) without moving the
    // next round.
    for (;;) {
      wake_.wait_until(lock, deadline,
                       [this] {
                         return stopping_.load() || sync_now_ || !lookup_queue_.empty() || !cancel_queue_.empty();
                       });
      if (stopping_.load() || sync_now_) break;
      if (!lookup_queue_.empty() || !cancel_queue_.empty()) {
        lock.unlock();
        ServeLookups(sink ? sink->Outbox() : nullptr);
        ServeCancels(sink ? sink->Outbox() : nullptr);
        lock.lock();
        continue;
      }
      if (std::chrono::steady_clock::now() >= deadline) break;
    }
    force = sync_now_;
    sync_now_ = false;
  }
}

}  // namespace ck::sync

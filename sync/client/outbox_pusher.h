// OutboxPusher: delivers the kiosk's outbox (reports, ratings, sign-ups) to the hub in order, exactly once per
// item (Idempotency-Key).
//
// Rules, in order of importance:
//   - An item leaves the outbox only after the hub's answer was received whole and parsed (MarkDelivered).
//   - Order is kept: the first failure that is not the item's own fault (no connection, timeout, 5xx,
//     garbage) ends the round, and the item waits at the head for its retry.
//   - A refusal of the item itself (4xx, see Open311Client) marks it rejected and the round goes on.
//   - Consecutive reports go as one batch (POST /api/v1/requests/batch) while the hub takes batches; each
//     result is applied exactly as the single answer would be, in order, and a batch answer that is not
//     whole marks nothing. A hub without the route (404/405/413) gets single Open311 POSTs from then on.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "sync/client/open311_client.h"
#include "sync/client/outbox_sink.h"

namespace ck::sync {

struct PushReport {
  int delivered = 0;
  int rejected = 0;
  bool failed = false;       // the round stopped on a failure; `error` says which
  bool unreachable = false;  // ... and it was the transfer itself (no connection, timeout, cut answer)
  std::string error;
};

class OutboxPusher {
 public:
  // `device_id` goes into every report (Open311's device_id); `retry_base`/`retry_cap` bound how long a
  // failed head waits: base * 2^attempts, capped.
  OutboxPusher(Open311Client& client, std::string device_id,
               std::chrono::seconds retry_base = std::chrono::seconds(2),
               std::chrono::seconds retry_cap = std::chrono::seconds(300));

  // Pushes items due by `due_before` (pass a far future to ignore retry times, e.g. on "sync now"), at most
  // kMaxItemsPerRound. `cancel` (may be null) is checked between items.
  PushReport Push(OutboxSink& sink, protocol::UnixSeconds due_before, const std::atomic<bool>* cancel);

  // Whether to try batches: a hub without them is learnt once per process (the caller keeps this between
  // rounds), never stored, so an upgraded hub is used after the kiosk restarts.
  bool batches() const { return batches_; }
  void set_batches(bool on) { batches_ = on; }

  static constexpr int kBatch = 100;
  // A page's JSON size, under the hub's 64 KiB body limit (sync/hub/api/server_limits.h) with room for
  // the wrapper; a single report larger than this still goes alone.
  static constexpr std::size_t kMaxBatchBytes = 48 * 1024;
  static constexpr int kMaxItemsPerRound = 100'000;

 private:
  protocol::UnixSeconds RetryAt(int attempts) const;
  // How an outcome is recorded; false when the round must stop (report.failed is then set).
  bool Apply(OutboxSink& sink, const OutboxItem& item, const DeliveryOutcome& outcome, PushReport& report);

  Open311Client& client_;
  std::string device_id_;
  std::chrono::seconds retry_base_, retry_cap_;
  bool batches_ = true;
};

}  // namespace ck::sync

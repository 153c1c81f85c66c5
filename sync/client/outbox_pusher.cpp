// OutboxPusher: the delivery loop over the OutboxSink's queue.
#include "sync/client/outbox_pusher.h"

#include <algorithm>
#include <cstdio>

namespace ck::sync {

OutboxPusher::OutboxPusher(Open311Client& client, std::string device_id, std::chrono::seconds retry_base,
                           std::chrono::seconds retry_cap)
    : client_(client), device_id_(std::move(device_id)), retry_base_(retry_base), retry_cap_(retry_cap) {}

protocol::UnixSeconds OutboxPusher::RetryAt(int attempts) const {
  int shift = std::clamp(attempts, 0, 20);
  auto delay = std::min<std::int64_t>(retry_base_.count() << shift, retry_cap_.count());
  return protocol::NowUtc() + delay;
}

PushReport OutboxPusher::Push(OutboxSink& sink, protocol::UnixSeconds due_before,
                              const std::atomic<bool>* cancel) {
  PushReport report;
  int handled = 0;
  while (handled < kMaxItemsPerRound) {
    std::vector<OutboxItem> batch = sink.PendingOutbox(kBatch, due_before);
    if (batch.empty()) break;
    for (OutboxItem& item : batch) {
      if (cancel && cancel->load()) {
        report.failed = true;
        report.error = "cancelled";
        return report;
      }
      ++handled;
      DeliveryOutcome outcome;
      if (item.kind == OutboxItem::Kind::Feedback) {
        item.submission.device_id = device_id_;
        outcome = client_.PostRequest(item.submission, item.idempotency_key);
      } else {
        outcome = client_.PostRating(item.rating, item.idempotency_key);
      }
      switch (outcome.kind) {
        case DeliveryOutcome::Kind::Delivered:
          if (auto s = sink.MarkDelivered(item.id, outcome.ack); !s) {
            // Delivered but not recorded: the row stays and the retry gets the hub's original answer.
            report.failed = true;
            report.error = "cannot record a delivery: " + s.error();
            return report;
          }
          ++report.delivered;
          break;
        case DeliveryOutcome::Kind::Rejected:
          std::fprintf(stderr, "sync: outbox item %lld rejected: HTTP %ld\n", static_cast<long long>(item.id),
                       outcome.http_status);
          if (auto s = sink.MarkRejected(item.id, static_cast<int>(outcome.http_status), outcome.error); !s) {
            report.failed = true;
            report.error = "cannot record a rejection: " + s.error();
            return report;
          }
          ++report.rejected;
          break;
        case DeliveryOutcome::Kind::Retry:
          if (auto s = sink.RecordRetry(item.id, outcome.error, RetryAt(item.attempts)); !s)
            std::fprintf(stderr, "sync: %s\n", s.error().c_str());
          report.failed = true;
          report.unreachable = outcome.http_status == 0;
          report.error = "outbox: " + outcome.error;
          return report;
      }
    }
  }
  return report;
}

}  // namespace ck::sync

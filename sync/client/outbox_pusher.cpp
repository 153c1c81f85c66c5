// OutboxPusher: the delivery loop over the OutboxSink's queue.
#include "sync/client/outbox_pusher.h"

#include <algorithm>
#include <cstdio>

#include "sync/client/signup_client.h"
#include "sync/protocol/journal_log.h"

namespace ck::sync {

OutboxPusher::OutboxPusher(Open311Client& client, std::string device_id, std::chrono::seconds retry_base,
                           std::chrono::seconds retry_cap)
    : client_(client), device_id_(std::move(device_id)), retry_base_(retry_base), retry_cap_(retry_cap) {}

protocol::UnixSeconds OutboxPusher::RetryAt(int attempts) const {
  int shift = std::clamp(attempts, 0, 20);
  auto delay = std::min<std::int64_t>(retry_base_.count() << shift, retry_cap_.count());
  return protocol::NowUtc() + delay;
}

namespace {

// What a report adds to a batch body: its JSON as the batch carries it (escapes included: a description of
// 2,000 quotes is 4,000 bytes there), so a page stays under the hub's body limit and is never refused 413.
std::size_t BatchBytes(const protocol::ServiceRequestSubmission& s) {
  return protocol::SubmissionBatchToJson({s}).size();
}

}  // namespace

bool OutboxPusher::Apply(OutboxSink& sink, const OutboxItem& item, const DeliveryOutcome& outcome,
                         PushReport& report) {
  switch (outcome.kind) {
    case DeliveryOutcome::Kind::Delivered:
      if (auto s = item.kind == OutboxItem::Kind::Signup ? sink.MarkSignupDelivered(item.id, outcome.signup_status)
                                                         : sink.MarkDelivered(item.id, outcome.ack);
          !s) {
        // Delivered but not recorded: the row stays and the retry gets the hub's original answer.
        report.failed = true;
        report.error = "cannot record a delivery: " + s.error();
        return false;
      }
      ++report.delivered;
      return true;
    case DeliveryOutcome::Kind::Rejected:
      log::Warning("sync: outbox item %lld rejected: HTTP %ld", static_cast<long long>(item.id),
                   outcome.http_status);
      if (auto s = sink.MarkRejected(item.id, static_cast<int>(outcome.http_status), outcome.error); !s) {
        report.failed = true;
        report.error = "cannot record a rejection: " + s.error();
        return false;
      }
      ++report.rejected;
      return true;
    case DeliveryOutcome::Kind::Retry:
      if (auto s = sink.RecordRetry(item.id, outcome.error, RetryAt(item.attempts)); !s)
        log::Error("sync: %s", s.error().c_str());
      report.failed = true;
      report.unreachable = outcome.http_status == 0;
      report.error = "outbox: " + outcome.error;
      return false;
  }
  return false;
}

PushReport OutboxPusher::Push(OutboxSink& sink, protocol::UnixSeconds due_before,
                              const std::atomic<bool>* cancel) {
  PushReport report;
  int handled = 0;
  while (handled < kMaxItemsPerRound) {
    std::vector<OutboxItem> batch = sink.PendingOutbox(kBatch, due_before);
    if (batch.empty()) break;
    std::size_t i = 0;
    while (i < batch.size()) {
      if (cancel && cancel->load()) {
        report.failed = true;
        report.error = "cancelled";
        return report;
      }
      // The run of reports at the head that can travel together: consecutive (ratings keep their place),
      // keyed by their request_uuid as the batch format requires, and within the body budget.
      std::size_t end = i;
      std::size_t bytes = 0;
      std::vector<protocol::ServiceRequestSubmission> run;
      while (batches_ && end < batch.size() && run.size() < protocol::kMaxBatchItems) {
        OutboxItem& next = batch[end];
        if (next.kind != OutboxItem::Kind::Feedback || next.idempotency_key != next.submission.request_uuid)
          break;
        next.submission.device_id = device_id_;
        std::size_t size = BatchBytes(next.submission);
        if (!run.empty() && bytes + size > kMaxBatchBytes) break;
        bytes += size;
        run.push_back(next.submission);
        ++end;
      }
      if (run.size() >= 2) {
        BatchDeliveryOutcome sent = client_.PostRequestBatch(run);
        if (sent.kind == BatchDeliveryOutcome::Kind::Unsupported) {
          log::Info("sync: the hub takes no batches (%s): sending reports one by one", sent.error.c_str());
          batches_ = false;
          continue;  // the same items, singly
        }
        if (sent.kind == BatchDeliveryOutcome::Kind::Retry) {
          // Nothing is known about any item: the head waits, and the retry (same keys) is safe.
          DeliveryOutcome head;
          head.http_status = sent.http_status;
          head.error = sent.error;
          Apply(sink, batch[i], head, report);
          return report;
        }
        for (std::size_t j = 0; j < run.size(); ++j, ++i) {
          ++handled;
          if (!Apply(sink, batch[i], sent.outcomes[j], report)) return report;
        }
        continue;
      }
      OutboxItem& item = batch[i++];
      ++handled;
      DeliveryOutcome outcome;
      if (item.kind == OutboxItem::Kind::Feedback) {
        item.submission.device_id = device_id_;
        outcome = client_.PostRequest(item.submission, item.idempotency_key);
      } else if (item.kind == OutboxItem::Kind::Signup) {
        item.signup.device_id = device_id_;
        outcome = SignupClient(client_.http()).Post(item.signup, item.idempotency_key);
      } else {
        outcome = client_.PostRating(item.rating, item.idempotency_key);
      }
      if (!Apply(sink, item, outcome, report)) return report;
    }
  }
  return report;
}

}  // namespace ck::sync

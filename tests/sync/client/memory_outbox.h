// MemoryOutbox: an OutboxSink (and a feed-less FeedSink) over plain containers, for the pusher and engine
// tests; it records every transition so tests can check nothing left the queue without an ack.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "sync/client/feed_sink.h"
#include "sync/client/outbox_sink.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

namespace ck::sync::testing {

class MemoryOutbox : public FeedSink, public OutboxSink {
 public:
  struct Row {
    OutboxItem item;
    bool rejected = false;
    protocol::UnixSeconds next_at = 0;
    std::string last_error;
    int http_status = 0;
  };

  // Queues a report like FeedbackRepository::Submit would.
  std::string AddReport(const std::string& service_code = "sanitation",
                        const std::string& description = "垃圾未清运") {
    std::lock_guard lock(mutex_);
    OutboxItem item;
    item.id = ++last_id_;
    item.kind = OutboxItem::Kind::Feedback;
    item.submission.request_uuid = protocol::NewUuid();
    item.submission.ticket_code = *protocol::MakeTicketCode({1, static_cast<std::uint32_t>(item.id)});
    item.submission.service_code = service_code;
    item.submission.description = description;
    item.submission.address_string = "3号楼";
    item.submission.phone = "13812341234";
    item.submission.submitted_at = 1'790'000'000;
    item.idempotency_key = item.submission.request_uuid;
    rows_[item.id] = Row{item, false, 0, "", 0};
    return item.idempotency_key;
  }
  std::string AddRating(const std::string& service_request_id, int score) {
    std::lock_guard lock(mutex_);
    OutboxItem item;
    item.id = ++last_id_;
    item.kind = OutboxItem::Kind::Rating;
    item.rating.rating_uuid = protocol::NewUuid();
    item.rating.service_request_id = service_request_id;
    item.rating.score = score;
    item.rating.rated_at = 1'790'000'000;
    item.idempotency_key = item.rating.rating_uuid;
    rows_[item.id] = Row{item, false, 0, "", 0};
    return item.idempotency_key;
  }

  // Queues a sign-up like SignupRepository::Submit would.
  std::string AddSignup(int people = 1) {
    std::lock_guard lock(mutex_);
    OutboxItem item;
    item.id = ++last_id_;
    item.kind = OutboxItem::Kind::Signup;
    item.signup.signup_uuid = protocol::NewUuid();
    item.signup.code = *protocol::MakeTicketCode({1, 5000 + static_cast<std::uint64_t>(item.id)});
    item.signup.activity_id = "0f8e6a52-7d7c-4a8e-9d55-0c1d2e3f4a5b";
    item.signup.occurrence = 1'790'086'400;
    item.signup.name = "王阿姨";
    item.signup.phone = "13812345678";
    item.signup.people = people;
    item.signup.submitted_at = 1'790'000'000;
    item.idempotency_key = item.signup.signup_uuid;
    rows_[item.id] = Row{item, false, 0, "", 0};
    return item.idempotency_key;
  }
  std::map<std::string, protocol::SignupStatus> signups_delivered() {  // idempotency key → first answer
    std::lock_guard lock(mutex_);
    return signups_delivered_;
  }
  std::vector<protocol::SignupStatus> signup_statuses() {
    std::lock_guard lock(mutex_);
    return signup_statuses_;
  }
  void set_open_signup_codes(std::vector<std::string> codes) {
    std::lock_guard lock(mutex_);
    open_signup_codes_ = std::move(codes);
  }

  std::map<std::int64_t, Row> rows() {
    std::lock_guard lock(mutex_);
    return rows_;
  }
  std::map<std::string, protocol::SubmissionAck> delivered() {  // idempotency key → ack
    std::lock_guard lock(mutex_);
    return delivered_;
  }
  std::vector<protocol::ServiceRequestStatus> statuses() {
    std::lock_guard lock(mutex_);
    return statuses_;
  }
  std::string services_body() {
    std::lock_guard lock(mutex_);
    return services_body_;
  }
  void set_open_ids(std::vector<std::string> ids) {
    std::lock_guard lock(mutex_);
    open_ids_ = std::move(ids);
  }

  // FeedSink: this sink has no notices; the engine still pulls an (empty) feed.
  std::string Cursor() override { return "0"; }
  std::string ETag() override { return ""; }
  Status Apply(const protocol::FeedPage&, const std::string&) override { return OkStatus(); }
  void RecordAttempt(protocol::UnixSeconds, const std::string&) override {}
  OutboxSink* Outbox() override { return this; }

  std::vector<OutboxItem> PendingOutbox(int limit, protocol::UnixSeconds due_before) override {
    std::lock_guard lock(mutex_);
    std::vector<OutboxItem> out;
    for (auto& [id, row] : rows_) {
      if (row.rejected) continue;
      if (row.next_at > due_before || static_cast<int>(out.size()) == limit) break;
      out.push_back(row.item);
    }
    return out;
  }
  Status MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack) override {
    std::lock_guard lock(mutex_);
    auto it = rows_.find(id);
    if (it == rows_.end()) return OkStatus();
    delivered_[it->second.item.idempotency_key] = ack;
    rows_.erase(it);
    return OkStatus();
  }
  Status MarkSignupDelivered(std::int64_t id, const protocol::SignupStatus& status) override {
    std::lock_guard lock(mutex_);
    auto it = rows_.find(id);
    if (it == rows_.end()) return OkStatus();
    if (it->second.item.kind != OutboxItem::Kind::Signup) return Status::Fail("not a sign-up");
    signups_delivered_[it->second.item.idempotency_key] = status;
    rows_.erase(it);
    return OkStatus();
  }
  std::vector<std::string> OpenSignupCodes() override {
    std::lock_guard lock(mutex_);
    return open_signup_codes_;
  }
  Result<int> ApplySignupStatuses(const std::vector<protocol::SignupStatus>& s) override {
    std::lock_guard lock(mutex_);
    signup_statuses_.insert(signup_statuses_.end(), s.begin(), s.end());
    return Result<int>::Ok(static_cast<int>(s.size()));
  }
  Status MarkRejected(std::int64_t id, int http_status, const std::string& description) override {
    std::lock_guard lock(mutex_);
    rows_[id].rejected = true;
    rows_[id].http_status = http_status;
    rows_[id].last_error = description;
    return OkStatus();
  }
  Status RecordRetry(std::int64_t id, const std::string& error, protocol::UnixSeconds next_at) override {
    std::lock_guard lock(mutex_);
    ++rows_[id].item.attempts;
    rows_[id].last_error = error;
    rows_[id].next_at = next_at;
    return OkStatus();
  }
  std::string ServicesETag() override {
    std::lock_guard lock(mutex_);
    return services_etag_;
  }
  std::optional<protocol::UnixSeconds> ServicesFetchedAt() override {
    std::lock_guard lock(mutex_);
    return services_fetched_at_;
  }
  Status ReplaceServices(const std::string& body, const std::string& etag,
                         protocol::UnixSeconds at) override {
    std::lock_guard lock(mutex_);
    services_body_ = body;
    services_etag_ = etag;
    services_fetched_at_ = at;
    return OkStatus();
  }
  Status TouchServices(protocol::UnixSeconds at) override {
    std::lock_guard lock(mutex_);
    services_fetched_at_ = at;
    return OkStatus();
  }
  std::vector<std::string> OpenServiceRequestIds() override {
    std::lock_guard lock(mutex_);
    return open_ids_;
  }
  Result<int> ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& s) override {
    std::lock_guard lock(mutex_);
    statuses_.insert(statuses_.end(), s.begin(), s.end());
    return Result<int>::Ok(static_cast<int>(s.size()));
  }
  std::uint32_t KioskNumber() override { return kiosk_number_; }
  Status SetKioskNumber(std::uint32_t n) override {
    kiosk_number_ = n;
    return OkStatus();
  }

  // Maintenance-panel events, kept until acknowledged.
  void AddPanelEvent(const std::string& event, protocol::UnixSeconds at) {
    std::lock_guard lock(mutex_);
    panel_events_.push_back({static_cast<std::int64_t>(panel_events_.size()) + 1, at, event});
  }
  std::vector<protocol::PanelEvent> UnsentPanelEvents(std::size_t limit) override {
    std::lock_guard lock(mutex_);
    std::vector<protocol::PanelEvent> out;
    for (const auto& e : panel_events_)
      if (!panel_sent_.count(e.id) && out.size() < limit) out.push_back(e);
    return out;
  }
  Status AcknowledgePanelEvents(const std::vector<std::int64_t>& ids, protocol::UnixSeconds) override {
    std::lock_guard lock(mutex_);
    panel_sent_.insert(ids.begin(), ids.end());
    return OkStatus();
  }

 private:
  std::vector<protocol::PanelEvent> panel_events_;
  std::set<std::int64_t> panel_sent_;
  std::mutex mutex_;
  std::int64_t last_id_ = 0;
  std::map<std::int64_t, Row> rows_;
  std::map<std::string, protocol::SubmissionAck> delivered_;
  std::vector<protocol::ServiceRequestStatus> statuses_;
  std::vector<std::string> open_ids_;
  std::map<std::string, protocol::SignupStatus> signups_delivered_;
  std::vector<protocol::SignupStatus> signup_statuses_;
  std::vector<std::string> open_signup_codes_;
  std::string services_body_, services_etag_;
  std::optional<protocol::UnixSeconds> services_fetched_at_;
  std::atomic<std::uint32_t> kiosk_number_{0};
};

}  // namespace ck::sync::testing

// KioskOutboxSink: the kiosk store as the sync engine's OutboxSink (outbox, services cache, ticket and
// sign-up statuses, kiosk number), on the sync thread's own connection.
#pragma once

#include "app/store/feedback_repository.h"
#include "app/store/kiosk_database.h"
#include "app/store/outbox_repository.h"
#include "app/store/service_catalog_repository.h"
#include "app/store/signup_repository.h"
#include "app/store/sync_state_repository.h"
#include "sync/client/outbox_sink.h"

namespace ck::store {

class KioskOutboxSink : public sync::OutboxSink {
 public:
  explicit KioskOutboxSink(KioskDatabase& db);

  std::vector<sync::OutboxItem> PendingOutbox(int limit, protocol::UnixSeconds due_before) override;
  Status MarkDelivered(std::int64_t id, const protocol::SubmissionAck& ack) override;
  Status MarkSignupDelivered(std::int64_t id, const protocol::SignupStatus& status) override;
  Status MarkRejected(std::int64_t id, int http_status, const std::string& description) override;
  Status RecordRetry(std::int64_t id, const std::string& error, protocol::UnixSeconds next_at) override;

  std::string ServicesETag() override;
  std::optional<protocol::UnixSeconds> ServicesFetchedAt() override;
  Status ReplaceServices(const std::string& body, const std::string& etag,
                         protocol::UnixSeconds fetched_at) override;
  Status TouchServices(protocol::UnixSeconds fetched_at) override;

  std::vector<std::string> OpenServiceRequestIds() override;
  Result<int> ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses) override;

  std::vector<std::string> OpenSignupCodes() override;
  Result<int> ApplySignupStatuses(const std::vector<protocol::SignupStatus>& statuses) override;

  std::uint32_t KioskNumber() override;
  Status SetKioskNumber(std::uint32_t number) override;

  std::optional<std::int64_t> PendingCount() override { return outbox_.PendingCount(); }
  std::optional<std::int64_t> RefusedCount() override { return outbox_.RejectedCount(); }
  std::vector<protocol::PanelEvent> UnsentPanelEvents(std::size_t limit) override;
  Status AcknowledgePanelEvents(const std::vector<std::int64_t>& ids, protocol::UnixSeconds at) override;

 private:
  KioskDatabase& db_;
  OutboxRepository outbox_;
  FeedbackRepository feedback_;
  SignupRepository signups_;
  ServiceCatalogRepository services_;
  SyncStateRepository state_;
};

}  // namespace ck::store

// FeedbackSource and SyncControl: what the report and track screens need from the store and the sync engine,
// narrowed so the UI never sees SQL or libcurl, and tests can stand in for either.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "app/store/service_catalog_repository.h"
#include "app/store/sync_state_repository.h"
#include "app/ui/controller/view_model.h"

namespace ck::ui {

class FeedbackSource {
 public:
  virtual ~FeedbackSource() = default;
  virtual store::ServiceCatalog Services() const = 0;
  // Commits the report and its outbox row, fsync'd, before returning the receipt.
  virtual Result<store::FeedbackReceipt> Submit(const store::FeedbackDraft& draft, protocol::UnixSeconds now,
                                                std::uint32_t kiosk_number) = 0;
  virtual std::optional<store::TicketView> FindByTicketCode(const std::string& code) const = 0;
  virtual Result<protocol::Rating> Rate(const std::string& ticket_code, int score,
                                        const std::string& quick_comment, protocol::UnixSeconds now) = 0;
  virtual std::int64_t PendingOutbox() const = 0;
  // Deliveries the platform refused, kept on the kiosk (a resident holds a receipt for each).
  virtual std::int64_t RefusedOutbox() const { return 0; }
  // The hub's number for this kiosk as learnt from its heartbeat; 0 when unknown.
  virtual std::uint32_t LearntKioskNumber() const = 0;
};

// The real source: the kiosk's SQLite database, through the store's repositories.
class StoreFeedbackSource final : public FeedbackSource {
 public:
  explicit StoreFeedbackSource(store::KioskDatabase& db)
      : feedback_(db), outbox_(db), services_(db), sync_(db) {}
  store::ServiceCatalog Services() const override { return services_.Current(); }
  Result<store::FeedbackReceipt> Submit(const store::FeedbackDraft& draft, protocol::UnixSeconds now,
                                        std::uint32_t kiosk_number) override {
    return feedback_.Submit(draft, now, kiosk_number);
  }
  std::optional<store::TicketView> FindByTicketCode(const std::string& code) const override {
    return feedback_.FindByTicketCode(code);
  }
  Result<protocol::Rating> Rate(const std::string& ticket_code, int score, const std::string& quick_comment,
                                protocol::UnixSeconds now) override {
    return feedback_.Rate(ticket_code, score, quick_comment, {}, now);
  }
  std::int64_t PendingOutbox() const override { return outbox_.PendingCount(); }
  std::int64_t RefusedOutbox() const override { return outbox_.RejectedCount(); }
  std::uint32_t LearntKioskNumber() const override { return sync_.KioskNumber(); }

 private:
  store::FeedbackRepository feedback_;
  store::OutboxRepository outbox_;
  store::ServiceCatalogRepository services_;
  store::SyncStateRepository sync_;
};

inline DeliveryView ToDeliveryView(store::DeliveryState d) {
  switch (d) {
    case store::DeliveryState::Delivered:
      return DeliveryView::Delivered;
    case store::DeliveryState::Rejected:
      return DeliveryView::Rejected;
    case store::DeliveryState::Pending:
      break;
  }
  return DeliveryView::Pending;
}

// The sync engine as the UI sees it (app/platform adapts sync::SyncEngine). Absent when no hub is set.
class SyncControl {
 public:
  enum class Lookup { Unknown, Pending, Found, NotFound, Failed };
  virtual ~SyncControl() = default;
  // After a submission or a rating: deliver now rather than at the next poll.
  virtual void RequestSyncNow() = 0;
  // Asks the hub about a code this kiosk does not know; answers arrive through LookupState.
  virtual void RequestTicketLookup(const std::string& canonical_code) = 0;
  virtual Lookup LookupState(const std::string& canonical_code) const = 0;
  // Cancels a sign-up on the hub (online only); Found: cancelled and the new status stored.
  virtual void RequestSignupCancel(const std::string& canonical_code) { (void)canonical_code; }
  virtual Lookup CancelState(const std::string& canonical_code) const {
    (void)canonical_code;
    return Lookup::Failed;
  }
};

}  // namespace ck::ui

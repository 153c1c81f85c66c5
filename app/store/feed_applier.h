// FeedApplier: the kiosk store as the sync engine's FeedSink — one feed page, one transaction.
#pragma once

#include <filesystem>
#include <memory>

#include "app/store/activity_repository.h"
#include "app/store/kiosk_database.h"
#include "app/store/kiosk_outbox_sink.h"
#include "app/store/notice_repository.h"
#include "app/store/sync_state_repository.h"
#include "sync/client/feed_sink.h"

namespace ck::store {

// Invariant kept here: the notices table always reflects exactly the changes up to the stored cursor.
// A page's upserts, tombstones and the new cursor commit together, so a crash, a kill or a failing change
// leaves the previous page's state and cursor, and the page is fetched again.
class FeedApplier : public sync::FeedSink {
 public:
  explicit FeedApplier(std::unique_ptr<KioskDatabase> db);

  std::string Cursor() override;
  std::string ETag() override;
  Status Apply(const protocol::FeedPage& page, const std::string& etag) override;
  void RecordAttempt(protocol::UnixSeconds at, const std::string& error) override;
  // Feedback, ratings, services and statuses go through the same connection.
  sync::OutboxSink* Outbox() override { return &outbox_; }

  KioskDatabase& database() { return *db_; }

 private:
  std::unique_ptr<KioskDatabase> db_;
  NoticeRepository notices_;
  ActivityRepository activities_;
  SyncStateRepository state_;
  KioskOutboxSink outbox_;
};

// Opens (creating and migrating) the kiosk database at `db_file` on the calling thread's own connection.
Result<std::unique_ptr<sync::FeedSink>> OpenFeedSink(const std::filesystem::path& db_file);

}  // namespace ck::store

// SyncStateRepository: the feed cursor and ETag, and the last sync outcome shown on the status indicator.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/store/kiosk_database.h"
#include "sync/protocol/utc_time.h"

namespace ck::store {

struct SyncStatus {
  std::optional<protocol::UnixSeconds> last_success_at;
  std::optional<protocol::UnixSeconds> last_attempt_at;
  std::string last_error;  // empty after a success
};

class SyncStateRepository {
 public:
  explicit SyncStateRepository(KioskDatabase& db);

  std::string FeedCursor() const;  // kInitialCursor when never synced
  std::string FeedETag() const;    // empty when none
  // Written in the same transaction as the page it belongs to (see FeedApplier).
  ck::Status SetFeedPosition(const std::string& cursor, const std::string& etag);

  SyncStatus Status() const;
  ck::Status RecordAttempt(protocol::UnixSeconds at, const std::string& error);  // error empty = success

  // The kiosk number the hub gave this kiosk (its heartbeat answer), 0 when not known. Ticket codes use
  // the config's kiosk_number when set, else this one (see FeedbackRepository::Submit).
  std::uint32_t KioskNumber() const;
  ck::Status SetKioskNumber(std::uint32_t number);

 private:
  KioskDatabase& db_;
};

}  // namespace ck::store

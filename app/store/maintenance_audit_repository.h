// MaintenanceAuditRepository: the kiosk's record of every use of the maintenance panel (kiosk migration 5).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/store/kiosk_database.h"
#include "sync/protocol/utc_time.h"

namespace ck::store {

struct MaintenanceAuditEntry {
  std::int64_t id = 0;
  protocol::UnixSeconds at = 0;
  std::string event;  // "opened", "wrong_pin", "locked", "sync_now", "screen_test", "restart", "closed"
};

class MaintenanceAuditRepository {
 public:
  explicit MaintenanceAuditRepository(KioskDatabase& db) : db_(db) {}
  // Committed before the action it records is carried out (a restart must not lose its own line).
  Status Record(std::string_view event, protocol::UnixSeconds at);
  // Newest first, at most `limit`.
  Result<std::vector<MaintenanceAuditEntry>> Recent(int limit) const;
  // Not yet acknowledged by the hub (sent_at unset), oldest first, at most `limit`: the heartbeat's share.
  Result<std::vector<MaintenanceAuditEntry>> Unsent(int limit) const;
  // The hub holds these now (its heartbeat answer): they are not sent again. Ids not in the table are ignored.
  Status MarkSent(const std::vector<std::int64_t>& ids, protocol::UnixSeconds at);

 private:
  KioskDatabase& db_;
};

}  // namespace ck::store

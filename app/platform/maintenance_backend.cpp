// StoreMaintenanceBackend: the panel's PIN, audit, facts and actions over the real kiosk.
#include "app/platform/maintenance_backend.h"

#include <chrono>

#include "app/platform/data_disk.h"
#include "app/store/maintenance_audit_repository.h"
#include "app/store/maintenance_pin_repository.h"
#include "app/store/outbox_repository.h"
#include "app/store/sync_state_repository.h"
#include "sync/protocol/journal_log.h"

#ifndef CK_APP_VERSION
#define CK_APP_VERSION "dev"
#endif

namespace ck::platform {

void StoreMaintenanceBackend::StartPinCheck(const std::string& pin, protocol::UnixSeconds now) {
  auto attempt = store::MaintenancePinRepository(db_).BeginCheck(now);
  if (!attempt) {
    log::Error("community-kiosk: maintenance panel: %s", attempt.error().c_str());
    failed_check_ = true;
    return;
  }
  attempt_ = std::move(*attempt);
  if (attempt_->decided) return;
  matched_ = std::async(std::launch::async, &store::MaintenancePinRepository::PinMatchesHash, attempt_->hash, pin);
}

std::optional<Result<store::PinCheck>> StoreMaintenanceBackend::TakePinCheck() {
  using R = Result<store::PinCheck>;
  if (failed_check_) {
    failed_check_ = false;
    return R::Fail("the PIN could not be checked");
  }
  if (!attempt_) return std::nullopt;
  bool matched = false;
  if (!attempt_->decided) {
    if (matched_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    matched = matched_.get();
  }
  R check = store::MaintenancePinRepository(db_).FinishCheck(*attempt_, matched);
  attempt_.reset();
  return check;
}

void StoreMaintenanceBackend::RecordAudit(const ui::maintenance::AuditEvent& event) {
  const char* name = ui::maintenance::AuditKindName(event.kind);
  // The journal gets each use too (no PIN, no personal data): a full disk must not hide them.
  log::Info("community-kiosk: maintenance panel: %s", name);
  if (auto s = store::MaintenanceAuditRepository(db_).Record(name, event.at); !s)
    log::Error("community-kiosk: %s", s.error().c_str());
}

ui::maintenance::PanelFacts StoreMaintenanceBackend::Facts(protocol::UnixSeconds) {
  ui::maintenance::PanelFacts f;
  f.hub_url = config_.hub_url;
  f.device_id = config_.device_id;
  f.version = CK_APP_VERSION;
  const store::SyncStatus status = store::SyncStateRepository(db_).Status();
  f.last_success_at = status.last_success_at;
  f.last_error = status.last_error;
  store::OutboxRepository outbox(db_);
  f.outbox_pending = outbox.PendingCount();
  f.outbox_refused = outbox.RejectedCount();
  if (auto disk = DataDiskState(config_.data_dir)) f.free_disk_bytes = disk->free_bytes;
  return f;
}

void StoreMaintenanceBackend::SyncNow() {
  if (sync_ != nullptr) sync_->RequestSyncNow();
}

}  // namespace ck::platform

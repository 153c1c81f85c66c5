// StoreMaintenanceBackend: the maintenance panel's MaintenanceBackend over the kiosk's store (PIN, audit,
// sync status, outbox), the sync engine (sync now), the data directory (free disk) and the main loop
// (restart).
#pragma once

#include <filesystem>
#include <string>

#include "app/core/kiosk_config.h"
#include "app/store/kiosk_database.h"
#include "app/ui/controller/feedback_source.h"
#include "app/ui/maintenance/maintenance_backend.h"

namespace ck::platform {

class StoreMaintenanceBackend final : public ui::maintenance::MaintenanceBackend {
 public:
  // `sync` may be null (no hub configured).
  StoreMaintenanceBackend(store::KioskDatabase& db, const core::KioskConfig& config, ui::SyncControl* sync)
      : db_(db), config_(config), sync_(sync) {}
  Result<store::PinCheck> CheckPin(const std::string& pin, protocol::UnixSeconds now) override;
  void RecordAudit(const ui::maintenance::AuditEvent& event) override;
  ui::maintenance::PanelFacts Facts(protocol::UnixSeconds now) override;
  void SyncNow() override;
  void Restart() override { restart_requested_ = true; }
  // The main loop ends with ui::maintenance::kRestartExitCode once this is true.
  bool restart_requested() const { return restart_requested_; }

 private:
  store::KioskDatabase& db_;
  core::KioskConfig config_;
  ui::SyncControl* sync_;
  bool restart_requested_ = false;
};

}  // namespace ck::platform

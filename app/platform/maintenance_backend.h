// StoreMaintenanceBackend: the maintenance panel's MaintenanceBackend over the kiosk's store (PIN, audit,
// sync status, outbox), the sync engine (sync now), the data directory (free disk) and the main loop
// (restart).
#pragma once

#include <filesystem>
#include <future>
#include <optional>
#include <string>

#include "app/core/kiosk_config.h"
#include "app/store/kiosk_database.h"
#include "app/store/maintenance_pin_repository.h"
#include "app/ui/controller/feedback_source.h"
#include "app/ui/maintenance/maintenance_backend.h"

namespace ck::platform {

class StoreMaintenanceBackend final : public ui::maintenance::MaintenanceBackend {
 public:
  // `sync` may be null (no hub configured).
  StoreMaintenanceBackend(store::KioskDatabase& db, const core::KioskConfig& config, ui::SyncControl* sync)
      : db_(db), config_(config), sync_(sync) {}
  void StartPinCheck(const std::string& pin, protocol::UnixSeconds now) override;
  std::optional<Result<store::PinCheck>> TakePinCheck() override;
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
  // The check in progress: its first step's answer (store) and the hash comparison on its own thread.
  std::optional<store::MaintenancePinRepository::Attempt> attempt_;
  std::future<bool> matched_;
  bool failed_check_ = false;  // the store could not count the try: answered as an error
};

}  // namespace ck::platform

// MaintenanceBackend: what the maintenance panel needs from the rest of the kiosk (the PIN repository, the
// audit table, the sync engine, the process). The platform implements it; the controller calls it between
// frames only, never from frame code.
#pragma once

#include <optional>
#include <string>

#include "app/store/maintenance_pin_repository.h"
#include "app/ui/maintenance/maintenance_panel.h"
#include "sync/protocol/result.h"

namespace ck::ui::maintenance {

class MaintenanceBackend {
 public:
  virtual ~MaintenanceBackend() = default;
  // Starts checking `pin` (Argon2id: ~0.1 s and 64 MiB, off the UI thread so the screen never freezes);
  // TakePinCheck hands the answer over between frames, once, when it is there.
  virtual void StartPinCheck(const std::string& pin, protocol::UnixSeconds now) = 0;
  virtual std::optional<Result<store::PinCheck>> TakePinCheck() = 0;
  // Committed before the action it records is carried out.
  virtual void RecordAudit(const AuditEvent& event) = 0;
  virtual PanelFacts Facts(protocol::UnixSeconds now) = 0;
  virtual void SyncNow() = 0;
  // Ends the kiosk with kRestartExitCode after this frame; the systemd unit (Restart=always) starts it again.
  virtual void Restart() = 0;
};

// Not 0 (a clean stop) nor 1/2 (errors): a restart asked for on purpose, easy to tell apart in the journal.
inline constexpr int kRestartExitCode = 75;

}  // namespace ck::ui::maintenance

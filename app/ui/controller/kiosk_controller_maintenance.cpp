// KioskController: the maintenance panel's actions, carried out between frames through MaintenanceBackend.
#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

bool KioskController::HandleMaintenance(const UiAction& a, protocol::UnixSeconds now, double time) {
  using maintenance::PanelRequest;
  maintenance::MaintenanceBackend* backend = services_.maintenance;
  if (a.kind == ActionKind::NumberPadKey && panel_.stage() == maintenance::Stage::Pin) {
    if (panel_.PadKey(a.pad, time, now) == PanelRequest::CheckPin && backend != nullptr) {
      backend->StartPinCheck(panel_.PendingPin(), now);
      panel_.PinCheckStarted();
      TakePinCheck(now, time);  // a lock-out or a missing PIN answers at once
    }
    return true;
  }
  switch (a.kind) {
    case ActionKind::MaintenanceHold:
      if (backend == nullptr) return true;
      if (a.index == 1)
        panel_.PressBegan(time);
      else
        panel_.PressEnded(time);
      return true;
    case ActionKind::MaintenanceSyncNow:
      if (panel_.RequestSyncNow(time, now) == PanelRequest::SyncNow && backend != nullptr) {
        FlushMaintenanceAudit();
        backend->SyncNow();
        ShowToast(keys::kMaintenanceSyncStarted, time);
      }
      return true;
    case ActionKind::MaintenanceScreenTest:
      panel_.OpenScreenTest(time, now);
      return true;
    case ActionKind::MaintenanceCorner:
      panel_.TapCorner(a.index, time);
      return true;
    case ActionKind::MaintenanceBack:
      panel_.CloseScreenTest(time);
      if (backend != nullptr) panel_facts_ = backend->Facts(now);
      return true;
    case ActionKind::MaintenanceRestart:
      if (panel_.RequestRestart(time, now) == PanelRequest::Restart && backend != nullptr) {
        FlushMaintenanceAudit();  // the restart's own line is committed before the process ends
        backend->Restart();
      }
      return true;
    case ActionKind::MaintenanceClose:
      panel_.Close(now);
      return true;
    default:
      // While the panel is up nothing beneath it acts (its window covers the screen; this is the guard).
      return panel_.open();
  }
}

bool KioskController::TakePinCheck(protocol::UnixSeconds now, double time) {
  maintenance::MaintenanceBackend* backend = services_.maintenance;
  if (!panel_.checking_pin() || backend == nullptr) return false;
  auto check = backend->TakePinCheck();
  if (!check) return false;
  // A store that cannot answer is treated as a wrong PIN: the panel never opens on an error.
  panel_.ApplyPinCheck(*check ? **check : store::PinCheck{}, time, now);
  if (panel_.stage() == maintenance::Stage::Facts) panel_facts_ = backend->Facts(now);
  return true;
}

bool KioskController::TickMaintenance(protocol::UnixSeconds now, double time) {
  const maintenance::Stage before = panel_.stage();
  bool changed = TakePinCheck(now, time);
  if (panel_.Tick(time, now)) changed = true;
  if (changed && before == maintenance::Stage::Closed) {
    // The gesture ended the finger's press on the title: whatever it was, it is not a resident's tap now.
    state_.last_input_time = time;
  }
  if (services_.maintenance != nullptr && panel_.stage() == maintenance::Stage::Facts && changed)
    panel_facts_ = services_.maintenance->Facts(now);
  FlushMaintenanceAudit();
  return changed;
}

void KioskController::FlushMaintenanceAudit() {
  for (const maintenance::AuditEvent& e : panel_.TakeAudit())
    if (services_.maintenance != nullptr) services_.maintenance->RecordAudit(e);
}

}  // namespace ck::ui

// The maintenance panel's state machine: gesture, PIN, lock-out, auto-close, audit (see the header).
#include "app/ui/maintenance/maintenance_panel.h"

#include <algorithm>

#include "app/ui/text/text_keys.h"

namespace ck::ui::maintenance {

const char* AuditKindName(AuditKind kind) {
  switch (kind) {
    case AuditKind::Opened:
      return "opened";
    case AuditKind::WrongPin:
      return "wrong_pin";
    case AuditKind::Locked:
      return "locked";
    case AuditKind::SyncNow:
      return "sync_now";
    case AuditKind::Restart:
      return "restart";
    case AuditKind::ScreenTest:
      return "screen_test";
    case AuditKind::Closed:
      return "closed";
  }
  return "unknown";
}

// --- Gesture ---------------------------------------------------------------------------------------------

void MaintenancePanel::PressBegan(double time) {
  if (stage_ != Stage::Closed) return;
  press_began_ = time;
  hold_completed_ = false;
}

void MaintenancePanel::PressEnded(double time) {
  // A release before the hold is complete is an ordinary tap: forgotten.
  if (press_began_ && time - *press_began_ >= kHoldSeconds) hold_completed_ = true;
  press_began_.reset();
}

float MaintenancePanel::HoldProgress(double time) const {
  if (!press_began_) return 0.0f;
  return static_cast<float>(std::clamp((time - *press_began_) / kHoldSeconds, 0.0, 1.0));
}

// --- Between frames --------------------------------------------------------------------------------------

bool MaintenancePanel::Tick(double time, protocol::UnixSeconds now) {
  if (stage_ == Stage::Closed) {
    // The pad opens as soon as the hold is long enough, finger still down: the technician sees it worked.
    if (hold_completed_ || (press_began_ && time - *press_began_ >= kHoldSeconds)) {
      hold_completed_ = false;
      press_began_.reset();
      stage_ = Stage::Pin;
      pad_.Reset();
      wrong_pin_ = false;
      no_pin_set_ = false;
      last_touch_ = time;
      return true;
    }
    return false;
  }
  if (time - last_touch_ >= kAutoCloseSeconds) {
    Close(now);
    return true;
  }
  return false;
}

void MaintenancePanel::Touch(double time) {
  if (stage_ != Stage::Closed) last_touch_ = time;
}

double MaintenancePanel::SecondsUntilAutoClose(double time) const {
  if (stage_ == Stage::Closed) return 0.0;
  return std::max(0.0, kAutoCloseSeconds - (time - last_touch_));
}

// --- PIN -------------------------------------------------------------------------------------------------

std::int64_t MaintenancePanel::LockSecondsLeft(protocol::UnixSeconds now) const {
  return locked_until_ > now ? static_cast<std::int64_t>(locked_until_ - now) : 0;
}

PanelRequest MaintenancePanel::PadKey(const input::NumberPadAction& action, double time,
                                      protocol::UnixSeconds now) {
  if (stage_ != Stage::Pin) return PanelRequest::None;
  Touch(time);
  if (checking_) return PanelRequest::None;
  if (LockSecondsLeft(now) > 0) return PanelRequest::None;  // locked: keys do nothing until the wait ends
  wrong_pin_ = false;
  if (action.kind == input::NumberPadAction::Kind::Confirm) {
    if (pad_.text().size() < kMinPinDigits) return PanelRequest::None;
    return PanelRequest::CheckPin;
  }
  pad_.Apply(action);
  return PanelRequest::None;
}

void MaintenancePanel::ApplyPinCheck(const store::PinCheck& check, double time, protocol::UnixSeconds now) {
  checking_ = false;
  if (stage_ != Stage::Pin) return;
  Touch(time);
  pad_.Reset();  // never keep a PIN in memory longer than its check
  locked_until_ = check.locked_until;
  switch (check.outcome) {
    case store::PinOutcome::Accepted:
      locked_until_ = 0;
      stage_ = Stage::Facts;
      Record(AuditKind::Opened, now);
      break;
    case store::PinOutcome::Wrong:
      wrong_pin_ = true;
      Record(AuditKind::WrongPin, now);
      if (LockSecondsLeft(now) > 0) Record(AuditKind::Locked, now);
      break;
    case store::PinOutcome::LockedOut:
      Record(AuditKind::Locked, now);
      break;
    case store::PinOutcome::NoPinSet:
      no_pin_set_ = true;
      break;
  }
}

// --- The panel -------------------------------------------------------------------------------------------

PanelRequest MaintenancePanel::RequestSyncNow(double time, protocol::UnixSeconds now) {
  if (stage_ != Stage::Facts) return PanelRequest::None;
  Touch(time);
  Record(AuditKind::SyncNow, now);
  return PanelRequest::SyncNow;
}

PanelRequest MaintenancePanel::RequestRestart(double time, protocol::UnixSeconds now) {
  if (stage_ != Stage::Facts) return PanelRequest::None;
  Touch(time);
  Record(AuditKind::Restart, now);
  return PanelRequest::Restart;
}

void MaintenancePanel::OpenScreenTest(double time, protocol::UnixSeconds now) {
  if (stage_ != Stage::Facts) return;
  Touch(time);
  std::fill(std::begin(corners_), std::end(corners_), false);
  stage_ = Stage::ScreenTest;
  Record(AuditKind::ScreenTest, now);
}

void MaintenancePanel::TapCorner(int corner, double time) {
  if (stage_ != Stage::ScreenTest || corner < 0 || corner >= 4) return;
  Touch(time);
  corners_[corner] = true;
}

void MaintenancePanel::CloseScreenTest(double time) {
  if (stage_ != Stage::ScreenTest) return;
  Touch(time);
  stage_ = Stage::Facts;
}

void MaintenancePanel::Close(protocol::UnixSeconds now) {
  if (stage_ == Stage::Closed) return;
  // Only a panel that was really open is worth a "closed" line; a PIN pad left alone is not a use.
  if (stage_ == Stage::Facts || stage_ == Stage::ScreenTest) Record(AuditKind::Closed, now);
  stage_ = Stage::Closed;
  pad_.Reset();
  checking_ = false;
  wrong_pin_ = false;
  no_pin_set_ = false;
  press_began_.reset();
  hold_completed_ = false;
}

std::vector<AuditEvent> MaintenancePanel::TakeAudit() {
  std::vector<AuditEvent> out;
  out.swap(audit_);
  return out;
}

std::string_view PlainErrorKey(std::string_view raw) {
  if (raw.empty()) return keys::kMaintenanceErrorNone;
  auto has = [raw](std::string_view w) { return raw.find(w) != std::string_view::npos; };
  if (has("certificate") || has("TLS") || has("SSL")) return keys::kMaintenanceErrorTls;
  if (has("401") || has("403") || has("token")) return keys::kMaintenanceErrorToken;
  if (has("disk") || has("full") || has("No space")) return keys::kMaintenanceErrorDisk;
  if (has("resolve") || has("connect") || has("timed out") || has("Timeout") || has("unreachable"))
    return keys::kMaintenanceErrorNetwork;
  return keys::kMaintenanceErrorOther;
}

std::int64_t SyncAgeSeconds(const PanelFacts& facts, protocol::UnixSeconds now) {
  if (!facts.last_success_at) return -1;
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(now - *facts.last_success_at));
}

}  // namespace ck::ui::maintenance

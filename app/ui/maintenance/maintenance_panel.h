// MaintenancePanel: the technician's panel as a plain state machine (issue 14) — the hidden gesture that
// opens it, the PIN pad, the lock-out wait, the facts page, the screen test and the 60 s auto-close. No I/O:
// the controller checks PINs against store::MaintenancePinRepository and records the audit events this
// model hands out; frame code draws from it and turns taps into calls between frames.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/input/number_pad_model.h"
#include "app/store/maintenance_pin_repository.h"
#include "sync/protocol/utc_time.h"

namespace ck::ui::maintenance {

// The gesture: one press held this long on the top bar's title area (no button there). A resident's tap
// lasts well under a second and even a hesitant one never five; a corner sequence was the other choice, but
// it needs a remembered order and random taps by children can complete it, while a 5 s hold on a dead area
// cannot happen by accident and needs no instructions beyond "hold the title".
inline constexpr double kHoldSeconds = 5.0;
// The panel (PIN pad included) closes by itself after this long without a touch.
inline constexpr double kAutoCloseSeconds = 60.0;
// PINs are 4 to 8 digits (MaintenancePinRepository::SetPin).
inline constexpr std::size_t kMaxPinDigits = 8;
inline constexpr std::size_t kMinPinDigits = 4;

enum class Stage {
  Closed,
  Pin,         // the PIN pad (or the lock-out wait)
  Facts,       // the panel itself
  ScreenTest,  // colour bars and one tap target in each corner
};

// Every use, for the kiosk's audit table (and the heartbeat when the hub can take it).
enum class AuditKind { Opened, WrongPin, Locked, SyncNow, Restart, ScreenTest, Closed };
const char* AuditKindName(AuditKind kind);  // "opened", "wrong_pin", … (stable: stored)

struct AuditEvent {
  AuditKind kind;
  protocol::UnixSeconds at = 0;
};

// What the panel shows, gathered by the controller between frames (the store, the config, statvfs).
struct PanelFacts {
  std::string hub_url;  // empty: no hub configured
  std::string device_id;
  std::string version;
  std::optional<protocol::UnixSeconds> last_success_at;
  std::int64_t outbox_pending = 0;
  std::int64_t outbox_refused = 0;
  std::string last_error;  // the sync engine's last error as it logged it; empty: none
  std::optional<std::uint64_t> free_disk_bytes;
};

// What the panel asks the rest of the kiosk to do (the controller carries it out between frames).
enum class PanelRequest { None, CheckPin, SyncNow, Restart };

class MaintenancePanel {
 public:
  // --- The gesture ---------------------------------------------------------------------------------
  // A press began / ended on the gesture area (`time`: monotonic seconds). A press that leaves the area
  // ends there (call PressEnded).
  void PressBegan(double time);
  void PressEnded(double time);
  // How far the hold is, 0..1 (for a quiet progress ring once it passed a second); 0 with no press.
  float HoldProgress(double time) const;

  // --- Between frames ------------------------------------------------------------------------------
  // Opens the PIN pad when a hold completed; closes after kAutoCloseSeconds without a touch. True when
  // the stage changed.
  bool Tick(double time, protocol::UnixSeconds now);
  // Any touch while the panel is up restarts the auto-close timer.
  void Touch(double time);
  double SecondsUntilAutoClose(double time) const;

  // --- PIN ---------------------------------------------------------------------------------------
  // A key of the PIN pad. Returns CheckPin when Confirm was pressed on a PIN of a valid length: the
  // caller starts checking PendingPin(), calls PinCheckStarted, and hands the answer to ApplyPinCheck.
  // Keys do nothing while a check runs.
  PanelRequest PadKey(const input::NumberPadAction& action, double time, protocol::UnixSeconds now);
  const std::string& PendingPin() const { return pad_.text(); }
  void PinCheckStarted() { checking_ = stage_ == Stage::Pin; }
  bool checking_pin() const { return checking_; }
  void ApplyPinCheck(const store::PinCheck& check, double time, protocol::UnixSeconds now);
  // The PIN pad is refusing keys until this time (0: not locked), and how long is left.
  protocol::UnixSeconds locked_until() const { return locked_until_; }
  std::int64_t LockSecondsLeft(protocol::UnixSeconds now) const;
  bool wrong_pin_shown() const { return wrong_pin_; }
  bool no_pin_set() const { return no_pin_set_; }
  const input::NumberPadModel& pad() const { return pad_; }

  // --- The panel ---------------------------------------------------------------------------------
  PanelRequest RequestSyncNow(double time, protocol::UnixSeconds now);
  PanelRequest RequestRestart(double time, protocol::UnixSeconds now);
  void OpenScreenTest(double time, protocol::UnixSeconds now);
  // A corner of the screen test was tapped (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right).
  void TapCorner(int corner, double time);
  bool corner_tapped(int corner) const { return corner >= 0 && corner < 4 && corners_[corner]; }
  void CloseScreenTest(double time);
  void Close(protocol::UnixSeconds now);

  Stage stage() const { return stage_; }
  bool open() const { return stage_ != Stage::Closed; }
  // The audit events since the last call (the controller stores them).
  std::vector<AuditEvent> TakeAudit();

 private:
  void Record(AuditKind kind, protocol::UnixSeconds now) { audit_.push_back({kind, now}); }
  Stage stage_ = Stage::Closed;
  std::optional<double> press_began_;
  bool hold_completed_ = false;
  double last_touch_ = 0.0;
  input::NumberPadModel pad_{input::NumberPadKind::Digits, kMaxPinDigits};
  protocol::UnixSeconds locked_until_ = 0;
  bool wrong_pin_ = false;
  bool no_pin_set_ = false;
  bool checking_ = false;
  bool corners_[4] = {false, false, false, false};
  std::vector<AuditEvent> audit_;
};

// The age of the last successful sync in whole seconds (a clock that went back clamps to 0; -1: never).
// The last sync error in plain words: a translation key for what a technician can do about it.
std::string_view PlainErrorKey(std::string_view raw_error);

std::int64_t SyncAgeSeconds(const PanelFacts& facts, protocol::UnixSeconds now);

}  // namespace ck::ui::maintenance

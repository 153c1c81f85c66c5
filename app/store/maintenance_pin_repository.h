// MaintenancePinRepository: the technician's PIN for the maintenance panel, stored as an Argon2id hash,
// and the lock-out after wrong PINs, whose delay grows and survives a restart (kiosk migration 4).
#pragma once

#include <cstdint>
#include <string>

#include "app/store/kiosk_database.h"
#include "sync/protocol/utc_time.h"

namespace ck::store {

enum class PinOutcome {
  Accepted,
  Wrong,      // counted; locked_until may now be in the future
  LockedOut,  // not even checked: wait until locked_until
  NoPinSet,   // the panel has no PIN yet (set one with SetPin)
};

struct PinCheck {
  PinOutcome outcome = PinOutcome::Wrong;
  protocol::UnixSeconds locked_until = 0;  // 0: not locked
  int failed_attempts = 0;
};

// Free wrong tries before the first lock-out, and the first delay; each further wrong PIN doubles it.
inline constexpr int kFreePinAttempts = 3;
inline constexpr protocol::UnixSeconds kFirstLockSeconds = 30;
inline constexpr protocol::UnixSeconds kMaxLockSeconds = 3600;

class MaintenancePinRepository {
 public:
  explicit MaintenancePinRepository(KioskDatabase& db) : db_(db) {}

  // 4 to 8 digits. Hashing takes ~0.1 s and 64 MiB (Argon2id, libsodium's interactive limits): call it off
  // the UI thread.
  Status SetPin(const std::string& pin);
  bool HasPin() const;
  // Checks `pin` at `now`; a wrong PIN is committed before the answer, so pulling the plug resets nothing.
  Result<PinCheck> Check(const std::string& pin, protocol::UnixSeconds now);

 private:
  KioskDatabase& db_;
};

// The lock-out after `failed_attempts` wrong PINs in a row, in seconds (0: none yet).
protocol::UnixSeconds PinLockSeconds(int failed_attempts);

}  // namespace ck::store

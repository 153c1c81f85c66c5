// MaintenancePinRepository: the technician's PIN for the maintenance panel, stored as an Argon2id hash,
// and the lock-out after wrong PINs, whose delay grows and survives a restart (kiosk migration 4).
#pragma once

#include <cstdint>
#include <optional>
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
  // Checks `pin` at `now`: BeginCheck, PinMatchesHash and FinishCheck in one go (tests, the command line).
  Result<PinCheck> Check(const std::string& pin, protocol::UnixSeconds now);

  // The same check in three steps, so the ~0.1 s of Argon2id runs off the UI thread. BeginCheck reads the
  // stored hash and lock-out and, when a hash check is due, commits the try as a wrong one before any
  // answer: pulling the plug during the check resets nothing. FinishCheck clears that count on a match.
  struct Attempt {
    std::optional<PinCheck> decided;  // NoPinSet or LockedOut: no hash check
    std::string hash;                 // else: the hash to check against
    PinCheck if_wrong;                // what was committed (outcome Wrong, the new count and lock-out)
  };
  Result<Attempt> BeginCheck(protocol::UnixSeconds now);
  static bool PinMatchesHash(const std::string& hash, const std::string& pin);  // any thread; no store
  Result<PinCheck> FinishCheck(const Attempt& attempt, bool matched);

 private:
  KioskDatabase& db_;
};

// The lock-out after `failed_attempts` wrong PINs in a row, in seconds (0: none yet).
protocol::UnixSeconds PinLockSeconds(int failed_attempts);

}  // namespace ck::store

// MaintenancePinRepository over the maintenance_access row; Argon2id through libsodium's crypto_pwhash_str.
#include "app/store/maintenance_pin_repository.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>

#include "app/store/statement.h"

namespace ck::store {

protocol::UnixSeconds PinLockSeconds(int failed_attempts) {
  if (failed_attempts < kFreePinAttempts) return 0;
  const int doublings = std::min(failed_attempts - kFreePinAttempts, 16);
  return std::min<protocol::UnixSeconds>(kFirstLockSeconds << doublings, kMaxLockSeconds);
}

Status MaintenancePinRepository::SetPin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Status::Fail("the PIN must be 4 to 8 digits");
  if (sodium_init() < 0) return Status::Fail("libsodium could not start");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Fail("not enough memory to hash the PIN");
  Statement st = db_.Cached(
      "UPDATE maintenance_access SET pin_hash = ?1, failed_attempts = 0, locked_until = 0 WHERE id = 1");
  const std::string stored(hash);
  st.Bind(1, stored);
  if (!st.Run()) return Status::Fail("cannot store the PIN: " + db_.LastError());
  return OkStatus();
}

bool MaintenancePinRepository::HasPin() const {
  Statement st = db_.Cached("SELECT pin_hash IS NOT NULL FROM maintenance_access WHERE id = 1");
  return st.Step() == SQLITE_ROW && st.Int(0) == 1;
}

Result<PinCheck> MaintenancePinRepository::Check(const std::string& pin, protocol::UnixSeconds now) {
  auto attempt = BeginCheck(now);
  if (!attempt) return Result<PinCheck>::Fail(attempt.error());
  if (attempt->decided) return Result<PinCheck>::Ok(*attempt->decided);
  return FinishCheck(*attempt, PinMatchesHash(attempt->hash, pin));
}

Result<MaintenancePinRepository::Attempt> MaintenancePinRepository::BeginCheck(protocol::UnixSeconds now) {
  using R = Result<Attempt>;
  Attempt a;
  PinCheck stored;
  {
    Statement st = db_.Cached("SELECT coalesce(pin_hash, ''), failed_attempts, locked_until FROM maintenance_access "
                              "WHERE id = 1");
    if (st.Step() != SQLITE_ROW) return R::Fail("maintenance_access is missing: " + db_.LastError());
    a.hash = st.Text(0);
    stored.failed_attempts = static_cast<int>(st.Int(1));
    stored.locked_until = st.Int(2);
  }
  if (a.hash.empty()) {
    stored.outcome = PinOutcome::NoPinSet;
    a.decided = stored;
    return R::Ok(std::move(a));
  }
  if (now < stored.locked_until) {
    stored.outcome = PinOutcome::LockedOut;
    a.decided = stored;
    return R::Ok(std::move(a));
  }
  a.if_wrong.outcome = PinOutcome::Wrong;
  a.if_wrong.failed_attempts = stored.failed_attempts + 1;
  const protocol::UnixSeconds lock = PinLockSeconds(a.if_wrong.failed_attempts);
  a.if_wrong.locked_until = lock > 0 ? now + lock : 0;
  Statement st = db_.Cached("UPDATE maintenance_access SET failed_attempts = ?1, locked_until = ?2 WHERE id = 1");
  st.Bind(1, static_cast<std::int64_t>(a.if_wrong.failed_attempts));
  st.Bind(2, static_cast<std::int64_t>(a.if_wrong.locked_until));
  // Not counted means not checked: a write that fails here must not let a guesser go on for free.
  if (!st.Run()) return R::Fail("cannot count the PIN try: " + db_.LastError());
  return R::Ok(std::move(a));
}

bool MaintenancePinRepository::PinMatchesHash(const std::string& hash, const std::string& pin) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0;
}

Result<PinCheck> MaintenancePinRepository::FinishCheck(const Attempt& attempt, bool matched) {
  using R = Result<PinCheck>;
  if (attempt.decided) return R::Ok(*attempt.decided);
  if (!matched) return R::Ok(attempt.if_wrong);
  Statement st = db_.Cached("UPDATE maintenance_access SET failed_attempts = 0, locked_until = 0 WHERE id = 1");
  if (!st.Run()) return R::Fail("cannot reset the PIN lock-out: " + db_.LastError());
  return R::Ok(PinCheck{PinOutcome::Accepted, 0, 0});
}

}  // namespace ck::store

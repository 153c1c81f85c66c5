// Signing staff in and out: password check, the stored lock-outs, per-address rate limits, sessions.
//
// Every refusal but the rate limit answers the same (BadCredentials): an unknown name, a wrong password,
// a locked or a disabled account look alike, and take the same Argon2id time, so nobody can probe
// which names exist or which are locked.
// Three limits, so that a stranger who knows a staff name cannot keep its owner out:
//   - per client address: at most kAttemptsPerWindow attempts a minute (RateLimited, 429), counted in a
//     ThrottleRepository (the database's when served, so every hub process on it counts together; a store
//     that cannot count answers Storage, never an unlimited budget);
//   - per name and address, stored: after kFreeFailures wrong passwords for a name from one address, that
//     name is locked at that address for LockSecondsAfter(n) (30 s, doubling, at most an hour);
//   - per account, stored, the same growth, but only for addresses the account never signed in from (its
//     desks, staff_desks): it slows a guesser spread over many addresses, never the owner at their desk.
// While a lock holds no password is checked at all. A success clears the name+address count and the
// account's, and remembers the desk.
// Sessions: a new random id at every sign-in (the old cookie's session is deleted); one expires after
// idle_seconds without a request or absolute_seconds after sign-in.
// Every sign-in, failed sign-in and sign-out is audited with the reason (the audit may say "locked"; the
// page never does); a password is never logged or audited.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/console/password.h"
#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/memory_throttle_repository.h"

namespace ck::hub::console {

inline constexpr int kFreeFailures = 5;
inline constexpr int kAttemptsPerWindow = 10;
inline constexpr protocol::UnixSeconds kAttemptWindowSeconds = 60;
inline constexpr protocol::UnixSeconds kMaxLockSeconds = 3600;

// How long the account stays locked after its `failures`-th consecutive failure (0: not locked).
protocol::UnixSeconds LockSecondsAfter(int failures);

struct SessionPolicy {
  protocol::UnixSeconds idle_seconds = 30 * 60;
  protocol::UnixSeconds absolute_seconds = 12 * 3600;
};

struct SignedIn {
  StaffAccount staff;
  std::string session_hash;
};

enum class SignInError { None, BadCredentials, RateLimited, Storage };

struct SignInOutcome {
  SignInError error = SignInError::None;
  std::string session_id;  // the cookie value, on success
  std::optional<StaffAccount> staff;
  protocol::UnixSeconds retry_after = 0;  // seconds, for RateLimited
};

class StaffAuth {
 public:
  // `cost` is for new hashes (password changes and resets); tests pass TestPasswordCost(). `throttles`
  // counts attempts per address (it must outlive this); null: a memory store of its own.
  StaffAuth(ConsoleRepository& store, SessionPolicy policy, PasswordCost cost = {},
            ThrottleRepository* throttles = nullptr)
      : store_(store),
        policy_(policy),
        cost_(cost),
        own_throttles_(throttles ? nullptr : std::make_unique<MemoryThrottleRepository>()),
        throttles_(throttles ? *throttles : *own_throttles_) {}

  // `previous_session_id` is the cookie the browser sent (if any): it is ended, so a session id fixed
  // before sign-in is never promoted.
  SignInOutcome SignIn(std::string_view name, std::string_view password, const std::string& remote,
                       protocol::UnixSeconds now, std::string_view previous_session_id = {});
  // The signed-in staff member for a cookie value, or nothing (expired, unknown, disabled account).
  // Expired sessions are deleted as they are found.
  Result<std::optional<SignedIn>> Resolve(std::string_view session_id, protocol::UnixSeconds now);
  Status SignOut(const SignedIn& who, const std::string& remote, protocol::UnixSeconds now);

  // Changing one's own password: the current one is checked (as a sign-in would, in a hash slot), the
  // new one must be kMinPasswordBytes..kMaxPasswordBytes of UTF-8 and differ from it. The account's other
  // sessions end; this one stays. The caller audits.
  enum class PasswordChange { Done, WrongCurrent, TooShort, TooLong, Same, Storage };
  PasswordChange ChangeOwnPassword(const SignedIn& who, std::string_view current, std::string_view next);
  // A manager's reset (or a new account): a hash of `one_time`, to be changed at the first sign-in;
  // every session of the account ends.
  Status SetOneTimePassword(std::int64_t staff_id, std::string_view one_time);

  const SessionPolicy& policy() const { return policy_; }

 private:
  // A refusal: the same time as a password check, the audit entry, BadCredentials.
  SignInOutcome Refuse(const StaffAccount* staff, std::string_view name, std::string_view detail,
                       const std::string& remote, protocol::UnixSeconds now, bool burn_time);
  // One more failure for the name at this address (and for the account when not from one of its desks).
  std::string CountFailure(const StaffAccount* staff, bool known_desk, std::string_view name,
                           const std::string& remote, protocol::UnixSeconds now);
  Status AuditSignIn(const StaffAccount* staff, std::string_view name, std::string_view action,
                     std::string_view detail, const std::string& remote, protocol::UnixSeconds now);

  ConsoleRepository& store_;
  SessionPolicy policy_;
  PasswordCost cost_;
  std::unique_ptr<MemoryThrottleRepository> own_throttles_;
  ThrottleRepository& throttles_;
};

}  // namespace ck::hub::console

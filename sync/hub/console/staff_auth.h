// Signing staff in and out: password check, the stored lock-out, per-address rate limits, sessions.
//
// Lock-out: the first kFreeFailures wrong passwords in a row cost nothing; each further one locks the
// account for 30 s · 2^(n − kFreeFailures − 1), at most one hour. The count and the lock are stored, so a
// restart does not reset them; while locked no password is checked at all. A success clears both.
// Rate limit: at most kAttemptsPerWindow sign-in attempts per client address per minute (in memory: it
// only needs to hold off a burst), and at most two Argon2id hashes at once in the whole process.
// Sessions: a new random id at every sign-in (the old cookie's session is deleted); one expires after
// idle_seconds without a request or absolute_seconds after sign-in.
// Every sign-in, failed sign-in and sign-out is audited; a password is never logged or audited.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/console/password.h"
#include "sync/hub/store/console_repository.h"

namespace ck::hub::console {

inline constexpr int kFreeFailures = 5;
inline constexpr int kAttemptsPerWindow = 10;
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

enum class SignInError { None, BadCredentials, Locked, RateLimited, Storage };

struct SignInOutcome {
  SignInError error = SignInError::None;
  std::string session_id;  // the cookie value, on success
  std::optional<StaffAccount> staff;
  protocol::UnixSeconds retry_after = 0;  // seconds, for Locked and RateLimited
};

// Per-address attempt counting, one minute fixed windows.
class SignInLimiter {
 public:
  // True if this attempt is allowed (and counts it).
  bool Allow(const std::string& remote, protocol::UnixSeconds now);

 private:
  std::mutex mutex_;
  std::map<std::string, std::pair<protocol::UnixSeconds, int>> windows_;  // address → (window start, count)
};

class StaffAuth {
 public:
  StaffAuth(ConsoleRepository& store, SessionPolicy policy) : store_(store), policy_(policy) {}

  // `previous_session_id` is the cookie the browser sent (if any): it is ended, so a session id fixed
  // before sign-in is never promoted.
  SignInOutcome SignIn(std::string_view name, std::string_view password, const std::string& remote,
                       protocol::UnixSeconds now, std::string_view previous_session_id = {});
  // The signed-in staff member for a cookie value, or nothing (expired, unknown, disabled account).
  // Expired sessions are deleted as they are found.
  Result<std::optional<SignedIn>> Resolve(std::string_view session_id, protocol::UnixSeconds now);
  Status SignOut(const SignedIn& who, const std::string& remote, protocol::UnixSeconds now);

  const SessionPolicy& policy() const { return policy_; }

 private:
  Status AuditSignIn(const StaffAccount* staff, std::string_view name, std::string_view action,
                     std::string_view detail, const std::string& remote, protocol::UnixSeconds now);

  ConsoleRepository& store_;
  SessionPolicy policy_;
  SignInLimiter limiter_;
};

}  // namespace ck::hub::console

// StaffAuth: the sign-in rules written down in staff_auth.h.
#include "sync/hub/console/staff_auth.h"

#include <semaphore>

namespace ck::hub::console {

namespace {

// Argon2id at 64 MiB: two at once bound the memory a flood of sign-ins can take.
std::counting_semaphore<2> g_hash_slots(2);

struct HashSlot {
  HashSlot() { g_hash_slots.acquire(); }
  ~HashSlot() { g_hash_slots.release(); }
};

}  // namespace

protocol::UnixSeconds LockSecondsAfter(int failures) {
  if (failures <= kFreeFailures) return 0;
  int doublings = failures - kFreeFailures - 1;
  if (doublings >= 7) return kMaxLockSeconds;  // 30 · 2^7 > 3600
  return std::min<protocol::UnixSeconds>(kMaxLockSeconds, protocol::UnixSeconds{30} << doublings);
}

bool SignInLimiter::Allow(const std::string& remote, protocol::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  if (windows_.size() > 10000) {  // forget old windows so many addresses cannot grow this without end
    for (auto it = windows_.begin(); it != windows_.end();)
      it = now - it->second.first >= 60 ? windows_.erase(it) : std::next(it);
  }
  auto& [start, count] = windows_[remote];
  if (now - start >= 60) {
    start = now;
    count = 0;
  }
  if (count >= kAttemptsPerWindow) return false;
  ++count;
  return true;
}

Status StaffAuth::AuditSignIn(const StaffAccount* staff, std::string_view name, std::string_view action,
                              std::string_view detail, const std::string& remote, protocol::UnixSeconds now) {
  AuditEntry e;
  e.at = now;
  if (staff) {
    e.staff_id = staff->id;
    e.actor = staff->name;
    e.party = staff->party;
  } else {
    // An unknown name is kept (cut short): it shows guessing, and staff names are not residents' data.
    e.actor = std::string(name.substr(0, 64));
  }
  e.action = std::string(action);
  e.target = e.actor;
  e.detail = std::string(detail);
  e.remote = remote;
  auto r = store_.AppendAudit(e);
  if (!r) return Status::Fail(r.error());
  return OkStatus();
}

SignInOutcome StaffAuth::SignIn(std::string_view name, std::string_view password, const std::string& remote,
                                protocol::UnixSeconds now, std::string_view previous_session_id) {
  SignInOutcome out;
  auto fail = [&](SignInError e) {
    out.error = e;
    out.session_id.clear();
    return out;
  };
  if (!limiter_.Allow(remote, now)) {
    out.retry_after = 60;
    AuditSignIn(nullptr, name, "signin.limited", "too many attempts from this address", remote, now);
    return fail(SignInError::RateLimited);
  }
  if (!previous_session_id.empty()) store_.DeleteSession(HashSessionId(previous_session_id));

  auto found = store_.FindStaffByName(name);
  if (!found) return fail(SignInError::Storage);
  if (!*found || password.size() > kMaxPasswordBytes) {
    {
      HashSlot slot;
      BurnVerifyTime();
    }
    AuditSignIn(found->has_value() ? &**found : nullptr, name, "signin.failed",
                found->has_value() ? "password too long" : "unknown name", remote, now);
    return fail(SignInError::BadCredentials);
  }
  StaffAccount staff = **found;
  if (staff.locked_until > now) {
    out.retry_after = staff.locked_until - now;
    AuditSignIn(&staff, name, "signin.failed", "account locked", remote, now);
    return fail(SignInError::Locked);
  }
  bool ok;
  {
    HashSlot slot;
    ok = VerifyPassword(staff.password_hash, password);
  }
  if (!ok || staff.disabled()) {
    // A disabled account answers exactly like a wrong password: the page tells nothing more.
    if (!ok) {
      auto n = store_.CountFailedSignIn(staff.id);
      if (!n) return fail(SignInError::Storage);
      if (auto lock = LockSecondsAfter(*n); lock > 0) store_.LockStaffUntil(staff.id, now + lock);
      AuditSignIn(&staff, name, "signin.failed", "wrong password (" + std::to_string(*n) + " in a row)",
                  remote, now);
    } else {
      AuditSignIn(&staff, name, "signin.failed", "account disabled", remote, now);
    }
    return fail(SignInError::BadCredentials);
  }
  if (auto s = store_.RecordSignIn(staff.id, now); !s) return fail(SignInError::Storage);
  // Sessions that ran out are swept here, so the table stays the size of the staff actually working.
  store_.DeleteExpiredSessions(now - policy_.idle_seconds, now - policy_.absolute_seconds);
  SessionRecord session;
  std::string id = NewSessionId();
  session.id_hash = HashSessionId(id);
  session.staff_id = staff.id;
  session.created_at = now;
  session.last_seen_at = now;
  if (auto s = store_.CreateSession(session); !s) return fail(SignInError::Storage);
  if (auto s = AuditSignIn(&staff, name, "signin", "", remote, now); !s) return fail(SignInError::Storage);
  staff.failed_signins = 0;
  staff.locked_until = 0;
  staff.last_signin_at = now;
  out.staff = std::move(staff);
  out.session_id = std::move(id);
  return out;
}

Result<std::optional<SignedIn>> StaffAuth::Resolve(std::string_view session_id, protocol::UnixSeconds now) {
  using R = Result<std::optional<SignedIn>>;
  if (session_id.empty() || session_id.size() > 128) return R::Ok(std::nullopt);
  std::string hash = HashSessionId(session_id);
  auto session = store_.FindSession(hash);
  if (!session) return R::Fail(session.error());
  if (!*session) return R::Ok(std::nullopt);
  const SessionRecord& s = **session;
  if (now - s.last_seen_at >= policy_.idle_seconds || now - s.created_at >= policy_.absolute_seconds) {
    store_.DeleteSession(hash);
    return R::Ok(std::nullopt);
  }
  auto staff = store_.FindStaff(s.staff_id);
  if (!staff) return R::Fail(staff.error());
  if (!*staff || (*staff)->disabled()) {
    store_.DeleteSession(hash);
    return R::Ok(std::nullopt);
  }
  // One write a minute at most per session: enough for a 30-minute idle limit.
  if (now - s.last_seen_at >= 60) {
    if (auto t = store_.TouchSession(hash, now); !t) return R::Fail(t.error());
  }
  return R::Ok(SignedIn{**staff, hash});
}

Status StaffAuth::SignOut(const SignedIn& who, const std::string& remote, protocol::UnixSeconds now) {
  if (auto s = store_.DeleteSession(who.session_hash); !s) return s;
  return AuditSignIn(&who.staff, who.staff.name, "signout", "", remote, now);
}

}  // namespace ck::hub::console

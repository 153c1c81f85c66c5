// StaffAuth: the sign-in rules written down in staff_auth.h.
#include "sync/hub/console/staff_auth.h"

#include <semaphore>

#include "sync/protocol/utf8.h"

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

SignInOutcome StaffAuth::Refuse(const StaffAccount* staff, std::string_view name, std::string_view detail,
                               const std::string& remote, protocol::UnixSeconds now, bool burn_time) {
  if (burn_time) {
    HashSlot slot;
    BurnVerifyTime();
  }
  AuditSignIn(staff, name, "signin.failed", detail, remote, now);
  SignInOutcome out;
  out.error = SignInError::BadCredentials;
  return out;
}

std::string StaffAuth::CountFailure(const StaffAccount* staff, bool known_desk, std::string_view name,
                                    const std::string& remote, protocol::UnixSeconds now) {
  std::string what;
  if (auto n = store_.CountAddressFailure(name, remote, now); n) {
    if (auto lock = LockSecondsAfter(*n); lock > 0) store_.LockAddressUntil(name, remote, now + lock);
    what = std::to_string(*n) + " in a row from this address";
  }
  if (staff && !known_desk) {
    if (auto n = store_.CountFailedSignIn(staff->id); n) {
      if (auto lock = LockSecondsAfter(*n); lock > 0) store_.LockStaffUntil(staff->id, now + lock);
      what += ", " + std::to_string(*n) + " from addresses it never signed in from";
    }
  }
  return what;
}

SignInOutcome StaffAuth::SignIn(std::string_view raw_name, std::string_view password, const std::string& remote,
                                protocol::UnixSeconds now, std::string_view previous_session_id) {
  SignInOutcome out;
  auto storage_failure = [] {
    SignInOutcome f;
    f.error = SignInError::Storage;
    return f;
  };
  auto allowed = throttles_.CountAttempt(remote, now, kAttemptWindowSeconds, kAttemptsPerWindow);
  if (!allowed) return storage_failure();
  if (!*allowed) {
    out.retry_after = kAttemptWindowSeconds;
    AuditSignIn(nullptr, raw_name, "signin.limited", "too many attempts from this address", remote, now);
    out.error = SignInError::RateLimited;
    return out;
  }
  if (!previous_session_id.empty()) store_.DeleteSession(HashSessionId(previous_session_id));
  // Stored per name: cut short, so a megabyte of "name" is not a megabyte of table.
  std::string_view name = raw_name.substr(0, 64);

  auto address_lock = store_.AddressLockedUntil(name, remote);
  if (!address_lock) return storage_failure();
  if (*address_lock > now) return Refuse(nullptr, name, "locked for this name at this address", remote, now, true);

  auto found = store_.FindStaffByName(name);
  if (!found) return storage_failure();
  if (!*found) {
    std::string n = CountFailure(nullptr, false, name, remote, now);
    return Refuse(nullptr, name, "unknown name (" + n + ")", remote, now, true);
  }
  StaffAccount staff = **found;
  if (password.size() > kMaxPasswordBytes) return Refuse(&staff, name, "password too long", remote, now, true);
  auto desk = store_.IsKnownDesk(staff.id, remote);
  if (!desk) return storage_failure();
  if (staff.locked_until > now && !*desk)
    return Refuse(&staff, name, "account locked for addresses it never signed in from", remote, now, true);
  bool ok;
  {
    HashSlot slot;
    ok = VerifyPassword(staff.password_hash, password);
  }
  if (!ok) {
    std::string n = CountFailure(&staff, *desk, name, remote, now);
    return Refuse(&staff, name, "wrong password (" + n + ")", remote, now, false);
  }
  // A disabled account answers exactly like a wrong password: the page tells nothing more.
  if (staff.disabled()) return Refuse(&staff, name, "account disabled", remote, now, false);

  if (auto s = store_.RecordSignIn(staff.id, now); !s) return storage_failure();
  if (auto s = store_.ClearAddressFailures(name, remote); !s) return storage_failure();
  if (auto s = store_.RememberDesk(staff.id, remote, now); !s) return storage_failure();
  // Sessions that ran out are swept here, so the table stays the size of the staff actually working;
  // so are failure counts a day old whose lock has passed.
  store_.DeleteExpiredSessions(now - policy_.idle_seconds, now - policy_.absolute_seconds);
  store_.ForgetAddressFailures(now - 24 * 3600);
  SessionRecord session;
  std::string id = NewSessionId();
  session.id_hash = HashSessionId(id);
  session.staff_id = staff.id;
  session.created_at = now;
  session.last_seen_at = now;
  if (auto s = store_.CreateSession(session); !s) return storage_failure();
  if (auto s = AuditSignIn(&staff, name, "signin", "", remote, now); !s) return storage_failure();
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

StaffAuth::PasswordChange StaffAuth::ChangeOwnPassword(const SignedIn& who, std::string_view current,
                                                       std::string_view next) {
  if (next.size() < kMinPasswordBytes || !protocol::IsValidUtf8(next)) return PasswordChange::TooShort;
  if (next.size() > kMaxPasswordBytes || current.size() > kMaxPasswordBytes) return PasswordChange::TooLong;
  if (next == current) return PasswordChange::Same;
  std::string hash;
  {
    HashSlot slot;
    if (!VerifyPassword(who.staff.password_hash, current)) return PasswordChange::WrongCurrent;
    hash = HashPassword(next, cost_);
  }
  if (hash.empty()) return PasswordChange::Storage;
  if (!store_.SetStaffPassword(who.staff.id, hash, false, who.session_hash)) return PasswordChange::Storage;
  return PasswordChange::Done;
}

Status StaffAuth::SetOneTimePassword(std::int64_t staff_id, std::string_view one_time) {
  std::string hash;
  {
    HashSlot slot;
    hash = HashPassword(one_time, cost_);
  }
  if (hash.empty()) return Status::Fail("password hashing ran out of memory");
  return store_.SetStaffPassword(staff_id, hash, true, "");
}

}  // namespace ck::hub::console

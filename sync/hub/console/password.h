// Secrets of the staff console: Argon2id password hashes, session ids and the CSRF token derived from one.
//
// Parameters (crypto_pwhash_str, Argon2id v1.3): opslimit 3, memlimit 64 MiB — libsodium's
// "interactive" memory with one more pass. A hub is a small box serving one community: a sign-in should
// cost well under a second and two at once must not exhaust memory, so MODERATE (256 MiB) is too much;
// the time one hash takes here is printed by tests/bench (see the console README).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ck::hub::console {

struct PasswordCost {
  unsigned long long opslimit = 3;
  std::size_t memlimit = 64u * 1024u * 1024u;
};
// The cheapest libsodium allows: for tests only, so suites of many sign-ins stay fast.
PasswordCost TestPasswordCost();

inline constexpr std::size_t kMinPasswordBytes = 8;
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // longer input is refused before hashing

// The crypto_pwhash_str string ("$argon2id$v=19$m=65536,t=3,p=1$…"); empty if memory ran out.
std::string HashPassword(std::string_view password, const PasswordCost& cost = {});
// True only if `password` matches `hash`; never throws, false for any malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// Spends about the time of one VerifyPassword, for unknown names, so timing does not tell which exist.
void BurnVerifyTime();

// A one-time password a manager reads out or writes down (reset, new account): 12 characters from an
// alphabet without look-alikes (no 0/O, 1/l/I), about 70 bits. Changed at the first sign-in.
std::string NewOneTimePassword();

// 32 random bytes, URL-safe base64: the cookie value. Only HashSessionId(id) is stored.
std::string NewSessionId();
std::string HashSessionId(std::string_view id);
// A per-session CSRF token (keyed BLAKE2b of the session id): forms carry it, the server recomputes it.
std::string CsrfTokenFor(std::string_view session_id);

}  // namespace ck::hub::console

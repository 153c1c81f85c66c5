// Bearer secrets (kiosk tokens, operator tokens, console session ids): random, shown once, and then only
// ever stored as a hash. The one home of making, hashing and comparing them.
#pragma once

#include <string>
#include <string_view>

namespace ck::hub {

// 32 random bytes (libsodium), URL-safe base64 without padding: 43 characters, safe in a header or query.
std::string NewBearerSecret();
// BLAKE2b-256 of the secret, hex. A fast hash is right here: the token is 256 random bits, not a password.
std::string HashSecret(std::string_view token);
// Constant-time comparison of two hashes, so timing never tells how much of a hash matched.
bool SecretHashesEqual(std::string_view a, std::string_view b);

}  // namespace ck::hub

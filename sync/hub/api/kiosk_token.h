// Kiosk tokens: random bearer secrets that the hub shows once and then only ever stores as a hash.
#pragma once

#include <string>
#include <string_view>

namespace ck::hub {

// 32 random bytes (libsodium), URL-safe base64 without padding: 43 characters, safe in a header or query.
std::string NewKioskToken();
// BLAKE2b-256 of the token, hex. A fast hash is right here: the token is 256 random bits, not a password.
std::string HashKioskToken(std::string_view token);
// Constant-time comparison of two hashes, so timing never tells how much of a hash matched.
bool TokenHashesEqual(std::string_view a, std::string_view b);

}  // namespace ck::hub

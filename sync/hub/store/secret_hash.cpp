// Token generation and hashing with libsodium.
#include "sync/hub/store/secret_hash.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace ck::hub {

namespace {

void EnsureSodium() {
  // sodium_init is idempotent and thread-safe; a failure means no secure randomness, so refuse to go on.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string NewBearerSecret() {
  EnsureSodium();
  std::array<unsigned char, 32> raw{};
  randombytes_buf(raw.data(), raw.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), kVariant);
  out.resize(out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string HashSecret(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();
  return hex;
}

bool SecretHashesEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // both are fixed-length hex hashes; length is not secret
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ck::hub

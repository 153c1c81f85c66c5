// Password hashing, session ids and CSRF tokens with libsodium.
#include "sync/hub/console/password.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "sync/hub/store/secret_hash.h"

namespace ck::hub::console {

namespace {

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string Hex(const unsigned char* data, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, n);
  hex.pop_back();
  return hex;
}

}  // namespace

PasswordCost TestPasswordCost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string HashPassword(std::string_view password, const PasswordCost& cost) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.opslimit, cost.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return {};
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordBytes)
    return false;
  std::string h(hash);  // crypto_pwhash_str_verify wants a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void BurnVerifyTime() {
  // A fixed hash of a random password at the default cost: verifying against it costs what a real one does.
  static const std::string dummy = HashPassword(NewSessionId());
  VerifyPassword(dummy, "not the password");
}

std::string NewOneTimePassword() {
  static constexpr char kAlphabet[] = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  constexpr std::uint32_t kSize = sizeof kAlphabet - 1;
  std::string pw;
  for (int i = 0; i < 12; ++i) pw += kAlphabet[randombytes_uniform(kSize)];
  return pw;
}

std::string NewSessionId() {
  return NewBearerSecret();  // the same 256-bit random, URL-safe form
}

std::string HashSessionId(std::string_view id) {
  return HashSecret(id);
}

std::string CsrfTokenFor(std::string_view session_id) {
  EnsureSodium();
  static constexpr std::string_view kKey = "community-hub console csrf v1...";  // 32 bytes: a domain label
  static_assert(kKey.size() == crypto_generichash_KEYBYTES);
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(session_id.data()),
                     session_id.size(), reinterpret_cast<const unsigned char*>(kKey.data()), kKey.size());
  return Hex(out.data(), out.size());
}


}  // namespace ck::hub::console

// Ticket code encoding: 10 kiosk bits and 50 random bits in twelve base-32 symbols, plus a Damm check
// symbol; the random bits come from libsodium.
#include "sync/protocol/ticket_code.h"

#include <sodium.h>

#include <array>

namespace ck::protocol {

namespace {

constexpr int kBase = 32;
constexpr int kPayloadSymbols = static_cast<int>(kTicketSymbols) - 1;
constexpr int kKioskSymbols = 2;
static_assert(kKioskSymbols * 5 + kTicketRandomBits == kPayloadSymbols * 5);
static_assert((1u << (kKioskSymbols * 5)) - 1 == kMaxKioskNumber);

using Payload = std::array<int, kPayloadSymbols>;

int SymbolValue(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  auto pos = kTicketAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Damm's check over the quasigroup x∘y = 2·x + y of GF(32) (modulus x^5 + x^2 + 1). A quasigroup catches
// every single changed symbol; this one is totally anti-symmetric ((c∘x)∘y = (c∘y)∘x only if x = y, as
// 2 - 1 ≠ 0), so it catches every swap of two different neighbours, the check symbol's included. (Luhn mod
// 32, used before, misses the swap of "2Z" and "Z2": values 0 and 31 double to the same sum.)
int Times2(int v) {
  v <<= 1;
  return (v & 0x20) ? (v ^ 0x25) : v;
}

int CheckValue(const Payload& values) {
  int interim = 0;
  for (int v : values) interim = Times2(interim) ^ v;
  return Times2(interim);  // so that interim∘check = 0
}

// Groups of 4, 4 and 5 symbols: "XXXX-XXXX-XXXXX".
std::string Render(const Payload& values) {
  std::string code;
  code.reserve(kTicketCodeLength);
  for (int i = 0; i < kPayloadSymbols; ++i) {
    if (i == 4 || i == 8) code += '-';
    code += kTicketAlphabet[static_cast<std::size_t>(values[i])];
  }
  code += kTicketAlphabet[static_cast<std::size_t>(CheckValue(values))];
  return code;
}

}  // namespace

std::optional<std::string> MakeTicketCode(TicketParts parts) {
  if (parts.kiosk_number > kMaxKioskNumber || parts.random > kMaxTicketRandom) return std::nullopt;
  std::uint64_t payload =
      (static_cast<std::uint64_t>(parts.kiosk_number) << kTicketRandomBits) | parts.random;
  Payload values{};
  for (int i = kPayloadSymbols - 1; i >= 0; --i) {
    values[i] = static_cast<int>(payload % kBase);
    payload /= kBase;
  }
  return Render(values);
}

std::optional<std::string> DrawTicketCode(std::uint32_t kiosk_number) {
  if (kiosk_number > kMaxKioskNumber) return std::nullopt;
  // sodium_init is idempotent and thread-safe; it fails only if the system's entropy source is missing.
  if (sodium_init() < 0) return std::nullopt;
  Payload values{};
  values[0] = static_cast<int>(kiosk_number / kBase);
  values[1] = static_cast<int>(kiosk_number % kBase);
  for (int i = kKioskSymbols; i < kPayloadSymbols; ++i)
    values[i] = static_cast<int>(randombytes_uniform(kBase));
  return Render(values);
}

std::optional<TicketParts> ParseTicketCode(std::string_view text) {
  std::array<int, kTicketSymbols> values{};
  std::size_t n = 0;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    int v = SymbolValue(c);
    if (v < 0 || n == kTicketSymbols) return std::nullopt;
    values[n++] = v;
  }
  if (n != kTicketSymbols) return std::nullopt;
  Payload payload_values{};
  std::uint64_t payload = 0;
  for (int i = 0; i < kPayloadSymbols; ++i) {
    payload_values[i] = values[i];
    payload = payload * kBase + static_cast<std::uint64_t>(values[i]);
  }
  if (CheckValue(payload_values) != values[kPayloadSymbols]) return std::nullopt;
  return TicketParts{static_cast<std::uint32_t>(payload >> kTicketRandomBits), payload & kMaxTicketRandom};
}

std::optional<std::string> NormalizeTicketCode(std::string_view text) {
  auto parts = ParseTicketCode(text);
  if (!parts) return std::nullopt;
  return MakeTicketCode(*parts);
}

}  // namespace ck::protocol

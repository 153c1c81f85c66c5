// Ticket codes: what a resident writes down or scans to follow a report ("3K7M-XQ9R-4TWBR").
//
// A code is the resident's only credential for a report: whoever holds it can read what was written, where,
// and the reply, and rate the handling (which can re-open the ticket). So it must not be guessable.
//
// Shape. Thirteen symbols of a 32-symbol alphabet without 0/O/1/I (nothing read off a screen or a receipt
// is ambiguous), shown as "XXXX-XXXX-XXXXX" so it can be read aloud in three breaths:
//   - symbols 1-2:  the kiosk's number, 10 bits (given by the hub when the kiosk is registered, 1..1023;
//                   0 for an unregistered or demo kiosk, and for codes the hub makes itself);
//   - symbols 3-12: 50 random bits drawn with libsodium's randombytes (a CSPRNG), re-drawn by the kiosk on
//                   the rare local collision. Different kiosks differ in the first two symbols, so codes are
//                   unique across all kiosks of a hub without asking it, even offline;
//   - symbol 13:    a check character (Damm's scheme over GF(32)), which catches every single mistyped symbol
//                   and every swap of two neighbours before any lookup is made (and before any throttle
//                   budget is spent).
//
// The guessing arithmetic (why 50 random bits, and no fewer).
//   - An attacker knows the kiosk numbers (they are few and visible), so only the 50 random bits count:
//     2^50 ≈ 1.13e15 codes per kiosk number.
//   - Worst case, all of a hub's 10 million tickets carry the one kiosk number the attacker aims at: a
//     well-formed guess hits with probability 1e7 / 2^50 ≈ 8.9e-9, i.e. one hit per ≈ 1.13e8 guesses.
//   - The hub answers at most kLookupBurst = 10 lookups of unknown codes per client, then one more every
//     10 minutes (6 an hour, sync/hub/api/lookup_throttle.h); a client is an IPv4 address or an IPv6 /64.
//     A kiosk slows its own 查询进度 after repeated unknown codes, so a kiosk is no faster a door.
//   - Assume the attacker controls 1,000 such clients (a botnet aimed at one residential community): 6,000
//     guesses an hour, 5.3e7 a year. Expected time to the first hit: 1.13e8 / 6,000 ≈ 18,800 h ≈ 2.1 years
//     (chance of any hit within a year ≈ 37%; one client alone: ≈ 2,100 years).
//   - 45 random bits (one symbol fewer) would give ≈ 24 days: 50 bits is as short as this allows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ck::protocol {

inline constexpr std::string_view kTicketAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::uint32_t kMaxKioskNumber = 1023;  // 10 bits, the first two symbols
inline constexpr int kTicketRandomBits = 50;            // ten symbols
inline constexpr std::uint64_t kMaxTicketRandom = (1ull << kTicketRandomBits) - 1;
inline constexpr std::size_t kTicketSymbols = 13;                     // 12 payload + 1 check
inline constexpr std::size_t kTicketCodeLength = kTicketSymbols + 2;  // with the two dashes: 15

struct TicketParts {
  std::uint32_t kiosk_number = 0;
  std::uint64_t random = 0;  // 0..kMaxTicketRandom
  bool operator==(const TicketParts&) const = default;
};

// The canonical "XXXX-XXXX-XXXXX" form of given parts (tests and fixtures use it for fixed codes). Nullopt
// when out of range.
std::optional<std::string> MakeTicketCode(TicketParts parts);
// A new code for a kiosk: 50 fresh random bits from libsodium. Nullopt when the kiosk number is out of range
// or libsodium cannot initialise. The caller re-draws when the code is already taken locally.
std::optional<std::string> DrawTicketCode(std::uint32_t kiosk_number);
// Accepts what a resident types: any case, with or without the dashes or spaces. Nullopt when the length,
// a symbol or the check character is wrong.
std::optional<TicketParts> ParseTicketCode(std::string_view text);
// The canonical form of a valid code, for lookups; nullopt when invalid.
std::optional<std::string> NormalizeTicketCode(std::string_view text);

}  // namespace ck::protocol

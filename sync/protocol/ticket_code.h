// Ticket codes: what a resident writes down or scans to follow a report ("K7M4-XQ9R").
//
// Made at the kiosk, offline, yet unique across every kiosk of a hub without asking it: the code packs
// the kiosk's number (given by the hub when the kiosk is registered, 1..1023; 0 for an unregistered or
// demo kiosk) and that kiosk's own ticket sequence. Alphabet: 32 symbols without 0/O/1/I, so nothing
// read off a screen or a receipt is ambiguous. The last symbol is a Luhn mod 32 check character, which
// catches every single mistyped symbol and every swap of two neighbours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ck::protocol {

inline constexpr std::string_view kTicketAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::uint32_t kMaxKioskNumber = 1023;               // 10 bits
inline constexpr std::uint32_t kMaxTicketSequence = (1u << 25) - 1;  // 25 bits: 33 million per kiosk

struct TicketParts {
  std::uint32_t kiosk_number = 0;
  std::uint32_t sequence = 0;
  bool operator==(const TicketParts&) const = default;
};

// Eight symbols shown as "XXXX-XXXX": seven of payload, one check. Returns nullopt when out of range.
std::optional<std::string> MakeTicketCode(TicketParts parts);
// Accepts what a resident types: any case, with or without the dash or spaces. Nullopt when the length,
// a symbol or the check character is wrong.
std::optional<TicketParts> ParseTicketCode(std::string_view text);
// The canonical "XXXX-XXXX" form of a valid code, for lookups; nullopt when invalid.
std::optional<std::string> NormalizeTicketCode(std::string_view text);

}  // namespace ck::protocol

// Ticket code encoding: 35 payload bits in seven base-32 symbols plus a Luhn mod 32 check symbol.
#include "sync/protocol/ticket_code.h"

#include <array>

namespace ck::protocol {

namespace {

constexpr int kBase = 32;
constexpr int kPayloadSymbols = 7;

int SymbolValue(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  auto pos = kTicketAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Luhn mod N over symbol values, rightmost payload symbol doubled first.
int CheckValue(const std::array<int, kPayloadSymbols>& values) {
  int factor = 2, sum = 0;
  for (int i = kPayloadSymbols - 1; i >= 0; --i) {
    int addend = factor * values[i];
    factor = (factor == 2) ? 1 : 2;
    sum += addend / kBase + addend % kBase;
  }
  return (kBase - sum % kBase) % kBase;
}

}  // namespace

std::optional<std::string> MakeTicketCode(TicketParts parts) {
  if (parts.kiosk_number > kMaxKioskNumber || parts.sequence > kMaxTicketSequence) return std::nullopt;
  std::uint64_t payload = (static_cast<std::uint64_t>(parts.kiosk_number) << 25) | parts.sequence;
  std::array<int, kPayloadSymbols> values{};
  for (int i = kPayloadSymbols - 1; i >= 0; --i) {
    values[i] = static_cast<int>(payload % kBase);
    payload /= kBase;
  }
  std::string code;
  for (int i = 0; i < kPayloadSymbols; ++i) {
    if (i == 4) code += '-';
    code += kTicketAlphabet[values[i]];
  }
  code += kTicketAlphabet[CheckValue(values)];
  return code;
}

std::optional<TicketParts> ParseTicketCode(std::string_view text) {
  std::array<int, kPayloadSymbols + 1> values{};
  int n = 0;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    int v = SymbolValue(c);
    if (v < 0 || n == kPayloadSymbols + 1) return std::nullopt;
    values[n++] = v;
  }
  if (n != kPayloadSymbols + 1) return std::nullopt;
  std::array<int, kPayloadSymbols> payload_values{};
  std::uint64_t payload = 0;
  for (int i = 0; i < kPayloadSymbols; ++i) {
    payload_values[i] = values[i];
    payload = payload * kBase + values[i];
  }
  if (CheckValue(payload_values) != values[kPayloadSymbols]) return std::nullopt;
  return TicketParts{static_cast<std::uint32_t>(payload >> 25),
                     static_cast<std::uint32_t>(payload & kMaxTicketSequence)};
}

std::optional<std::string> NormalizeTicketCode(std::string_view text) {
  auto parts = ParseTicketCode(text);
  if (!parts) return std::nullopt;
  return MakeTicketCode(*parts);
}

}  // namespace ck::protocol

// Ticket codes: unique across kiosks, unpredictable within one, unambiguous symbols, and every single typo
// and neighbour swap caught by the check symbol.
#include "sync/protocol/ticket_code.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <unordered_set>

namespace ck::protocol {
namespace {

std::string Plain(const std::string& code) {
  std::string out;
  for (char c : code)
    if (c != '-') out += c;
  return out;
}

TEST(TicketCodeTest, RoundTripsAndLooksRight) {
  TicketParts parts{.kiosk_number = 17, .random = 0x2'3456'789A'BCDEull};
  auto code = MakeTicketCode(parts);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(code->size(), kTicketCodeLength);
  EXPECT_EQ((*code)[4], '-');
  EXPECT_EQ((*code)[9], '-');
  for (char c : *code) EXPECT_EQ(std::string_view("0O1I").find(c), std::string_view::npos) << *code;
  EXPECT_EQ(ParseTicketCode(*code), parts);
}

TEST(TicketCodeTest, DrawnCodesCarryTheKioskAndParse) {
  for (std::uint32_t kiosk : {0u, 1u, 31u, 32u, 500u, kMaxKioskNumber}) {
    auto code = DrawTicketCode(kiosk);
    ASSERT_TRUE(code.has_value());
    auto parts = ParseTicketCode(*code);
    ASSERT_TRUE(parts.has_value()) << *code;
    EXPECT_EQ(parts->kiosk_number, kiosk);
    EXPECT_LE(parts->random, kMaxTicketRandom);
    EXPECT_EQ(NormalizeTicketCode(*code), code);
  }
  EXPECT_FALSE(DrawTicketCode(kMaxKioskNumber + 1).has_value());
}

TEST(TicketCodeTest, AcceptsWhatAResidentTypes) {
  std::string code = *DrawTicketCode(3);
  std::string typed;
  for (char c : Plain(code)) typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(NormalizeTicketCode(typed), code);
  EXPECT_EQ(
      NormalizeTicketCode(" " + code.substr(0, 4) + " " + code.substr(5, 4) + " " + code.substr(10) + " "),
      code);
}

// Many kiosks, many tickets each: no two codes are equal, and no code is its predecessor's successor (the
// old scheme's flaw: 2222-223Y was followed by 2222-224W).
TEST(TicketCodeTest, ManyKiosksManyTicketsNeverCollideNorFollowOneAnother) {
  std::unordered_set<std::string> seen;
  int follows = 0;
  for (std::uint32_t kiosk = 0; kiosk <= kMaxKioskNumber; kiosk += 7) {
    std::uint64_t previous = 0;
    for (int n = 0; n < 500; ++n) {
      auto code = DrawTicketCode(kiosk);
      ASSERT_TRUE(code.has_value());
      EXPECT_TRUE(seen.insert(*code).second) << *code;
      auto parts = ParseTicketCode(*code);
      ASSERT_TRUE(parts.has_value());
      ASSERT_EQ(parts->kiosk_number, kiosk);
      // Neighbouring values (±1..±1024) would mean a counter; random draws almost never land there.
      std::uint64_t d = parts->random > previous ? parts->random - previous : previous - parts->random;
      if (n > 0 && d <= 1024) ++follows;
      previous = parts->random;
    }
  }
  EXPECT_EQ(seen.size(), 147u * 500u);
  EXPECT_EQ(follows, 0);
}

// Every random symbol position takes many values: the randomness reaches all ten symbols.
TEST(TicketCodeTest, EveryRandomSymbolVaries) {
  std::array<std::set<char>, kTicketSymbols> values;
  for (int n = 0; n < 2000; ++n) {
    std::string p = Plain(*DrawTicketCode(42));
    for (std::size_t i = 0; i < p.size(); ++i) values[i].insert(p[i]);
  }
  EXPECT_EQ(values[0].size(), 1u);
  EXPECT_EQ(values[1].size(), 1u);
  for (std::size_t i = 2; i < kTicketSymbols; ++i) EXPECT_EQ(values[i].size(), 32u) << "symbol " << i;
}

// Every single symbol typo, at every position, for many codes: caught.
TEST(TicketCodeTest, CatchesEverySingleSymbolTypo) {
  for (int n = 0; n < 200; ++n) {
    std::string code = Plain(*DrawTicketCode(static_cast<std::uint32_t>(n * 5)));
    for (size_t i = 0; i < code.size(); ++i) {
      for (char c : kTicketAlphabet) {
        if (c == code[i]) continue;
        std::string typo = code;
        typo[i] = c;
        ASSERT_FALSE(ParseTicketCode(typo).has_value()) << code << " → " << typo;
      }
    }
  }
}

// Every swap of two different neighbours, for many codes (the check symbol's neighbour included): caught.
TEST(TicketCodeTest, CatchesEveryNeighbourSwap) {
  for (int n = 0; n < 2000; ++n) {
    std::string plain = Plain(*DrawTicketCode(static_cast<std::uint32_t>(n % 1024)));
    for (size_t i = 0; i + 1 < plain.size(); ++i) {
      if (plain[i] == plain[i + 1]) continue;
      std::string swapped = plain;
      std::swap(swapped[i], swapped[i + 1]);
      ASSERT_FALSE(ParseTicketCode(swapped).has_value()) << plain << " → " << swapped;
    }
  }
}

// Exhaustive: every ordered pair of different symbols, at every pair of neighbouring positions of a code,
// swapped: caught. (Luhn mod 32 missed "2Z" ↔ "Z2".)
TEST(TicketCodeTest, CatchesEverySwapOfEveryPairAtEveryPosition) {
  const std::string base = Plain(*MakeTicketCode({5, 0x1'2345'6789'ABCDull}));
  for (std::size_t i = 0; i + 1 < kTicketSymbols - 1; ++i)
    for (char a : kTicketAlphabet)
      for (char b : kTicketAlphabet) {
        if (a == b) continue;
        std::string payload = base.substr(0, kTicketSymbols - 1);
        payload[i] = a;
        payload[i + 1] = b;
        // Make it valid by finding its check symbol, then swap.
        std::string valid;
        for (char c : kTicketAlphabet)
          if (ParseTicketCode(payload + c)) valid = payload + c;
        ASSERT_FALSE(valid.empty()) << payload;
        std::string swapped = valid;
        std::swap(swapped[i], swapped[i + 1]);
        ASSERT_FALSE(ParseTicketCode(swapped).has_value()) << valid << " → " << swapped;
      }
}

TEST(TicketCodeTest, RejectsOutOfRangeOldCodesAndJunk) {
  EXPECT_FALSE(MakeTicketCode({kMaxKioskNumber + 1, 0}).has_value());
  EXPECT_FALSE(MakeTicketCode({0, kMaxTicketRandom + 1}).has_value());
  EXPECT_TRUE(MakeTicketCode({kMaxKioskNumber, kMaxTicketRandom}).has_value());
  for (const char* junk :
       {"", "ABCD", "2222-223Y", "K7M4-XQ9R", "ABCD-EFGH-J", "0000-0000-00000", "ABCD-EFGH-JKLM!"})
    EXPECT_FALSE(ParseTicketCode(junk).has_value()) << junk;
  std::string code = *DrawTicketCode(9);
  EXPECT_FALSE(ParseTicketCode(code + "2").has_value());
  EXPECT_FALSE(ParseTicketCode(code.substr(0, code.size() - 1)).has_value());
}

}  // namespace
}  // namespace ck::protocol

// Ticket codes: unique per (kiosk, sequence), unambiguous symbols, and typos caught by the check symbol.
#include "sync/protocol/ticket_code.h"

#include <gtest/gtest.h>

#include <set>

namespace ck::protocol {
namespace {

TEST(TicketCodeTest, RoundTripsAndLooksRight) {
  TicketParts parts{.kiosk_number = 17, .sequence = 4242};
  auto code = MakeTicketCode(parts);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(code->size(), 9u);
  EXPECT_EQ((*code)[4], '-');
  for (char c : *code) EXPECT_EQ(std::string_view("0O1I").find(c), std::string_view::npos) << *code;
  EXPECT_EQ(ParseTicketCode(*code), parts);
}

TEST(TicketCodeTest, AcceptsWhatAResidentTypes) {
  std::string code = *MakeTicketCode({3, 99});
  std::string typed;
  for (char c : code)
    if (c != '-') typed += static_cast<char>(std::tolower(c));
  EXPECT_EQ(NormalizeTicketCode(typed), code);
  EXPECT_EQ(NormalizeTicketCode(" " + code.substr(0, 4) + " " + code.substr(5) + " "), code);
}

TEST(TicketCodeTest, DifferentKiosksNeverCollide) {
  std::set<std::string> seen;
  for (std::uint32_t kiosk : {0u, 1u, 2u, 1023u})
    for (std::uint32_t seq = 0; seq < 2000; ++seq)
      EXPECT_TRUE(seen.insert(*MakeTicketCode({kiosk, seq})).second);
}

TEST(TicketCodeTest, CatchesEverySingleSymbolTypo) {
  std::string code = *MakeTicketCode({512, 123456});
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '-') continue;
    for (char c : kTicketAlphabet) {
      if (c == code[i]) continue;
      std::string typo = code;
      typo[i] = c;
      EXPECT_FALSE(ParseTicketCode(typo).has_value()) << typo;
    }
  }
}

TEST(TicketCodeTest, CatchesNeighbourSwaps) {
  std::string code = *MakeTicketCode({77, 31337});
  std::string plain;
  for (char c : code)
    if (c != '-') plain += c;
  for (size_t i = 0; i + 1 < plain.size(); ++i) {
    if (plain[i] == plain[i + 1]) continue;
    std::string swapped = plain;
    std::swap(swapped[i], swapped[i + 1]);
    EXPECT_FALSE(ParseTicketCode(swapped).has_value()) << swapped;
  }
}

TEST(TicketCodeTest, RejectsOutOfRangeAndJunk) {
  EXPECT_FALSE(MakeTicketCode({kMaxKioskNumber + 1, 0}).has_value());
  EXPECT_FALSE(MakeTicketCode({0, kMaxTicketSequence + 1}).has_value());
  EXPECT_TRUE(MakeTicketCode({kMaxKioskNumber, kMaxTicketSequence}).has_value());
  for (const char* junk : {"", "ABCD", "ABCD-EFGH-J", "0000-0000", "ABCD-EFG!"})
    EXPECT_FALSE(ParseTicketCode(junk).has_value()) << junk;
}

}  // namespace
}  // namespace ck::protocol

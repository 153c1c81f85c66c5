// Feed request parsing and ETag matching: what the hub accepts as a cursor and limit, and when a poll is
// "unchanged".
#include "sync/hub/api/feed_query.h"

#include <gtest/gtest.h>

namespace ck::hub {
namespace {

std::optional<std::string> S(const char* s) {
  return s ? std::optional<std::string>(s) : std::nullopt;
}

TEST(FeedQuery, DefaultsAndValidValues) {
  auto d = ParseFeedRequest(std::nullopt, std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->after_seq, 0);
  EXPECT_EQ(d->limit, 500);
  auto v = ParseFeedRequest(S("12345"), S("2000"));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->after_seq, 12345);
  EXPECT_EQ(v->limit, 2000);
  EXPECT_EQ(ParseFeedRequest(S("0"), S("1"))->limit, 1);
}

TEST(FeedQuery, RejectsEveryMalformedCursorAndLimit) {
  for (const char* c : {"", "-1", "+1", " 1", "1 ", "abc", "0x10", "1e3", "1.5", "9999999999999999999",
                        "123456789012345678901234567890", "１２"}) {
    auto r = ParseFeedRequest(S(c), std::nullopt);
    EXPECT_FALSE(r.ok()) << "cursor '" << c << "'";
    if (!r.ok()) {
      EXPECT_NE(r.error().find("cursor"), std::string::npos);
    }
  }
  for (const char* l : {"", "0", "-5", "2001", "100000", "abc", "10.0", "99999999999999999999"}) {
    auto r = ParseFeedRequest(std::nullopt, S(l));
    EXPECT_FALSE(r.ok()) << "limit '" << l << "'";
    if (!r.ok()) {
      EXPECT_NE(r.error().find("limit"), std::string::npos);
    }
  }
}

TEST(FeedQuery, EtagChangesWithMaxSeqCursorAndLimit) {
  FeedRequest a{10, 500};
  std::string e = FeedEtag(a, 10);
  EXPECT_EQ(e.front(), '"');
  EXPECT_EQ(e.back(), '"');
  EXPECT_EQ(e, FeedEtag(a, 10));
  EXPECT_NE(e, FeedEtag(a, 11));
  EXPECT_NE(e, FeedEtag(FeedRequest{9, 500}, 10));
  EXPECT_NE(e, FeedEtag(FeedRequest{10, 499}, 10));
}

TEST(FeedQuery, IfNoneMatchListsWeakTagsAndStar) {
  std::string e = "\"f3-0-500\"";
  EXPECT_TRUE(EtagMatches(e, e));
  EXPECT_TRUE(EtagMatches("W/" + e, e));
  EXPECT_TRUE(EtagMatches("\"x\", " + e, e));
  EXPECT_TRUE(EtagMatches("*", e));
  EXPECT_FALSE(EtagMatches("\"f3-0-50\"", e));
  EXPECT_FALSE(EtagMatches("f3-0-500", e));  // unquoted is not the same tag
  EXPECT_FALSE(EtagMatches("", e));
  EXPECT_FALSE(EtagMatches(",,,", e));
}

}  // namespace
}  // namespace ck::hub

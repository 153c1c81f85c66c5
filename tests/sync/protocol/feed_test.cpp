// Feed page codec: a page is accepted whole or rejected whole.
#include "sync/protocol/feed.h"

#include <gtest/gtest.h>

#include "sync/protocol/ids.h"

namespace ck::protocol {
namespace {

FeedPage SamplePage() {
  Notice n;
  n.id = NewUuid();
  n.title = "消防安全检查";
  n.published_at = 1'764'000'000;
  FeedPage page;
  page.changes.push_back({.seq = 3, .type = FeedChange::Type::NoticeUpsert, .id = n.id, .notice = n, .activity = {}});
  page.changes.push_back(
      {.seq = 5, .type = FeedChange::Type::NoticeTombstone, .id = NewUuid(), .notice = {}, .activity = {}});
  page.next_cursor = "5";
  page.has_more = true;
  return page;
}

TEST(FeedTest, RoundTrips) {
  FeedPage page = SamplePage();
  auto back = ParseFeedPage(FeedPageToJson(page));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, page);
}

TEST(FeedTest, EveryTruncationIsRejected) {
  std::string json = FeedPageToJson(SamplePage());
  for (size_t len = 0; len < json.size(); ++len)
    EXPECT_FALSE(ParseFeedPage(std::string_view(json).substr(0, len)).ok()) << "prefix of " << len;
}

TEST(FeedTest, RejectsNonIncreasingSeq) {
  auto r = ParseFeedPage(
      R"({"changes":[{"seq":4,"type":"x.y"},{"seq":4,"type":"x.y"}],"next_cursor":"4","has_more":false})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("seq"), std::string::npos);
}

TEST(FeedTest, RejectsAPageWithOneBadNotice) {
  std::string json = FeedPageToJson(SamplePage());
  json.replace(json.find("消防安全检查"), std::string("消防安全检查").size(), "");
  EXPECT_FALSE(ParseFeedPage(json).ok());
}

TEST(FeedTest, SkipsUnknownChangeTypesButKeepsTheirSeq) {
  auto r = ParseFeedPage(R"({"changes":[{"seq":9,"type":"poll.upsert","poll":{}}],
                             "next_cursor":"9","has_more":false})");
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->changes.size(), 1u);
  EXPECT_EQ(r->changes[0].type, FeedChange::Type::Unknown);
}

TEST(FeedTest, RejectsBrokenUtf8) {
  std::string bad = "{\"changes\":[],\"next_cursor\":\"\xff\xfe\",\"has_more\":false}";
  EXPECT_FALSE(ParseFeedPage(bad).ok());
}

TEST(FeedTest, RejectsWrongShapes) {
  EXPECT_FALSE(ParseFeedPage("[]").ok());
  EXPECT_FALSE(ParseFeedPage(R"({"changes":{},"next_cursor":"1","has_more":false})").ok());
  EXPECT_FALSE(ParseFeedPage(R"({"changes":[],"next_cursor":"","has_more":false})").ok());
  EXPECT_FALSE(ParseFeedPage(R"({"changes":[],"next_cursor":"1"})").ok());
  EXPECT_FALSE(ParseFeedPage(R"({"changes":[{"seq":"1","type":"notice.tombstone"}],"next_cursor":"1",
                                "has_more":false})")
                   .ok());
}

}  // namespace
}  // namespace ck::protocol

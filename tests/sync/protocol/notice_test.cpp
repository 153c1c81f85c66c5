// Notice codec: round trip, validation of every invariant, and rejection of hostile input.
#include "sync/protocol/notice.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sync/protocol/ids.h"

namespace ck::protocol {
namespace {

Notice SampleNotice() {
  Notice n;
  n.id = NewUuid();
  n.publisher = Publisher::PropertyCompany;
  n.category = "water_power";
  n.priority = Priority::Urgent;
  n.pinned = true;
  n.title = "3号楼周六停水通知";
  n.body = "因管道检修，3号楼将于周六8:00至17:00停水，请提前储水。";
  n.published_at = 1'764'000'000;
  n.expires_at = 1'764'600'000;
  n.audience = "3号楼";
  n.revision = 2;
  return n;
}

TEST(NoticeTest, RoundTripsThroughJson) {
  Notice n = SampleNotice();
  nlohmann::json j = n;
  auto back = NoticeFromJson(j);
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, n);
  EXPECT_EQ(j["publisher"], "property_company");
  EXPECT_EQ(j["priority"], "urgent");
}

TEST(NoticeTest, NoExpiryTravelsAsNull) {
  Notice n = SampleNotice();
  n.expires_at.reset();
  nlohmann::json j = n;
  EXPECT_TRUE(j["expires_at"].is_null());
  EXPECT_FALSE(NoticeFromJson(j)->expires_at.has_value());
}

TEST(NoticeTest, RejectsEachBrokenInvariant) {
  auto expect_rejected = [](auto mutate, const char* field) {
    nlohmann::json j = SampleNotice();
    mutate(j);
    auto r = NoticeFromJson(j);
    EXPECT_FALSE(r.ok()) << field;
    EXPECT_NE(r.error().find(field), std::string::npos) << r.error();
  };
  expect_rejected([](auto& j) { j["id"] = "42"; }, "id");
  expect_rejected([](auto& j) { j["publisher"] = "mayor"; }, "publisher");
  expect_rejected([](auto& j) { j["priority"] = "panic"; }, "priority");
  expect_rejected([](auto& j) { j["title"] = ""; }, "title");
  expect_rejected([](auto& j) { j["title"] = std::string(201 * 3, 'a'); }, "title");
  expect_rejected([](auto& j) { j["body"] = std::string(20001, 'x'); }, "body");
  expect_rejected([](auto& j) { j["category"] = "Water Power"; }, "category");
  expect_rejected([](auto& j) { j["published_at"] = "yesterday"; }, "published_at");
  expect_rejected([](auto& j) { j["expires_at"] = "2020-01-01T00:00:00Z"; }, "expires_at");
  expect_rejected([](auto& j) { j["pinned"] = "yes"; }, "pinned");
  expect_rejected([](auto& j) { j["revision"] = 0; }, "revision");
  expect_rejected([](auto& j) { j["title"] = 7; }, "title");
}

TEST(NoticeTest, TitleLimitCountsCharactersNotBytes) {
  Notice n = SampleNotice();
  n.title.clear();
  for (int i = 0; i < 200; ++i) n.title += "停";  // 600 bytes, 200 characters
  EXPECT_TRUE(ValidateNotice(n).ok());
}

TEST(NoticeTest, KeepsCharactersOutsideTheBmpIntact) {
  Notice n = SampleNotice();
  n.title = "𠮷野家门前停车提示";
  auto back = NoticeFromJson(nlohmann::json(n));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->title, n.title);
}

TEST(NoticeTest, LiveWindow) {
  Notice n = SampleNotice();
  EXPECT_FALSE(n.IsLiveAt(n.published_at - 1));
  EXPECT_TRUE(n.IsLiveAt(n.published_at));
  EXPECT_FALSE(n.IsLiveAt(*n.expires_at));
}

}  // namespace
}  // namespace ck::protocol

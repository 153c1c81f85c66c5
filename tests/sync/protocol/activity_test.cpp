// Activity wire type: JSON round trip, validation, and activity changes in the feed.
#include "sync/protocol/activity.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sync/protocol/feed.h"
#include "sync/protocol/ids.h"

namespace ck::protocol {
namespace {

Activity TaiChi() {
  Activity a;
  a.id = NewUuid();
  a.organisers = {Publisher::ResidentsCommittee, Publisher::PropertyCompany};
  a.title = "太极拳晨练";
  a.description = "每周二、四早上，社区广场，自带水杯。";
  a.place = "社区广场";
  a.eligibility = "60岁以上";
  a.capacity = 20;
  a.signup_closes_before = 3600;
  a.occurrences = {{1'790'000'000, 1'790'000'000, 1'790'003'600, false, "", 18, 0},
                   {1'790'172'800, 1'790'172'800, 1'790'176'400, true, "场地维修", 0, 0}};
  return a;
}

TEST(ActivityTest, RoundTrip) {
  const Activity a = TaiChi();
  nlohmann::json j = a;
  auto back = ActivityFromJson(j);
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back.value(), a);
  EXPECT_EQ(j["organisers"], nlohmann::json::array({"residents_committee", "property_company"}));
  EXPECT_EQ(j["occurrences"][1]["cancel_reason"], "场地维修");
}

TEST(ActivityTest, PlacesAndSignupWindow) {
  const Activity a = TaiChi();
  EXPECT_EQ(PlacesLeft(a, a.occurrences[0]), 2);
  EXPECT_TRUE(SignupOpenAt(a, a.occurrences[0], 1'790'000'000 - 3601));
  EXPECT_FALSE(SignupOpenAt(a, a.occurrences[0], 1'790'000'000 - 3600));  // closes an hour before
  EXPECT_FALSE(SignupOpenAt(a, a.occurrences[1], 0));                     // that occurrence is cancelled
  Activity open_to_all = a;
  open_to_all.capacity = 0;
  EXPECT_FALSE(SignupOpenAt(open_to_all, a.occurrences[0], 0));  // no sign-up: just come
}

TEST(ActivityTest, RefusesWhatAKioskMustNotShow) {
  auto refused = [](auto change) {
    Activity a = TaiChi();
    change(a);
    return !ValidateActivity(a).ok();
  };
  EXPECT_FALSE(refused([](Activity&) {}));
  EXPECT_TRUE(refused([](Activity& a) { a.id = "42"; }));
  EXPECT_TRUE(refused([](Activity& a) { a.organisers.clear(); }));
  EXPECT_TRUE(refused([](Activity& a) { a.organisers.push_back(a.organisers.front()); }));
  EXPECT_TRUE(refused([](Activity& a) { a.title.clear(); }));
  EXPECT_TRUE(refused([](Activity& a) { a.place = std::string("\xff"); }));
  EXPECT_TRUE(refused([](Activity& a) { a.capacity = -1; }));
  EXPECT_TRUE(refused([](Activity& a) { a.occurrences[1].original_start = a.occurrences[0].original_start; }));
  EXPECT_TRUE(refused([](Activity& a) { a.occurrences[0].end = a.occurrences[0].start; }));
  EXPECT_TRUE(refused([](Activity& a) { a.occurrences[0].signed_up = -1; }));
}

TEST(ActivityTest, ParsingNamesTheBadField) {
  nlohmann::json j = TaiChi();
  j["occurrences"][0]["start"] = "yesterday";
  auto bad = ActivityFromJson(j);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "activity.occurrences[0].start: not an RFC 3339 time");
  j = TaiChi();
  j["organisers"] = {"landlord"};
  EXPECT_FALSE(ActivityFromJson(j).ok());
  j = TaiChi();
  j["capacity"] = 1e12;
  EXPECT_FALSE(ActivityFromJson(j).ok());
}

TEST(ActivityTest, TravelsInTheFeedBesideNotices) {
  const Activity a = TaiChi();
  FeedPage page{{FeedChange{7, FeedChange::Type::ActivityUpsert, a.id, std::nullopt, a},
                 FeedChange{9, FeedChange::Type::ActivityTombstone, a.id, std::nullopt, std::nullopt}},
                "9",
                false};
  auto parsed = ParseFeedPage(FeedPageToJson(page));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.value(), page);
  // A broken activity rejects the whole page, as a broken notice does.
  nlohmann::json j = nlohmann::json::parse(FeedPageToJson(page));
  j["changes"][0]["activity"]["title"] = "";
  EXPECT_FALSE(ParseFeedPage(j.dump()).ok());
}

}  // namespace
}  // namespace ck::protocol

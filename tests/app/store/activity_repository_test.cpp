// ActivityRepository: activities from the feed, their occurrences by range, revisions, removal.
#include "app/store/activity_repository.h"

#include <gtest/gtest.h>

#include "app/store/feed_applier.h"
#include "tests/app/store/store_fixture.h"

namespace ck::store {
namespace {

using protocol::Activity;
using protocol::ActivityOccurrence;
using testing::kNow;

constexpr protocol::UnixSeconds kHour = 3600, kDay = 86400;

Activity Weekly(const std::string& title, protocol::UnixSeconds first, int weeks) {
  Activity a;
  a.id = protocol::NewUuid();
  a.organisers = {protocol::Publisher::ResidentsCommittee};
  a.title = title;
  a.place = "活动室";
  a.capacity = 10;
  for (int w = 0; w < weeks; ++w) {
    const protocol::UnixSeconds s = first + w * 7 * kDay;
    a.occurrences.push_back(ActivityOccurrence{s, s, s + kHour, false, "", 0, 0});
  }
  return a;
}

class ActivityRepositoryTest : public testing::StoreTest {};

TEST_F(ActivityRepositoryTest, OccurrencesInARangeInStartOrder) {
  ActivityRepository repo(*db_);
  const Activity taichi = Weekly("太极", kNow, 8);
  const Activity meeting = Weekly("联席会", kNow + 2 * kHour, 2);
  ASSERT_TRUE(repo.Upsert(taichi).ok());
  ASSERT_TRUE(repo.Upsert(meeting).ok());
  const auto week = repo.Between(kNow - kDay, kNow + 6 * kDay);
  ASSERT_EQ(week.size(), 2u);
  EXPECT_EQ(week[0].activity->title, "太极");
  EXPECT_EQ(week[1].activity->title, "联席会");
  EXPECT_EQ(week[0].occurrence.start, kNow);
  // One activity object shared by its occurrences in an answer.
  const auto all = repo.Between(kNow - kDay, kNow + 100 * kDay);
  ASSERT_EQ(all.size(), 10u);
  EXPECT_EQ(all[0].activity.get(), all[2].activity.get());
  // An occurrence still running at `from` is in the range.
  EXPECT_EQ(repo.Between(kNow + kHour / 2, kNow + kHour).size(), 1u);
}

TEST_F(ActivityRepositoryTest, UpsertReplacesOccurrencesAndIgnoresOlderRevisions) {
  ActivityRepository repo(*db_);
  Activity a = Weekly("太极", kNow, 4);
  ASSERT_TRUE(repo.Upsert(a).ok());
  a.occurrences[0].signed_up = 9;  // the same revision: only places changed
  a.occurrences.pop_back();
  ASSERT_TRUE(repo.Upsert(a).ok());
  EXPECT_EQ(repo.Between(0, kNow + 100 * kDay).size(), 3u);
  EXPECT_EQ(repo.Get(a.id)->occurrences[0].signed_up, 9);
  Activity edited = a;
  edited.revision = 3;
  edited.title = "太极（改时间）";
  ASSERT_TRUE(repo.Upsert(edited).ok());
  Activity stale = a;
  stale.revision = 2;
  ASSERT_TRUE(repo.Upsert(stale).ok());
  EXPECT_EQ(repo.Get(a.id)->title, "太极（改时间）");
}

TEST_F(ActivityRepositoryTest, RemoveTakesTheOccurrences) {
  ActivityRepository repo(*db_);
  const Activity a = Weekly("太极", kNow, 4);
  ASSERT_TRUE(repo.Upsert(a).ok());
  ASSERT_TRUE(repo.Remove(a.id).ok());
  ASSERT_TRUE(repo.Remove(a.id).ok());
  EXPECT_EQ(repo.Count(), 0);
  EXPECT_TRUE(repo.Between(0, kNow + 100 * kDay).empty());
}

TEST_F(ActivityRepositoryTest, FeedPagesCarryActivitiesWithTheCursor) {
  const Activity a = Weekly("环境整治", kNow, 1);
  {
    FeedApplier applier(std::move(db_));
    protocol::FeedPage page{{protocol::FeedChange{5, protocol::FeedChange::Type::ActivityUpsert, a.id,
                                                  std::nullopt, a}},
                            "5",
                            false};
    ASSERT_TRUE(applier.Apply(page, "").ok());
    EXPECT_EQ(applier.Cursor(), "5");
  }
  db_ = OpenOrDie();
  ActivityRepository repo(*db_);
  ASSERT_TRUE(repo.Get(a.id).has_value());
  EXPECT_EQ(repo.Get(a.id).value(), a);
}

}  // namespace
}  // namespace ck::store

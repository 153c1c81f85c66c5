// NoticeRepository: upsert rules, board order, filters, expiry, time boundaries and Chinese substring search.
#include "app/store/notice_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "tests/app/store/store_fixture.h"

namespace ck::store {
namespace {

using protocol::Notice;
using protocol::Priority;
using testing::kNow;
using testing::MakeNotice;

class NoticeRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    repo_ = std::make_unique<NoticeRepository>(*db_);
  }
  void TearDown() override {
    repo_.reset();
    StoreTest::TearDown();
  }
  Notice Add(Notice n) {
    auto s = repo_->Upsert(n);
    EXPECT_TRUE(s.ok()) << s.error();
    return n;
  }
  std::vector<std::string> Titles(const std::vector<NoticeSummary>& list) {
    std::vector<std::string> out;
    for (const auto& s : list) out.push_back(s.title);
    return out;
  }
  std::unique_ptr<NoticeRepository> repo_;
};

TEST_F(NoticeRepositoryTest, UpsertThenGetReturnsEveryField) {
  Notice n = MakeNotice("地下车库清洁");
  n.publisher = protocol::Publisher::OwnersCommittee;
  n.category = "sanitation";
  n.priority = Priority::Important;
  n.pinned = true;
  n.expires_at = kNow + 86400;
  n.audience = "地下车库车主";
  n.revision = 3;
  n.body = "周六上午九点起清洗地下车库，请提前挪车。𠮷";
  Add(n);
  auto got = repo_->Get(n.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, n);
  EXPECT_FALSE(repo_->Get(protocol::NewUuid()));
}

TEST_F(NoticeRepositoryTest, HigherRevisionReplacesLowerOrEqualIsIgnored) {
  Notice n = MakeNotice("停电通知");
  n.revision = 2;
  Add(n);
  Notice older = n;
  older.revision = 1;
  older.title = "旧标题";
  Add(older);
  EXPECT_EQ(repo_->Get(n.id)->title, "停电通知");
  Notice same = n;
  same.title = "同版本不同标题";
  Add(same);
  EXPECT_EQ(repo_->Get(n.id)->title, "停电通知");
  Notice newer = n;
  newer.revision = 3;
  newer.title = "停电通知（更新）";
  Add(newer);
  EXPECT_EQ(repo_->Get(n.id)->title, "停电通知（更新）");
  EXPECT_EQ(repo_->Get(n.id)->revision, 3);
  EXPECT_EQ(repo_->Count(), 1);
}

TEST_F(NoticeRepositoryTest, RemoveDeletesAndUnknownIdIsNotAnError) {
  Notice n = Add(MakeNotice("消防检查"));
  EXPECT_TRUE(repo_->Remove(n.id));
  EXPECT_FALSE(repo_->Get(n.id));
  EXPECT_TRUE(repo_->Remove(protocol::NewUuid()));
  EXPECT_EQ(repo_->Count(), 0);
}

TEST_F(NoticeRepositoryTest, InvalidNoticeIsRejectedByTheSchema) {
  Notice n = MakeNotice("x");
  n.expires_at = n.published_at - 1;  // violates expires_at > published_at
  EXPECT_FALSE(repo_->Upsert(n).ok());
  EXPECT_EQ(repo_->Count(), 0);
}

TEST_F(NoticeRepositoryTest, ListLiveIsInBoardOrder) {
  Notice normal_old = MakeNotice("普通旧", kNow - 500);
  Notice normal_new = MakeNotice("普通新", kNow - 100);
  Notice important = MakeNotice("重要", kNow - 900);
  important.priority = Priority::Important;
  Notice urgent = MakeNotice("紧急", kNow - 1000);
  urgent.priority = Priority::Urgent;
  Notice pinned_normal = MakeNotice("置顶普通", kNow - 2000);
  pinned_normal.pinned = true;
  Notice pinned_urgent = MakeNotice("置顶紧急", kNow - 3000);
  pinned_urgent.pinned = true;
  pinned_urgent.priority = Priority::Urgent;
  for (const Notice& n : {normal_old, normal_new, important, urgent, pinned_normal, pinned_urgent}) Add(n);
  EXPECT_EQ(Titles(repo_->ListLive(kNow)),
            (std::vector<std::string>{"置顶紧急", "置顶普通", "紧急", "重要", "普通新", "普通旧"}));
  auto urgent_list = repo_->ListUrgent(kNow);
  EXPECT_EQ(Titles(urgent_list), (std::vector<std::string>{"紧急", "置顶紧急"}));
}

TEST_F(NoticeRepositoryTest, CategoryFilterAndCategoriesInUse) {
  Notice a = MakeNotice("停车新规");
  a.category = "parking";
  Notice b = MakeNotice("停水");
  b.category = "water_power";
  Notice c = MakeNotice("自定义分类");
  c.category = "zzz_custom";
  Notice expired = MakeNotice("过期安全检查", kNow - 7200);
  expired.category = "safety";
  expired.expires_at = kNow - 10;
  for (const Notice& n : {a, b, c, expired}) Add(n);
  EXPECT_EQ(Titles(repo_->ListLive(kNow, std::string("parking"))), std::vector<std::string>{"停车新规"});
  EXPECT_TRUE(repo_->ListLive(kNow, std::string("safety")).empty());
  EXPECT_EQ(repo_->CategoriesInUse(kNow), (std::vector<std::string>{"water_power", "parking", "zzz_custom"}));
}

TEST_F(NoticeRepositoryTest, ExpiryAndScheduledPublicationHideWithoutDeleting) {
  Notice expiring = MakeNotice("即将过期", kNow - 100);
  expiring.expires_at = kNow + 60;
  Notice scheduled = MakeNotice("预定发布", kNow + 30);
  Add(expiring);
  Add(scheduled);
  EXPECT_EQ(Titles(repo_->ListLive(kNow)), std::vector<std::string>{"即将过期"});
  EXPECT_EQ(Titles(repo_->ListLive(kNow + 30)), (std::vector<std::string>{"预定发布", "即将过期"}));
  EXPECT_EQ(Titles(repo_->ListLive(kNow + 60)), std::vector<std::string>{"预定发布"});
  EXPECT_EQ(repo_->Count(), 2);  // hidden, not deleted
  EXPECT_TRUE(repo_->Get(expiring.id));
}

TEST_F(NoticeRepositoryTest, NextTimeBoundaryIsTheNearestPublicationOrExpiry) {
  EXPECT_FALSE(repo_->NextTimeBoundary(kNow));
  Notice expiring = MakeNotice("即将过期", kNow - 100);
  expiring.expires_at = kNow + 600;
  Add(expiring);
  EXPECT_EQ(repo_->NextTimeBoundary(kNow), kNow + 600);
  Add(MakeNotice("预定发布", kNow + 300));
  EXPECT_EQ(repo_->NextTimeBoundary(kNow), kNow + 300);
  EXPECT_EQ(repo_->NextTimeBoundary(kNow + 300), kNow + 600);
  EXPECT_FALSE(repo_->NextTimeBoundary(kNow + 600));
}

TEST_F(NoticeRepositoryTest, SearchFindsOneTwoAndThreePlusCharacterChineseSubstrings) {
  Notice water = MakeNotice("3号楼周六停水");
  water.body = "因管道检修，周六上午八点至十二点停水。";
  Notice parking = MakeNotice("停车管理新规");
  parking.body = "地下车库将实行夜间限时停车。";
  Add(water);
  Add(parking);
  EXPECT_EQ(Titles(repo_->Search("停水", kNow)), std::vector<std::string>{"3号楼周六停水"});
  EXPECT_EQ(Titles(repo_->Search("水", kNow)), std::vector<std::string>{"3号楼周六停水"});
  EXPECT_EQ(repo_->Search("停", kNow).size(), 2u);
  EXPECT_EQ(Titles(repo_->Search("周六停水", kNow)), std::vector<std::string>{"3号楼周六停水"});
  EXPECT_EQ(Titles(repo_->Search("管道检修", kNow)), std::vector<std::string>{"3号楼周六停水"});  // body only
  EXPECT_EQ(Titles(repo_->Search("夜间限时", kNow)), std::vector<std::string>{"停车管理新规"});
  EXPECT_EQ(Titles(repo_->Search("  3号楼 ", kNow)), std::vector<std::string>{"3号楼周六停水"});
  EXPECT_TRUE(repo_->Search("停电", kNow).empty());
  EXPECT_TRUE(repo_->Search("", kNow).empty());
  EXPECT_TRUE(repo_->Search("\"OR*", kNow).empty());  // FTS syntax is taken literally, not an error
}

TEST_F(NoticeRepositoryTest, SearchFollowsUpdatesRemovalAndExpiry) {
  Notice n = MakeNotice("周六停水通知");
  n.expires_at = kNow + 100;
  Add(n);
  ASSERT_EQ(repo_->Search("周六停水", kNow).size(), 1u);
  Notice edited = n;
  edited.revision = 2;
  edited.title = "周日停电通知";
  edited.body = "改为周日停电。";
  Add(edited);
  EXPECT_TRUE(repo_->Search("周六停水", kNow).empty());
  EXPECT_TRUE(repo_->Search("停水", kNow).empty());
  EXPECT_EQ(repo_->Search("周日停电", kNow).size(), 1u);
  EXPECT_TRUE(repo_->Search("周日停电", kNow + 100).empty());  // expired: not live, not found
  ASSERT_TRUE(repo_->Remove(n.id));
  EXPECT_TRUE(repo_->Search("周日停电", kNow).empty());
  EXPECT_TRUE(repo_->Search("停电", kNow).empty());
  // The external-content index agrees with its table (FTS5 integrity-check).
  EXPECT_TRUE(db_->Exec("INSERT INTO notices_fts(notices_fts, rank) VALUES('integrity-check', 1)"));
}

TEST_F(NoticeRepositoryTest, SearchIgnoresAsciiCaseForShortAndLongQueries) {
  Add(MakeNotice("小区WiFi维护"));
  EXPECT_EQ(repo_->Search("wi", kNow).size(), 1u);
  EXPECT_EQ(repo_->Search("WIFI", kNow).size(), 1u);
  EXPECT_EQ(repo_->Search("i维", kNow).size(), 1u);
  EXPECT_TRUE(repo_->Search("wx", kNow).empty());
}

TEST_F(NoticeRepositoryTest, SearchRespectsLimit) {
  for (int i = 0; i < 20; ++i) Add(MakeNotice("停水通知" + std::to_string(i), kNow - i));
  EXPECT_EQ(repo_->Search("停水通知", kNow, 5).size(), 5u);
  EXPECT_EQ(repo_->Search("停水", kNow, 7).size(), 7u);
}

TEST_F(NoticeRepositoryTest, ListLiveUsesTheBoardIndex) {
  // A full sort of 10,000 rows at every start would miss the startup budget; the plan must walk an index.
  Statement st = db_->Cached(
      "EXPLAIN QUERY PLAN SELECT n.id FROM notices n WHERE n.published_at <= ?1 AND (n.expires_at IS NULL OR "
      "n.expires_at > ?1) ORDER BY n.pinned DESC, n.priority DESC, n.published_at DESC, n.id");
  std::string plan;
  while (st.Step() == 100 /* SQLITE_ROW */) plan += st.Text(3) + "\n";
  EXPECT_NE(plan.find("notices_board"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace
}  // namespace ck::store

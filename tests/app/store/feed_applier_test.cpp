// FeedApplier: pages apply in order, atomically with the cursor, idempotently; failures apply nothing.
#include "app/store/feed_applier.h"

#include <gtest/gtest.h>

#include "tests/app/store/store_fixture.h"

namespace ck::store {
namespace {

using protocol::FeedChange;
using protocol::FeedPage;
using protocol::Notice;
using testing::kNow;
using testing::MakeNotice;

FeedChange Upsert(std::int64_t seq, const Notice& n) {
  return FeedChange{seq, FeedChange::Type::NoticeUpsert, n.id, n, std::nullopt};
}
FeedChange Tombstone(std::int64_t seq, const std::string& id) {
  return FeedChange{seq, FeedChange::Type::NoticeTombstone, id, std::nullopt, std::nullopt};
}
FeedPage Page(std::vector<FeedChange> changes, std::string next, bool more = false) {
  return FeedPage{std::move(changes), std::move(next), more};
}

class FeedApplierTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    applier_ = std::make_unique<FeedApplier>(std::move(db_));
  }
  void TearDown() override {
    applier_.reset();
    StoreTest::TearDown();
  }
  void Reopen() {
    applier_.reset();
    applier_ = std::make_unique<FeedApplier>(OpenOrDie());
  }
  NoticeRepository Notices() { return NoticeRepository(applier_->database()); }
  std::unique_ptr<FeedApplier> applier_;
};

TEST_F(FeedApplierTest, NeverSyncedStartsAtTheInitialCursor) {
  EXPECT_EQ(applier_->Cursor(), protocol::kInitialCursor);
  EXPECT_EQ(applier_->ETag(), "");
}

TEST_F(FeedApplierTest, AppliesChangesInOrderWithTheCursor) {
  Notice n = MakeNotice("停水");
  Notice n2 = n;
  n2.revision = 2;
  n2.title = "停水（延期）";
  Notice other = MakeNotice("停电");
  ASSERT_TRUE(applier_->Apply(
      Page({Upsert(1, n), Upsert(2, other), Upsert(3, n2), Tombstone(4, other.id)}, "4"), "\"e4\""));
  EXPECT_EQ(applier_->Cursor(), "4");
  EXPECT_EQ(applier_->ETag(), "\"e4\"");
  EXPECT_EQ(Notices().Count(), 1);
  EXPECT_EQ(Notices().Get(n.id)->title, "停水（延期）");
  // A tombstone followed by a re-publication of the same id in a later change restores it.
  ASSERT_TRUE(applier_->Apply(Page({Tombstone(5, n.id), Upsert(6, n2)}, "6"), ""));
  EXPECT_TRUE(Notices().Get(n.id));
}

TEST_F(FeedApplierTest, ReapplyingThePageChangesNothing) {
  Notice a = MakeNotice("甲"), b = MakeNotice("乙");
  FeedPage page = Page({Upsert(1, a), Upsert(2, b), Tombstone(3, a.id)}, "3");
  ASSERT_TRUE(applier_->Apply(page, ""));
  std::int64_t counter = applier_->database().ChangeCounter();
  auto before = Notices().ListLive(kNow);
  ASSERT_TRUE(applier_->Apply(page, ""));
  auto after = Notices().ListLive(kNow);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, b.id);
  EXPECT_EQ(before.size(), after.size());
  EXPECT_GE(applier_->database().ChangeCounter(), counter);
  EXPECT_EQ(Notices().Get(b.id)->revision, 1);
}

TEST_F(FeedApplierTest, LowerRevisionIsIgnored) {
  Notice n = MakeNotice("新");
  n.revision = 5;
  Notice stale = n;
  stale.revision = 4;
  stale.title = "旧";
  ASSERT_TRUE(applier_->Apply(Page({Upsert(1, n)}, "1"), ""));
  ASSERT_TRUE(applier_->Apply(Page({Upsert(2, stale)}, "2"), ""));
  EXPECT_EQ(Notices().Get(n.id)->title, "新");
  EXPECT_EQ(applier_->Cursor(), "2");
}

TEST_F(FeedApplierTest, UnknownChangeTypesAreSkipped) {
  Notice n = MakeNotice("活动");
  FeedChange unknown{2, FeedChange::Type::Unknown, "", std::nullopt, std::nullopt};
  ASSERT_TRUE(applier_->Apply(Page({Upsert(1, n), unknown}, "2"), ""));
  EXPECT_EQ(Notices().Count(), 1);
  EXPECT_EQ(applier_->Cursor(), "2");
}

TEST_F(FeedApplierTest, CursorAndNoticesSurviveCloseAndReopen) {
  Notice n = MakeNotice("留存");
  ASSERT_TRUE(applier_->Apply(Page({Upsert(7, n)}, "7"), "\"e7\""));
  Reopen();
  EXPECT_EQ(applier_->Cursor(), "7");
  EXPECT_EQ(applier_->ETag(), "\"e7\"");
  EXPECT_TRUE(Notices().Get(n.id));
}

TEST_F(FeedApplierTest, AFailingChangeAppliesNothingOfThePage) {
  Notice good = MakeNotice("好的");
  ASSERT_TRUE(applier_->Apply(Page({Upsert(1, good)}, "1"), "\"e1\""));
  Notice fine = MakeNotice("本页第一条");
  Notice broken = MakeNotice("违反约束");
  broken.expires_at = broken.published_at - 1;  // the schema's CHECK rejects it
  auto s = applier_->Apply(Page({Upsert(2, fine), Tombstone(3, good.id), Upsert(4, broken)}, "4"), "\"e4\"");
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(s.error().empty());
  EXPECT_FALSE(Notices().Get(fine.id));
  EXPECT_TRUE(Notices().Get(good.id));
  EXPECT_EQ(applier_->Cursor(), "1");
  EXPECT_EQ(applier_->ETag(), "\"e1\"");
}

TEST_F(FeedApplierTest, ABusyDatabaseAppliesNothing) {
  // Another connection holds the write lock past busy_timeout's reach: the page must fail whole.
  auto other = KioskDatabase::Open(file_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Exec("BEGIN EXCLUSIVE"));
  ASSERT_TRUE(applier_->database().Exec("PRAGMA busy_timeout = 50"));
  Notice n = MakeNotice("锁住");
  EXPECT_FALSE(applier_->Apply(Page({Upsert(1, n)}, "1"), "").ok());
  ASSERT_TRUE((*other)->Exec("ROLLBACK"));
  EXPECT_FALSE(Notices().Get(n.id));
  EXPECT_EQ(applier_->Cursor(), protocol::kInitialCursor);
}

TEST_F(FeedApplierTest, RecordAttemptKeepsSuccessAndError) {
  applier_->RecordAttempt(kNow, "");
  applier_->RecordAttempt(kNow + 30, "cannot reach hub");
  SyncStatus s = SyncStateRepository(applier_->database()).Status();
  EXPECT_EQ(s.last_success_at, kNow);
  EXPECT_EQ(s.last_attempt_at, kNow + 30);
  EXPECT_EQ(s.last_error, "cannot reach hub");
}

TEST_F(FeedApplierTest, OpenFeedSinkMakesAWorkingSink) {
  applier_.reset();
  auto sink = OpenFeedSink(file_);
  ASSERT_TRUE(sink.ok()) << sink.error();
  Notice n = MakeNotice("工厂");
  ASSERT_TRUE((*sink)->Apply(Page({Upsert(1, n)}, "1"), ""));
  EXPECT_EQ((*sink)->Cursor(), "1");
  EXPECT_FALSE(OpenFeedSink("/proc/no-such-dir/kiosk.db").ok());
}

}  // namespace
}  // namespace ck::store

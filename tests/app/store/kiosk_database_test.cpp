// KioskDatabase: creation, migrations on a fresh and a re-opened file, WAL, change counter.
#include "app/store/kiosk_database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "app/store/migrations.h"
#include "app/store/notice_repository.h"
#include "tests/app/store/store_fixture.h"

namespace ck::store {
namespace {

using testing::MakeNotice;
using testing::StoreTest;

std::string QueryText(KioskDatabase& db, std::string_view sql) {
  Statement st = db.Cached(sql);
  return st.Step() == SQLITE_ROW ? st.Text(0) : "";
}

TEST_F(StoreTest, FreshFileIsMigratedToTheLatestSchemaInWalMode) {
  ASSERT_TRUE(db_);
  EXPECT_EQ(db_->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(QueryText(*db_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(*db_, "SELECT count(*) FROM schema_migrations"), std::to_string(LatestSchemaVersion()));
  EXPECT_TRUE(std::filesystem::exists(file_));
}

TEST_F(StoreTest, ReopeningKeepsDataAndDoesNotMigrateAgain) {
  NoticeRepository(*db_).Upsert(MakeNotice("三号楼停水通知"));
  db_.reset();
  db_ = OpenOrDie();
  ASSERT_TRUE(db_);
  EXPECT_EQ(db_->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(QueryText(*db_, "SELECT count(*) FROM schema_migrations"), std::to_string(LatestSchemaVersion()));
  EXPECT_EQ(NoticeRepository(*db_).Count(), 1);
}

TEST_F(StoreTest, RefusesADatabaseFromANewerKiosk) {
  ASSERT_TRUE(db_->Exec("PRAGMA user_version = 999"));
  db_.reset();
  auto reopened = KioskDatabase::Open(file_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.error().find("newer"), std::string::npos) << reopened.error();
}

TEST_F(StoreTest, ChangeCounterSeesOwnAndOtherConnectionsCommits) {
  auto other = OpenOrDie();
  ASSERT_TRUE(other);
  std::int64_t before_self = db_->ChangeCounter();
  std::int64_t before_other = other->ChangeCounter();
  ASSERT_TRUE(NoticeRepository(*db_).Upsert(MakeNotice("通知一")));
  EXPECT_GT(db_->ChangeCounter(), before_self);
  EXPECT_GT(other->ChangeCounter(), before_other);
  std::int64_t settled = db_->ChangeCounter();
  EXPECT_EQ(db_->ChangeCounter(), settled);  // reading does not move it
}

TEST_F(StoreTest, CachedStatementThatFailsToPrepareIsReportedNotThrown) {
  Statement st = db_->Cached("SELECT nonsense FROM no_such_table");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.Step(), SQLITE_ROW);
}

TEST(KioskDatabaseOpen, UnwritablePlaceIsAnError) {
  auto db = KioskDatabase::Open("/proc/no-such-dir/kiosk.db");
  EXPECT_FALSE(db.ok());
  EXPECT_FALSE(db.error().empty());
}

}  // namespace
}  // namespace ck::store

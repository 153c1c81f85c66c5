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

// A database the old build left (schema 2) is migrated when it holds no old ticket code, and refused with a
// clear message, untouched, when it does.
TEST(KioskMigration3Test, OldTicketCodesAreRefusedAndAnEmptyOldDatabaseMigrates) {
  for (bool with_old_ticket : {false, true}) {
    const std::string file = (std::filesystem::temp_directory_path() /
                              ("ck_migration3_" + std::to_string(with_old_ticket) + ".db"))
                                 .string();
    std::filesystem::remove(file);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
    std::string sql;
    for (const Migration& m : KioskMigrations())
      if (m.version <= 2) sql += std::string(m.sql);
    sql += "PRAGMA user_version = 2;";
    if (with_old_ticket)
      sql +=
          "INSERT INTO feedback(request_uuid, ticket_code, original_ticket_code, kind, service_code, "
          "service_name, address_string, description, submitted_at) VALUES "
          "('5b2c3e0a-1111-4222-8333-444455556666', '2222-223Y', '2222-223Y', 'complaint', 'sanitation', "
          "'环境卫生', '3号楼', '漏水', 1);";
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    Status migrated = Migrate(raw);
    if (with_old_ticket) {
      ASSERT_FALSE(migrated.ok());
      EXPECT_NE(migrated.error().find("old, guessable ticket codes"), std::string::npos) << migrated.error();
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT count(*) FROM feedback", -1, &st, nullptr), SQLITE_OK);
      ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
      EXPECT_EQ(sqlite3_column_int(st, 0), 1);  // nothing lost
      sqlite3_finalize(st);
    } else {
      EXPECT_TRUE(migrated.ok()) << migrated.error();
      EXPECT_NE(sqlite3_exec(raw, "SELECT 1 FROM ticket_sequence", nullptr, nullptr, nullptr), SQLITE_OK);
    }
    sqlite3_close(raw);
    std::filesystem::remove(file);
  }
}

}  // namespace
}  // namespace ck::store

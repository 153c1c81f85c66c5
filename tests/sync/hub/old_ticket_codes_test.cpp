// Hub migration 3: a database made before ticket codes became capabilities is refused, untouched, with a
// message that says what to do; one without old tickets migrates.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/hub/store/sqlite_migrations.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

// A database made by the old code (its tickets carry "2222-223Y"-style codes) is refused with a clear
// message and left untouched; one without tickets is migrated.
TEST(OldTicketCodeDatabaseTest, IsRefusedWithAClearMessageAndAnEmptyOneMigrates) {
  testing::TempDir dir;
  const std::string path = dir.File("old.db");
  {
    // A schema-2 database, as the old build left it.
    auto conn = sqlite::Connection::Open(path);
    ASSERT_TRUE(conn.ok()) << conn.error();
    ASSERT_TRUE(sqlite::MigrateUpTo(**conn, 2).ok());
  }
  // One old-coded request in it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* old_request =
      "INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, device_id, "
      "requested_at, updated_at, status, agency_responsible, status_notes, revision, answer) VALUES "
      "('5b2c3e0a-1111-4222-8333-444455556666', '2222-223Y', 'sanitation', 'complaint', '3号楼', '漏水', '', "
      "'', 1, 1, 'submitted', '', '', 1, '{}');";
  ASSERT_EQ(sqlite3_exec(db, old_request, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  auto refused = SqliteHubRepository::Open(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("old, guessable scheme"), std::string::npos) << refused.error();
  EXPECT_NE(refused.error().find("2222-223Y"), std::string::npos) << refused.error();
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);  // untouched
  sqlite3_finalize(st);
  // Without old tickets the same file migrates.
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM requests", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(SqliteHubRepository::Open(path).ok());
}

}  // namespace
}  // namespace ck::hub

// The lookup throttle: a budget of unknown lookups per client that refills over time, keyed by IPv4 address
// or IPv6 /64, with bounded memory; and a hub database of the old ticket-code scheme is refused.
#include "sync/hub/api/lookup_throttle.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "sync/hub/store/sqlite_hub_repository.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
  LookupThrottle::Clock fn() {
    return [this] { return now; };
  }
};

TEST(LookupThrottleTest, AClientGetsItsBurstThenOneMorePerRefill) {
  FakeClock clock;
  LookupThrottle t(10, 600s, clock.fn());
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(t.RetryAfter("203.0.113.7")) << i;
    t.RecordUnknown("203.0.113.7");
  }
  auto wait = t.RetryAfter("203.0.113.7");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 600);
  // Another client is not affected.
  EXPECT_FALSE(t.RetryAfter("203.0.113.8"));
  clock.now += 599s;
  EXPECT_EQ(t.RetryAfter("203.0.113.7"), 1);
  clock.now += 1s;
  EXPECT_FALSE(t.RetryAfter("203.0.113.7"));  // one more
  t.RecordUnknown("203.0.113.7");
  EXPECT_TRUE(t.RetryAfter("203.0.113.7"));
  // A long pause gives back the whole burst, no more.
  clock.now += 24h;
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(t.RetryAfter("203.0.113.7")) << i;
    t.RecordUnknown("203.0.113.7");
  }
  EXPECT_TRUE(t.RetryAfter("203.0.113.7"));
}

TEST(LookupThrottleTest, TwoMistypesCostNothingNoticeable) {
  FakeClock clock;
  LookupThrottle t(kLookupBurst, kLookupRefill, clock.fn());
  t.RecordUnknown("198.51.100.1");
  t.RecordUnknown("198.51.100.1");
  EXPECT_FALSE(t.RetryAfter("198.51.100.1"));
}

TEST(LookupThrottleTest, IPv6ClientsAreCountedPerSlash64) {
  EXPECT_EQ(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:0DB8:0001:0002:ffff:1:2:3"));
  EXPECT_NE(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:db8:1:3::1"));
  EXPECT_EQ(ThrottleKey("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleKey("fe80::1%eth0"), ThrottleKey("fe80::2"));
  EXPECT_EQ(ThrottleKey("::1"), "0:0:0:0::/64");
  FakeClock clock;
  LookupThrottle t(3, 600s, clock.fn());
  // An attacker rotating through the addresses of one /64 shares one budget.
  for (int i = 0; i < 3; ++i) t.RecordUnknown("2001:db8:1:2::" + std::to_string(i + 1));
  EXPECT_TRUE(t.RetryAfter("2001:db8:1:2::abcd"));
  EXPECT_FALSE(t.RetryAfter("2001:db8:1:3::1"));
}

TEST(LookupThrottleTest, MemoryStaysBoundedAndExhaustedClientsAreKept) {
  FakeClock clock;
  LookupThrottle t(2, 600s, clock.fn());
  t.RecordUnknown("192.0.2.200");
  t.RecordUnknown("192.0.2.200");
  for (std::size_t i = 0; i < kMaxTrackedClients + 5000; ++i) {
    if (i % 1000 == 0) clock.now += 1s;
    t.RecordUnknown("10." + std::to_string(i >> 16 & 255) + "." + std::to_string(i >> 8 & 255) + "." +
                    std::to_string(i & 255));
    t.RecordUnknown("192.0.2.200");  // the attacker keeps trying: its bucket stays recent and empty
  }
  EXPECT_LE(t.tracked_clients(), kMaxTrackedClients);
  EXPECT_TRUE(t.RetryAfter("192.0.2.200"));
}

// A database made by the old code (its tickets carry "2222-223Y"-style codes) is refused with a clear
// message and left untouched; one without tickets is migrated.
TEST(OldTicketCodeDatabaseTest, IsRefusedWithAClearMessageAndAnEmptyOneMigrates) {
  testing::TempDir dir;
  const std::string path = dir.File("old.db");
  ASSERT_TRUE(SqliteHubRepository::Open(path).ok());
  // Turn it back into a schema-2 database, as the old build left it, with one old-coded request.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* to_v2 =
      "DROP INDEX ratings_one_per_round; ALTER TABLE ratings DROP COLUMN round;"
      "CREATE TABLE ticket_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);"
      "INSERT INTO ticket_sequence VALUES (1, 0);"
      "INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, device_id, "
      "requested_at, updated_at, status, agency_responsible, status_notes, revision, answer) VALUES "
      "('5b2c3e0a-1111-4222-8333-444455556666', '2222-223Y', 'sanitation', 'complaint', '3号楼', '漏水', '', "
      "'', 1, 1, 'submitted', '', '', 1, '{}');"
      "PRAGMA user_version = 2;";
  ASSERT_EQ(sqlite3_exec(db, to_v2, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
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

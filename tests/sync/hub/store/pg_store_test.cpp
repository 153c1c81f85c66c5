// What only the PostgreSQL store has to show: its migrations under concurrent starts, its refusal of a
// newer schema, its connection errors, and the plans of the reads a kiosk, a resident or a clerk makes
// (each from an index at 20,000 requests, not a walk of the table).
#include <gtest/gtest.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "sync/hub/store/pg_connection.h"
#include "sync/hub/store/pg_hub_repository.h"
#include "sync/hub/store/pg_hub_rows.h"
#include "sync/hub/store/pg_migrations.h"
#include "sync/hub/store/pg_request_rows.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace ck::hub {
namespace {

using testing::PgTestCluster;

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    PgTestCluster* cluster = PgTestCluster::Get(&why);
    if (!cluster) {
      if (PgTestCluster::Required()) FAIL() << why;
      GTEST_SKIP() << why;
    }
    auto db = cluster->CreateDatabase();
    ASSERT_TRUE(db.ok()) << db.error();
    conninfo_ = *db;
  }
  std::unique_ptr<pg::Connection> Connect() {
    auto c = pg::Connection::Open(conninfo_);
    EXPECT_TRUE(c.ok()) << c.error();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  std::string conninfo_;
};

TEST_F(PgStoreTest, FourProcessesStartingOnANewDatabaseMigrateItOnce) {
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < errors.size(); ++i)
    threads.emplace_back([&, i] {
      auto r = PgHubRepository::Open(conninfo_);
      if (!r) errors[i] = r.error();
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  auto c = Connect();
  ASSERT_TRUE(c);
  pg::Rows v = c->Exec("SELECT version FROM ck_schema_version");
  ASSERT_TRUE(v.ok()) << v.error();
  std::int64_t newest = 1;
  while (pg::MigrationSql(newest + 1) != nullptr) ++newest;
  EXPECT_EQ(v.Int(0, 0), newest);
  pg::Rows services = c->Exec("SELECT COUNT(*) FROM services");
  EXPECT_EQ(services.Int(0, 0), 8);  // seeded once
}

TEST_F(PgStoreTest, ANewerSchemaIsRefused) {
  ASSERT_TRUE(PgHubRepository::Open(conninfo_).ok());
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Exec("UPDATE ck_schema_version SET version = 99").ok());
  auto newer = PgHubRepository::Open(conninfo_);
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().find("newer"), std::string::npos) << newer.error();
}

TEST_F(PgStoreTest, ADatabaseThatBelongsToSomethingElseIsRefusedUntouched) {
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->ExecScript("CREATE TABLE invoices (id INTEGER PRIMARY KEY)").ok());
  auto r = PgHubRepository::Open(conninfo_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("not a community-hub database"), std::string::npos) << r.error();
  EXPECT_TRUE(c->Exec("SELECT to_regclass('notices') IS NULL").Bool(0, 0));  // nothing of ours was made
}

TEST_F(PgStoreTest, AnUnreachableServerIsAnErrorNotACrash) {
  auto r = PgHubRepository::Open("host=/nonexistent-ck-socket-dir dbname=x connect_timeout=2");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("cannot connect"), std::string::npos) << r.error();
}

TEST_F(PgStoreTest, AFailedStatementInsideATransactionIsReportedAndRolledBack) {
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->ExecScript("CREATE TABLE t (x INTEGER PRIMARY KEY)").ok());
  pg::Rows bad;
  auto tx = pg::Transact(*c, [&] {
    c->Exec("INSERT INTO t VALUES (1)");
    bad = c->Exec("INSERT INTO t VALUES (1)");
    return true;  // a careless body: the transaction is aborted anyway
  });
  EXPECT_FALSE(tx.ok());
  EXPECT_EQ(bad.sqlstate(), pg::kUniqueViolation);
  EXPECT_EQ(c->Exec("SELECT COUNT(*) FROM t").Int(0, 0), 0);
  // Text with quotes and NUL-free binary-ish bytes goes through parameters untouched.
  ASSERT_TRUE(c->ExecScript("CREATE TABLE s (v TEXT)").ok());
  const std::string tricky = "'; DROP TABLE t; -- \"引号\" \\ 𠮷";
  ASSERT_TRUE(c->Exec("INSERT INTO s VALUES ($1)", pg::Params().Add(tricky)).ok());
  EXPECT_EQ(c->Exec("SELECT v FROM s").Text(0, 0), tricky);
}

// ---- Plans ------------------------------------------------------------------------------------------------

class PgPlanTest : public PgStoreTest {
 protected:
  void SetUp() override {
    PgStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(PgHubRepository::Open(conninfo_).ok());
    db_ = Connect();
    ASSERT_TRUE(db_);
    // 20,000 requests from 20 kiosks over ~14 days, every status and owner, with their filing events.
    // ANALYZE gives the planner the table's real size, as autovacuum would on a live hub.
    auto seeded = db_->ExecScript(R"sql(
INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, device_id,
  requested_at, updated_at, status, agency, agency_responsible, status_notes, revision, answer, due_at,
  supervised_at, flagged)
SELECT 'req-' || g, 'T' || lpad(g::text, 14, '0'), (ARRAY['sanitation','noise','repairs','parking'])[1 + g % 4],
  'complaint', (g % 40) || '号楼', '楼道 ' || md5(g::text), '138' || lpad(g::text, 8, '0'), 'kiosk-' || (g % 20),
  1795651200 + g * 60, 1795651200 + g * 60,
  (ARRAY['submitted','assigned','accepted','resolved','closed'])[1 + g % 5],
  (ARRAY[NULL, 'property_company', 'residents_committee'])[1 + g % 3], '', '', 1, '{}',
  1795651200 + g * 60 + 72 * 3600, CASE WHEN g % 97 = 0 THEN 1795651200 END, g % 89 = 0
FROM generate_series(1, 20000) AS g;
INSERT INTO request_events (request_id, n, at, status, note, kind)
SELECT 'req-' || g, 1, 1795651200 + g * 60, 'submitted', '', 'filed' FROM generate_series(1, 20000) AS g;
ANALYZE;
)sql");
    ASSERT_TRUE(seeded.ok()) << seeded.error();
  }
  std::string Plan(const pg_rows::Statement& st) {
    pg::Rows r = db_->Exec("EXPLAIN " + st.sql, st.params);
    EXPECT_TRUE(r.ok()) << r.error() << "\n" << st.sql;
    std::string plan;
    for (int i = 0; i < r.size(); ++i) plan += r.Text(i, 0) + "\n";
    return plan;
  }
  // From an index, never a walk of the whole requests table.
  void ExpectIndexed(const pg_rows::Statement& st) {
    std::string plan = Plan(st);
    EXPECT_EQ(plan.find("Seq Scan on requests"), std::string::npos) << plan;
    EXPECT_NE(plan.find("Index"), std::string::npos) << plan;
  }
  std::unique_ptr<pg::Connection> db_;
};

TEST_F(PgPlanTest, AKiosksStatusPollOf50IdsUsesThePrimaryKey) {
  RequestQuery q;
  for (int i = 0; i < 50; ++i) q.ids.push_back("req-" + std::to_string(1 + i * 397));
  std::string plan = Plan(pg_rows::RequestQueryStatement(q));
  EXPECT_NE(plan.find("requests_pkey"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Seq Scan on requests"), std::string::npos) << plan;
}

TEST_F(PgPlanTest, ALookupByCodeUsesTheCodesUniqueIndex) {
  std::string plan = Plan(pg_rows::TicketLookupStatement("T00000000012345"));
  EXPECT_NE(plan.find("requests_ticket_code_key"), std::string::npos) << plan;
  RequestQuery q;
  q.ticket_code = "T00000000012345";
  plan = Plan(pg_rows::RequestQueryStatement(q));
  EXPECT_NE(plan.find("requests_ticket_code_key"), std::string::npos) << plan;
}

TEST_F(PgPlanTest, TheOperatorAndOpen311ListsWalkTheFilingTimeIndex) {
  RequestQuery all;  // the operator's list: the newest 1,000
  ExpectIndexed(pg_rows::RequestQueryStatement(all));
  RequestQuery open;
  open.open311_closed = false;
  ExpectIndexed(pg_rows::RequestQueryStatement(open));
  RequestQuery since;
  since.requested_from = 1795651200 + 19000 * 60;
  ExpectIndexed(pg_rows::RequestQueryStatement(since));
}

// Each list's first page comes from an index in the list's order, not from a sort of every matching request
// (without pg migration 3 the operator list sorted all of them: 330 ms at 100,000 tickets). Ordering the
// ties of one filing time by id as they stream by (an incremental sort) is fine.
TEST_F(PgPlanTest, EachListsFirstPageComesInOrderFromAnIndexWithoutASort) {
  RequestQuery operator_list;
  operator_list.flagged_first = true;
  RequestQuery newest;
  RequestQuery open;
  open.open311_closed = false;
  RequestQuery open_recent = open;
  open_recent.requested_from = 1795651200 + 10000 * 60;
  RequestQuery closed;
  closed.open311_closed = true;
  for (const RequestQuery* q : {&operator_list, &newest, &open, &open_recent, &closed}) {
    std::string plan = Plan(pg_rows::RequestQueryStatement(*q));
    EXPECT_EQ(plan.find("->  Sort "), std::string::npos) << plan;
    EXPECT_NE(plan.rfind("Sort ", 0), 0u) << plan;
    EXPECT_EQ(plan.find("Seq Scan on requests"), std::string::npos) << plan;
  }
}

TEST_F(PgPlanTest, TheConsoleQueuesUseTheirIndexes) {
  WorkOrderQuery party;
  party.party = protocol::Agency::ResidentsCommittee;
  ExpectIndexed(pg_rows::WorkOrderPageStatement(party));
  WorkOrderQuery everyone;
  ExpectIndexed(pg_rows::WorkOrderPageStatement(everyone));
  WorkOrderQuery overdue;
  overdue.overdue_only = true;
  overdue.most_late_first = true;
  overdue.now = 1795651200 + 5 * 86400;
  ExpectIndexed(pg_rows::WorkOrderPageStatement(overdue));
  WorkOrderQuery supervised;
  supervised.supervised_only = true;
  ExpectIndexed(pg_rows::WorkOrderPageStatement(supervised));
  WorkOrderQuery by_phone;
  by_phone.phone_tail = "1234";
  by_phone.party = protocol::Agency::PropertyCompany;
  ExpectIndexed(pg_rows::WorkOrderPageStatement(by_phone));
  WorkOrderQuery by_code;
  by_code.ticket_code = "T00000000012345";
  ExpectIndexed(pg_rows::WorkOrderPageStatement(by_code));
}

// A queue's page far down is found in the queue's index alone (an index-only scan skips the rows before it)
// and only its own tickets are read from the table, by id. Without pg migration 4 (the queue indexes hold
// the ids) and the ids-first page statement, PostgreSQL read the whole row of every ticket the OFFSET skips:
// page 300 of a party's queue at 100,000 tickets, p95 99 ms (8.5 ms with them). Vacuumed first, as autovacuum
// keeps a live hub: an index-only scan needs the table's pages marked all-visible.
TEST_F(PgPlanTest, AQueuePageFarDownSkipsItsOffsetInTheIndexAlone) {
  // The test server commits asynchronously: until its WAL writer has written the seed's commit out, VACUUM
  // cannot mark the seed's pages all-visible. So VACUUM again until it has (a fraction of a second).
  bool all_visible = false;
  for (int i = 0; i < 100 && !all_visible; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(db_->ExecScript("VACUUM ANALYZE requests").ok());
    all_visible =
        db_->Exec("SELECT relallvisible = relpages FROM pg_class WHERE relname = 'requests'").Bool(0, 0);
  }
  ASSERT_TRUE(all_visible);
  WorkOrderQuery party;
  party.party = protocol::Agency::PropertyCompany;
  party.offset = 5000;
  WorkOrderQuery everyone;
  everyone.offset = 15000;
  for (const WorkOrderQuery* q : {&party, &everyone}) {
    std::string plan = Plan(pg_rows::WorkOrderPageStatement(*q));
    EXPECT_NE(plan.find("Index Only Scan"), std::string::npos) << plan;
    EXPECT_NE(plan.find("requests_pkey"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("Seq Scan on requests"), std::string::npos) << plan;
  }
}

TEST_F(PgPlanTest, TextSearchUsesTheTrigramIndex) {
  WorkOrderQuery q;
  q.text = "c4ca4238a0b9";  // a piece of md5('1'): one request among 20,000
  std::string plan = Plan(pg_rows::WorkOrderPageStatement(q));
  EXPECT_NE(plan.find("requests_text"), std::string::npos) << plan;
}

// Every kiosk's poll: the next page of the feed after its cursor, from the seq index however long the
// history (20,000 notices and 2,000 activities here, the kiosk near the end).
TEST_F(PgPlanTest, AKiosksFeedPollReadsTheSeqIndex) {
  auto seeded = db_->ExecScript(R"sql(
INSERT INTO notices (id, seq, revision, publisher, category, priority, pinned, title, body, published_at,
  audience)
SELECT 'n-' || g, g, 1, 'property_company', 'general', 'normal', false, 'title ' || g, 'body', 1795651200, ''
FROM generate_series(1, 20000) AS g;
INSERT INTO activities (id, seq, revision, title, place, start_at, duration, feed_body, created_by, created_at,
  updated_at)
SELECT 'a-' || g, 20000 + g, 1, 'activity ' || g, '广场', 1795651200, 3600, '{}', 'test', 1795651200, 1795651200
FROM generate_series(1, 2000) AS g;
ANALYZE notices;
ANALYZE activities;
)sql");
  ASSERT_TRUE(seeded.ok()) << seeded.error();
  pg_rows::Statement notices{pg_rows::kFeedNoticesSql, pg::Params().Add(std::int64_t{19950}).Add(101)};
  std::string plan = Plan(notices);
  EXPECT_NE(plan.find("notices_seq_key"), std::string::npos) << plan;
  pg_rows::Statement activities{pg_rows::kFeedActivitiesSql, pg::Params().Add(std::int64_t{21950}).Add(101)};
  plan = Plan(activities);
  EXPECT_NE(plan.find("activities_seq_key"), std::string::npos) << plan;
}

// ---- The test cluster itself ------------------------------------------------------------------------------

// The child half of the next test: starts the cluster, says where, and dies the way a crashed test does
// (SIGKILL: no destructor, no atexit).
TEST(PgTestClusterChild, StartsAndIsKilled) {
  if (!std::getenv("CK_PG_CRASH_CHILD")) GTEST_SKIP() << "only run by PgTestClusterTest";
  std::string why;
  PgTestCluster* cluster = PgTestCluster::Get(&why);
  ASSERT_TRUE(cluster) << why;
  std::printf("conninfo=%s\n", cluster->Conninfo("postgres").c_str());
  std::fflush(stdout);
  raise(SIGKILL);
}

// A test process that crashes leaves no server and no directory behind: its watchdog cleans up.
TEST(PgTestClusterTest, ACrashedTestLeavesNoServerBehind) {
  std::string why;
  if (!PgTestCluster::Get(&why)) {
    if (PgTestCluster::Required()) FAIL() << why;
    GTEST_SKIP() << why;
  }
  std::string command = "CK_PG_CRASH_CHILD=1 /proc/" + std::to_string(getpid()) +
                        "/exe --gtest_filter=PgTestClusterChild.StartsAndIsKilled 2>&1";
  FILE* child = popen(command.c_str(), "r");
  ASSERT_NE(child, nullptr);
  std::string output;
  char buf[512];
  while (fgets(buf, sizeof buf, child)) output += buf;
  pclose(child);
  auto at = output.find("conninfo=host=");
  ASSERT_NE(at, std::string::npos) << output;
  std::string dir = output.substr(at + 14, output.find(' ', at + 14) - (at + 14));
  ASSERT_EQ(dir.rfind("/tmp/ck-pg-", 0), 0u) << dir;
  // The watchdog stops the server (immediate) and removes the directory, socket and data with it.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::filesystem::exists(dir) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(std::filesystem::exists(dir)) << dir << " is still there";
  std::string pids;
  // "[/]tmp": the pattern must not match the shell running pgrep.
  FILE* ps = popen(("pgrep -f -- '-k [/]" + dir.substr(1) + "' 2>/dev/null").c_str(), "r");
  if (ps) {
    while (fgets(buf, sizeof buf, ps)) pids += buf;
    pclose(ps);
  }
  EXPECT_EQ(pids, "") << "a postgres of the crashed test is still running";
}

}  // namespace
}  // namespace ck::hub

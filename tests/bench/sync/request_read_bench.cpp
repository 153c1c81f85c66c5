// Figures for DESIGN.md's "kiosk status poll (50 ids) or lookup by code … < 2 ms, flat as the table grows"
// (issue 18): the reads QueryRequests answers, at each table size given, measured on the repository call
// (what the store costs) and as GETs of /requests.json on loopback to the in-process hub (server time plus
// loopback). The database is filled with SQL in one transaction (the intake is measured elsewhere), as
// served: no ANALYZE. Then the same reads on PostgreSQL (a throwaway server, as the tests start one), the
// file copied there by `community-hub migrate`'s copy and ANALYZEd (autovacuum would do that after a bulk
// load). Prints p50/p95; never asserts.
//
//   ck_request_read_bench [TICKETS ...]     default: 100000 1000000; CK_BENCH_NO_PG=1 skips PostgreSQL
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "sync/hub/api/http_server.h"
#include "sync/hub/api/request_query.h"
#include "sync/hub/store/pg_connection.h"
#include "sync/hub/store/pg_hub_repository.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/store/sqlite_to_pg.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace ck;
using namespace ck::hub;

constexpr int kRuns = 300;
constexpr protocol::UnixSeconds kYear = 365 * 86400;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "fill: %s\n", err ? err : "?");
    std::exit(1);
  }
}

// `tickets` requests over the last year with two history events each, spread the way a busy district's
// year looks (most resolved or closed, a tenth of those re-opened), in one transaction. For speed the
// migrations' indexes on requests are dropped during the fill and made again after it (the same SQL, read
// from the schema), and the text search index (not read here) is left empty.
void Fill(const std::string& path, int tickets, protocol::UnixSeconds now) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  Exec(db, "PRAGMA cache_size = -1000000");  // 1 GB: the fill's pages stay in memory until its commit
  // Indexes and triggers on requests: type, name, CREATE statement.
  std::vector<std::tuple<std::string, std::string, std::string>> schema;
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') "
                       "AND tbl_name = 'requests' AND sql IS NOT NULL",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      schema.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                          reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                          reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
  }
  Exec(db, "BEGIN");
  for (const auto& [type, name, sql] : schema) Exec(db, "DROP " + type + " " + name);
  Exec(
      db,
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(tickets) +
          ") INSERT INTO requests (id, ticket_code, service_code, kind, address, description, phone, "
          "device_id, "
          "requested_at, updated_at, status, agency, agency_responsible, status_notes, expected_at, rating, "
          "flagged, revision, answer, channel, due_at) SELECT "
          "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || "
          "'-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), "
          "printf('B%014d', i), (SELECT code FROM services WHERE sort_order = 1 + i % 8), 'complaint', "
          "(i % 40 + 1) || '号楼', '楼道堆放杂物，影响通行（第 ' || i || ' 件）', '138' || (10000000 + i), "
          "'kiosk-' || (i % 20), " +
          std::to_string(now) + " - abs(random()) % " + std::to_string(kYear) +
          ", 0, CASE WHEN abs(random()) % 10 < 8 THEN 'resolved' ELSE 'assigned' END, 'property_company', "
          "'承办人', '已处理', NULL, NULL, 0, 1, '{}', 'kiosk', 0 FROM n");
  Exec(db,
       "UPDATE requests SET updated_at = requested_at, due_at = requested_at + 259200;"
       "UPDATE requests SET status = 'closed' WHERE status = 'resolved' AND abs(random()) % 3 = 0;"
       "UPDATE requests SET status = 'reopened', flagged = 1 WHERE status = 'resolved' AND abs(random()) % "
       "10 = 0;"
       "INSERT INTO request_events (request_id, n, at, status, agency, note, kind) "
       "  SELECT id, 1, requested_at, 'submitted', NULL, '', 'filed' FROM requests;"
       "INSERT INTO request_events (request_id, n, at, status, agency, note, kind) "
       "  SELECT id, 2, requested_at + 3600, status, 'property_company', '已处理', 'status' FROM requests;");
  for (const auto& [type, name, sql] : schema) Exec(db, sql);
  Exec(db, "COMMIT");
  sqlite3_close(db);
}

// `count` random (id, code) pairs of stored requests; their codes are replaced by real ones (the fill's are
// placeholders that the API would refuse as mistyped).
std::vector<std::pair<std::string, std::string>> Sample(const std::string& path, int count) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, ticket_code FROM requests ORDER BY random() LIMIT ?1", -1, &st, nullptr);
  sqlite3_bind_int(st, 1, count);
  std::vector<std::pair<std::string, std::string>> out;
  while (sqlite3_step(st) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  sqlite3_finalize(st);
  Exec(db, "BEGIN");
  sqlite3_prepare_v2(db, "UPDATE requests SET ticket_code = ?2 WHERE id = ?1", -1, &st, nullptr);
  for (auto& [id, code] : out) {
    code = *protocol::DrawTicketCode(1 + static_cast<std::uint32_t>(code.back() - '0'));
    sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, code.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) std::exit(1);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  Exec(db, "COMMIT");
  sqlite3_close(db);
  return out;
}

// Runs `read` kRuns times (after a few unmeasured), `read(i)` returning the rows it got.
void Measure(const char* label, const std::function<std::size_t(int)>& read) {
  for (int i = 0; i < 10; ++i) read(i);
  std::vector<double> ms;
  std::size_t rows = 0;
  for (int i = 0; i < kRuns; ++i) {
    auto t0 = Clock::now();
    rows = read(i);
    ms.push_back(Ms(Clock::now() - t0));
  }
  std::printf("  %-42s p50 %8.3f ms  p95 %8.3f ms  (%zu rows)\n", label, Percentile(ms, 0.5),
              Percentile(ms, 0.95), rows);
}

std::size_t Query(HubRepository& repo, const RequestQuery& q) {
  auto rows = repo.QueryRequests(q);
  if (!rows) {
    std::fprintf(stderr, "query: %s\n", rows.error().c_str());
    std::exit(1);
  }
  return rows->size();
}

// The repository reads (the kiosk's poll and lookup, the two lists) on one store.
void MeasureReads(HubRepository& repo, const std::vector<std::pair<std::string, std::string>>& sample,
                  protocol::UnixSeconds now) {
  std::mt19937 rng(7);
  Measure("kiosk status poll, 50 ids", [&](int) {
    RequestQuery q;
    for (int k = 0; k < 50; ++k) q.ids.push_back(sample[rng() % sample.size()].first);
    q.limit = kMaxRequestsPerAnswer;
    return Query(repo, q);
  });
  Measure("lookup by ticket code", [&](int i) {
    RequestQuery q;
    q.ticket_code = sample[static_cast<std::size_t>(i) % sample.size()].second;
    q.limit = kMaxRequestsPerAnswer;
    return Query(repo, q);
  });
  Measure("operator list, first 1000", [&](int) {
    RequestQuery q;
    q.flagged_first = true;
    return Query(repo, q);
  });
  Measure("Open311 open list (90 days, first 1000)", [&](int) {
    RequestQuery q;
    q.open311_closed = false;
    q.requested_from = now - kDefaultWindow;
    q.limit = kMaxRequestsPerAnswer;
    return Query(repo, q);
  });
}

// The file's hub copied to a new database on the bench's PostgreSQL server, and the same reads there.
void BenchPostgres(const std::string& path, const std::vector<std::pair<std::string, std::string>>& sample,
                   protocol::UnixSeconds now) {
  std::string why;
  auto* cluster = ck::hub::testing::PgTestCluster::Get(&why);
  if (!cluster) {
    std::printf(" PostgreSQL: skipped (%s)\n", why.c_str());
    return;
  }
  auto db = cluster->CreateDatabase();
  if (!db) {
    std::printf(" PostgreSQL: %s\n", db.error().c_str());
    return;
  }
  auto t0 = Clock::now();
  auto copied = CopySqliteHubToPostgres(path, *db);
  if (!copied) {
    std::printf(" PostgreSQL: copy failed: %s\n", copied.error().c_str());
    return;
  }
  auto conn = pg::Connection::Open(*db);
  if (conn) (*conn)->ExecScript("ANALYZE");
  std::printf(" PostgreSQL 15 repository (QueryRequests; copied in %.1f s, ANALYZEd):\n", Ms(Clock::now() - t0) / 1000);
  auto repo = PgHubRepository::Open(*db);
  if (!repo) {
    std::printf(" PostgreSQL: %s\n", repo.error().c_str());
    return;
  }
  MeasureReads(**repo, sample, now);
}

void Bench(int tickets) {
  auto dir = std::filesystem::temp_directory_path() / ("ck-read-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "hub.db").string();
  auto repo = std::move(SqliteHubRepository::Open(path)).value();
  const protocol::UnixSeconds now = protocol::NowUtc();
  auto t0 = Clock::now();
  Fill(path, tickets, now);
  std::printf("%d tickets (filled in %.1f s)\n", tickets, Ms(Clock::now() - t0) / 1000);
  const auto sample = Sample(path, 5000);
  std::mt19937 rng(7);
  auto poll_ids = [&] {
    std::vector<std::string> ids;
    for (int k = 0; k < 50; ++k) ids.push_back(sample[rng() % sample.size()].first);
    return ids;
  };

  std::printf(" SQLite repository (QueryRequests):\n");
  MeasureReads(*repo, sample, now);

  // The same reads as a kiosk makes them, over HTTP.
  const std::string token = NewBearerSecret();
  KioskRecord kiosk;
  kiosk.device_id = protocol::NewUuid();
  kiosk.name = "bench";
  kiosk.token_hash = HashSecret(token);
  kiosk.created_at = now;
  if (!repo->AddKiosk(kiosk).ok()) std::exit(1);
  HubHttpServer server(*repo);
  int port = *server.Bind("127.0.0.1", 0);
  std::thread serving([&] { server.Listen(); });
  while (!server.IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  httplib::Client c("127.0.0.1", port);
  c.set_keep_alive(true);
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto get = [&](const std::string& target) -> std::size_t {
    auto r = c.Get(target, auth);
    if (!r || r->status != 200) {
      std::fprintf(stderr, "GET %s: %d\n", target.c_str(), r ? r->status : 0);
      std::exit(1);
    }
    return r->body.size();
  };
  std::printf(" GET /requests.json on loopback (bytes, not rows):\n");
  Measure("kiosk status poll, 50 ids", [&](int) {
    std::string ids;
    for (const auto& id : poll_ids()) ids += (ids.empty() ? "" : ",") + id;
    return get("/requests.json?service_request_id=" + ids);
  });
  Measure("lookup by ticket code", [&](int i) {
    return get("/requests.json?ticket_code=" + sample[static_cast<std::size_t>(i) % sample.size()].second);
  });
  Measure("Open311 open list (90 days, first 1000)", [&](int) { return get("/requests.json?status=open"); });
  server.Stop();
  serving.join();
  repo.reset();
  const char* no_pg = std::getenv("CK_BENCH_NO_PG");
  if (!no_pg || std::string(no_pg) != "1") BenchPostgres(path, sample, now);
  if (std::getenv("CK_BENCH_KEEP_DB"))
    std::printf("kept %s\n", path.c_str());  // for EXPLAIN QUERY PLAN by hand
  else
    std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {100000, 1000000};
  for (int n : sizes) Bench(n);
  return 0;
}

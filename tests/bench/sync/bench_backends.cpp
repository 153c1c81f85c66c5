// The SQLite file and its PostgreSQL copy that the console benches compare (bench_backends.h).
#include "tests/bench/sync/bench_backends.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "sync/hub/store/pg_connection.h"
#include "sync/hub/store/sqlite_to_pg.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace ck::hub::bench {

std::vector<Backend> BackendsFor(const std::string& sqlite_path) {
  std::vector<Backend> out = {{"SQLite", sqlite_path}};
  const char* no_pg = std::getenv("CK_BENCH_NO_PG");
  if (no_pg && std::string(no_pg) == "1") return out;
  Result<std::string> uri = Result<std::string>::Fail("");
  if (const char* given = std::getenv("CK_BENCH_PG_URI")) {
    uri = Result<std::string>::Ok(given);  // an empty database on a server that outlives the bench
  } else {
    std::string why;
    auto* cluster = testing::PgTestCluster::Get(&why);
    if (!cluster) {
      std::printf("PostgreSQL: skipped (%s)\n", why.c_str());
      return out;
    }
    uri = cluster->CreateDatabaseUri();
    if (!uri) {
      std::printf("PostgreSQL: %s\n", uri.error().c_str());
      return out;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  auto copied = CopySqliteHubToPostgres(sqlite_path, *uri);
  if (!copied) {
    std::printf("PostgreSQL: copy failed: %s\n", copied.error().c_str());
    return out;
  }
  // Autovacuum does both after a bulk load, within a minute or so: measured before it, a count or a page
  // would read every row of the table (no page is marked all-visible yet) or meet autovacuum half-way.
  // The bench's server commits asynchronously: until its WAL writer has written the copy's commit out,
  // VACUUM cannot mark the copied pages all-visible. So VACUUM again until it has.
  auto conn = pg::Connection::Open(*uri);
  if (!conn) {
    std::printf("PostgreSQL: %s\n", conn.error().c_str());
    return out;
  }
  bool all_visible = false;
  for (int i = 0; i < 30 && !all_visible; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (auto s = (*conn)->ExecScript("VACUUM ANALYZE"); !s) {
      std::printf("PostgreSQL: cannot VACUUM ANALYZE the copy: %s\n", s.error().c_str());
      return out;
    }
    pg::Rows r = (*conn)->Exec("SELECT relallvisible = relpages FROM pg_class WHERE relname = 'requests'");
    all_visible = r.ok() && r.size() == 1 && r.Bool(0, 0);
  }
  if (!all_visible) std::printf("PostgreSQL: not every page of requests is all-visible after VACUUM\n");
  std::printf("PostgreSQL 15: the file copied by migrate's copy and VACUUM ANALYZEd in %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  out.push_back({"PostgreSQL", *uri});
  return out;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void PrintSideBySide(const std::vector<Backend>& backends, const std::vector<Row>& rows) {
  std::printf("%-56s", "");
  for (const auto& b : backends) std::printf(" %-10s p50 ms   p95 ms", b.name.c_str());
  std::printf("  %8s\n", "KiB");
  for (const auto& row : rows) {
    // Pad by characters shown, not bytes: the labels hold Chinese (three UTF-8 bytes, two columns each).
    int shown = 0;
    for (unsigned char ch : row.label)
      if ((ch & 0xC0) != 0x80) shown += ch >= 0xE0 ? 2 : 1;
    std::printf("%s%*s", row.label.c_str(), std::max(0, 56 - shown), "");
    for (const auto& f : row.figures) std::printf(" %10s %6.2f %8.2f", "", f.p50, f.p95);
    std::printf("  %8.1f\n", row.figures.empty() ? 0.0 : static_cast<double>(row.figures[0].bytes) / 1024.0);
  }
}

}  // namespace ck::hub::bench

// The stores a console bench measures with the same data: the SQLite file it filled and, unless
// CK_BENCH_NO_PG=1, a copy of that file on a throwaway PostgreSQL server; and the table that prints their
// figures side by side.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ck::hub::bench {

struct Backend {
  std::string name;  // "SQLite", "PostgreSQL"
  std::string db;    // what open_store.h opens: the file's path or a postgresql:// URI
};

// The filled file, then its copy on PostgreSQL: `community-hub migrate`'s copy into a new database of the
// bench's server (tests/sync/hub/pg_test_cluster.h), then VACUUM ANALYZE, as autovacuum would after a bulk
// load.
// The file must not be open for writing while it is copied. A PostgreSQL that cannot run here is left out
// with the reason printed. CK_BENCH_PG_URI=postgresql://… copies into that (empty) database instead, on a
// server that outlives the bench, for EXPLAIN ANALYZE by hand.
std::vector<Backend> BackendsFor(const std::string& sqlite_path);

double Percentile(std::vector<double> v, double p);

struct Figure {
  double p50 = 0, p95 = 0;
  std::size_t bytes = 0;  // of the last answer
};

struct Row {
  std::string label;
  std::vector<Figure> figures;  // one per backend, in BackendsFor's order
};

// One line per row: each backend's p50 and p95 in ms, then the answer's size (the same on every backend).
void PrintSideBySide(const std::vector<Backend>& backends, const std::vector<Row>& rows);

}  // namespace ck::hub::bench

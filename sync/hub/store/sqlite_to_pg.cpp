// CopySqliteHubToPostgres (sqlite_to_pg.h). The copy is driven by the two catalogues, not a list kept by
// hand: the tables and columns both schemas have (less PostgreSQL's generated columns), in foreign-key order.
#include "sync/hub/store/sqlite_to_pg.h"

#include <algorithm>
#include <map>
#include <set>

#include "sync/hub/store/open_store.h"
#include "sync/hub/store/pg_connection.h"
#include "sync/hub/store/pg_migrations.h"
#include "sync/hub/store/sqlite_hub_file.h"
#include "sync/hub/store/sqlite_migrations.h"

namespace ck::hub {

namespace {

using pg::Params;
using pg::Rows;

// Rows per INSERT: fewer round trips, far below PostgreSQL's 65,535 parameters for any of the hub's tables.
constexpr int kRowsPerInsert = 200;
// A target holding any of these rows already serves a hub: migrating into it would mix two communities.
constexpr const char* kDataTables[] = {"kiosks", "notices", "requests", "staff", "activities", "audit_log"};

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

// The columns a table has in the SQLite file, hidden (generated) ones left out.
Result<std::vector<std::string>> SqliteColumns(sqlite::Connection& db, const std::string& table) {
  using R = Result<std::vector<std::string>>;
  sqlite3_stmt* raw = db.Prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0");
  if (!raw) return R::Fail(db.ErrorMessage());
  sqlite::Statement st(raw);
  st.Bind(1, table);
  std::vector<std::string> out;
  while (st.Step() == SQLITE_ROW) out.push_back(st.Text(0));
  return R::Ok(std::move(out));
}

// table → the columns PostgreSQL lets us write (not generated), for the tables of the current schema.
Result<std::map<std::string, std::set<std::string>>> PgColumns(pg::Connection& db) {
  using R = Result<std::map<std::string, std::set<std::string>>>;
  Rows r = db.Exec(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND is_generated = 'NEVER'");
  if (!r.ok()) return R::Fail(r.error());
  std::map<std::string, std::set<std::string>> out;
  for (int i = 0; i < r.size(); ++i) out[r.Text(i, 0)].insert(r.Text(i, 1));
  return R::Ok(std::move(out));
}

// `tables` ordered so that a table comes after every table its foreign keys name.
Result<std::vector<std::string>> InForeignKeyOrder(pg::Connection& db, std::vector<std::string> tables) {
  using R = Result<std::vector<std::string>>;
  Rows r = db.Exec(
      "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
      "JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()");
  if (!r.ok()) return R::Fail(r.error());
  std::map<std::string, std::set<std::string>> needs;
  for (int i = 0; i < r.size(); ++i)
    if (r.Text(i, 0) != r.Text(i, 1)) needs[r.Text(i, 0)].insert(r.Text(i, 1));
  std::vector<std::string> out;
  std::set<std::string> placed;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const std::string& t) {
      return std::all_of(needs[t].begin(), needs[t].end(), [&](const std::string& n) {
        return placed.count(n) || std::find(tables.begin(), tables.end(), n) == tables.end();
      });
    });
    if (ready == tables.end()) return R::Fail("the foreign keys between the hub's tables form a cycle");
    out.push_back(*ready);
    placed.insert(*ready);
    tables.erase(ready);
  }
  return R::Ok(std::move(out));
}

// Copies one table's rows (already known to fit PostgreSQL's columns); returns how many.
Result<std::int64_t> CopyTable(sqlite::Connection& from, pg::Connection& to, const std::string& table,
                               const std::vector<std::string>& columns) {
  using R = Result<std::int64_t>;
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + Quoted(c);
  sqlite3_stmt* raw = from.Prepare("SELECT " + list + " FROM " + Quoted(table));
  if (!raw) return R::Fail(table + ": " + from.ErrorMessage());
  sqlite::Statement st(raw);
  const int n = static_cast<int>(columns.size());
  std::int64_t copied = 0;
  Params batch;
  int in_batch = 0;
  auto flush = [&]() -> Status {
    if (in_batch == 0) return OkStatus();
    std::string sql = "INSERT INTO " + Quoted(table) + " (" + list + ") VALUES ";
    for (int row = 0, p = 1; row < in_batch; ++row) {
      sql += row ? ", (" : "(";
      for (int c = 0; c < n; ++c, ++p) sql += (c ? ", $" : "$") + std::to_string(p);
      sql += ")";
    }
    Rows r = to.Exec(sql, batch);
    if (!r.ok()) return Status::Fail(table + ": " + r.error());
    batch = Params();
    in_batch = 0;
    return OkStatus();
  };
  int rc = SQLITE_ROW;
  while ((rc = st.Step()) == SQLITE_ROW) {
    for (int c = 0; c < n; ++c) batch.AddOpt(st.OptText(c));
    ++copied;
    if (++in_batch == kRowsPerInsert)
      if (auto s = flush(); !s) return R::Fail(s.error());
  }
  if (rc != SQLITE_DONE) return R::Fail(table + ": " + from.ErrorMessage());
  if (auto s = flush(); !s) return R::Fail(s.error());
  return R::Ok(copied);
}

Result<std::int64_t> PgCount(pg::Connection& db, const std::string& table) {
  Rows r = db.Exec("SELECT count(*) FROM " + Quoted(table));
  if (!r.ok()) return Result<std::int64_t>::Fail(r.error());
  return Result<std::int64_t>::Ok(r.Int(0, 0));
}

}  // namespace

Result<std::vector<CopiedTable>> CopySqliteHubToPostgres(const std::string& from, const std::string& to) {
  using R = Result<std::vector<CopiedTable>>;
  auto file = sqlite::OpenHubFile(from, sqlite::HubFileMode::kExisting);
  if (!file) return R::Fail(file.error());
  sqlite::Connection& src = **file;
  if (auto s = sqlite::Migrate(src); !s) return R::Fail(from + ": " + s.error());
  auto conn = pg::Connection::Open(to);
  if (!conn) return R::Fail(RedactedDb(to) + ": " + conn.error());
  pg::Connection& dst = **conn;
  if (auto s = pg::Migrate(dst); !s) return R::Fail(RedactedDb(to) + ": " + s.error());

  // One snapshot of the file, however long the copy takes (a hub still serving may write meanwhile).
  sqlite::Transaction snapshot(src, false);
  if (!snapshot.begun()) return R::Fail(from + ": " + src.ErrorMessage());

  auto pg_columns = PgColumns(dst);
  if (!pg_columns) return R::Fail(pg_columns.error());
  std::vector<std::string> shared;
  {
    sqlite3_stmt* raw =
        src.Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    if (!raw) return R::Fail(src.ErrorMessage());
    sqlite::Statement st(raw);
    while (st.Step() == SQLITE_ROW)
      if (pg_columns->count(st.Text(0))) shared.push_back(st.Text(0));
  }
  auto order = InForeignKeyOrder(dst, shared);
  if (!order) return R::Fail(order.error());

  std::vector<CopiedTable> report;
  std::string failure;
  auto tx = pg::Transact(dst, [&] {
    report.clear();
    for (const char* t : kDataTables) {
      auto n = PgCount(dst, t);
      if (!n) return failure = n.error(), false;
      if (*n > 0) {
        failure = RedactedDb(to) + " already holds a hub (" + std::to_string(*n) + " rows in " + t +
                  "): migrate only into an empty database";
        return false;
      }
    }
    // What the new schema's migrations seeded (the feed counter, default settings) gives way to the file's.
    for (auto t = order->rbegin(); t != order->rend(); ++t)
      if (Rows r = dst.Exec("DELETE FROM " + Quoted(*t)); !r.ok()) return failure = r.error(), false;
    for (const std::string& table : *order) {
      auto columns = SqliteColumns(src, table);
      if (!columns) return failure = columns.error(), false;
      const auto& writable = pg_columns->at(table);
      std::vector<std::string> copy;
      for (const auto& c : *columns)
        if (writable.count(c)) copy.push_back(c);
      auto copied = CopyTable(src, dst, table, copy);
      if (!copied) return failure = copied.error(), false;
      auto landed = PgCount(dst, table);
      if (!landed) return failure = landed.error(), false;
      if (*landed != *copied) {
        failure = table + ": " + std::to_string(*copied) + " rows read, " + std::to_string(*landed) + " in PostgreSQL";
        return false;
      }
      report.push_back({table, *copied});
    }
    // Identity columns go on from the largest id copied, so the next row never takes an old one's.
    Rows ids = dst.Exec(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND is_identity = 'YES'");
    if (!ids.ok()) return failure = ids.error(), false;
    for (int i = 0; i < ids.size(); ++i) {
      const std::string t = Quoted(ids.Text(i, 0)), c = Quoted(ids.Text(i, 1));
      Rows r = dst.Exec("SELECT setval(pg_get_serial_sequence($1, $2), max(" + c + ")) FROM " + t + " HAVING max(" +
                            c + ") IS NOT NULL",
                        Params().Add(ids.Text(i, 0)).Add(ids.Text(i, 1)));
      if (!r.ok()) return failure = r.error(), false;
    }
    return true;
  });
  if (!tx) return R::Fail(tx.error());
  if (!failure.empty()) return R::Fail(failure);
  // Freshly copied tables have no statistics and no page marked all-visible: until autovacuum came by, the
  // planner would guess and a party's count would read the whole table. Do now what it would do later; the
  // copy is committed, so a refusal here changes nothing but how soon (autovacuum still comes).
  for (const std::string& t : *order) dst.Exec("VACUUM (ANALYZE) " + Quoted(t));
  return R::Ok(std::move(report));
}

}  // namespace ck::hub

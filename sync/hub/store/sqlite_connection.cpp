// SQLite connection, statement cache and transaction guard used by SqliteHubRepository.
#include "sync/hub/store/sqlite_connection.h"

#include <utility>

namespace ck::hub::sqlite {

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}

void Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void Statement::BindOpt(int index, const std::optional<std::int64_t>& value) {
  if (value)
    Bind(index, *value);
  else
    BindNull(index);
}

void Statement::BindOpt(int index, const std::optional<std::string>& text) {
  if (text)
    Bind(index, std::string_view(*text));
  else
    BindNull(index);
}

void Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
}

int Statement::Step() {
  return sqlite3_step(stmt_);
}

std::int64_t Statement::Int(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

double Statement::Real(int col) const {
  return sqlite3_column_double(stmt_, col);
}

std::optional<std::int64_t> Statement::OptInt(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

std::optional<std::string> Statement::OptText(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return Text(col);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Result<std::unique_ptr<Connection>>::Fail("cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  // A CLI command and a running server share the file: wait for the other's lock rather than fail.
  sqlite3_busy_timeout(db, 10000);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    if (auto s = conn->Exec(pragma); !s) {
      return Result<std::unique_ptr<Connection>>::Fail("cannot open database " + path + ": " + s.error());
    }
  }
  return Result<std::unique_ptr<Connection>>::Ok(std::move(conn));
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

sqlite3_stmt* Connection::Prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK)
    return nullptr;
  cache_.emplace(std::string(sql), stmt);
  return stmt;
}

Status Connection::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : ErrorMessage();
    sqlite3_free(err);
    return Status::Fail(msg);
  }
  return OkStatus();
}

std::string Connection::ErrorMessage() const {
  return sqlite3_errmsg(db_);
}

std::int64_t Connection::Changes() const {
  return sqlite3_changes64(db_);
}

Transaction::Transaction(Connection& db, bool immediate) : db_(db) {
  begun_ = db_.Exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN").ok();
}

Transaction::~Transaction() {
  if (begun_ && !done_) db_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  if (!begun_) return Status::Fail("transaction did not start: " + db_.ErrorMessage());
  auto s = db_.Exec("COMMIT");
  if (s) done_ = true;
  return s;
}

}  // namespace ck::hub::sqlite

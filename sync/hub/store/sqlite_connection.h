// A thin RAII layer over one SQLite connection: cached prepared statements and transactions, nothing more.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sync/protocol/result.h"

namespace ck::hub::sqlite {

// A cached statement, reset and unbound when the Statement goes out of scope so the next user starts clean.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind by 1-based index.
  void Bind(int index, std::int64_t value);
  void Bind(int index, std::string_view text);
  // NULL when empty.
  void BindOpt(int index, const std::optional<std::int64_t>& value);
  void BindOpt(int index, const std::optional<std::string>& text);
  void BindNull(int index);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step();

  std::int64_t Int(int col) const;
  double Real(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if needed) with WAL, a busy timeout and foreign keys on.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Returns nullptr (and sets error()) if the SQL does not compile; statements are compiled once.
  sqlite3_stmt* Prepare(std::string_view sql);
  Status Exec(const char* sql);  // for fixed SQL without parameters (pragmas, DDL, BEGIN/COMMIT)
  std::string ErrorMessage() const;
  std::int64_t Changes() const;
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// Rolls back unless Commit() succeeded: an early return can never leave a transaction open.
class Transaction {
 public:
  // immediate: take the write lock now (writers), so a busy database waits at BEGIN, not mid-way.
  Transaction(Connection& db, bool immediate);
  ~Transaction();
  bool begun() const { return begun_; }
  Status Commit();

 private:
  Connection& db_;
  bool begun_ = false;
  bool done_ = false;
};

}  // namespace ck::hub::sqlite

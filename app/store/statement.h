// Statement: a borrowed, cached prepared statement that is reset and unbound when it goes out of scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace ck::store {

// Statements are prepared once per connection (KioskDatabase::Cached) and reused; this guard makes sure
// a statement is always reset, so a half-read SELECT can never hold a read transaction open.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // False when preparing failed; every other call is then a no-op that reports SQLITE_ERROR.
  bool ok() const { return stmt_ != nullptr; }

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);
  Statement& BindNull(int index);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step();
  // Runs a statement that returns no rows; true on SQLITE_DONE.
  bool Run() { return Step() == 101 /* SQLITE_DONE */; }

  // Columns are 0-based.
  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace ck::store

// A thin RAII layer over one libpq connection: text parameters, result rows, and transactions that are
// run again when PostgreSQL reports a serialization failure or a deadlock.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/result.h"

namespace ck::hub::pg {

// Parameters in text form ($1, $2, … in the order added); nullopt is SQL NULL.
class Params {
 public:
  Params& Add(std::int64_t v);
  Params& Add(int v) { return Add(static_cast<std::int64_t>(v)); }  // not bool
  Params& Add(std::string_view text);
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  Params& Add(bool v);
  Params& AddOpt(const std::optional<std::int64_t>& v);
  Params& AddOpt(const std::optional<std::string>& text);
  Params& AddNull();
  const std::vector<std::optional<std::string>>& values() const { return values_; }
  // A text that is not UTF-8 (SQLite would take the bytes; PostgreSQL refuses them).
  bool has_invalid_text() const { return invalid_text_; }

 private:
  std::vector<std::optional<std::string>> values_;
  bool invalid_text_ = false;
};

// One statement's outcome. Owns its PGresult; on failure holds the SQLSTATE and message instead of rows.
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* res);
  // A failure found before anything was sent.
  static Rows Refused(std::string sqlstate, std::string error);
  Rows(Rows&&) noexcept;
  Rows& operator=(Rows&&) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  ~Rows();

  bool ok() const { return ok_; }
  const std::string& sqlstate() const { return sqlstate_; }  // "" when ok
  const std::string& error() const { return error_; }
  // The statement could not match any stored row: a parameter was not UTF-8, and everything stored is.
  // A lookup answers "none" rather than fail (a hostile path must not become a 500).
  bool matches_nothing() const;
  int size() const;
  std::int64_t affected() const;  // rows an INSERT/UPDATE/DELETE touched

  bool IsNull(int row, int col) const;
  std::string Text(int row, int col) const;
  std::optional<std::string> OptText(int row, int col) const;
  std::int64_t Int(int row, int col) const;  // NULL reads as 0
  std::optional<std::int64_t> OptInt(int row, int col) const;
  bool Bool(int row, int col) const;  // 't' / 'f'
  std::optional<bool> OptBool(int row, int col) const;

 private:
  PGresult* res_ = nullptr;
  bool ok_ = false;
  std::string sqlstate_;
  std::string error_;
};

// SQLSTATEs the store tells apart.
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlockDetected = "40P01";
inline constexpr std::string_view kInvalidText = "22021";  // character_not_in_repertoire

class Connection {
 public:
  // `conninfo`: a libpq connection string or URI (postgresql://…). Fails with libpq's reason.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // One statement with parameters (extended protocol, so no SQL injection through values).
  Rows Exec(std::string_view sql, const Params& params = {});
  // Several statements without parameters (DDL scripts, BEGIN/COMMIT).
  Status ExecScript(const std::string& sql);

  // Set when a statement failed with 40001 or 40P01 since the last Transact attempt began: the whole
  // transaction must be run again, whatever its body made of the failure.
  bool must_retry() const { return must_retry_; }
  void ClearRetry() { must_retry_ = false; }
  PGconn* handle() { return conn_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  bool must_retry_ = false;
};

// Runs body between BEGIN and COMMIT (READ COMMITTED; REPEATABLE READ READ ONLY when read_only, so every
// statement sees one snapshot). body returns true to commit, false to roll back (a refusal it keeps in its
// own result). On a serialization failure or a deadlock anywhere in the attempt the transaction is rolled
// back and body runs again, a few times with a short pause. Fails only when BEGIN or COMMIT fail, or the
// retries run out.
Status Transact(Connection& db, const std::function<bool()>& body, bool read_only = false);

// How many transaction attempts this process has run again (deadlocks, serialization failures) since it
// started. The store's lock order should keep it at zero: a count that grows is worth a look.
std::int64_t RetriedTransactions();

}  // namespace ck::hub::pg

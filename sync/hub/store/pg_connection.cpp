// libpq connection, result rows and the retrying transaction used by the PostgreSQL store.
#include "sync/hub/store/pg_connection.h"

#include "sync/protocol/utf8.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>
#include <utility>

namespace ck::hub::pg {

// ---- Params -----------------------------------------------------------------------------------------------

Params& Params::Add(std::int64_t v) {
  values_.emplace_back(std::to_string(v));
  return *this;
}

Params& Params::Add(std::string_view text) {
  if (!protocol::IsValidUtf8(text)) invalid_text_ = true;
  values_.emplace_back(std::string(text));
  return *this;
}

Params& Params::Add(bool v) {
  values_.emplace_back(v ? "t" : "f");
  return *this;
}

Params& Params::AddOpt(const std::optional<std::int64_t>& v) {
  return v ? Add(*v) : AddNull();
}

Params& Params::AddOpt(const std::optional<std::string>& text) {
  return text ? Add(std::string_view(*text)) : AddNull();
}

Params& Params::AddNull() {
  values_.emplace_back(std::nullopt);
  return *this;
}

// ---- Rows -------------------------------------------------------------------------------------------------

Rows::Rows(PGresult* res) : res_(res) {
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  ok_ = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
  if (!ok_) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    sqlstate_ = state ? state : "";
    const char* msg = res ? PQresultErrorMessage(res) : "no result (connection lost?)";
    error_ = msg ? msg : "";
    while (!error_.empty() && (error_.back() == '\n' || error_.back() == ' ')) error_.pop_back();
    if (error_.empty()) error_ = "PostgreSQL error " + sqlstate_;
  }
}

Rows Rows::Refused(std::string sqlstate, std::string error) {
  Rows r;
  r.sqlstate_ = std::move(sqlstate);
  r.error_ = std::move(error);
  return r;
}

bool Rows::matches_nothing() const {
  return sqlstate_ == kInvalidText;
}

Rows::Rows(Rows&& o) noexcept
    : res_(std::exchange(o.res_, nullptr)),
      ok_(o.ok_),
      sqlstate_(std::move(o.sqlstate_)),
      error_(std::move(o.error_)) {}

Rows& Rows::operator=(Rows&& o) noexcept {
  if (this != &o) {
    if (res_) PQclear(res_);
    res_ = std::exchange(o.res_, nullptr);
    ok_ = o.ok_;
    sqlstate_ = std::move(o.sqlstate_);
    error_ = std::move(o.error_);
  }
  return *this;
}

Rows::~Rows() {
  if (res_) PQclear(res_);
}

int Rows::size() const {
  return ok_ && res_ ? PQntuples(res_) : 0;
}

std::int64_t Rows::affected() const {
  if (!ok_ || !res_) return 0;
  const char* n = PQcmdTuples(res_);
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool Rows::IsNull(int row, int col) const {
  return PQgetisnull(res_, row, col) != 0;
}

std::string Rows::Text(int row, int col) const {
  return std::string(PQgetvalue(res_, row, col), static_cast<std::size_t>(PQgetlength(res_, row, col)));
}

std::optional<std::string> Rows::OptText(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Text(row, col);
}

std::int64_t Rows::Int(int row, int col) const {
  return std::strtoll(PQgetvalue(res_, row, col), nullptr, 10);
}

std::optional<std::int64_t> Rows::OptInt(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Int(row, col);
}

bool Rows::Bool(int row, int col) const {
  return PQgetvalue(res_, row, col)[0] == 't';
}

std::optional<bool> Rows::OptBool(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Bool(row, col);
}

// ---- Connection -------------------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  using R = Result<std::unique_ptr<Connection>>;
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn) return R::Fail("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return R::Fail("cannot connect to PostgreSQL: " + msg);
  }
  std::unique_ptr<Connection> c(new Connection(conn));
  // Times are integers and text is UTF-8; the zone must not change either. Notices ("already exists,
  // skipping") are not for the hub's log.
  if (auto s = c->ExecScript(
          "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning");
      !s)
    return R::Fail("cannot set up the PostgreSQL session: " + s.error());
  return R::Ok(std::move(c));
}

Connection::~Connection() {
  PQfinish(conn_);
}

Rows Connection::Exec(std::string_view sql, const Params& params) {
  if (params.has_invalid_text()) return Rows::Refused(std::string(kInvalidText), "text is not valid UTF-8");
  const auto& values = params.values();
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v ? v->c_str() : nullptr);
  std::string text(sql);
  Rows rows(PQexecParams(conn_, text.c_str(), static_cast<int>(ptrs.size()), nullptr, ptrs.data(), nullptr,
                         nullptr, 0));
  if (rows.sqlstate() == kSerializationFailure || rows.sqlstate() == kDeadlockDetected) must_retry_ = true;
  return rows;
}

Status Connection::ExecScript(const std::string& sql) {
  PGresult* res = PQexec(conn_, sql.c_str());
  Rows rows(res);
  if (rows.sqlstate() == kSerializationFailure || rows.sqlstate() == kDeadlockDetected) must_retry_ = true;
  if (!rows.ok()) return Status::Fail(rows.error());
  return OkStatus();
}

// ---- Transact ---------------------------------------------------------------------------------------------

namespace {
std::atomic<std::int64_t> retried{0};
}  // namespace

std::int64_t RetriedTransactions() {
  return retried.load();
}

Status Transact(Connection& db, const std::function<bool()>& body, bool read_only) {
  constexpr int kAttempts = 8;
  std::minstd_rand jitter(std::random_device{}());
  std::string last_error;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0) {
      ++retried;
      // A short random pause, growing, so the transactions that collided do not collide again.
      std::this_thread::sleep_for(std::chrono::milliseconds(1 + jitter() % (5u << attempt)));
    }
    db.ClearRetry();
    if (auto s = db.ExecScript(read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"); !s)
      return Status::Fail("cannot begin a transaction: " + s.error());
    bool commit = body();
    if (db.must_retry()) {
      db.ExecScript("ROLLBACK");
      last_error = "serialization failure or deadlock";
      continue;
    }
    // A statement that failed leaves the transaction aborted, and COMMIT would quietly roll it back.
    if (commit && PQtransactionStatus(db.handle()) == PQTRANS_INERROR) {
      db.ExecScript("ROLLBACK");
      return Status::Fail("a statement failed; the transaction was rolled back");
    }
    if (!commit) {
      if (auto s = db.ExecScript("ROLLBACK"); !s) return Status::Fail("cannot roll back: " + s.error());
      return OkStatus();
    }
    auto s = db.ExecScript("COMMIT");
    if (s) return OkStatus();
    if (db.must_retry()) {
      last_error = s.error();
      continue;
    }
    db.ExecScript("ROLLBACK");
    return Status::Fail("cannot commit: " + s.error());
  }
  return Status::Fail("transaction gave up after " + std::to_string(kAttempts) + " attempts: " + last_error);
}

}  // namespace ck::hub::pg

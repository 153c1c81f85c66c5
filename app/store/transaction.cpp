// Transaction: scope-bound write transactions with an explicit durability level.
#include "app/store/transaction.h"
#include "sync/protocol/journal_log.h"

#include <sqlite3.h>

#include <cstdio>

namespace ck::store {

namespace {

Status SetDurability(KioskDatabase& db, Durability d) {
  // Only legal outside a transaction, which is where Transaction calls it.
  return db.Exec(d == Durability::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

}  // namespace

Transaction::Transaction(KioskDatabase& db, Durability durability) : db_(db), durability_(durability) {
  if (auto s = SetDurability(db_, durability_); !s) {
    error_ = s.error();
    return;
  }
  // IMMEDIATE takes the write lock now, so busy_timeout applies here rather than failing mid-transaction.
  auto s = db_.Exec("BEGIN IMMEDIATE");
  begun_ = s.ok();
  if (!begun_) error_ = s.error();
}

Transaction::~Transaction() {
  // SQLite has already rolled back on its own after some errors (SQLITE_FULL, SQLITE_IOERR during COMMIT):
  // ROLLBACK then fails with "no transaction is active", which is no failure at all.
  if (begun_ && !done_ && sqlite3_get_autocommit(db_.handle()) == 0) {
    if (!db_.Exec("ROLLBACK")) log::Error("store: rollback failed: %s", db_.LastError().c_str());
  }
  // The connection's default stays Full: an unscoped write must never be weaker than asked.
  if (durability_ != Durability::Full) SetDurability(db_, Durability::Full);
}

Status Transaction::Commit() {
  if (!begun_) return Status::Fail(error_.empty() ? "transaction not begun" : error_);
  if (done_) return Status::Fail("transaction already finished");
  auto s = db_.Exec("COMMIT");
  if (s) done_ = true;  // on failure the destructor rolls back
  return s;
}

}  // namespace ck::store

// Transaction: BEGIN IMMEDIATE … COMMIT as a scope; leaving the scope without Commit() rolls back.
#pragma once

#include "app/store/kiosk_database.h"

namespace ck::store {

// How hard a commit must be on the disk.
//   Full: fsync'd before Commit() returns (everything a resident's receipt depends on).
//   Relaxed: WAL synchronous=NORMAL; survives a crash of the process, may lose the last commits on a power
//   cut. Right for feed pages: the cursor is in the same transaction, so a lost page is fetched again.
enum class Durability { Full, Relaxed };

class Transaction {
 public:
  Transaction(KioskDatabase& db, Durability durability);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // False if BEGIN failed (e.g. the database stayed busy past busy_timeout); see error().
  bool ok() const { return begun_; }
  const std::string& error() const { return error_; }
  Status Commit();

 private:
  KioskDatabase& db_;
  Durability durability_;
  bool begun_ = false;
  bool done_ = false;
  std::string error_;
};

}  // namespace ck::store

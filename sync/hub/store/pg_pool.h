// A small pool of PostgreSQL connections, so one hub process serves several requests at once (SQLite's
// store has one connection behind a mutex). A connection found broken is dropped and a new one opened.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sync/hub/store/pg_connection.h"

namespace ck::hub::pg {

class Pool;

// A borrowed connection, given back when the lease ends; empty (with error()) when none could be opened.
class Lease {
 public:
  Lease(Lease&& o) noexcept;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  ~Lease();
  explicit operator bool() const { return conn_ != nullptr; }
  const std::string& error() const { return error_; }
  Connection* operator->() { return conn_.get(); }
  Connection& operator*() { return *conn_; }

 private:
  friend class Pool;
  Lease(Pool* pool, std::unique_ptr<Connection> conn, std::string error)
      : pool_(pool), conn_(std::move(conn)), error_(std::move(error)) {}
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
  std::string error_;
};

class Pool {
 public:
  // `first` is an open connection (the one the caller migrated with); more are opened as needed, up to
  // `size` at once; a caller beyond that waits for one to be given back.
  Pool(std::string conninfo, std::unique_ptr<Connection> first, int size);
  Lease Acquire();

 private:
  friend class Lease;
  void Release(std::unique_ptr<Connection> conn);
  const std::string conninfo_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle and leased
};

}  // namespace ck::hub::pg

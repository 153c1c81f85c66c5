// The PostgreSQL store's connection pool (pg_pool.h).
#include "sync/hub/store/pg_pool.h"

#include <utility>

namespace ck::hub::pg {

Lease::Lease(Lease&& o) noexcept
    : pool_(std::exchange(o.pool_, nullptr)), conn_(std::move(o.conn_)), error_(std::move(o.error_)) {}

Lease::~Lease() {
  if (pool_ && conn_) pool_->Release(std::move(conn_));
}

Pool::Pool(std::string conninfo, std::unique_ptr<Connection> first, int size)
    : conninfo_(std::move(conninfo)), size_(size < 1 ? 1 : size) {
  if (first) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }
}

Lease Pool::Acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c), "");
  }
  ++open_;
  lock.unlock();  // connecting takes a round trip: not under the lock
  auto opened = Connection::Open(conninfo_);
  if (!opened) {
    lock.lock();
    --open_;
    freed_.notify_one();
    return Lease(this, nullptr, opened.error());
  }
  return Lease(this, std::move(opened).value(), "");
}

void Pool::Release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  // A connection the server dropped (a restart) or one left inside a transaction is not reused.
  if (PQstatus(conn->handle()) != CONNECTION_OK || PQtransactionStatus(conn->handle()) != PQTRANS_IDLE) {
    conn.reset();
    --open_;
  } else {
    idle_.push_back(std::move(conn));
  }
  freed_.notify_one();
}

}  // namespace ck::hub::pg

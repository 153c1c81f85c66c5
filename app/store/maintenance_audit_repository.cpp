// MaintenanceAuditRepository over the maintenance_audit table.
#include "app/store/maintenance_audit_repository.h"

#include <sqlite3.h>

#include "app/store/statement.h"
#include "app/store/transaction.h"

namespace ck::store {

Status MaintenanceAuditRepository::Record(std::string_view event, protocol::UnixSeconds at) {
  Statement st = db_.Cached("INSERT INTO maintenance_audit(at, event) VALUES (?1, ?2)");
  st.Bind(1, static_cast<std::int64_t>(at));
  st.Bind(2, event);
  if (!st.Run()) return Status::Fail("cannot record the maintenance panel's use: " + db_.LastError());
  return OkStatus();
}

Result<std::vector<MaintenanceAuditEntry>> MaintenanceAuditRepository::Recent(int limit) const {
  using R = Result<std::vector<MaintenanceAuditEntry>>;
  Statement st = db_.Cached("SELECT id, at, event FROM maintenance_audit ORDER BY id DESC LIMIT ?1");
  st.Bind(1, static_cast<std::int64_t>(limit));
  std::vector<MaintenanceAuditEntry> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back({st.Int(0), st.Int(1), st.Text(2)});
  if (rc != SQLITE_DONE) return R::Fail("cannot read the maintenance audit: " + db_.LastError());
  return R::Ok(std::move(out));
}

Result<std::vector<MaintenanceAuditEntry>> MaintenanceAuditRepository::Unsent(int limit) const {
  using R = Result<std::vector<MaintenanceAuditEntry>>;
  Statement st = db_.Cached("SELECT id, at, event FROM maintenance_audit WHERE sent_at IS NULL ORDER BY id LIMIT ?1");
  st.Bind(1, static_cast<std::int64_t>(limit));
  std::vector<MaintenanceAuditEntry> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back({st.Int(0), st.Int(1), st.Text(2)});
  if (rc != SQLITE_DONE) return R::Fail("cannot read the maintenance audit: " + db_.LastError());
  return R::Ok(std::move(out));
}

Status MaintenanceAuditRepository::MarkSent(const std::vector<std::int64_t>& ids, protocol::UnixSeconds at) {
  // Relaxed: a mark lost to a power cut only sends the event again, and the hub stores it once.
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return Status::Fail("cannot mark maintenance audit entries sent: " + tx.error());
  for (std::int64_t id : ids) {
    Statement st = db_.Cached("UPDATE maintenance_audit SET sent_at = ?2 WHERE id = ?1 AND sent_at IS NULL");
    st.Bind(1, id);
    st.Bind(2, static_cast<std::int64_t>(at));
    if (!st.Run()) return Status::Fail("cannot mark maintenance audit entries sent: " + db_.LastError());
  }
  if (auto s = tx.Commit(); !s) return Status::Fail("cannot mark maintenance audit entries sent: " + s.error());
  return OkStatus();
}

}  // namespace ck::store

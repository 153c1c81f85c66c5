// MaintenanceAuditRepository over the maintenance_audit table.
#include "app/store/maintenance_audit_repository.h"

#include <sqlite3.h>

#include "app/store/statement.h"

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

}  // namespace ck::store

// PgConsoleRepository: the console's store (staff, sessions, sign-in failures, audit, the console's notice
// and kiosk reads) in the hub's PostgreSQL database, so every hub process behind the front server shares
// sessions, lock-outs and the audit log. Same behaviour as SqliteConsoleRepository; names compare
// regardless of case through lower() (the staff_by_name index; signin_failures stores the lower-cased name).
#pragma once

#include <memory>
#include <string>

#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/pg_pool.h"

namespace ck::hub {

class PgConsoleRepository final : public ConsoleRepository {
 public:
  // Connects and migrates, as PgHubRepository::Open does.
  static Result<std::unique_ptr<PgConsoleRepository>> Open(const std::string& conninfo, int connections = 2);

  WriteResult<StaffAccount> AddStaff(const StaffAccount& account) override;
  Result<std::optional<StaffAccount>> FindStaff(std::int64_t id) override;
  Result<std::optional<StaffAccount>> FindStaffByName(std::string_view name) override;
  Result<std::vector<StaffAccount>> ListStaff() override;
  WriteResult<StaffAccount> DisableStaff(std::string_view name, protocol::UnixSeconds now) override;
  WriteResult<StaffAccount> EnableStaff(std::string_view name) override;
  WriteResult<StaffAccount> UnlockStaff(std::string_view name) override;
  Status SetStaffPassword(std::int64_t staff_id, std::string_view password_hash, bool must_change,
                          std::string_view keep_session_hash) override;
  Status SetStaffDisplayName(std::int64_t staff_id, std::string_view display_name) override;
  Result<int> CountFailedSignIn(std::int64_t staff_id) override;
  Status LockStaffUntil(std::int64_t staff_id, protocol::UnixSeconds until) override;
  Status RecordSignIn(std::int64_t staff_id, protocol::UnixSeconds now) override;

  Result<bool> IsKnownDesk(std::int64_t staff_id, std::string_view remote) override;
  Status RememberDesk(std::int64_t staff_id, std::string_view remote, protocol::UnixSeconds now) override;
  Result<int> CountAddressFailure(std::string_view name, std::string_view remote,
                                  protocol::UnixSeconds now) override;
  Status LockAddressUntil(std::string_view name, std::string_view remote,
                          protocol::UnixSeconds until) override;
  Result<protocol::UnixSeconds> AddressLockedUntil(std::string_view name, std::string_view remote) override;
  Status ClearAddressFailures(std::string_view name, std::string_view remote) override;
  Status ForgetAddressFailures(protocol::UnixSeconds before) override;

  Status CreateSession(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) override;
  Status TouchSession(std::string_view id_hash, protocol::UnixSeconds now) override;
  Status DeleteSession(std::string_view id_hash) override;
  Status DeleteExpiredSessions(protocol::UnixSeconds idle_before,
                               protocol::UnixSeconds created_before) override;

  Result<std::int64_t> AppendAudit(const AuditEntry& entry) override;
  Result<AuditPage> QueryAudit(const AuditQuery& query) override;

  Result<NoticeListPage> QueryNotices(const NoticeListQuery& query) override;
  Result<std::pair<int, int>> NoticeDelivery(std::int64_t seq) override;
  Result<std::vector<ConsoleKiosk>> ListConsoleKiosks() override;

 private:
  explicit PgConsoleRepository(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}
  // One INSERT/UPDATE/DELETE on a leased connection.
  Status Exec(const char* sql, const pg::Params& params);

  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace ck::hub

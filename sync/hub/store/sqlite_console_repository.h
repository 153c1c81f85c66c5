// SqliteConsoleRepository: the console's store in the hub's own SQLite file (migration 5), on its own
// connection, so the console's writes never wait behind the hub repository's mutex.
#pragma once

#include <memory>
#include <initializer_list>
#include <mutex>
#include <string>

#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/sqlite_connection.h"
#include "sync/hub/store/sqlite_hub_file.h"

namespace ck::hub {

class SqliteConsoleRepository final : public ConsoleRepository {
 public:
  // Opens the hub database at `path` and migrates it to the current schema. The command line opens with
  // kExisting (only `init` creates); tests making a fresh database in a temp folder use the default.
  static Result<std::unique_ptr<SqliteConsoleRepository>> Open(
      const std::string& path, sqlite::HubFileMode mode = sqlite::HubFileMode::kCreateIfMissing);

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
  Status LockAddressUntil(std::string_view name, std::string_view remote, protocol::UnixSeconds until) override;
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
  explicit SqliteConsoleRepository(std::unique_ptr<sqlite::Connection> db) : db_(std::move(db)) {}
  // Expect mutex_ held.
  Result<std::optional<StaffAccount>> FindStaffLocked(std::string_view where, std::string_view value);
  Result<std::vector<std::int64_t>> ActiveKioskCursorsLocked();
  // A parameter of ExecLocked: an integer or a text.
  struct Arg {
    Arg(std::int64_t v) : is_int(true), i(v) {}
    Arg(std::string_view v) : s(v) {}
    bool is_int = false;
    std::int64_t i = 0;
    std::string_view s;
  };
  // One INSERT/UPDATE/DELETE with ?1, ?2, … bound in order; for the short writes.
  Status ExecLocked(const char* sql, std::initializer_list<Arg> args);

  std::mutex mutex_;
  std::unique_ptr<sqlite::Connection> db_;
};

}  // namespace ck::hub

// ConsoleRepository: what the staff console stores beside the hub's own data — staff accounts, their
// sessions, the audit log — and the console's paged reads over notices and kiosks.
//
// Invariants every implementation keeps:
//   - Only an Argon2id string of a password is stored (made by the caller), never the password.
//   - Only a hash of a session id is stored; whoever reads the database cannot sign in with it.
//   - The lock-out state (failed_signins, locked_until) is stored, so it survives a restart.
//   - The audit log is append-only: nothing here changes or deletes an entry.
//   - Disabling an account ends all of its sessions in the same transaction.
//   - A revoked kiosk keeps its row (and its number: ticket codes stay unique) but no token matches it.
// Nothing here names SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/store/hub_repository.h"
#include "sync/protocol/notice.h"

namespace ck::hub {

// The four parties are the notice publishers; an account belongs to exactly one.
using Party = protocol::Publisher;

enum class StaffRole { Clerk, Manager };
std::string_view StaffRoleCode(StaffRole r);  // "clerk" | "manager"
std::optional<StaffRole> ParseStaffRole(std::string_view code);

struct StaffAccount {
  std::int64_t id = 0;  // assigned by AddStaff
  std::string name;     // the sign-in name, unique regardless of case; never shown to the public
  std::string display_name;  // what residents and kiosks see after the party ("张经理"); may be empty
  Party party = Party::ResidentsCommittee;
  StaffRole role = StaffRole::Clerk;
  std::string password_hash;  // crypto_pwhash_str output
  protocol::UnixSeconds created_at = 0;
  std::optional<protocol::UnixSeconds> disabled_at;
  int failed_signins = 0;                  // consecutive failures since the last success
  protocol::UnixSeconds locked_until = 0;  // no password is even checked before this time
  std::optional<protocol::UnixSeconds> last_signin_at;
  bool must_change_password = false;  // a one-time password was set: change it before anything else
  bool disabled() const { return disabled_at.has_value(); }
};

struct SessionRecord {
  std::string id_hash;
  std::int64_t staff_id = 0;
  protocol::UnixSeconds created_at = 0;
  protocol::UnixSeconds last_seen_at = 0;
};

struct AuditEntry {
  std::int64_t id = 0;  // assigned by AppendAudit
  protocol::UnixSeconds at = 0;
  std::optional<std::int64_t> staff_id;  // absent: the command line, or an unknown sign-in name
  std::string actor;                     // the staff name at the time (or "cli"); kept if renamed later
  std::optional<Party> party;
  std::string action;  // a stable code: "signin", "signin.failed", "notice.publish", "denied", …
  std::string target;  // what it was done to: a notice id, a staff name, a kiosk id, a ticket code
  std::string detail;  // short words; never a password, never a resident's phone number
  std::string remote;  // the client address for console actions, "" for the command line
};

// Unset filters do not filter. Newest first; `offset` rows are skipped.
struct AuditQuery {
  std::optional<std::string> text;  // in actor, action, target or detail
  std::optional<std::string> action;
  std::optional<protocol::UnixSeconds> from;  // inclusive
  std::optional<protocol::UnixSeconds> to;    // inclusive
  std::optional<Party> party;                 // entries by staff of this party
  int offset = 0;
  int limit = 50;
};

struct AuditPage {
  std::vector<AuditEntry> entries;
  bool has_more = false;
};

// What a notice is at a given time; withdrawn wins over the others.
enum class NoticeState { Scheduled, Live, Expired, Withdrawn };
std::string_view NoticeStateCode(NoticeState s);  // "scheduled" | "live" | "expired" | "withdrawn"
std::optional<NoticeState> ParseNoticeState(std::string_view code);
NoticeState StateOf(const NoticeRecord& r, protocol::UnixSeconds now);

struct NoticeListQuery {
  protocol::UnixSeconds now = 0;  // decides the state
  std::optional<NoticeState> state;
  std::optional<Party> publisher;
  std::optional<std::string> category;
  std::optional<std::string> text;  // in title or body
  int offset = 0;
  int limit = 50;
};

struct NoticeListRow {
  NoticeRecord record;
  int delivered = 0;  // active kiosks whose feed cursor has reached this notice's latest change
};

struct NoticeListPage {
  std::vector<NoticeListRow> rows;  // newest change first
  std::int64_t total = 0;           // rows matching the filters, over all pages
  int active_kiosks = 0;            // the denominator of "delivered"
};

struct ConsoleKiosk {
  KioskRecord kiosk;
  std::optional<protocol::UnixSeconds> revoked_at;
};

class ConsoleRepository {
 public:
  virtual ~ConsoleRepository() = default;

  // ---- Staff accounts ----
  // Duplicate if the name is taken (ignoring case); id and the lock-out fields are assigned.
  virtual WriteResult<StaffAccount> AddStaff(const StaffAccount& account) = 0;
  virtual Result<std::optional<StaffAccount>> FindStaff(std::int64_t id) = 0;
  virtual Result<std::optional<StaffAccount>> FindStaffByName(std::string_view name) = 0;
  virtual Result<std::vector<StaffAccount>> ListStaff() = 0;
  // Sets disabled_at and deletes the account's sessions, in one transaction.
  virtual WriteResult<StaffAccount> DisableStaff(std::string_view name, protocol::UnixSeconds now) = 0;
  // Clears disabled_at (NotFound for an unknown name).
  virtual WriteResult<StaffAccount> EnableStaff(std::string_view name) = 0;
  // Clears the account-wide failures and lock and every per-address lock on the name.
  virtual WriteResult<StaffAccount> UnlockStaff(std::string_view name) = 0;
  // A new password hash; `must_change` marks a one-time password. Ends the account's other sessions
  // (all of them when `keep_session_hash` is empty) in the same transaction.
  virtual Status SetStaffPassword(std::int64_t staff_id, std::string_view password_hash, bool must_change,
                                  std::string_view keep_session_hash) = 0;
  virtual Status SetStaffDisplayName(std::int64_t staff_id, std::string_view display_name) = 0;
  // Counts one more failed sign-in; returns the new count (the caller decides the lock-out).
  virtual Result<int> CountFailedSignIn(std::int64_t staff_id) = 0;
  virtual Status LockStaffUntil(std::int64_t staff_id, protocol::UnixSeconds until) = 0;
  // A successful sign-in: clears the failures and the lock, records the time.
  virtual Status RecordSignIn(std::int64_t staff_id, protocol::UnixSeconds now) = 0;

  // ---- Where sign-ins come from ----
  // A desk is an address the account has signed in from successfully; the account-wide delay does not
  // apply there, so a stranger guessing the name elsewhere cannot keep its owner out.
  virtual Result<bool> IsKnownDesk(std::int64_t staff_id, std::string_view remote) = 0;
  virtual Status RememberDesk(std::int64_t staff_id, std::string_view remote, protocol::UnixSeconds now) = 0;
  // Failed sign-ins for one name (known or not, ignoring case) from one address: counts one more and
  // returns the count; the lock and its end are stored beside it.
  virtual Result<int> CountAddressFailure(std::string_view name, std::string_view remote,
                                          protocol::UnixSeconds now) = 0;
  virtual Status LockAddressUntil(std::string_view name, std::string_view remote,
                                  protocol::UnixSeconds until) = 0;
  // 0 when the name is not locked at this address.
  virtual Result<protocol::UnixSeconds> AddressLockedUntil(std::string_view name, std::string_view remote) = 0;
  virtual Status ClearAddressFailures(std::string_view name, std::string_view remote) = 0;
  // Forgets counts last touched before `before` whose lock has passed, so guessing many names from many
  // addresses cannot grow the table without end.
  virtual Status ForgetAddressFailures(protocol::UnixSeconds before) = 0;

  // ---- Sessions ----
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) = 0;
  virtual Status TouchSession(std::string_view id_hash, protocol::UnixSeconds now) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  // Removes every session idle since before idle_before or created before created_before.
  virtual Status DeleteExpiredSessions(protocol::UnixSeconds idle_before,
                                       protocol::UnixSeconds created_before) = 0;

  // ---- Audit log ----
  virtual Result<std::int64_t> AppendAudit(const AuditEntry& entry) = 0;
  virtual Result<AuditPage> QueryAudit(const AuditQuery& query) = 0;

  // ---- Console reads and kiosk revocation ----
  virtual Result<NoticeListPage> QueryNotices(const NoticeListQuery& query) = 0;
  // On how many active kiosks the notice's latest change has arrived, and how many kiosks are active.
  virtual Result<std::pair<int, int>> NoticeDelivery(std::int64_t seq) = 0;
  virtual Result<std::vector<ConsoleKiosk>> ListConsoleKiosks() = 0;
};

}  // namespace ck::hub

// HubRepository: the hub's storage, behind a narrow interface so SQLite can later be joined by PostgreSQL.
//
// Invariants every implementation keeps:
//   - One global, strictly increasing change sequence (`seq`). Every publish, update, withdraw and import
//     of a notice takes the next value, and the notice row keeps only its latest seq; so the feed is simply
//     "rows with seq > cursor, ordered by seq" and is compacted by construction.
//   - A withdrawn notice stays as a tombstone row (with its seq) so kiosks learn that it is gone.
//   - revision is 1 on publish and grows by one with every change the hub accepts.
//   - Only a hash of a kiosk's token is stored, never the token.
// Nothing here names SQL: callers see records, results and plain parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/notice.h"
#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub {

struct NoticeRecord {
  protocol::Notice notice;
  std::int64_t seq = 0;                               // the change that last touched this notice
  std::optional<protocol::UnixSeconds> withdrawn_at;  // set: a tombstone
  bool withdrawn() const { return withdrawn_at.has_value(); }
};

// One page of the change feed as stored: the caller turns it into protocol::FeedPage.
struct FeedSlice {
  std::vector<NoticeRecord> records;  // seq ascending
  bool has_more = false;
  std::int64_t max_seq = 0;  // the newest seq in the whole hub, read in the same snapshot
};

// What a kiosk last told us about itself (all optional on the wire).
struct KioskHeartbeat {
  std::optional<std::string> app_version;
  std::optional<std::string> cursor;
  std::optional<std::int64_t> outbox_pending;
  std::optional<std::string> last_sync_error;
};

struct KioskRecord {
  std::string device_id;  // UUID
  std::string name;
  std::string token_hash;  // opaque to the repository; see kiosk_token.h
  protocol::UnixSeconds created_at = 0;
  std::optional<protocol::UnixSeconds> last_seen;
  KioskHeartbeat last_heartbeat;
};

// Why a write was refused, so callers can tell bad input (exit 2, HTTP 4xx) from a storage failure.
enum class WriteError { None, Invalid, NotFound, Withdrawn, Conflict, Duplicate, Storage };

template <typename T>
struct WriteResult {
  std::optional<T> value;
  WriteError error = WriteError::None;
  std::string message;
  bool ok() const { return error == WriteError::None; }
};

class HubRepository {
 public:
  virtual ~HubRepository() = default;

  // Stores a new notice exactly as given (the caller made its id and validated it); revision becomes 1.
  virtual WriteResult<NoticeRecord> InsertNotice(const protocol::Notice& notice) = 0;
  // Replaces a live notice's fields if its stored revision still equals expected_revision (so two
  // operators editing at once cannot silently lose an edit); revision becomes expected_revision + 1.
  virtual WriteResult<NoticeRecord> UpdateNotice(const protocol::Notice& notice,
                                                 std::int64_t expected_revision) = 0;
  // Turns a live notice into a tombstone at `now`; revision grows by one.
  virtual WriteResult<NoticeRecord> WithdrawNotice(std::string_view id, protocol::UnixSeconds now) = 0;
  // All in one transaction, all or nothing: notices whose id exists are updated (revision + 1, and a
  // tombstone comes back to life), the others inserted with revision 1. Returns how many were written.
  virtual WriteResult<std::size_t> ImportNotices(const std::vector<protocol::Notice>& notices) = 0;

  virtual Result<std::optional<NoticeRecord>> FindNotice(std::string_view id) = 0;
  // Every notice, tombstones included, newest change first.
  virtual Result<std::vector<NoticeRecord>> ListNotices() = 0;
  virtual Result<FeedSlice> ReadFeed(std::int64_t after_seq, int limit) = 0;
  virtual Result<std::int64_t> MaxSeq() = 0;

  virtual WriteResult<KioskRecord> AddKiosk(const KioskRecord& kiosk) = 0;
  virtual Result<std::optional<KioskRecord>> FindKioskByTokenHash(std::string_view token_hash) = 0;
  virtual Status RecordHeartbeat(std::string_view device_id, const KioskHeartbeat& heartbeat,
                                 protocol::UnixSeconds now) = 0;
  virtual Result<std::vector<KioskRecord>> ListKiosks() = 0;
};

}  // namespace ck::hub

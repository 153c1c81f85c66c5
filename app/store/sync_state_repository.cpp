// SyncStateRepository: the sync_state key/value table (feed cursor, ETag, last attempt and success).
#include "app/store/sync_state_repository.h"

#include <sqlite3.h>

#include <charconv>

#include "app/store/transaction.h"
#include "sync/protocol/feed.h"

namespace ck::store {

namespace {

constexpr std::string_view kCursorKey = "feed_cursor";
constexpr std::string_view kETagKey = "feed_etag";
constexpr std::string_view kLastSuccessKey = "last_success_at";
constexpr std::string_view kLastAttemptKey = "last_attempt_at";
constexpr std::string_view kLastErrorKey = "last_error";
constexpr std::string_view kKioskNumberKey = "kiosk_number";

std::optional<std::string> Read(KioskDatabase& db, std::string_view key) {
  Statement st = db.Cached("SELECT value FROM sync_state WHERE key = ?1");
  st.Bind(1, key);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return st.Text(0);
}

bool Write(KioskDatabase& db, std::string_view key, std::string_view value) {
  Statement st = db.Cached(
      "INSERT INTO sync_state(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value");
  st.Bind(1, key).Bind(2, value);
  return st.Run();
}

std::optional<protocol::UnixSeconds> ReadTime(KioskDatabase& db, std::string_view key) {
  auto text = Read(db, key);
  if (!text) return std::nullopt;
  protocol::UnixSeconds t = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), t);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return t;
}

}  // namespace

SyncStateRepository::SyncStateRepository(KioskDatabase& db) : db_(db) {}

std::string SyncStateRepository::FeedCursor() const {
  return Read(db_, kCursorKey).value_or(std::string(protocol::kInitialCursor));
}

std::string SyncStateRepository::FeedETag() const {
  return Read(db_, kETagKey).value_or("");
}

ck::Status SyncStateRepository::SetFeedPosition(const std::string& cursor, const std::string& etag) {
  if (!Write(db_, kCursorKey, cursor) || !Write(db_, kETagKey, etag))
    return ck::Status::Fail("store feed position: " + db_.LastError());
  return OkStatus();
}

SyncStatus SyncStateRepository::Status() const {
  SyncStatus s;
  s.last_success_at = ReadTime(db_, kLastSuccessKey);
  s.last_attempt_at = ReadTime(db_, kLastAttemptKey);
  s.last_error = Read(db_, kLastErrorKey).value_or("");
  return s;
}

ck::Status SyncStateRepository::RecordAttempt(protocol::UnixSeconds at, const std::string& error) {
  // Three keys, one commit: the status indicator must never show a success time with a stale error.
  // Relaxed: this is only a status line; losing the last one on a power cut costs nothing.
  Transaction tx(db_, Durability::Relaxed);
  if (!tx.ok()) return ck::Status::Fail("record sync attempt: " + tx.error());
  bool ok = Write(db_, kLastAttemptKey, std::to_string(at)) && Write(db_, kLastErrorKey, error) &&
            (!error.empty() || Write(db_, kLastSuccessKey, std::to_string(at)));
  if (!ok) return ck::Status::Fail("record sync attempt: " + db_.LastError());
  return tx.Commit();
}

std::uint32_t SyncStateRepository::KioskNumber() const {
  auto n = ReadTime(db_, kKioskNumberKey);  // an integer like any other
  return n && *n > 0 && *n <= 0xFFFFFFFF ? static_cast<std::uint32_t>(*n) : 0;
}

ck::Status SyncStateRepository::SetKioskNumber(std::uint32_t number) {
  if (!Write(db_, kKioskNumberKey, std::to_string(number)))
    return ck::Status::Fail("store kiosk number: " + db_.LastError());
  return OkStatus();
}

}  // namespace ck::store

// FeedSink: where the sync engine puts what the feed delivers. The kiosk's store implements it
// (app/store/feed_applier.h); tests implement it in memory. Keeps sync/client free of app/ and SQLite.
#pragma once

#include <string>

#include "sync/protocol/feed.h"
#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::sync {

class OutboxSink;

class FeedSink {
 public:
  virtual ~FeedSink() = default;
  // The position to ask the feed for next (kInitialCursor when never synced), and the ETag to send with it
  // (empty: none).
  virtual std::string Cursor() = 0;
  virtual std::string ETag() = 0;
  // Applies every change of `page` in order, then stores page.next_cursor and `etag` as the new position,
  // all in one transaction: on failure nothing of the page is applied and the position is unchanged.
  // Must be idempotent: applying a page twice leaves the same state as applying it once.
  virtual Status Apply(const protocol::FeedPage& page, const std::string& etag) = 0;
  // The outcome of a round, for the staff's sync-health view; `error` empty means success.
  virtual void RecordAttempt(protocol::UnixSeconds at, const std::string& error) = 0;
  // The same store's outbox (feedback, ratings, statuses), on the same connection; null when the sink has
  // none (a feed-only test sink), and the engine then only pulls the feed.
  virtual OutboxSink* Outbox() { return nullptr; }
};

}  // namespace ck::sync

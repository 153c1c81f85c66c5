// MemorySink: a FeedSink over plain maps for sync engine tests, shareable between test and engine thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "sync/client/feed_sink.h"

namespace ck::sync::testing {

struct MemoryFeedState {
  std::mutex mutex;
  std::map<std::string, protocol::Notice> notices;
  std::string cursor{protocol::kInitialCursor};
  std::string etag;
  int pages_applied = 0;
  int attempts = 0;
  std::string last_error;
};

class MemorySink : public FeedSink {
 public:
  explicit MemorySink(std::shared_ptr<MemoryFeedState> state) : state_(std::move(state)) {}
  std::string Cursor() override {
    std::lock_guard lock(state_->mutex);
    return state_->cursor;
  }
  std::string ETag() override {
    std::lock_guard lock(state_->mutex);
    return state_->etag;
  }
  Status Apply(const protocol::FeedPage& page, const std::string& etag) override {
    std::lock_guard lock(state_->mutex);
    for (const auto& c : page.changes) {
      if (c.type == protocol::FeedChange::Type::NoticeUpsert) state_->notices[c.id] = *c.notice;
      if (c.type == protocol::FeedChange::Type::NoticeTombstone) state_->notices.erase(c.id);
    }
    state_->cursor = page.next_cursor;
    state_->etag = etag;
    ++state_->pages_applied;
    return OkStatus();
  }
  void RecordAttempt(protocol::UnixSeconds, const std::string& error) override {
    std::lock_guard lock(state_->mutex);
    ++state_->attempts;
    state_->last_error = error;
  }

 private:
  std::shared_ptr<MemoryFeedState> state_;
};

}  // namespace ck::sync::testing

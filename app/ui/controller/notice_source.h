// NoticeSource: what the UI reads from the kiosk's store, narrowed to what the screens need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/store/notice_repository.h"
#include "app/store/sync_state_repository.h"

namespace ck::ui {

class NoticeSource {
 public:
  virtual ~NoticeSource() = default;
  // Grows whenever the data changed (any connection); polled between frames.
  virtual std::int64_t ChangeCounter() const = 0;
  virtual std::vector<store::NoticeSummary> ListLive(protocol::UnixSeconds now) const = 0;
  virtual std::vector<std::string> CategoriesInUse(protocol::UnixSeconds now) const = 0;
  virtual std::vector<store::NoticeSummary> ListUrgent(protocol::UnixSeconds now) const = 0;
  virtual std::optional<protocol::Notice> Get(const std::string& id) const = 0;
  virtual std::optional<protocol::UnixSeconds> NextTimeBoundary(protocol::UnixSeconds now) const = 0;
  virtual store::SyncStatus LastSync() const = 0;
  // Live notices whose title or body holds `query` (any substring, one Chinese character too).
  virtual std::vector<store::NoticeSummary> Search(const std::string& query,
                                                   protocol::UnixSeconds now) const = 0;
};

// The real source: the kiosk's SQLite database, through the store's repositories.
class StoreNoticeSource final : public NoticeSource {
 public:
  explicit StoreNoticeSource(store::KioskDatabase& db) : db_(db), notices_(db), sync_(db) {}
  std::int64_t ChangeCounter() const override { return db_.ChangeCounter(); }
  std::vector<store::NoticeSummary> ListLive(protocol::UnixSeconds now) const override {
    return notices_.ListLive(now);
  }
  std::vector<std::string> CategoriesInUse(protocol::UnixSeconds now) const override {
    return notices_.CategoriesInUse(now);
  }
  std::vector<store::NoticeSummary> ListUrgent(protocol::UnixSeconds now) const override {
    return notices_.ListUrgent(now);
  }
  std::optional<protocol::Notice> Get(const std::string& id) const override { return notices_.Get(id); }
  std::optional<protocol::UnixSeconds> NextTimeBoundary(protocol::UnixSeconds now) const override {
    return notices_.NextTimeBoundary(now);
  }
  store::SyncStatus LastSync() const override { return sync_.Status(); }
  std::vector<store::NoticeSummary> Search(const std::string& query,
                                           protocol::UnixSeconds now) const override {
    return notices_.Search(query, now);
  }

 private:
  store::KioskDatabase& db_;
  store::NoticeRepository notices_;
  store::SyncStateRepository sync_;
};

}  // namespace ck::ui

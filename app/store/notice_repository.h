// NoticeRepository: the notices a kiosk holds, as the feed delivered them, and the queries the screens need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/store/kiosk_database.h"
#include "sync/protocol/notice.h"

namespace ck::store {

// One row of the notice board: everything but the body.
struct NoticeSummary {
  std::string id;
  protocol::Publisher publisher;
  std::string category;
  protocol::Priority priority;
  bool pinned;
  std::string title;
  protocol::UnixSeconds published_at;
  std::optional<protocol::UnixSeconds> expires_at;
};

class NoticeRepository {
 public:
  explicit NoticeRepository(KioskDatabase& db);

  // Inserts or replaces by id; an upsert with a lower revision than the stored one is ignored.
  Status Upsert(const protocol::Notice& notice);
  // Removes a notice (a withdrawal); removing an unknown id is not an error.
  Status Remove(const std::string& id);

  std::optional<protocol::Notice> Get(const std::string& id) const;

  // Live notices at `now` (published, not expired), optionally one category only, in board order:
  // pinned first, then urgent, important, normal; newest first within each.
  std::vector<NoticeSummary> ListLive(protocol::UnixSeconds now,
                                      const std::optional<std::string>& category = std::nullopt) const;
  // Categories that have at least one live notice, in kNoticeCategories order, unknown codes last.
  std::vector<std::string> CategoriesInUse(protocol::UnixSeconds now) const;
  // Live urgent notices, newest first (the home screen's banner and the attract screen).
  std::vector<NoticeSummary> ListUrgent(protocol::UnixSeconds now) const;
  // Live notices whose title or body contains `query` (any Chinese substring, including one or two
  // characters), in board order. FTS5 trigram for 3+ characters, a plain scan for shorter queries.
  std::vector<NoticeSummary> Search(const std::string& query, protocol::UnixSeconds now,
                                    int limit = 200) const;
  // The next moment after `now` at which the live set changes by time alone (an expiry or a scheduled
  // publication), so the UI can refresh exactly then instead of polling.
  std::optional<protocol::UnixSeconds> NextTimeBoundary(protocol::UnixSeconds now) const;
  std::int64_t Count() const;

 private:
  KioskDatabase& db_;
};

}  // namespace ck::store

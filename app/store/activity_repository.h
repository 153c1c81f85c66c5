// ActivityRepository: the community activities a kiosk holds, as the feed delivered them, and the calendar's
// one query (the occurrences in a range of days).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/store/kiosk_database.h"
#include "sync/protocol/activity.h"

namespace ck::store {

// One occurrence on the calendar, with its activity (shared by all its occurrences in one answer).
struct CalendarEntry {
  std::shared_ptr<const protocol::Activity> activity;
  protocol::ActivityOccurrence occurrence;
};

class ActivityRepository {
 public:
  explicit ActivityRepository(KioskDatabase& db);

  // Inserts or replaces by id with its occurrences; an older revision than the stored one is ignored (the
  // same revision is taken: places left change without an edit).
  Status Upsert(const protocol::Activity& activity);
  // Removes an activity; removing an unknown id is not an error.
  Status Remove(const std::string& id);

  std::optional<protocol::Activity> Get(const std::string& id) const;

  // Occurrences overlapping [from, to), cancelled ones included (the kiosk says so), in start order.
  std::vector<CalendarEntry> Between(protocol::UnixSeconds from, protocol::UnixSeconds to,
                                     int limit = 5000) const;
  std::int64_t Count() const;

 private:
  KioskDatabase& db_;
};

}  // namespace ck::store

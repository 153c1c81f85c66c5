// The bundled demo community (assets/demo): realistic notices so a new kiosk has something true to show.
#pragma once

#include <filesystem>
#include <string>

#include "app/store/kiosk_database.h"
#include "sync/protocol/utc_time.h"

namespace ck::store {

struct DemoCommunity {
  std::string community_name;
  int notices_imported = 0;
  int activities_imported = 0;
};

// Loads assets/demo/community.json. Demo times are relative ("published 3 days ago, expires in 2 days"),
// resolved against `now`, so the demo always has fresh, urgent and soon-expiring notices.
// Imports notices only into a database that holds no notices, and the demo activities (a weekly tai chi, a
// joint 街道 + 物业 monthly meeting, a sanitation drive, a full health check …) only into one that holds no
// activities; otherwise just reads the community name.
Result<DemoCommunity> ImportDemoCommunity(KioskDatabase& db, const std::filesystem::path& demo_file,
                                          protocol::UnixSeconds now);

}  // namespace ck::store

// Fills a kiosk database with N realistic notices (the demo community's texts, varied), for benchmarks.
#pragma once

#include <filesystem>

#include "app/store/kiosk_database.h"
#include "sync/protocol/utc_time.h"

namespace ck::bench {

// Returns the number written; 0 if the demo file is missing or unreadable.
int FillNotices(store::KioskDatabase& db, const std::filesystem::path& demo_file, int count,
                protocol::UnixSeconds now);

}  // namespace ck::bench

// `community-kiosk sync --once`: opens DATA_DIR/kiosk.db, runs one sync round, prints what it did.
#include "app/sync_once.h"

#include <cstdio>

#include "app/store/feed_applier.h"
#include "sync/client/sync_engine.h"

namespace ck::app {

int RunSyncOnce(const core::KioskConfig& config) {
  std::string missing;
  if (config.hub_url.empty()) missing += " --hub";
  if (config.device_id.empty()) missing += " --device-id";
  if (config.token.empty()) missing += " --token";
  if (!missing.empty()) {
    std::fprintf(stderr,
                 "sync: missing%s (give them as flags or in the config file; `community-hub kiosk add` makes "
                 "the device id and token)\n",
                 missing.c_str());
    return 2;
  }
  // The same file the touchscreen reads (see app/platform), so a sync here shows up there.
  std::filesystem::path db_file = config.data_dir / "kiosk.db";
  auto sink = store::OpenFeedSink(db_file);
  if (!sink) {
    std::fprintf(stderr, "sync: %s\n", sink.error().c_str());
    return 1;
  }
  sync::SyncEngineOptions options;
  options.hub_url = config.hub_url;
  options.device_id = config.device_id;
  options.token = config.token;
  options.ca_file = config.ca_file;
  options.app_version = CK_APP_VERSION;
  sync::SyncEngine engine(std::move(options), nullptr, nullptr);
  sync::SyncRoundReport report = engine.RunOnce(**sink);
  if (!report.ok) {
    std::fprintf(stderr, "sync: failed: %s\n", report.error.c_str());
    return 1;
  }
  if (report.not_modified) {
    std::printf("sync: up to date (304)\n");
  } else {
    std::printf("sync: %d pages, %d upserts, %d tombstones, cursor %s\n", report.pages, report.upserts,
                report.tombstones, (*sink)->Cursor().c_str());
  }
  return 0;
}

}  // namespace ck::app

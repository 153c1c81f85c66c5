// `community-kiosk sync --once`: opens DATA_DIR/kiosk.db, runs one sync round, prints what it did.
#include "app/sync_once.h"

#include <cstdio>

#include "app/store/feed_applier.h"
#include "app/store/outbox_repository.h"
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
  auto opened = store::KioskDatabase::Open(db_file);
  if (!opened) {
    std::fprintf(stderr, "sync: %s\n", opened.error().c_str());
    return 1;
  }
  store::FeedApplier sink(std::move(opened).value());
  sync::SyncEngineOptions options;
  options.hub_url = config.hub_url;
  options.device_id = config.device_id;
  options.token = config.token;
  options.ca_file = config.ca_file;
  options.app_version = CK_APP_VERSION;
  options.log_round_failures = false;  // printed once below, not twice
  sync::SyncEngine engine(std::move(options), nullptr, nullptr);
  sync::SyncRoundReport report = engine.RunOnce(sink);
  store::OutboxRepository outbox(sink.database());
  // The outbox line comes first and even after a failure: it is what staff check after a network outage.
  std::printf("sync: outbox %d delivered, %d rejected, %lld still queued, %lld rejected in all\n",
              report.pushed, report.rejected, static_cast<long long>(outbox.PendingCount()),
              static_cast<long long>(outbox.RejectedCount()));
  if (!report.ok) {
    std::fprintf(stderr, "sync: failed: %s\n", report.error.c_str());
    return 1;
  }
  if (report.not_modified) {
    std::printf("sync: up to date (304)\n");
  } else {
    std::printf("sync: %d pages, %d upserts, %d tombstones, cursor %s\n", report.pages, report.upserts,
                report.tombstones, sink.Cursor().c_str());
  }
  std::printf("sync: %d ticket statuses%s\n", report.statuses,
              report.services_updated ? ", categories updated" : "");
  if (!report.feedback_error.empty()) std::printf("sync: note: %s\n", report.feedback_error.c_str());
  return 0;
}

}  // namespace ck::app

// SyncEngine options from the kiosk config, with the store's FeedApplier as the sink.
#include "app/platform/sync_wiring.h"

#include <cstdio>

#include "app/store/feed_applier.h"

namespace ck::platform {

std::unique_ptr<sync::SyncEngine> StartSyncEngine(const core::KioskConfig& config,
                                                  const std::filesystem::path& db_file,
                                                  std::function<void()> on_data_changed) {
  if (config.hub_url.empty()) return nullptr;
  sync::SyncEngineOptions options;
  options.hub_url = config.hub_url;
  options.device_id = config.device_id;
  options.token = config.token;
  options.ca_file = config.ca_file;
  options.app_version = CK_APP_VERSION;
  options.poll_interval = std::chrono::seconds(config.poll_interval_seconds);
  auto engine = std::make_unique<sync::SyncEngine>(
      options,
      [db_file]() -> std::unique_ptr<sync::FeedSink> {
        auto sink = store::OpenFeedSink(db_file);
        if (!sink) {
          std::fprintf(stderr, "community-kiosk: sync cannot open the database: %s\n", sink.error().c_str());
          return nullptr;
        }
        return std::move(sink).value();
      },
      std::move(on_data_changed));
  engine->Start();
  return engine;
}

}  // namespace ck::platform

// SyncEngine options from the kiosk config, with the store's FeedApplier as the sink.
#include "app/platform/sync_wiring.h"

#include "app/platform/data_disk.h"
#include "app/store/feed_applier.h"
#include "sync/protocol/journal_log.h"

namespace ck::platform {

void EngineSyncControl::RequestSyncNow() {
  if (engine_ != nullptr) engine_->RequestSyncNow();
}

void EngineSyncControl::RequestTicketLookup(const std::string& canonical_code) {
  if (engine_ != nullptr) engine_->RequestTicketLookup(canonical_code);
}

namespace {

ui::SyncControl::Lookup ToLookup(const std::optional<sync::TicketLookup>& state) {
  using Lookup = ui::SyncControl::Lookup;
  if (!state) return Lookup::Unknown;
  switch (state->state) {
    case sync::TicketLookup::State::Pending:
      return Lookup::Pending;
    case sync::TicketLookup::State::Found:
      return Lookup::Found;
    case sync::TicketLookup::State::NotFound:
      return Lookup::NotFound;
    case sync::TicketLookup::State::Failed:
      break;
  }
  return Lookup::Failed;
}

}  // namespace

ui::SyncControl::Lookup EngineSyncControl::LookupState(const std::string& canonical_code) const {
  if (engine_ == nullptr) return Lookup::Failed;
  return ToLookup(engine_->TicketLookupState(canonical_code));
}

void EngineSyncControl::RequestSignupCancel(const std::string& canonical_code) {
  if (engine_ != nullptr) engine_->RequestSignupCancel(canonical_code);
}

ui::SyncControl::Lookup EngineSyncControl::CancelState(const std::string& canonical_code) const {
  if (engine_ == nullptr) return Lookup::Failed;
  return ToLookup(engine_->SignupCancelState(canonical_code));
}

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
  options.disk_state = [data_dir = config.data_dir] { return DataDiskState(data_dir); };
  auto engine = std::make_unique<sync::SyncEngine>(
      options,
      [db_file]() -> std::unique_ptr<sync::FeedSink> {
        auto sink = store::OpenFeedSink(db_file);
        if (!sink) {
          log::Error("community-kiosk: sync cannot open the database: %s", sink.error().c_str());
          return nullptr;
        }
        return std::move(sink).value();
      },
      std::move(on_data_changed));
  engine->Start();
  return engine;
}

}  // namespace ck::platform

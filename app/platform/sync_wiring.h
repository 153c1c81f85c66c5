// Starting the background sync engine for the window loop (nothing to do without a hub).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "app/core/kiosk_config.h"
#include "app/ui/controller/feedback_source.h"
#include "sync/client/sync_engine.h"

namespace ck::platform {

// The sync engine as the UI's SyncControl. Made before the engine starts (the controller keeps a pointer to
// it), attached once it runs; until then a lookup says "pending" and sync-now does nothing.
class EngineSyncControl final : public ui::SyncControl {
 public:
  void Attach(sync::SyncEngine* engine) { engine_ = engine; }
  void RequestSyncNow() override;
  void RequestTicketLookup(const std::string& canonical_code) override;
  Lookup LookupState(const std::string& canonical_code) const override;
  void RequestSignupCancel(const std::string& canonical_code) override;
  Lookup CancelState(const std::string& canonical_code) const override;

 private:
  sync::SyncEngine* engine_ = nullptr;
};

// Starts a SyncEngine on its own thread and SQLite connection when config.hub_url is set; null otherwise.
// `on_data_changed` runs on the sync thread (the loop passes glfwPostEmptyEvent).
std::unique_ptr<sync::SyncEngine> StartSyncEngine(const core::KioskConfig& config,
                                                  const std::filesystem::path& db_file,
                                                  std::function<void()> on_data_changed);

}  // namespace ck::platform

// Starting the background sync engine for the window loop (nothing to do without a hub).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "app/core/kiosk_config.h"
#include "sync/client/sync_engine.h"

namespace ck::platform {

// Starts a SyncEngine on its own thread and SQLite connection when config.hub_url is set; null otherwise.
// `on_data_changed` runs on the sync thread (the loop passes glfwPostEmptyEvent).
std::unique_ptr<sync::SyncEngine> StartSyncEngine(const core::KioskConfig& config,
                                                  const std::filesystem::path& db_file,
                                                  std::function<void()> on_data_changed);

}  // namespace ck::platform

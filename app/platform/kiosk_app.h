// RunKiosk: opens the fullscreen window (or renders screenshots) and runs the event-driven main loop.
#pragma once

#include <filesystem>
#include <optional>

#include "app/core/kiosk_config.h"

namespace ck::platform {

struct KioskLaunch {
  core::KioskConfig config;
  bool demo = false;                                    // import assets/demo into an empty database first
  std::optional<std::filesystem::path> screenshot_dir;  // render every screen to PNG, then exit 0
  bool windowed = false;
  int width = 1920;
  int height = 1080;
  bool large_text = false;
};

// Without a display, says so on stderr and writes screenshots to ./screenshots instead.
int RunKiosk(const KioskLaunch& launch);

}  // namespace ck::platform

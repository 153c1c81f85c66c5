// `community-kiosk sync --once`: one headless sync round against the configured hub, printed for a human.
#pragma once

#include "app/core/kiosk_config.h"

namespace ck::app {

// Returns 0 when the round succeeded (including "nothing new"), non-zero with a message on stderr otherwise.
int RunSyncOnce(const core::KioskConfig& config);

}  // namespace ck::app

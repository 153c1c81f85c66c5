// The hub's clock for work orders: UTC now, moved by a fixed offset so tests (and a training hub) can
// see tickets go overdue without waiting. The offset comes from `serve --clock-offset-seconds N` or the
// environment variable CK_HUB_CLOCK_OFFSET_SECONDS (read once, at the first call); it defaults to 0.
// Notices and the kiosk feed keep the real clock: only the request lifecycle and the console use this.
#pragma once

#include "sync/protocol/utc_time.h"

namespace ck::hub {

inline constexpr const char* kClockOffsetEnv = "CK_HUB_CLOCK_OFFSET_SECONDS";

protocol::UnixSeconds HubNow();
protocol::UnixSeconds HubClockOffset();
// Overrides the environment; call before serving.
void SetHubClockOffset(protocol::UnixSeconds seconds);

}  // namespace ck::hub

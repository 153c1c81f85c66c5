// The kiosk's data disk as the heartbeat and the maintenance panel report it (free space, full or not).
#pragma once

#include <filesystem>
#include <optional>

#include "sync/protocol/heartbeat.h"

namespace ck::platform {

// statvfs of `dir`: the bytes an unprivileged writer may still use, and whether that is below
// protocol::kDiskFullBelowBytes. Nullopt when the file system cannot be asked.
std::optional<protocol::DiskState> DataDiskState(const std::filesystem::path& dir);

}  // namespace ck::platform

// DataDiskState over statvfs(3).
#include "app/platform/data_disk.h"

#include <sys/statvfs.h>

#include <cstdlib>
#include <string>

namespace ck::platform {

std::optional<protocol::DiskState> DataDiskState(const std::filesystem::path& dir) {
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) != 0) return std::nullopt;
  protocol::DiskState d;
  d.free_bytes = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
  // Tests (and a technician rehearsing) can pretend the disk is fuller than it is: the free bytes the
  // kiosk should believe it has.
  if (const char* pretend = std::getenv("CK_TEST_DISK_FREE_BYTES"); pretend != nullptr && *pretend != '\0')
    d.free_bytes = std::strtoull(pretend, nullptr, 10);
  d.full = d.free_bytes < protocol::kDiskFullBelowBytes;
  return d;
}

}  // namespace ck::platform

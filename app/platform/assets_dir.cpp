// Finding the assets directory from the executable's own location.
#include "app/platform/assets_dir.h"

#include <system_error>
#include <vector>

namespace ck::platform {

std::optional<std::filesystem::path> FindAssetsDir() {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    candidates.push_back(dir / ".." / ".." / "assets");
    candidates.push_back(dir / ".." / "share" / "community-kiosk");
  }
  candidates.emplace_back("/usr/share/community-kiosk");
#ifdef CK_SOURCE_ASSETS_DIR
  candidates.emplace_back(CK_SOURCE_ASSETS_DIR);
#endif
  for (const fs::path& c : candidates) {
    if (fs::is_regular_file(c / "i18n" / "zh.json", ec)) return fs::weakly_canonical(c, ec);
  }
  return std::nullopt;
}

}  // namespace ck::platform

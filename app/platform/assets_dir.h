// Where the kiosk's assets (translations, demo community) are: next to the binary, installed, or in the
// source.
#pragma once

#include <filesystem>
#include <optional>

namespace ck::platform {

// Tries, in order: <exe>/../../assets (a build tree's build/app/), <exe>/../share/community-kiosk,
// /usr/share/community-kiosk, and the source tree's assets (CK_SOURCE_ASSETS_DIR, set at compile time).
// A directory counts only if it holds i18n/zh.json.
std::optional<std::filesystem::path> FindAssetsDir();

}  // namespace ck::platform

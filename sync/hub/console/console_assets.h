// The console's stylesheet, script and words, compiled into the hub from sync/hub/console/assets/ (so a
// hub binary serves its console with no files to install and nothing from a CDN).
#pragma once

#include <string_view>

namespace ck::hub::console {

extern const std::string_view kConsoleCss;
extern const std::string_view kConsoleJs;
extern const std::string_view kStringsJson;

}  // namespace ck::hub::console

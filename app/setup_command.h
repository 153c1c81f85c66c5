// `community-kiosk setup`: asks on the terminal for the hub URL and this kiosk's credentials, tests them
// against the hub, and only then writes them into the config file.
#pragma once

#include <cstdio>
#include <filesystem>

namespace ck::app {

// Reads answers from `in` (a terminal or a pipe), prompts on `out`. Exit code: 0 written, 1 the hub
// refused or could not be reached (nothing written), 2 bad input.
int RunSetup(const std::filesystem::path& config_file, std::FILE* in, std::FILE* out);

}  // namespace ck::app

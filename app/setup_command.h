// `community-kiosk setup`: asks on the terminal for the hub URL and this kiosk's credentials, tests them
// against the hub, and only then writes them into the config file.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

namespace ck::app {

// Reads answers from `in` (a terminal or a pipe), prompts on `out`. Exit code: 0 written, 1 the hub
// refused or could not be reached (nothing written), 2 bad input.
// One line from `in` after `question` on `out`, not echoed when `in` is a terminal (PINs, tokens).
std::string AskSecret(std::FILE* in, std::FILE* out, const std::string& question);

int RunSetup(const std::filesystem::path& config_file, std::FILE* in, std::FILE* out);

}  // namespace ck::app

// `community-kiosk set-pin`: sets the maintenance panel's PIN on the terminal (read hidden, twice; never an
// argument, so it is in no shell history and no process list).
#pragma once

#include <cstdio>
#include <filesystem>

namespace ck::app {

// Asks for the PIN twice on `in`/`out` and stores its Argon2id hash in the kiosk database under
// `data_dir` (the wrong-PIN count and lock-out are cleared with it). Exit code: 0 set, 2 bad or mismatched
// input, 1 the database could not be opened or written.
int RunSetPin(const std::filesystem::path& data_dir, std::FILE* in, std::FILE* out);

}  // namespace ck::app

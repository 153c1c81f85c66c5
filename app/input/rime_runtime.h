// RimeRuntime: the one process-wide librime setup/initialize/finalize, shared by every PinyinEngine.
#pragma once

#include <filesystem>
#include <string>

#include "sync/protocol/result.h"

namespace ck::input::rime_runtime {

// Initialises librime for `deployed_dir` unless it already is; counts a user. Fails when another
// directory is in use by a live engine. rime's setup (logging into `log_dir`) runs once per process,
// at the first call that gets that far, because glog refuses a second initialisation.
Status Acquire(const std::filesystem::path& deployed_dir, const std::filesystem::path& log_dir);
// Drops a user. The runtime stays initialised (reopening costs a schema load); it is finalised at exit.
void Release();
// False once finalised at exit: sessions must not be touched any more.
bool IsLive();

}  // namespace ck::input::rime_runtime

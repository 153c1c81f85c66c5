// PinyinEngine: Chinese pinyin input through librime's C API, schema pinyin_simp, deployed ahead of time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "app/input/pinyin_state.h"
#include "sync/protocol/result.h"

namespace ck::input {

// Where the build step (ck_rime_deploy) and the package put the compiled schema. The kiosk tries the
// build tree first (running from a build), then the installed path.
inline constexpr const char* kInstalledRimeDir = "/usr/share/community-kiosk/rime";
inline constexpr const char* kRimeSharedDataDir = "/usr/share/rime-data";
inline constexpr const char* kPinyinSchema = "pinyin_simp";

// The build tree's deployed directory when it exists (running from a build), else kInstalledRimeDir.
std::filesystem::path DefaultRimeDeployedDir();

// One rime session. Rime itself is process-global: all engines share one initialised runtime, which
// must be for one deployed directory at a time; it is finalised at process exit.
// Not thread-safe: use an engine from the UI thread only.
class PinyinEngine final : public PinyinInput {
 public:
  // `deployed_dir` holds what the deploy step wrote (default.custom.yaml and build/*.yaml). A missing or
  // broken directory, or a failing rime, is an error value with a readable reason, never a crash; the
  // keyboard then offers English and digits only. Does no deployment: that would take seconds.
  // rime logs errors (only) into files in `log_dir`; only the process's first Open decides it (empty:
  // glog's default, $GLOG_log_dir or /tmp).
  static Result<std::unique_ptr<PinyinEngine>> Open(const std::filesystem::path& deployed_dir,
                                                    const std::filesystem::path& log_dir = {});
  ~PinyinEngine() override;
  PinyinEngine(const PinyinEngine&) = delete;
  PinyinEngine& operator=(const PinyinEngine&) = delete;

  PinyinState PressLetter(char letter) override;
  PinyinState Backspace() override;
  PinyinState NextPage() override;
  PinyinState PrevPage() override;
  std::string SelectCandidate(int index_on_page) override;
  std::string CommitRaw() override;
  void Clear() override;
  PinyinState State() override;

 private:
  explicit PinyinEngine(std::uintptr_t session) : session_(session) {}
  PinyinState SendKey(int keycode);
  std::string TakeCommit();

  std::uintptr_t session_;
};

}  // namespace ck::input

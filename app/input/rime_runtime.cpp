// RimeRuntime: the one process-wide librime setup/initialize/finalize, shared by every PinyinEngine.
#include "app/input/rime_runtime.h"

#include <rime_api.h>

#include <cstdlib>
#include <mutex>
#include <system_error>

#include "app/input/pinyin_engine.h"

namespace ck::input::rime_runtime {
namespace {

struct Runtime {
  std::mutex mutex;
  bool setup_done = false;
  bool exit_hook_registered = false;
  bool initialized = false;
  bool finalized_at_exit = false;
  int users = 0;
  // RimeTraits holds raw pointers: the strings live here for as long as rime may read them.
  std::string user_data_dir;
  std::string staging_dir;
  std::string log_dir;
};

// Never destroyed, so the exit hook can still reach it after static destructors have started.
Runtime& TheRuntime() {
  static Runtime* runtime = new Runtime;
  return *runtime;
}

void FinalizeAtExit() {
  Runtime& rt = TheRuntime();
  std::lock_guard lock(rt.mutex);
  if (rt.initialized) {
    rime_get_api()->finalize();
    rt.initialized = false;
  }
  rt.finalized_at_exit = true;
}

bool FileExists(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

// Checked before rime sees the directory: rime itself would start with missing data and fail later,
// quietly, with an empty candidate list.
Status CheckDeployed(const std::filesystem::path& deployed_dir) {
  const std::string schema_file = std::string(kPinyinSchema) + ".schema.yaml";
  const std::string table_file = std::string(kPinyinSchema) + ".table.bin";
  const std::filesystem::path build = deployed_dir / "build";
  if (!FileExists(build / "default.yaml") || !FileExists(build / schema_file)) {
    return Status::Fail("pinyin schema not deployed in " + deployed_dir.string() +
                        " (expected build/default.yaml and build/" + schema_file +
                        "; run the ck_rime_deploy build step or install the package)");
  }
  const std::filesystem::path prebuilt = std::filesystem::path(kRimeSharedDataDir) / "build";
  if (!FileExists(build / table_file) && !FileExists(prebuilt / table_file)) {
    return Status::Fail("pinyin dictionary " + table_file + " missing from " + prebuilt.string() +
                        " (install rime-data-pinyin-simp)");
  }
  return OkStatus();
}

RimeTraits MakeTraits(Runtime& rt) {
  RIME_STRUCT(RimeTraits, traits);
  traits.shared_data_dir = kRimeSharedDataDir;
  traits.user_data_dir = rt.user_data_dir.c_str();
  traits.staging_dir = rt.staging_dir.c_str();
  traits.distribution_name = "Community Kiosk";
  traits.distribution_code_name = "community-kiosk";
  traits.distribution_version = "0.1";
  traits.app_name = "rime.community-kiosk";
  // Errors only: a healthy kiosk writes no rime log at all. Debian's librime 1.8 cannot log to stderr
  // only, so errors go to files in log_dir (glog's default, $GLOG_log_dir or /tmp, when empty).
  traits.min_log_level = 2;
  traits.log_dir = rt.log_dir.empty() ? nullptr : rt.log_dir.c_str();
  return traits;
}

}  // namespace

Status Acquire(const std::filesystem::path& deployed_dir, const std::filesystem::path& log_dir) {
  if (Status deployed = CheckDeployed(deployed_dir); !deployed.ok()) return deployed;

  Runtime& rt = TheRuntime();
  std::lock_guard lock(rt.mutex);
  if (rt.finalized_at_exit) return Status::Fail("rime already shut down (process is exiting)");

  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(deployed_dir, ec);
  if (ec) canonical = deployed_dir;
  const std::string dir = canonical.string();

  RimeApi* api = rime_get_api();
  if (rt.initialized && rt.user_data_dir != dir) {
    if (rt.users > 0) {
      return Status::Fail("rime is in use with " + rt.user_data_dir + "; cannot also open " + dir);
    }
    api->finalize();
    rt.initialized = false;
  }
  if (!rt.initialized) {
    rt.user_data_dir = dir;
    rt.staging_dir = (canonical / "build").string();
    RimeTraits traits = MakeTraits(rt);
    if (!rt.setup_done) {
      if (!log_dir.empty()) {
        std::filesystem::create_directories(log_dir, ec);  // glog will not; without it, errors go unlogged
        rt.log_dir = log_dir.string();
      }
      traits = MakeTraits(rt);
      api->setup(&traits);
      rt.setup_done = true;
    }
    // No start_maintenance: the schema was compiled at build or install time, so starting is a load.
    api->initialize(&traits);
    rt.initialized = true;
    if (!rt.exit_hook_registered) {
      // Registered after rime's own singletons exist, so this runs before their destructors.
      std::atexit(FinalizeAtExit);
      rt.exit_hook_registered = true;
    }
  }
  ++rt.users;
  return OkStatus();
}

void Release() {
  Runtime& rt = TheRuntime();
  std::lock_guard lock(rt.mutex);
  if (rt.users > 0) --rt.users;
}

bool IsLive() {
  Runtime& rt = TheRuntime();
  std::lock_guard lock(rt.mutex);
  return rt.initialized && !rt.finalized_at_exit;
}

}  // namespace ck::input::rime_runtime

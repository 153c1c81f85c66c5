// ck_rime_deploy: compiles the pinyin schema into a directory at build or install time, so the kiosk's
// first tap finds everything ready. Usage: ck_rime_deploy <dir with our *.custom.yaml> <output dir> [log dir]
//
// Ours rather than rime_deployer because that tool logs INFO into /tmp on every run; this one logs
// errors only (into the log dir when given) and fails loudly when the schema did not come out.
#include <rime_api.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "app/input/pinyin_engine.h"

namespace fs = std::filesystem;

namespace {

bool CopyCustomConfig(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) {
    std::fprintf(stderr, "ck_rime_deploy: cannot create %s: %s\n", to.c_str(), ec.message().c_str());
    return false;
  }
  for (const char* name : {"default.custom.yaml", "pinyin_simp.custom.yaml"}) {
    fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      std::fprintf(stderr, "ck_rime_deploy: cannot copy %s: %s\n", (from / name).c_str(),
                   ec.message().c_str());
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: %s <config dir> <output dir> [log dir]\n", argv[0]);
    return 2;
  }
  const fs::path config_dir = argv[1];
  const fs::path out_dir = argv[2];
  if (!CopyCustomConfig(config_dir, out_dir)) return 1;

  const std::string user_dir = out_dir.string();
  const std::string staging_dir = (out_dir / "build").string();
  const std::string log_dir = argc == 4 ? argv[3] : "";
  if (!log_dir.empty()) {
    std::error_code ec;
    fs::create_directories(log_dir, ec);
  }
  RIME_STRUCT(RimeTraits, traits);
  traits.shared_data_dir = ck::input::kRimeSharedDataDir;
  traits.user_data_dir = user_dir.c_str();
  traits.staging_dir = staging_dir.c_str();
  traits.distribution_name = "Community Kiosk";
  traits.distribution_code_name = "community-kiosk";
  traits.distribution_version = "0.1";
  traits.app_name = "rime.community-kiosk-deploy";
  traits.min_log_level = 2;  // missing optional *.custom.yaml files are warnings: expected, not news
  traits.log_dir = log_dir.empty() ? nullptr : log_dir.c_str();

  RimeApi* api = rime_get_api();
  api->setup(&traits);
  api->deployer_initialize(&traits);
  const bool deployed = api->deploy() != False;
  api->finalize();

  const fs::path schema = out_dir / "build" / (std::string(ck::input::kPinyinSchema) + ".schema.yaml");
  std::error_code ec;
  if (!deployed || !fs::is_regular_file(schema, ec)) {
    std::fprintf(stderr,
                 "ck_rime_deploy: deploying %s into %s failed (is rime-data-pinyin-simp installed?)\n",
                 ck::input::kPinyinSchema, out_dir.c_str());
    return 1;
  }
  return 0;
}

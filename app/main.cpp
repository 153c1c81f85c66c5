// community-kiosk: the lobby touchscreen (default) and its headless commands (`sync --once`).
#include <CLI/CLI.hpp>

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "app/core/kiosk_config.h"
#include "app/platform/kiosk_app.h"
#include "app/set_pin_command.h"
#include "app/setup_command.h"
#include "app/sync_once.h"
#include "sync/protocol/journal_log.h"

namespace {

// The data directory must exist (or be creatable) and be writable by this user. Found here, it is one line
// naming the folder, where the setting came from and the fix; found by SQLite, it was "unable to open".
std::string DataDirProblem(const std::filesystem::path& dir, const std::string& from) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec && ::access(dir.c_str(), W_OK | X_OK) == 0) return {};
  const passwd* user = ::getpwuid(::geteuid());
  const std::string name = user != nullptr ? user->pw_name : std::to_string(::geteuid());
  return "data_dir " + dir.string() + " (" + from + ") is not writable by user " + name + " (" +
         (ec ? ec.message() : std::string(std::strerror(errno))) + "); fix: chown " + name + " " + dir.string() +
         ", or set data_dir to a folder it may write";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Community Kiosk: the lobby touchscreen of a residential community"};
  cli.require_subcommand(0, 1);

  std::string config_file, data_dir, screenshot_dir, hub_url, device_id, token, ca_file;
  bool demo = false, windowed = false, large_text = false, english = false, once = false;
  int width = 1920, height = 1080;
  cli.add_option("--config", config_file, "TOML configuration file (see packaging/kiosk.toml)");
  cli.add_option("--data-dir", data_dir, "Where the kiosk keeps its database (default: XDG data dir)");
  cli.add_flag("--demo", demo, "Load the bundled demo community into the database if it is empty");
  cli.add_option("--screenshot", screenshot_dir,
                 "Render every screen to PNG files in this folder, then exit");
  cli.add_flag("--windowed", windowed, "Run in a window instead of fullscreen");
  cli.add_option("--width", width, "Window width in pixels")->check(CLI::Range(640, 7680));
  cli.add_option("--height", height, "Window height in pixels")->check(CLI::Range(480, 4320));
  cli.add_flag("--large-text", large_text, "Start in large-text mode");
  cli.add_flag("--english", english, "Start in English");

  CLI::App* sync = cli.add_subcommand("sync", "Talk to the hub without opening a window");
  // `sync --once --data-dir DIR` (and --config) as documented: options sync does not know go to the top
  // level.
  sync->fallthrough();
  sync->add_flag("--once", once, "Run one sync round, print what it did, exit (non-zero on failure)")
      ->required();
  sync->add_option("--hub", hub_url, "Hub base URL, e.g. http://127.0.0.1:8080");
  sync->add_option("--device-id", device_id, "This kiosk's device id (from `community-hub kiosk add`)");
  sync->add_option("--token", token, "This kiosk's token");
  sync->add_option("--ca-file", ca_file, "CA certificate(s) that signed a private hub's certificate (PEM)");
  // --config and --data-dir belong to the top level (they fall through) but are sync's too: say so here.
  sync->footer("Also: --config FILE (TOML, see /etc/community-kiosk/kiosk.toml) and --data-dir DIR, before or\n"
               "after `sync`; flags win over the file.");

  CLI::App* setup = cli.add_subcommand(
      "setup", "On the terminal: ask for the hub URL and this kiosk's credentials, test them, write the config");
  setup->fallthrough();

  CLI::App* set_pin = cli.add_subcommand(
      "set-pin", "On the terminal: set the maintenance panel's PIN (asked twice, not echoed; never an argument)");
  set_pin->fallthrough();

  CLI11_PARSE(cli, argc, argv);

  if (*setup)
    return ck::app::RunSetup(config_file.empty() ? "/etc/community-kiosk/kiosk.toml" : config_file, stdin, stdout);

  ck::core::KioskConfig config;
  if (!config_file.empty()) {
    auto loaded = ck::core::LoadKioskConfig(config_file);
    if (!loaded) {
      ck::log::Error("community-kiosk: %s", loaded.error().c_str());
      return 2;
    }
    config = std::move(loaded).value();
  }
  std::string data_dir_from = !data_dir.empty()                 ? "from --data-dir"
                              : !config.data_dir.empty()        ? "from " + config_file
                                                                : "the default";
  if (!data_dir.empty()) config.data_dir = data_dir;
  if (config.data_dir.empty()) config.data_dir = ck::core::DefaultDataDir();
  if (std::string problem = DataDirProblem(config.data_dir, data_dir_from); !problem.empty()) {
    ck::log::Error("community-kiosk: %s", problem.c_str());
    return 2;
  }
  if (!hub_url.empty()) config.hub_url = hub_url;
  if (!device_id.empty()) config.device_id = device_id;
  if (!token.empty()) config.token = token;
  if (!ca_file.empty()) config.ca_file = ca_file;
  if (english) config.language = "en";

  if (*sync) return ck::app::RunSyncOnce(config);
  if (*set_pin) return ck::app::RunSetPin(config.data_dir, stdin, stdout);

  ck::platform::KioskLaunch launch;
  launch.config = config;
  launch.demo = demo;
  if (!screenshot_dir.empty()) launch.screenshot_dir = screenshot_dir;
  launch.windowed = windowed;
  launch.width = width;
  launch.height = height;
  launch.large_text = large_text;
  return ck::platform::RunKiosk(launch);
}

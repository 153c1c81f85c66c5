// KioskConfig: how this kiosk is set up (where its data lives, which hub it talks to, how it looks).
// Read from a TOML file (packaging/kiosk.toml is the commented default) and overridden by flags.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "sync/protocol/result.h"

namespace ck::core {

// Hours in which the screen stays black (the lobby is closed, nobody reads it): minutes after local
// midnight, [start, end); an end before the start runs past midnight ("23:00-06:00").
struct ScreenOffHours {
  int start_minute = 0;
  int end_minute = 0;
  bool Contains(int minute_of_day) const;
  // Seconds from `second_of_day` (0..86399) until the screen must change (the window starts or ends).
  int SecondsUntilChange(int second_of_day) const;
};
// "HH:MM-HH:MM" (24-hour, start != end); nullopt for anything else.
std::optional<ScreenOffHours> ParseScreenOffHours(std::string_view text);
// "HH:MM" (24-hour) as minutes after midnight; nullopt for anything else.
std::optional<int> ParseClockMinutes(std::string_view text);

struct KioskConfig {
  std::filesystem::path data_dir;  // default: $XDG_DATA_HOME/community-kiosk (~/.local/share/…)
  std::string community_name;      // shown on the home screen; empty: from the demo or "社区服务"
  std::string hub_url;             // e.g. "https://hub.example.org"; empty: offline only
  std::string device_id;           // from `community-hub kiosk add`
  std::string token;               // ditto; never logged
  std::string ca_file;             // extra CA bundle for a private hub; TLS is always verified
  std::string public_base_url;     // base of the links in QR codes; empty: hub_url
  // The hub's number for this kiosk (printed by `community-hub kiosk add`), packed into ticket codes so
  // they are unique across the hub's kiosks. 0: unknown; the kiosk then learns it from the heartbeat
  // answer and keeps it in its database (SyncStateRepository::KioskNumber).
  std::uint32_t kiosk_number = 0;
  int poll_interval_seconds = 30;
  std::string time_zone = "Asia/Shanghai";
  std::string language = "zh";  // "zh" or "en" at start; residents switch on screen
  // `screen_off = "23:00-06:00"`, in time_zone: black inside these hours, a touch wakes it for a few
  // minutes; sync and the watchdog carry on. Unset: always on.
  std::optional<ScreenOffHours> screen_off;
};

std::filesystem::path DefaultDataDir();
// A missing file is an error; unknown keys are an error (a typo must not silently do nothing).
Result<KioskConfig> LoadKioskConfig(const std::filesystem::path& file);

}  // namespace ck::core

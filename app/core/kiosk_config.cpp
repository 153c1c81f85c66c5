// KioskConfig from TOML (toml++): every key is a field of KioskConfig; unknown keys and wrong types are
// errors.
#include "app/core/kiosk_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <string_view>
#include <system_error>
#include <vector>

namespace ck::core {

namespace {

using Setter = std::function<std::string(const toml::node&, KioskConfig&)>;

// Reads a string key; the returned text is empty on success, else what is wrong with it.
Setter StringKey(std::string KioskConfig::*field) {
  return [field](const toml::node& node, KioskConfig& config) -> std::string {
    auto value = node.value<std::string>();
    if (!node.is_string() || !value) return "must be a string";
    config.*field = *value;
    return {};
  };
}

const std::map<std::string, Setter, std::less<>>& Keys() {
  static const std::map<std::string, Setter, std::less<>> keys = {
      {"data_dir",
       [](const toml::node& node, KioskConfig& config) -> std::string {
         auto value = node.value<std::string>();
         if (!node.is_string() || !value || value->empty()) return "must be a non-empty string (a folder)";
         config.data_dir = *value;
         return {};
       }},
      {"community_name", StringKey(&KioskConfig::community_name)},
      {"hub_url", StringKey(&KioskConfig::hub_url)},
      {"device_id", StringKey(&KioskConfig::device_id)},
      {"token", StringKey(&KioskConfig::token)},
      {"ca_file", StringKey(&KioskConfig::ca_file)},
      {"public_base_url", StringKey(&KioskConfig::public_base_url)},
      {"poll_interval_seconds",
       [](const toml::node& node, KioskConfig& config) -> std::string {
         auto value = node.value<std::int64_t>();
         if (!node.is_integer() || !value) return "must be a whole number of seconds";
         // Under 5 s would hammer the hub for nothing; over a day means the kiosk never looks.
         if (*value < 5 || *value > 86400) return "must be between 5 and 86400";
         config.poll_interval_seconds = static_cast<int>(*value);
         return {};
       }},
      {"kiosk_number",
       [](const toml::node& node, KioskConfig& config) -> std::string {
         auto value = node.value<std::int64_t>();
         // 10 bits in a ticket code (protocol::kMaxKioskNumber).
         if (!node.is_integer() || !value || *value < 0 || *value > 1023)
           return "must be a whole number from 0 (unknown) to 1023";
         config.kiosk_number = static_cast<std::uint32_t>(*value);
         return {};
       }},
      {"time_zone", StringKey(&KioskConfig::time_zone)},
      {"screen_off",
       [](const toml::node& node, KioskConfig& config) -> std::string {
         auto value = node.value<std::string>();
         auto hours = node.is_string() && value ? ParseScreenOffHours(*value) : std::nullopt;
         if (!hours)
           return "must be the hours the screen stays black as \"HH:MM-HH:MM\" in 24-hour time, e.g. "
                  "\"23:00-06:00\" (start and end differ), or leave the key out to keep the screen on";
         config.screen_off = hours;
         return {};
       }},
      {"language",
       [](const toml::node& node, KioskConfig& config) -> std::string {
         auto value = node.value<std::string>();
         if (!node.is_string() || !value || (*value != "zh" && *value != "en"))
           return "must be \"zh\" or \"en\"";
         config.language = *value;
         return {};
       }},
  };
  return keys;
}

// Levenshtein distance, for "did you mean" on a mistyped key (keys are short: a plain table is fine).
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

bool ScreenOffHours::Contains(int minute_of_day) const {
  if (start_minute < end_minute) return minute_of_day >= start_minute && minute_of_day < end_minute;
  return minute_of_day >= start_minute || minute_of_day < end_minute;  // past midnight
}

int ScreenOffHours::SecondsUntilChange(int second_of_day) const {
  constexpr int kDay = 24 * 3600;
  const int boundary = Contains(second_of_day / 60) ? end_minute * 60 : start_minute * 60;
  const int wait = ((boundary - second_of_day) % kDay + kDay) % kDay;
  return wait == 0 ? kDay : wait;
}

std::optional<int> ParseClockMinutes(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::optional<ScreenOffHours> ParseScreenOffHours(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  auto start = ParseClockMinutes(text.substr(0, 5));
  auto end = ParseClockMinutes(text.substr(6, 5));
  if (!start || !end || *start == *end) return std::nullopt;
  return ScreenOffHours{*start, *end};
}

std::filesystem::path DefaultDataDir() {
  // XDG Base Directory: $XDG_DATA_HOME if set and absolute, else ~/.local/share.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/')
    return std::filesystem::path(xdg) / "community-kiosk";
  if (const char* home = std::getenv("HOME"); home && home[0])
    return std::filesystem::path(home) / ".local" / "share" / "community-kiosk";
  // No home at all (a bare service account): the working directory is the only place we know.
  return std::filesystem::path("community-kiosk-data");
}

Result<KioskConfig> LoadKioskConfig(const std::filesystem::path& file) {
  using R = Result<KioskConfig>;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return R::Fail(file.string() +
                   ": no such config file; give --config an existing file (the package installs "
                   "/etc/community-kiosk/kiosk.toml, a commented example)");
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return R::Fail(file.string() + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                   ": " + std::string(e.description()) +
                   "; fix the TOML on that line (key = value, text in \"double quotes\")");
  }
  KioskConfig config;
  for (const auto& [key, node] : table) {
    // One line a technician can act on: the file and line, what is wrong, what to write instead.
    const std::string at = file.string() + ":" + std::to_string(node.source().begin.line);
    auto it = Keys().find(key.str());
    if (it == Keys().end()) {
      std::string known;
      std::string nearest;
      for (const auto& [name, setter] : Keys()) {
        known += (known.empty() ? "" : ", ") + name;
        if (nearest.empty() && EditDistance(name, key.str()) <= 2) nearest = name;
      }
      return R::Fail(at + ": unknown key \"" + std::string(key.str()) + "\"; " +
                     (nearest.empty() ? std::string() : "did you mean \"" + nearest + "\"? ") + "known keys: " + known);
    }
    if (std::string problem = it->second(node, config); !problem.empty())
      return R::Fail(at + ": key \"" + std::string(key.str()) + "\" " + problem + "; fix the value on that line");
  }
  return R::Ok(std::move(config));
}

}  // namespace ck::core

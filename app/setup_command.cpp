// `community-kiosk setup`: prompts, one test request to the hub with the answers, then the config file is
// rewritten key by key (comments and other keys kept), atomically, readable by the kiosk user only.
#include "app/setup_command.h"

#include <grp.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/core/kiosk_config.h"
#include "sync/client/hub_http.h"
#include "sync/protocol/feed.h"

namespace ck::app {
namespace {

std::string Ask(std::FILE* in, std::FILE* out, const std::string& question, const std::string& current,
                bool secret = false) {
  std::fprintf(out, "%s%s: ", question.c_str(),
               current.empty() ? "" : (secret ? " [keep the current one]" : " [" + current + "]").c_str());
  std::fflush(out);
  termios saved{};
  const bool hide = secret && isatty(fileno(in)) && tcgetattr(fileno(in), &saved) == 0;
  if (hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fileno(in), TCSAFLUSH, &quiet);
  }
  std::string line;
  int c;
  while ((c = std::fgetc(in)) != EOF && c != '\n') line += static_cast<char>(c);
  if (hide) {
    tcsetattr(fileno(in), TCSAFLUSH, &saved);
    std::fprintf(out, "\n");
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(line.begin());
  return line.empty() ? current : line;
}

std::string TomlString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Replaces the first `key = …` line (or its commented-out example) with the new value; appends otherwise.
std::string SetKeys(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (const auto& [key, value] : values) {
    const std::string wanted = key + " = " + value;
    bool done = false;
    for (const bool commented : {false, true}) {
      for (std::string& line : lines) {
        std::string_view rest = line;
        if (commented) {
          if (!rest.starts_with("# ")) continue;
          rest.remove_prefix(2);
        }
        if (rest.starts_with(key + " =") || rest.starts_with(key + "=")) {
          line = wanted;
          done = true;
          break;
        }
      }
      if (done) break;
    }
    if (!done) lines.push_back(wanted);
  }
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace

std::string AskSecret(std::FILE* in, std::FILE* out, const std::string& question) {
  return Ask(in, out, question, {}, true);
}

int RunSetup(const std::filesystem::path& config_file, std::FILE* in, std::FILE* out) {
  core::KioskConfig current;
  std::string text;
  if (std::filesystem::exists(config_file)) {
    auto loaded = core::LoadKioskConfig(config_file);
    if (!loaded) {
      std::fprintf(stderr, "setup: %s\n", loaded.error().c_str());
      return 2;
    }
    current = *loaded;
    std::ifstream file(config_file);
    text.assign(std::istreambuf_iterator<char>(file), {});
  }
  std::fprintf(out, "Setting up this kiosk in %s (Enter keeps the value in brackets).\n", config_file.c_str());
  core::KioskConfig next = current;
  next.hub_url = Ask(in, out, "Hub URL, e.g. https://hub.example.org", current.hub_url);
  next.device_id = Ask(in, out, "Device id (printed by `community-hub kiosk add`)", current.device_id);
  next.token = Ask(in, out, "Token (printed once by `community-hub kiosk add`)", current.token, /*secret=*/true);
  next.ca_file = Ask(in, out, "CA certificate of a private hub (empty: the system's CAs)", current.ca_file);
  if (next.hub_url.empty() || next.device_id.empty() || next.token.empty()) {
    std::fprintf(stderr, "setup: the hub URL, the device id and the token are all needed; nothing written\n");
    return 2;
  }
  if (!next.hub_url.starts_with("https://") && !next.hub_url.starts_with("http://")) {
    std::fprintf(stderr, "setup: the hub URL must start with https:// (or http:// on a test bench); nothing written\n");
    return 2;
  }

  std::fprintf(out, "Asking %s …\n", next.hub_url.c_str());
  std::fflush(out);
  sync::HubHttpOptions options;
  options.hub_url = next.hub_url;
  options.device_id = next.device_id;
  options.token = next.token;
  options.ca_file = next.ca_file;
  options.app_version = CK_APP_VERSION;
  options.request_timeout = std::chrono::seconds(20);
  sync::HubHttp http(std::move(options));
  auto answer = http.Perform({std::string(protocol::kFeedPath) + "?limit=1", nullptr, "", "", {}});
  if (!answer) {
    std::fprintf(stderr, "setup: %s; nothing written\n", answer.error().c_str());
    return 1;
  }
  if (answer->status == 401 || answer->status == 403) {
    std::fprintf(stderr,
                 "setup: the hub refused this device id and token (HTTP %ld): copy both from `community-hub kiosk "
                 "add` (a new pair: run it again); nothing written\n",
                 answer->status);
    return 1;
  }
  if (answer->status != 200 && answer->status != 304) {
    std::fprintf(stderr, "setup: %s answered HTTP %ld, not like a community hub: check the URL; nothing written\n",
                 next.hub_url.c_str(), answer->status);
    return 1;
  }
  std::fprintf(out, "The hub knows this kiosk.\n");

  std::vector<std::pair<std::string, std::string>> values = {{"hub_url", TomlString(next.hub_url)},
                                                             {"device_id", TomlString(next.device_id)},
                                                             {"token", TomlString(next.token)}};
  if (!next.ca_file.empty()) values.emplace_back("ca_file", TomlString(next.ca_file));
  const std::string written = SetKeys(text, values);
  const std::filesystem::path temp = config_file.string() + ".new";
  {
    std::ofstream file(temp, std::ios::trunc);
    file << written;
    if (!file.flush()) {
      std::fprintf(stderr, "setup: cannot write %s; nothing written\n", temp.c_str());
      return 1;
    }
  }
  // The token is a password: readable by root and the kiosk's group only.
  ::chmod(temp.c_str(), 0640);
  if (::geteuid() == 0) {
    if (const group* g = ::getgrnam("community-kiosk")) (void)::chown(temp.c_str(), 0, g->gr_gid);
  }
  std::error_code ec;
  std::filesystem::rename(temp, config_file, ec);
  if (ec) {
    std::fprintf(stderr, "setup: cannot replace %s: %s\n", config_file.c_str(), ec.message().c_str());
    return 1;
  }
  if (auto check = core::LoadKioskConfig(config_file); !check) {
    std::fprintf(stderr, "setup: wrote %s but it does not load: %s\n", config_file.c_str(), check.error().c_str());
    return 1;
  }
  std::fprintf(out, "Wrote %s. Start the kiosk: systemctl restart community-kiosk\n", config_file.c_str());
  return 0;
}

}  // namespace ck::app

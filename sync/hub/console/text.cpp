// Loads the embedded strings.json once; lookups after that are a map read.
#include "sync/hub/console/text.h"

#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "sync/hub/console/console_assets.h"

namespace ck::hub::console {

namespace {

struct Entry {
  std::string zh, en;
};

const std::map<std::string, Entry, std::less<>>& Table() {
  static const auto table = [] {
    std::map<std::string, Entry, std::less<>> t;
    auto j = nlohmann::json::parse(kStringsJson, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) throw std::runtime_error("console strings.json is not a JSON object");
    for (auto& [key, v] : j.items()) {
      if (!v.is_object()) continue;
      t[key] = Entry{v.value("zh", std::string()), v.value("en", std::string())};
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string_view LangCode(Lang l) {
  return l == Lang::En ? "en" : "zh";
}

const std::string& Tr(Lang lang, std::string_view key) {
  static thread_local std::string missing;
  auto it = Table().find(key);
  if (it == Table().end()) {
    missing = std::string(key);
    return missing;
  }
  const std::string& s = lang == Lang::En ? it->second.en : it->second.zh;
  return s.empty() ? it->second.zh : s;
}

bool HasText(std::string_view key) {
  auto it = Table().find(key);
  return it != Table().end() && !it->second.zh.empty() && !it->second.en.empty();
}

}  // namespace ck::hub::console

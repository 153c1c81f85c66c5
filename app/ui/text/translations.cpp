// Loading translation files and filling their placeholders.
#include "app/ui/text/translations.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ck::ui {

Result<Translations> Translations::Parse(std::string_view json_text) {
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Result<Translations>::Fail("not a JSON object");
  Translations t;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) return Result<Translations>::Fail("value of \"" + key + "\" is not a string");
    t.strings_.emplace(key, value.get<std::string>());
  }
  return Result<Translations>::Ok(std::move(t));
}

Result<Translations> Translations::LoadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Result<Translations>::Fail("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = Parse(text.str());
  if (!parsed) return Result<Translations>::Fail(file.string() + ": " + parsed.error());
  return parsed;
}

const std::string& Translations::Get(std::string_view key) const {
  if (auto it = strings_.find(key); it != strings_.end()) return it->second;
  auto [it, inserted] = missing_.try_emplace(std::string(key), std::string(key));
  return it->second;
}

Result<TranslationSet> LoadTranslationSet(const std::filesystem::path& i18n_dir) {
  auto zh = Translations::LoadFile(i18n_dir / "zh.json");
  if (!zh) return Result<TranslationSet>::Fail(zh.error());
  auto en = Translations::LoadFile(i18n_dir / "en.json");
  if (!en) return Result<TranslationSet>::Fail(en.error());
  return Result<TranslationSet>::Ok(TranslationSet{std::move(zh).value(), std::move(en).value()});
}

std::string FormatPattern(std::string_view pattern,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  out.reserve(pattern.size() + 16);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [k, v] : values) {
          if (k == name) {
            out += v;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace ck::ui

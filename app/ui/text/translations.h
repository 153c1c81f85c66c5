// Translations: every string a resident sees, by key, from assets/i18n/<language>.json.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "sync/protocol/result.h"

namespace ck::ui {

enum class Language { Chinese, English };

class Translations {
 public:
  // A flat JSON object of key → string. Anything else is an error, so a broken file is caught at start.
  static Result<Translations> Parse(std::string_view json_text);
  static Result<Translations> LoadFile(const std::filesystem::path& file);

  // The string for `key`, or the key itself when missing: a visible, greppable defect rather than a blank.
  const std::string& Get(std::string_view key) const;
  const char* operator()(std::string_view key) const { return Get(key).c_str(); }
  bool Has(std::string_view key) const { return strings_.find(std::string(key)) != strings_.end(); }
  const std::map<std::string, std::string, std::less<>>& All() const { return strings_; }

 private:
  std::map<std::string, std::string, std::less<>> strings_;
  mutable std::map<std::string, std::string, std::less<>> missing_;  // keys echoed back, kept alive here
};

// Both languages, loaded once at start; switching language is a pointer change, not a file read.
struct TranslationSet {
  Translations chinese;
  Translations english;
  const Translations& For(Language language) const {
    return language == Language::Chinese ? chinese : english;
  }
};
Result<TranslationSet> LoadTranslationSet(const std::filesystem::path& i18n_dir);

// Replaces "{name}" in `pattern` with the matching value; unknown placeholders stay as they are.
std::string FormatPattern(std::string_view pattern,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace ck::ui

// Translations: every key the screens use exists in every language, and a missing key shows itself.
#include "app/ui/text/translations.h"

#include <gtest/gtest.h>

#include <set>

#include "app/ui/text/activity_keys.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

TranslationSet Load() {
  auto set = LoadTranslationSet(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "i18n");
  EXPECT_TRUE(set.ok()) << set.error();
  return std::move(set).value();
}

TEST(TranslationsTest, EveryKeyInUseExistsInBothLanguages) {
  const TranslationSet set = Load();
  std::vector<std::string> all = keys::AllKeys();
  for (const std::string& key : keys::AllActivityKeys()) all.push_back(key);
  for (const std::string& key : all) {
    EXPECT_TRUE(set.chinese.Has(key)) << "zh.json lacks " << key;
    EXPECT_TRUE(set.english.Has(key)) << "en.json lacks " << key;
    EXPECT_FALSE(set.chinese.Get(key).empty()) << key;
    EXPECT_FALSE(set.english.Get(key).empty()) << key;
  }
}

TEST(TranslationsTest, BothLanguagesHaveTheSameKeys) {
  const TranslationSet set = Load();
  std::set<std::string> zh, en;
  for (const auto& [k, v] : set.chinese.All()) zh.insert(k);
  for (const auto& [k, v] : set.english.All()) en.insert(k);
  EXPECT_EQ(zh, en);
}

TEST(TranslationsTest, AMissingKeyShowsTheKey) {
  auto t = Translations::Parse(R"({"a": "甲"})");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Get("a"), "甲");
  EXPECT_EQ(t->Get("no.such.key"), "no.such.key");
  EXPECT_FALSE(t->Has("no.such.key"));
}

TEST(TranslationsTest, RejectsFilesThatAreNotFlatStringMaps) {
  EXPECT_FALSE(Translations::Parse("[1]").ok());
  EXPECT_FALSE(Translations::Parse(R"({"a": 1})").ok());
  EXPECT_FALSE(Translations::Parse("{").ok());
}

TEST(TranslationsTest, FillsPlaceholders) {
  EXPECT_EQ(FormatPattern("{M}月{D}日 {W}", {{"M", "11"}, {"D", "26"}, {"W", "星期四"}}), "11月26日 星期四");
  EXPECT_EQ(FormatPattern("{x} {unknown}", {{"x", "1"}}), "1 {unknown}");
}

TEST(TranslationsTest, CategoryAndPublisherKeys) {
  EXPECT_EQ(keys::CategoryKey("water_power"), "category.water_power");
  EXPECT_EQ(keys::CategoryKey("made_up"), "category.other");
  EXPECT_EQ(keys::PublisherKey(protocol::Publisher::OwnersCommittee), "publisher.owners_committee");
}

}  // namespace
}  // namespace ck::ui

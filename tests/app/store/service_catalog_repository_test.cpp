// ServiceCatalogRepository: the bundled demo categories, the hub's cached list, and refusing garbage.
#include "app/store/service_catalog_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/app/store/store_fixture.h"

namespace ck::store {
namespace {

using testing::kNow;

TEST(BundledServices, TheEightDemoCategoriesWithIconsAndPhrasesInBothLanguages) {
  auto services = BundledServices();
  ASSERT_EQ(services.size(), 8u);
  std::set<std::string> codes;
  for (const auto& s : services) {
    codes.insert(s.service_code);
    EXPECT_FALSE(s.icon.empty()) << s.service_code;
    EXPECT_FALSE(s.name_en.empty()) << s.service_code;
    EXPECT_GE(s.quick_phrases.size(), 4u) << s.service_code;
    EXPECT_LE(s.quick_phrases.size(), 6u) << s.service_code;
    EXPECT_EQ(s.quick_phrases_en.size(), s.quick_phrases.size()) << s.service_code;
  }
  EXPECT_EQ(codes, (std::set<std::string>{"sanitation", "safety", "parking", "repairs", "noise", "greenery",
                                          "property", "other"}));
  EXPECT_EQ(services[0].service_name, "环境卫生");
}

// Issue 16: a suggestion (提建议) about a category offered its complaints ("垃圾未及时清运"). The demo
// community's platform gives each category its own suggestion phrases, in both languages.
TEST(BundledServices, EachCategoryHasSuggestionPhrasesInBothLanguagesThatAreNotItsComplaints) {
  for (const auto& s : BundledServices()) {
    EXPECT_GE(s.suggestion_phrases.size(), 3u) << s.service_code;
    EXPECT_LE(s.suggestion_phrases.size(), 6u) << s.service_code;
    EXPECT_EQ(s.suggestion_phrases_en.size(), s.suggestion_phrases.size()) << s.service_code;
    for (const auto& p : s.suggestion_phrases)
      EXPECT_EQ(std::count(s.quick_phrases.begin(), s.quick_phrases.end(), p), 0)
          << s.service_code << " " << p;
  }
}

class ServiceCatalogTest : public testing::StoreTest {};

TEST_F(ServiceCatalogTest, SuggestionPhrasesSurviveTheCache) {
  ASSERT_TRUE(ServiceCatalogRepository(*db_).Replace(BundledServices(), "\"v1\"", kNow).ok());
  ServiceCatalog c = ServiceCatalogRepository(*db_).Current();
  ASSERT_TRUE(c.from_hub);
  EXPECT_EQ(c.services, BundledServices());
  EXPECT_EQ(c.services[0].suggestion_phrases[0], "希望增加分类垃圾桶");
}

TEST_F(ServiceCatalogTest, ANeverSyncedKioskOffersTheBundledList) {
  ServiceCatalog c = ServiceCatalogRepository(*db_).Current();
  EXPECT_FALSE(c.from_hub);
  EXPECT_EQ(c.services, BundledServices());
  EXPECT_FALSE(c.fetched_at);
}

TEST_F(ServiceCatalogTest, TheHubsListReplacesItAndSurvivesReopen) {
  protocol::Service s;
  s.service_code = "lifts";
  s.service_name = "电梯";
  s.icon = "lift";
  s.quick_phrases = {"电梯停运"};
  ASSERT_TRUE(ServiceCatalogRepository(*db_).Replace({s}, "\"v1\"", kNow).ok());
  db_.reset();
  db_ = OpenOrDie();
  ServiceCatalogRepository repo(*db_);
  ServiceCatalog c = repo.Current();
  EXPECT_TRUE(c.from_hub);
  ASSERT_EQ(c.services.size(), 1u);
  EXPECT_EQ(c.services[0], s);
  EXPECT_EQ(c.fetched_at, kNow);
  EXPECT_EQ(repo.ETag(), "\"v1\"");
  ASSERT_TRUE(repo.Touch(kNow + 60).ok());
  EXPECT_EQ(repo.FetchedAt(), kNow + 60);

  EXPECT_FALSE(repo.ReplaceBody("[{\"service_code\":", "", kNow + 90).ok());
  EXPECT_EQ(repo.Current().services.size(), 1u);  // garbage never replaces a good list
  ASSERT_TRUE(repo.ReplaceBody("[]", "", kNow + 120).ok());
  EXPECT_EQ(repo.Current().services, BundledServices());  // an empty list would leave residents nothing
}

}  // namespace
}  // namespace ck::store

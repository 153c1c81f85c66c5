// Every word the console shows exists in Chinese and English: the keys named in the console's sources
// and the keys made from codes (parties, roles, categories, priorities, states).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "sync/hub/console/text.h"
#include "sync/hub/store/console_repository.h"

namespace ck::hub::console {
namespace {

TEST(ConsoleTextTest, EveryKeyInTheSourcesHasBothLanguages) {
  std::filesystem::path dir =
      std::filesystem::path(CK_SOURCE_ASSETS_DIR).parent_path() / "sync" / "hub" / "console";
  ASSERT_TRUE(std::filesystem::exists(dir)) << dir;
  // T("key"), Tr(lang, "key"), fact("key", …) and nav/flash keys written as string literals.
  const std::regex kKey(R"re((?:T|Tr\(\w+(?:\.lang)?,|fact)\(?\s*"([a-z_]+\.[a-z_.]+)")re");
  const std::regex kNavKey(R"re(\{"(nav\.[a-z_]+)")re");
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (const std::regex* re : {&kKey, &kNavKey}) {
      for (std::sregex_iterator it(text.begin(), text.end(), *re), end; it != end; ++it) {
        ++seen;
        EXPECT_TRUE(HasText((*it)[1].str())) << (*it)[1].str() << " in " << entry.path().filename();
      }
    }
  }
  EXPECT_GT(seen, 80) << "the pattern found too few keys: is it still right?";
}

TEST(ConsoleTextTest, KeysMadeFromCodesExist) {
  for (Party p :
       {Party::StreetOffice, Party::PropertyCompany, Party::ResidentsCommittee, Party::OwnersCommittee})
    EXPECT_TRUE(HasText("party." + std::string(protocol::PublisherCode(p))));
  for (StaffRole r : {StaffRole::Clerk, StaffRole::Manager})
    EXPECT_TRUE(HasText("role." + std::string(StaffRoleCode(r))));
  for (std::string_view c : protocol::kNoticeCategories) EXPECT_TRUE(HasText("category." + std::string(c)));
  EXPECT_TRUE(HasText("category.other"));
  for (auto p : {protocol::Priority::Normal, protocol::Priority::Important, protocol::Priority::Urgent})
    EXPECT_TRUE(HasText("priority." + std::string(protocol::PriorityCode(p))));
  for (NoticeState s :
       {NoticeState::Scheduled, NoticeState::Live, NoticeState::Expired, NoticeState::Withdrawn})
    EXPECT_TRUE(HasText("state." + std::string(NoticeStateCode(s))));
  for (const char* k : {"done.published", "done.saved", "done.withdrawn", "done.revoked", "done.signedout"})
    EXPECT_TRUE(HasText(k)) << k;
}

TEST(ConsoleTextTest, EnglishDiffersFromChineseAndMissingKeysShowAsKeys) {
  EXPECT_EQ(Tr(Lang::Zh, "nav.notices"), "公告");
  EXPECT_EQ(Tr(Lang::En, "nav.notices"), "Notices");
  EXPECT_EQ(Tr(Lang::En, "no.such.key"), "no.such.key");
}

}  // namespace
}  // namespace ck::hub::console

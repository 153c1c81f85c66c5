// KioskConfig: TOML parsing, unknown keys and wrong types as clear errors, the XDG default data dir.
#include "app/core/kiosk_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace ck::core {
namespace {

class KioskConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("ck-config-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path Write(const std::string& text) {
    auto file = dir_ / "kiosk.toml";
    std::ofstream(file) << text;
    return file;
  }
  std::filesystem::path dir_;
};

TEST_F(KioskConfigTest, ParsesEveryKey) {
  auto config = LoadKioskConfig(Write(R"(
# a comment
data_dir = "/var/lib/community-kiosk"
community_name = "幸福里社区"
hub_url = "https://hub.example.org"
device_id = "0f8e4a52-1c1e-4a8e-9a43-3e2f0f6f2d11"
token = "secret"
ca_file = "/etc/ssl/private-hub.pem"
public_base_url = "https://notices.example.org"
poll_interval_seconds = 60
time_zone = "Asia/Shanghai"
language = "en"
kiosk_number = 17
)"));
  ASSERT_TRUE(config.ok()) << config.error();
  EXPECT_EQ(config->data_dir, "/var/lib/community-kiosk");
  EXPECT_EQ(config->community_name, "幸福里社区");
  EXPECT_EQ(config->hub_url, "https://hub.example.org");
  EXPECT_EQ(config->device_id, "0f8e4a52-1c1e-4a8e-9a43-3e2f0f6f2d11");
  EXPECT_EQ(config->token, "secret");
  EXPECT_EQ(config->ca_file, "/etc/ssl/private-hub.pem");
  EXPECT_EQ(config->public_base_url, "https://notices.example.org");
  EXPECT_EQ(config->poll_interval_seconds, 60);
  EXPECT_EQ(config->language, "en");
  EXPECT_EQ(config->kiosk_number, 17u);
}

TEST_F(KioskConfigTest, AbsentKeysKeepTheirDefaults) {
  auto config = LoadKioskConfig(Write("hub_url = \"http://127.0.0.1:8080\"\n"));
  ASSERT_TRUE(config.ok()) << config.error();
  EXPECT_EQ(config->poll_interval_seconds, 30);
  EXPECT_EQ(config->language, "zh");
  EXPECT_EQ(config->time_zone, "Asia/Shanghai");
  EXPECT_TRUE(config->data_dir.empty());
  EXPECT_EQ(config->kiosk_number, 0u);  // unknown: learned from the hub
}

TEST_F(KioskConfigTest, KioskNumberMustFitATicketCode) {
  for (const char* bad : {"kiosk_number = 1024\n", "kiosk_number = -1\n", "kiosk_number = \"3\"\n"}) {
    auto config = LoadKioskConfig(Write(bad));
    ASSERT_FALSE(config.ok()) << bad;
    EXPECT_NE(config.error().find("\"kiosk_number\""), std::string::npos) << config.error();
  }
  auto top = LoadKioskConfig(Write("kiosk_number = 1023\n"));
  ASSERT_TRUE(top.ok()) << top.error();
  EXPECT_EQ(top->kiosk_number, 1023u);
}

TEST_F(KioskConfigTest, UnknownKeyIsAnErrorNamingIt) {
  auto config = LoadKioskConfig(Write("hub_ulr = \"https://typo.example.org\"\n"));
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().find("unknown key \"hub_ulr\""), std::string::npos) << config.error();
}

// A technician's error is one line naming the file, the line and the fix.
TEST_F(KioskConfigTest, ErrorsNameFileLineAndFix) {
  auto typo = LoadKioskConfig(Write("# comment\nlanguage = \"zh\"\nhub_ulr = \"https://typo.example.org\"\n"));
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().find("kiosk.toml:3: unknown key \"hub_ulr\"; did you mean \"hub_url\"?"), std::string::npos)
      << typo.error();
  auto value = LoadKioskConfig(Write("\n\npoll_interval_seconds = 1\n"));
  ASSERT_FALSE(value.ok());
  EXPECT_NE(value.error().find("kiosk.toml:3: key \"poll_interval_seconds\" must be between 5 and 86400; fix the "
                               "value on that line"),
            std::string::npos)
      << value.error();
  auto syntax = LoadKioskConfig(Write("language = \"zh\"\nhub_url = https://x\n"));
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.error().find("kiosk.toml:2:"), std::string::npos) << syntax.error();
  EXPECT_NE(syntax.error().find("fix the TOML on that line"), std::string::npos) << syntax.error();
  for (const auto* error : {&typo.error(), &value.error(), &syntax.error()})
    EXPECT_EQ(error->find('\n'), std::string::npos) << *error;
  auto missing = LoadKioskConfig(dir_ / "absent.toml");
  EXPECT_NE(missing.error().find("/etc/community-kiosk/kiosk.toml"), std::string::npos) << missing.error();
}

TEST_F(KioskConfigTest, WrongTypeIsAnErrorNamingTheKey) {
  auto config = LoadKioskConfig(Write("poll_interval_seconds = \"30\"\n"));
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().find("\"poll_interval_seconds\""), std::string::npos) << config.error();
  auto table = LoadKioskConfig(Write("[hub_url]\nx = 1\n"));
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().find("\"hub_url\" must be a string"), std::string::npos) << table.error();
  auto range = LoadKioskConfig(Write("poll_interval_seconds = 0\n"));
  EXPECT_FALSE(range.ok());
  auto language = LoadKioskConfig(Write("language = \"fr\"\n"));
  EXPECT_FALSE(language.ok());
}

TEST_F(KioskConfigTest, SyntaxErrorNamesTheLine) {
  auto config = LoadKioskConfig(Write("hub_url = \"unterminated\n"));
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().find("kiosk.toml:1"), std::string::npos) << config.error();
}

TEST_F(KioskConfigTest, MissingFileIsAnError) {
  auto config = LoadKioskConfig(dir_ / "absent.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().find("absent.toml"), std::string::npos);
}

TEST_F(KioskConfigTest, ShippedDefaultConfigLoads) {
  auto config =
      LoadKioskConfig(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / ".." / "packaging" / "kiosk.toml");
  ASSERT_TRUE(config.ok()) << config.error();
  EXPECT_EQ(config->poll_interval_seconds, 30);
}

TEST(DefaultDataDir, HonoursXdgDataHomeThenHome) {
  std::string saved_xdg = std::getenv("XDG_DATA_HOME") ? std::getenv("XDG_DATA_HOME") : "";
  std::string saved_home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("XDG_DATA_HOME", "/xdg/data", 1);
  ::setenv("HOME", "/home/kiosk", 1);
  EXPECT_EQ(DefaultDataDir(), std::filesystem::path("/xdg/data/community-kiosk"));
  ::unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(DefaultDataDir(), std::filesystem::path("/home/kiosk/.local/share/community-kiosk"));
  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the spec says relative values are invalid
  EXPECT_EQ(DefaultDataDir(), std::filesystem::path("/home/kiosk/.local/share/community-kiosk"));
  if (saved_xdg.empty())
    ::unsetenv("XDG_DATA_HOME");
  else
    ::setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
  ::setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace
}  // namespace ck::core

namespace ck::core {
namespace {

// screen_off: optional; "HH:MM-HH:MM" (past midnight allowed); anything else one line naming file, line, fix.
TEST_F(KioskConfigTest, ScreenOffHoursParseAndRefuseWithTheFix) {
  auto unset = LoadKioskConfig(Write("language = \"zh\"\n"));
  ASSERT_TRUE(unset.ok()) << unset.error();
  EXPECT_FALSE(unset->screen_off.has_value());

  auto night = LoadKioskConfig(Write("# lobby closed at night\nscreen_off = \"23:00-06:00\"\n"));
  ASSERT_TRUE(night.ok()) << night.error();
  ASSERT_TRUE(night->screen_off.has_value());
  EXPECT_EQ(night->screen_off->start_minute, 23 * 60);
  EXPECT_EQ(night->screen_off->end_minute, 6 * 60);

  auto day = LoadKioskConfig(Write("screen_off = \"12:30-13:30\"\n"));
  ASSERT_TRUE(day.ok()) << day.error();
  EXPECT_EQ(day->screen_off->start_minute, 12 * 60 + 30);

  for (const char* bad : {"\"23:00\"", "\"23:00-6:00\"", "\"24:00-06:00\"", "\"23:60-06:00\"", "\"06:00-06:00\"",
                          "\"23:00 - 06:00\"", "\"11pm-6am\"", "2300", "true", "\"\""}) {
    auto r = LoadKioskConfig(Write("language = \"zh\"\n\nscreen_off = " + std::string(bad) + "\n"));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().find("kiosk.toml:3: key \"screen_off\" must be the hours the screen stays black as "
                             "\"HH:MM-HH:MM\""),
              std::string::npos)
        << r.error();
    EXPECT_NE(r.error().find("e.g. \"23:00-06:00\""), std::string::npos) << r.error();
    EXPECT_EQ(r.error().find('\n'), std::string::npos) << r.error();
  }
}

TEST(ScreenOffHours, ContainsAndTheNextChange) {
  const ScreenOffHours night = *ParseScreenOffHours("23:00-06:00");
  EXPECT_TRUE(night.Contains(23 * 60));
  EXPECT_TRUE(night.Contains(0));
  EXPECT_TRUE(night.Contains(5 * 60 + 59));
  EXPECT_FALSE(night.Contains(6 * 60));
  EXPECT_FALSE(night.Contains(22 * 60 + 59));
  EXPECT_EQ(night.SecondsUntilChange(23 * 3600 + 30 * 60), 6 * 3600 + 30 * 60);  // 23:30 → 06:00
  EXPECT_EQ(night.SecondsUntilChange(22 * 3600), 3600);                         // 22:00 → 23:00
  EXPECT_EQ(night.SecondsUntilChange(6 * 3600), 17 * 3600);                     // 06:00 → 23:00

  const ScreenOffHours noon = *ParseScreenOffHours("12:30-13:30");
  EXPECT_TRUE(noon.Contains(13 * 60));
  EXPECT_FALSE(noon.Contains(13 * 60 + 30));
  EXPECT_FALSE(noon.Contains(0));
  EXPECT_EQ(noon.SecondsUntilChange(13 * 3600), 30 * 60);
}

}  // namespace
}  // namespace ck::core

// End to end through the real binaries: `community-kiosk sync --once` against `community-hub serve`.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "app/core/kiosk_config.h"
#include "tests/e2e/hub_fixture.h"

namespace ck::e2e {
namespace {

std::filesystem::path KioskBinary() {
  return std::filesystem::path(CK_BINARY_DIR) / "app" / "community-kiosk";
}

class KioskCliE2eTest : public HubFixture {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(KioskBinary()))
      GTEST_SKIP() << "community-kiosk not built (CK_BUILD_UI=OFF?): " << KioskBinary();
    HubFixture::SetUp();
  }
  CommandResult SyncOnce(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{KioskBinary().string(),
                                  "sync",
                                  "--once",
                                  "--data-dir",
                                  kiosk_db_.parent_path().string(),
                                  "--hub",
                                  hub_url_,
                                  "--device-id",
                                  device_id_,
                                  "--token",
                                  token_};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCommand(args, dir_);
  }
};

TEST_P(KioskCliE2eTest, SyncOncePrintsWhatItDidThenUpToDate) {
  ASSERT_FALSE(Publish("3号楼周六停水", "周六上午停水。").empty());
  CommandResult first = SyncOnce();
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("sync: 1 pages, 1 upserts, 0 tombstones, cursor "), std::string::npos)
      << first.out;
  EXPECT_TRUE(std::filesystem::exists(kiosk_db_));
  ASSERT_EQ(SyncOnce().exit_code, 0);
  CommandResult idle = SyncOnce();
  ASSERT_EQ(idle.exit_code, 0) << idle.out;
  EXPECT_NE(idle.out.find("sync: up to date (304)"), std::string::npos) << idle.out;
}

TEST_P(KioskCliE2eTest, MissingSettingsExitTwoAndUnreachableHubExitsOne) {
  CommandResult missing = RunCommand(
      {KioskBinary().string(), "sync", "--once", "--data-dir", kiosk_db_.parent_path().string()}, dir_);
  EXPECT_EQ(missing.exit_code, 2);
  KillHub();
  CommandResult down = SyncOnce();
  EXPECT_EQ(down.exit_code, 1);
}

// The database holds residents' phone numbers: owner-only, with its WAL and shared-memory files.
TEST_P(KioskCliE2eTest, TheKioskDatabaseIsOwnerOnly) {
  ASSERT_EQ(SyncOnce().exit_code, 0);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::filesystem::path file = kiosk_db_.string() + suffix;
    if (!std::filesystem::exists(file)) continue;
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
        << file;
  }
}

// A data directory the kiosk cannot write is one line naming it, where it came from and the fix.
TEST_P(KioskCliE2eTest, AnUnwritableDataDirIsOneLineWithTheFix) {
  const std::filesystem::path blocker = dir_ / "not-a-folder";
  std::ofstream(blocker) << "x";
  CommandResult run = RunCommand({"/bin/sh", "-c",
                                  "exec \"$0\" sync --once --data-dir \"$1\" --hub http://127.0.0.1:9 "
                                  "--device-id d --token t 2>&1",
                                  KioskBinary().string(), (blocker / "data").string()},
                                 dir_);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_EQ(run.out.find("community-kiosk: data_dir " + (blocker / "data").string() + " (from --data-dir) is not "
                         "writable by user "),
            0u)
      << run.out;
  EXPECT_NE(run.out.find("; fix: chown "), std::string::npos) << run.out;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1) << run.out;
}

// A wrong token is said once, with what to check, not the hub's hint for a request without a token.
TEST_P(KioskCliE2eTest, AWrongTokenIsOneClearError) {
  CommandResult run = RunCommand({"/bin/sh", "-c",
                                  "exec \"$0\" sync --once --data-dir \"$1\" --hub \"$2\" --device-id \"$3\" "
                                  "--token wrong 2>&1",
                                  KioskBinary().string(), kiosk_db_.parent_path().string(), hub_url_, device_id_},
                                 dir_);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const std::string said = "the hub refused this kiosk's token; check device_id and token";
  const auto first = run.out.find(said);
  EXPECT_NE(first, std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(said, first + 1), std::string::npos) << "said twice:\n" << run.out;
  EXPECT_EQ(run.out.find("send Authorization"), std::string::npos) << run.out;
}

// The token under another device's id (here all zeros) does not sync with exit 0: one line saying what to check.
TEST_P(KioskCliE2eTest, ATokenUnderAnotherDeviceIdIsOneClearError) {
  CommandResult run = RunCommand({"/bin/sh", "-c",
                                  "exec \"$0\" sync --once --data-dir \"$1\" --hub \"$2\" --device-id "
                                  "00000000-0000-0000-0000-000000000000 --token \"$3\" 2>&1",
                                  KioskBinary().string(), kiosk_db_.parent_path().string(), hub_url_, token_},
                                 dir_);
  EXPECT_NE(run.exit_code, 0) << run.out;
  const std::string said = "HTTP 403: X-Device-Id: this token belongs to another device; check device_id";
  const auto first = run.out.find(said);
  EXPECT_NE(first, std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(said, first + 1), std::string::npos) << "said twice:\n" << run.out;
}

// `community-kiosk setup`: answers on stdin, tested against the hub, written only when the hub says yes.
TEST_P(KioskCliE2eTest, SetupTestsTheCredentialsBeforeWritingThem) {
  const std::filesystem::path config = dir_ / "kiosk.toml";
  std::filesystem::copy_file(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / ".." / "packaging" / "kiosk.toml", config);
  auto setup = [&](const std::string& answers) {
    return RunCommand({"/bin/sh", "-c", "printf '%s' \"$1\" | \"$0\" setup --config \"$2\" 2>&1",
                       KioskBinary().string(), answers, config.string()},
                      dir_);
  };
  const std::string before = [&] {
    std::ifstream in(config);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  CommandResult wrong = setup(hub_url_ + "\n" + device_id_ + "\nnot-the-token\n\n");
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out;
  EXPECT_NE(wrong.out.find("the hub refused this device id and token"), std::string::npos) << wrong.out;
  std::ifstream unchanged(config);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(unchanged), {}), before) << "written although refused";

  CommandResult right = setup(hub_url_ + "\n" + device_id_ + "\n" + token_ + "\n\n");
  ASSERT_EQ(right.exit_code, 0) << right.out;
  auto loaded = core::LoadKioskConfig(config);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(loaded->hub_url, hub_url_);
  EXPECT_EQ(loaded->device_id, device_id_);
  EXPECT_EQ(loaded->token, token_);
  EXPECT_EQ(loaded->poll_interval_seconds, 30) << "the other keys stay";
  EXPECT_EQ(std::filesystem::status(config).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                std::filesystem::perms::group_read);
}

CK_HUB_STORES(KioskCliE2eTest);

}  // namespace
}  // namespace ck::e2e

// Command-line input that cannot be right is refused with what would be: an unknown notice category (with the
// list), a clock offset in the environment that is not a number (like the flag), a mistyped ticket code.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::NewHubDb;
using testing::RunHub;
using testing::TempDir;

TEST(CliRefusalsTest, AnUnknownNoticeCategoryIsRefusedWithTheValidOnes) {
  TempDir dir;
  const std::string db = NewHubDb(dir);
  HubRun run = RunHub(dir, {"notice", "publish", "--db", db, "--title", "停水", "--publisher", "street_office",
                            "--category", "nosuchcat"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown category nosuchcat"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("water_power"), std::string::npos) << run.err;
  EXPECT_EQ(RunHub(dir, {"notice", "list", "--db", db}).out.find("停水"), std::string::npos);
}

TEST(CliRefusalsTest, AClockOffsetInTheEnvironmentMustBeANumberLikeTheFlag) {
  TempDir dir;
  const std::string db = NewHubDb(dir);
  setenv("CK_HUB_CLOCK_OFFSET_SECONDS", "abc", 1);
  HubRun run = RunHub(dir, {"request", "queue", "--db", db, "--party", "street_office"});
  unsetenv("CK_HUB_CLOCK_OFFSET_SECONDS");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("CK_HUB_CLOCK_OFFSET_SECONDS=abc: not a whole number of seconds"), std::string::npos)
      << run.err;
  setenv("CK_HUB_CLOCK_OFFSET_SECONDS", "345600", 1);
  HubRun ok = RunHub(dir, {"request", "queue", "--db", db, "--party", "street_office"});
  unsetenv("CK_HUB_CLOCK_OFFSET_SECONDS");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(CliRefusalsTest, ATicketCodeWithAWrongCheckCharacterIsCalledMistyped) {
  TempDir dir;
  const std::string db = NewHubDb(dir);
  std::string code = *protocol::MakeTicketCode({1, 123456789});
  HubRun unknown = RunHub(dir, {"request", "show", "--db", db, "--ticket", code});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("no request " + code), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.err.find("mistyped"), std::string::npos) << unknown.err;
  code.back() = code.back() == 'X' ? 'Y' : 'X';
  for (const std::string flag : {"--ticket", "--id"}) {
    HubRun typo = RunHub(dir, {"request", "show", "--db", db, flag, code});
    EXPECT_EQ(typo.exit_code, 2) << flag;
    EXPECT_NE(typo.err.find("no request " + code + ": this code looks mistyped"), std::string::npos) << typo.err;
  }
}

// Revoking lives beside registering (rules/kiosk_registration.h): the token stops, it is audited, twice is refused.
TEST(CliRefusalsTest, KioskRevokeStopsTheTokenAndIsAudited) {
  TempDir dir;
  const std::string db = NewHubDb(dir);
  HubRun add = RunHub(dir, {"kiosk", "add", "--db", db, "--name", "3号楼大堂"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string id = testing::Trimmed(testing::LineAfter(add.out, "device_id: "));
  HubRun revoke = RunHub(dir, {"kiosk", "revoke", "--db", db, "--device-id", id});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_NE(revoke.out.find("revoked: " + id + " (3号楼大堂)"), std::string::npos) << revoke.out;
  EXPECT_EQ(RunHub(dir, {"kiosk", "revoke", "--db", db, "--device-id", id}).exit_code, 2);
  EXPECT_EQ(RunHub(dir, {"kiosk", "revoke", "--db", db, "--device-id", "not-an-id"}).exit_code, 2);
  HubRun audit = RunHub(dir, {"audit", "--db", db, "--action", "kiosk.revoke"});
  EXPECT_NE(audit.out.find(id), std::string::npos) << audit.out;
}

}  // namespace
}  // namespace ck::hub

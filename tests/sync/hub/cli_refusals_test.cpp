// Command-line input that cannot be right is refused with what would be: an unknown notice category (with the
// list), a clock offset in the environment that is not a number (like the flag), a mistyped ticket code. On a
// SQLite file and on a PostgreSQL database (CK_STORE_BACKENDS).
#include <gtest/gtest.h>
#include <stdlib.h>

#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::RunHub;

class CliRefusalsTest : public testing::HubCommandTest {};

TEST_P(CliRefusalsTest, AnUnknownNoticeCategoryIsRefusedWithTheValidOnes) {
  HubRun run = RunHub(dir_, {"notice", "publish", "--db", db_, "--title", "停水", "--publisher", "street_office",
                            "--category", "nosuchcat"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown category nosuchcat"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("water_power"), std::string::npos) << run.err;
  EXPECT_EQ(RunHub(dir_, {"notice", "list", "--db", db_}).out.find("停水"), std::string::npos);
}

TEST_P(CliRefusalsTest, AClockOffsetInTheEnvironmentMustBeANumberLikeTheFlag) {
  setenv("CK_HUB_CLOCK_OFFSET_SECONDS", "abc", 1);
  HubRun run = RunHub(dir_, {"request", "queue", "--db", db_, "--party", "street_office"});
  unsetenv("CK_HUB_CLOCK_OFFSET_SECONDS");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("CK_HUB_CLOCK_OFFSET_SECONDS=abc: not a whole number of seconds"), std::string::npos)
      << run.err;
  setenv("CK_HUB_CLOCK_OFFSET_SECONDS", "345600", 1);
  HubRun ok = RunHub(dir_, {"request", "queue", "--db", db_, "--party", "street_office"});
  unsetenv("CK_HUB_CLOCK_OFFSET_SECONDS");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_P(CliRefusalsTest, ATicketCodeWithAWrongCheckCharacterIsCalledMistyped) {
  std::string code = *protocol::MakeTicketCode({1, 123456789});
  HubRun unknown = RunHub(dir_, {"request", "show", "--db", db_, "--ticket", code});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("no request " + code), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.err.find("mistyped"), std::string::npos) << unknown.err;
  code.back() = code.back() == 'X' ? 'Y' : 'X';
  for (const std::string flag : {"--ticket", "--id"}) {
    HubRun typo = RunHub(dir_, {"request", "show", "--db", db_, flag, code});
    EXPECT_EQ(typo.exit_code, 2) << flag;
    EXPECT_NE(typo.err.find("no request " + code + ": this code looks mistyped"), std::string::npos) << typo.err;
  }
}

// Revoking lives beside registering (rules/kiosk_registration.h): the token stops, it is audited, twice is refused.
TEST_P(CliRefusalsTest, KioskRevokeStopsTheTokenAndIsAudited) {
  HubRun add = RunHub(dir_, {"kiosk", "add", "--db", db_, "--name", "3号楼大堂"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string id = testing::Trimmed(testing::LineAfter(add.out, "device_id: "));
  HubRun revoke = RunHub(dir_, {"kiosk", "revoke", "--db", db_, "--device-id", id});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_NE(revoke.out.find("revoked: " + id + " (3号楼大堂)"), std::string::npos) << revoke.out;
  EXPECT_EQ(RunHub(dir_, {"kiosk", "revoke", "--db", db_, "--device-id", id}).exit_code, 2);
  EXPECT_EQ(RunHub(dir_, {"kiosk", "revoke", "--db", db_, "--device-id", "not-an-id"}).exit_code, 2);
  HubRun audit = RunHub(dir_, {"audit", "--db", db_, "--action", "kiosk.revoke"});
  EXPECT_NE(audit.out.find(id), std::string::npos) << audit.out;
}

CK_STORE_BACKENDS(CliRefusalsTest);

}  // namespace
}  // namespace ck::hub

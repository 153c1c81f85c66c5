// Command-line input that cannot be right is refused with what would be: an unknown notice category (with the
// list), a clock offset in the environment that is not a number (like the flag), a mistyped ticket code, a
// name that is not UTF-8 (a GBK terminal). On a SQLite file and on a PostgreSQL database (CK_STORE_BACKENDS).
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

// A technician's terminal in GBK sends bytes that are not UTF-8: nothing stored is named so, and every backend
// says just that (PostgreSQL refuses such text; it once made these commands a storage error, exit 1).
TEST_P(CliRefusalsTest, ANameThatIsNotUtf8IsNoneLikeAnyUnknownName) {
  ASSERT_EQ(RunHub(dir_, {"operator", "add", "--db", db_, "--name", "网格中心"}).exit_code, 0);
  const std::string gbk = "\xcd\xf8\xb8\xf1\xd6\xd0\xd0\xc4";  // 网格中心 in GBK
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"operator", "revoke", "--db", db_, "--id", gbk}, "no live operator "},
      {{"staff", "disable", "--db", db_, "--name", gbk}, "no staff account named "},
      {{"staff", "enable", "--db", db_, "--name", gbk}, "no staff account named "},
      {{"staff", "unlock", "--db", db_, "--name", gbk}, "no staff account named "},
      {{"staff", "reset-password", "--db", db_, "--name", gbk}, "no staff account named "},
      {{"category", "deadline", "--db", db_, "--code", gbk, "--hours", "24"}, "no service with code "},
      {{"service", "update", "--db", db_, "--code", gbk, "--name", "x"}, "no service "},
      {{"kiosk", "revoke", "--db", db_, "--device-id", gbk}, "no kiosk with device id "},
      {{"request", "show", "--db", db_, "--ticket", gbk}, "no request "},
  };
  for (const auto& [args, refusal] : cases) {
    HubRun run = RunHub(dir_, args);
    EXPECT_EQ(run.exit_code, 2) << args[0] << " " << args[1] << ": " << run.err;
    EXPECT_NE(run.err.find(refusal + gbk), std::string::npos) << args[0] << " " << args[1] << ": " << run.err;
  }
  HubRun audit = RunHub(dir_, {"audit", "--db", db_, "--action", gbk});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_EQ(audit.out, "ID\tAT\tACTOR\tPARTY\tACTION\tTARGET\tDETAIL\tREMOTE\n");
  EXPECT_NE(RunHub(dir_, {"operator", "list", "--db", db_}).out.find("网格中心"), std::string::npos);
}

CK_STORE_BACKENDS(CliRefusalsTest);

}  // namespace
}  // namespace ck::hub

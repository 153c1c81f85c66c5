// `community-hub staff add|disable|enable|unlock|reset-password|list` and `audit` as a real process: the password comes from stdin
// (never an argument) and never reaches the output or the database in the clear. On a SQLite file and on a
// PostgreSQL database (CK_STORE_BACKENDS).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <regex>

#include "sync/hub/console/password.h"
#include "sync/hub/store/open_store.h"
#include "tests/sync/hub/hub_process.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::Slurp;
using testing::TempDir;

// Runs the hub with `input` on stdin (not a terminal: the one-line form).
HubRun RunWithStdin(const TempDir& dir, std::vector<std::string> args, const std::string& input) {
  std::string in_path = dir.File("stdin.txt"), out_path = dir.File("out.txt"), err_path = dir.File("err.txt");
  std::ofstream(in_path, std::ios::binary) << input;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  args.insert(args.begin(), testing::kHub);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  HubRun run;
  if (posix_spawn(&pid, testing::kHub.c_str(), &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  run.out = Slurp(out_path);
  run.err = Slurp(err_path);
  return run;
}

class StaffCliTest : public testing::HubCommandTest {};

TEST_P(StaffCliTest, AddListDisableAndAudit) {
  auto add = RunWithStdin(
      dir_,
      {"staff", "add", "--db", db_, "--name", "wang.li", "--party", "property_company", "--role", "clerk"},
      "a-long-password\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(add.out, "staff added: wang.li (property_company, clerk)\n");
  EXPECT_EQ(add.out.find("a-long-password"), std::string::npos);

  // Refusals: a duplicate name, a short password, an unknown party — each exit 2 with a message.
  EXPECT_EQ(RunWithStdin(dir_,
                         {"staff", "add", "--db", db_, "--name", "WANG.LI", "--party", "street_office",
                          "--role", "clerk"},
                         "another-password\n")
                .exit_code,
            2);
  auto short_pw = RunWithStdin(
      dir_,
      {"staff", "add", "--db", db_, "--name", "li.mei", "--party", "residents_committee", "--role", "clerk"},
      "short\n");
  EXPECT_EQ(short_pw.exit_code, 2);
  EXPECT_NE(short_pw.err.find("at least 8"), std::string::npos) << short_pw.err;
  EXPECT_EQ(
      RunWithStdin(dir_, {"staff", "add", "--db", db_, "--name", "x", "--party", "city", "--role", "clerk"},
                   "a-long-password\n")
          .exit_code,
      2);
  // There is no way to give the password as an argument.
  EXPECT_EQ(RunWithStdin(dir_,
                         {"staff", "add", "--db", db_, "--name", "y", "--party", "street_office", "--role",
                          "clerk", "--password", "a-long-password"},
                         "")
                .exit_code,
            2);

  auto list = RunWithStdin(dir_, {"staff", "list", "--db", db_}, "");
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("wang.li\tproperty_company\tclerk\tactive\t0\t-"), std::string::npos) << list.out;

  {
    auto store = OpenConsoleStore(db_, StoreOpen::kExisting);
    ASSERT_TRUE(store.ok());
    auto a = (*store)->FindStaffByName("wang.li");
    ASSERT_TRUE(a.ok() && a->has_value());
    EXPECT_EQ((*a)->password_hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(console::VerifyPassword((*a)->password_hash, "a-long-password"));
  }

  ASSERT_EQ(RunWithStdin(dir_, {"staff", "disable", "--db", db_, "--name", "wang.li"}, "").exit_code, 0);
  EXPECT_NE(RunWithStdin(dir_, {"staff", "list", "--db", db_}, "").out.find("\tdisabled\t"),
            std::string::npos);
  EXPECT_EQ(RunWithStdin(dir_, {"staff", "disable", "--db", db_, "--name", "nobody"}, "").exit_code, 2);

  auto audit = RunWithStdin(dir_, {"audit", "--db", db_}, "");
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  // The actor names who ran the command: cli:<unix user>.
  const std::string cli = std::string("\tcli:") + getpwuid(geteuid())->pw_name + "\t";
  EXPECT_NE(audit.out.find(cli + "property_company\tstaff.add\twang.li\t"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("\tstaff.disable\t"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find("a-long-password"), std::string::npos);
  // Notice changes made on the command line are audited too, as "cli:<user>".
  auto pub = RunWithStdin(
      dir_, {"notice", "publish", "--db", db_, "--title", "停水", "--publisher", "property_company"}, "");
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  std::string id = pub.out.substr(0, 36);
  auto published = RunWithStdin(dir_, {"audit", "--db", db_, "--action", "notice.publish"}, "");
  EXPECT_NE(published.out.find(cli + "property_company\tnotice.publish\t" + id + "\t停水\t-"),
            std::string::npos)
      << published.out;
  EXPECT_NE(published.out.find("\tcli:"), std::string::npos) << published.out;
  auto json = RunWithStdin(dir_, {"audit", "--db", db_, "--action", "staff.add", "--json"}, "");
  EXPECT_NE(json.out.find("\"action\": \"staff.add\""), std::string::npos) << json.out;
}

// The CLI gains what the console's staff page does: re-enable, unlock, reset to a one-time password; and
// a display name for what residents see.
TEST_P(StaffCliTest, EnableUnlockResetAndDisplayName) {
  auto add = RunWithStdin(dir_,
                          {"staff", "add", "--db", db_, "--name", "wang.li", "--party", "property_company",
                           "--role", "clerk", "--display-name", "张经理"},
                          "a-long-password\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto bad = RunWithStdin(dir_,
                          {"staff", "add", "--db", db_, "--name", "li.mei", "--party", "residents_committee",
                           "--role", "clerk", "--display-name", std::string("李\x01主任")},
                          "a-long-password\n");
  EXPECT_EQ(bad.exit_code, 2) << "control characters in a display name";
  ASSERT_EQ(RunWithStdin(dir_, {"staff", "disable", "--db", db_, "--name", "wang.li"}, "").exit_code, 0);
  ASSERT_EQ(RunWithStdin(dir_, {"staff", "enable", "--db", db_, "--name", "wang.li"}, "").exit_code, 0);
  EXPECT_NE(RunWithStdin(dir_, {"staff", "list", "--db", db_}, "").out.find("\tactive\t"), std::string::npos);
  {
    auto store = OpenConsoleStore(db_, StoreOpen::kExisting);
    ASSERT_TRUE(store.ok());
    auto a = (*store)->FindStaffByName("wang.li");
    EXPECT_EQ((*a)->display_name, "张经理");
    ASSERT_TRUE((*store)->LockStaffUntil((*a)->id, protocol::NowUtc() + 3600).ok());
    ASSERT_TRUE((*store)->CountAddressFailure("wang.li", "10.0.0.9", protocol::NowUtc()).ok());
  }
  ASSERT_EQ(RunWithStdin(dir_, {"staff", "unlock", "--db", db_, "--name", "wang.li"}, "").exit_code, 0);
  auto reset = RunWithStdin(dir_, {"staff", "reset-password", "--db", db_, "--name", "wang.li"}, "one-time-pass\n");
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_EQ(RunWithStdin(dir_, {"staff", "unlock", "--db", db_, "--name", "nobody"}, "").exit_code, 2);
  {
    auto store = OpenConsoleStore(db_, StoreOpen::kExisting);
    auto a = (*store)->FindStaffByName("wang.li");
    EXPECT_EQ((*a)->locked_until, 0);
    EXPECT_TRUE((*a)->must_change_password);
    EXPECT_TRUE(console::VerifyPassword((*a)->password_hash, "one-time-pass"));
    EXPECT_EQ(*(*store)->AddressLockedUntil("wang.li", "10.0.0.9"), 0);
  }
  auto audit = RunWithStdin(dir_, {"audit", "--db", db_}, "");
  for (const char* action : {"staff.enable", "staff.unlock", "staff.reset_password"})
    EXPECT_NE(audit.out.find(std::string("\t") + action + "\twang.li\t"), std::string::npos) << action << audit.out;
  EXPECT_EQ(audit.out.find("one-time-pass"), std::string::npos);
}

CK_STORE_BACKENDS(StaffCliTest);

}  // namespace
}  // namespace ck::hub

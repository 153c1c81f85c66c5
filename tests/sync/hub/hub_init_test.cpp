// Only `community-hub init` creates a hub database: every other command refuses a missing file or a file that
// is not a hub database in one line naming the file and the fix, and leaves nothing behind.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::NewHubDb;
using testing::RunHub;
using testing::TempDir;

bool OneLine(const std::string& text) { return std::count(text.begin(), text.end(), '\n') == 1; }

TEST(HubInitTest, InitCreatesTheDatabaseOwnerOnlyAndAgainOnlyChecksIt) {
  TempDir dir;
  HubRun made = RunHub(dir, {"init", "--db", dir.File("hub.db")});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("created hub database: " + dir.File("hub.db")), std::string::npos) << made.out;
  struct stat st {};
  ASSERT_EQ(::stat(dir.File("hub.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  HubRun again = RunHub(dir, {"init", "--db", dir.File("hub.db")});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already a hub database"), std::string::npos) << again.out;
  EXPECT_EQ(RunHub(dir, {"kiosk", "list", "--db", dir.File("hub.db")}).exit_code, 0);
}

TEST(HubInitTest, EveryOtherCommandRefusesAMissingFileAndCreatesNothing) {
  TempDir dir;
  const std::string typo = dir.File("hbu.db");
  const std::vector<std::vector<std::string>> commands = {
      {"operator", "revoke", "--db", typo, "--id", "街道指挥中心"},
      {"notice", "list", "--db", typo},
      {"kiosk", "add", "--db", typo, "--name", "大堂"},
      {"staff", "list", "--db", typo},
      {"audit", "--db", typo},
      {"serve", "--db", typo, "--listen", "127.0.0.1:0"},
  };
  for (const auto& args : commands) {
    HubRun run = RunHub(dir, args);
    EXPECT_NE(run.exit_code, 0) << args[0] << " " << args[1];
    EXPECT_TRUE(OneLine(run.err)) << run.err;
    EXPECT_NE(run.err.find("no hub database at " + typo), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("community-hub init --db " + typo), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(typo)) << args[0] << " " << args[1] << " created the file";
  }
}

TEST(HubInitTest, AKioskDatabaseIsNotAHubDatabase) {
  TempDir dir;
  const std::string kiosk_db = dir.File("kiosk.db");
  // What a kiosk's database looks like to the hub: tables, some with the same names, no `kiosks`.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(kiosk_db.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE notices(id TEXT PRIMARY KEY); CREATE TABLE outbox(id INTEGER PRIMARY KEY);"
                         "PRAGMA user_version = 5;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  for (const auto& args : std::vector<std::vector<std::string>>{{"notice", "list", "--db", kiosk_db},
                                                                {"init", "--db", kiosk_db},
                                                                {"staff", "list", "--db", kiosk_db}}) {
    HubRun run = RunHub(dir, args);
    EXPECT_NE(run.exit_code, 0) << args[0];
    EXPECT_TRUE(OneLine(run.err)) << run.err;
    EXPECT_NE(run.err.find(kiosk_db + " is not a hub database"), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find("migration"), std::string::npos) << run.err;
  }
  // An empty file (e.g. `touch hub.db`) is not a hub either; init takes it as new.
  const std::string empty = dir.File("empty.db");
  { std::ofstream touch(empty); }
  HubRun run = RunHub(dir, {"notice", "list", "--db", empty});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("community-hub init --db " + empty), std::string::npos) << run.err;
  EXPECT_EQ(RunHub(dir, {"init", "--db", empty}).exit_code, 0);
  EXPECT_EQ(RunHub(dir, {"notice", "list", "--db", empty}).exit_code, 0);
}

TEST(HubInitTest, ServeOnABusyPortLeavesNoNewFile) {
  TempDir dir;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string busy = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  HubRun fresh = RunHub(dir, {"serve", "--db", dir.File("new.db"), "--listen", busy});
  EXPECT_NE(fresh.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.File("new.db")));
  // With a real database the refusal names the port.
  const std::string db = NewHubDb(dir);
  HubRun taken = RunHub(dir, {"serve", "--db", db, "--listen", busy});
  EXPECT_NE(taken.exit_code, 0);
  EXPECT_FALSE(taken.err.empty());
  ::close(fd);
}

}  // namespace
}  // namespace ck::hub

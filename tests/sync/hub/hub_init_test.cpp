// Only `community-hub init` creates a hub database: every other command refuses a missing file or a file that
// is not a hub database (on PostgreSQL: a database without the hub's schema) in one line naming it and the
// fix, and leaves nothing behind. On a SQLite file and on a PostgreSQL database (CK_STORE_BACKENDS), but for
// what only a file has.
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

#include "sync/hub/store/pg_connection.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::RunHub;
using testing::TempDir;

bool OneLine(const std::string& text) { return std::count(text.begin(), text.end(), '\n') == 1; }

// db_ is where a hub could be made and is not yet: a file name with no file, or an empty PostgreSQL database.
class HubInitTest : public testing::HubCommandTest {
 protected:
  HubInitTest() : HubCommandTest(/*init=*/false) {}
  // Whether nothing was made there: no file, or no table in the database.
  bool StillEmpty() {
    if (!postgres()) return !std::filesystem::exists(db_);
    auto conn = pg::Connection::Open(db_);
    if (!conn) {
      ADD_FAILURE() << conn.error();
      return false;
    }
    pg::Rows r = (*conn)->Exec("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = 'public'");
    EXPECT_TRUE(r.ok()) << r.error();
    return r.ok() && r.Text(0, 0) == "0";
  }
};

TEST_P(HubInitTest, InitCreatesTheDatabaseOwnerOnlyAndAgainOnlyChecksIt) {
  HubRun made = RunHub(dir_, {"init", "--db", db_});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("created hub database: " + db_), std::string::npos) << made.out;
  if (!postgres()) {  // a file's mode; PostgreSQL keeps its own files
    struct stat st {};
    ASSERT_EQ(::stat(db_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
  }
  HubRun again = RunHub(dir_, {"init", "--db", db_});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already a hub database"), std::string::npos) << again.out;
  EXPECT_EQ(RunHub(dir_, {"kiosk", "list", "--db", db_}).exit_code, 0);
}

TEST_P(HubInitTest, EveryOtherCommandRefusesAMissingFileAndCreatesNothing) {
  const std::string& typo = db_;  // a mistyped file name, or a database init never made a hub
  const std::vector<std::vector<std::string>> commands = {
      {"operator", "revoke", "--db", typo, "--id", "街道指挥中心"},
      {"notice", "list", "--db", typo},
      {"kiosk", "add", "--db", typo, "--name", "大堂"},
      {"staff", "list", "--db", typo},
      {"audit", "--db", typo},
      {"serve", "--db", typo, "--listen", "127.0.0.1:0"},
  };
  for (const auto& args : commands) {
    HubRun run = RunHub(dir_, args);
    EXPECT_NE(run.exit_code, 0) << args[0] << " " << args[1];
    EXPECT_TRUE(OneLine(run.err)) << run.err;
    EXPECT_NE(run.err.find(postgres() ? typo + " holds no hub yet" : "no hub database at " + typo),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("community-hub init --db " + typo), std::string::npos) << run.err;
    EXPECT_TRUE(StillEmpty()) << args[0] << " " << args[1] << " created something";
  }
}

// SQLite only: a kiosk's database is a SQLite file (a PostgreSQL database holding foreign tables is refused
// in store/pg_store_test.cpp).
TEST(HubInitFileTest, AKioskDatabaseIsNotAHubDatabase) {
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

TEST_P(HubInitTest, ServeOnABusyPortLeavesNoNewFile) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string busy = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  HubRun fresh = RunHub(dir_, {"serve", "--db", db_, "--listen", busy});
  EXPECT_NE(fresh.exit_code, 0);
  EXPECT_TRUE(StillEmpty());
  // With a real database the refusal names the port.
  const std::string db = OtherHubDb("other.db");
  HubRun taken = RunHub(dir_, {"serve", "--db", db, "--listen", busy});
  EXPECT_NE(taken.exit_code, 0);
  EXPECT_FALSE(taken.err.empty());
  ::close(fd);
}

CK_STORE_BACKENDS(HubInitTest);

}  // namespace
}  // namespace ck::hub

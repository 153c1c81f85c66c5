// `community-hub backup` / `restore` as real processes: a backup taken while the served hub stores reports
// restores to a database that passes integrity_check and holds every report acknowledged before it began.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/hub/store/sqlite_backup.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/utc_time.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::NewHubDb;
using testing::LineAfter;
using testing::RunHub;
using testing::ServedHub;
using testing::TempDir;
using testing::Trimmed;

std::string Form(const protocol::ServiceRequestSubmission& s) {
  httplib::Params params;
  for (auto& [k, v] : protocol::SubmissionToFormFields(s)) params.emplace(k, v);
  return httplib::detail::params_to_query_str(params);
}

// The answer of one SQL query with one text column, all rows.
std::set<std::string> Column(const std::string& db_file, const char* sql) {
  std::set<std::string> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK)
      while (sqlite3_step(stmt) == SQLITE_ROW) rows.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return rows;
}

TEST(HubBackupTest, ABackupUnderWriteLoadRestoresWithEveryAcknowledgedReport) {
  TempDir dir;
  const std::string db = NewHubDb(dir);
  HubRun add = RunHub(dir, {"kiosk", "add", "--db", db, "--name", "3号楼大堂"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string device_id = Trimmed(LineAfter(add.out, "device_id: "));
  const std::string token = Trimmed(LineAfter(add.out, "token: "));
  const int kiosk_number = std::stoi(Trimmed(LineAfter(add.out, "kiosk_number: ")));
  std::filesystem::create_directory(dir.File("backups"));

  ServedHub hub(db);
  ASSERT_GT(hub.port(), 0);
  std::mutex mu;
  std::set<std::string> acknowledged;  // request uuids the hub answered 201 for
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  auto writer = [&](std::uint32_t first_seq) {
    httplib::Client c("127.0.0.1", hub.port());
    c.set_read_timeout(10, 0);
    for (std::uint32_t seq = first_seq; !stop; seq += 2) {
      auto s = testing::SampleSubmission();
      s.request_uuid = protocol::NewUuid();
      s.ticket_code = *protocol::MakeTicketCode({static_cast<std::uint32_t>(kiosk_number), seq});
      s.device_id = device_id;
      s.submitted_at = protocol::NowUtc() - 60;
      auto r = c.Post("/requests.json", {{"Authorization", "Bearer " + token}, {"Idempotency-Key", s.request_uuid}},
                      Form(s), "application/x-www-form-urlencoded");
      if (r && r->status == 201) {
        std::lock_guard lock(mu);
        acknowledged.insert(s.request_uuid);
      } else {
        ++failures;
      }
    }
  };
  std::thread w1(writer, 1), w2(writer, 2);
  auto acked = [&] {
    std::lock_guard lock(mu);
    return acknowledged;
  };
  for (int i = 0; i < 600 && acked().size() < 100; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::set<std::string> before_backup = acked();
  HubRun backup = RunHub(dir, {"backup", "--db", db, "--dir", dir.File("backups"), "--keep-days", "14"});
  // The writers go on for a moment after the backup: the hub never stopped for it.
  const std::size_t at_backup_end = acked().size();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  w1.join();
  w2.join();
  EXPECT_EQ(hub.Stop(), 0);
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_GE(before_backup.size(), 100u);
  EXPECT_GT(acked().size(), at_backup_end) << "the hub stopped taking reports during or after the backup";
  EXPECT_EQ(failures.load(), 0);

  const std::string file = LineAfter(backup.out, "backup: ").substr(0, LineAfter(backup.out, "backup: ").find(' '));
  ASSERT_TRUE(std::filesystem::is_regular_file(file)) << backup.out;
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "a backup holds residents' phone numbers";

  const std::string restored = dir.File("restored.db");
  HubRun restore = RunHub(dir, {"restore", "--db", restored, "--from", file});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_EQ(Column(restored, "PRAGMA integrity_check"), std::set<std::string>{"ok"});
  const std::set<std::string> in_restored = Column(restored, "SELECT id FROM requests");
  for (const std::string& id : before_backup) EXPECT_TRUE(in_restored.count(id)) << id << " acknowledged, then lost";
  // And the restored database serves: the hub starts on it.
  ServedHub again(restored);
  EXPECT_GT(again.port(), 0);
}

TEST(HubBackupTest, OldBackupsGoAfterKeepDaysAndNothingElseIsTouched) {
  TempDir dir;
  const std::string db = NewHubDb(dir);
  ASSERT_EQ(RunHub(dir, {"kiosk", "add", "--db", db, "--name", "大堂"}).exit_code, 0);
  const auto backups = std::filesystem::path(dir.File("backups"));
  std::filesystem::create_directory(backups);
  const protocol::UnixSeconds now = protocol::NowUtc();
  const std::string old_one = sqlite::BackupFileName(now - 15 * 86400);
  const std::string recent = sqlite::BackupFileName(now - 13 * 86400);
  for (const std::string& name : {old_one, recent, std::string("notes.txt"), std::string("hub.db")})
    std::ofstream(backups / name) << "x";
  HubRun run = RunHub(dir, {"backup", "--db", db, "--dir", backups.string(), "--keep-days", "14"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("removed 1 older than 14 days"), std::string::npos) << run.out;
  EXPECT_FALSE(std::filesystem::exists(backups / old_one));
  EXPECT_TRUE(std::filesystem::exists(backups / recent));
  EXPECT_TRUE(std::filesystem::exists(backups / "notes.txt"));
  EXPECT_TRUE(std::filesystem::exists(backups / "hub.db"));
}

TEST(HubBackupTest, RefusesWhatIsNotAHubDatabaseAndNeverCreatesOne) {
  TempDir dir;
  std::filesystem::create_directory(dir.File("backups"));
  HubRun missing = RunHub(dir, {"backup", "--db", dir.File("typo.db"), "--dir", dir.File("backups")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("no such database"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("typo.db")));

  std::ofstream(dir.File("garbage.db")) << std::string(8192, 'g');
  HubRun restore = RunHub(dir, {"restore", "--db", dir.File("hub.db"), "--from", dir.File("garbage.db")});
  EXPECT_NE(restore.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.File("hub.db"))) << "a refused restore must not leave a file";
}

}  // namespace
}  // namespace ck::hub

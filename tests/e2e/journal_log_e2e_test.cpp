// The kiosk's log reaches the journal with levels and without personal data: a report with a phone number
// goes through the kiosk's store and sync engine (an unreachable hub first, then the real hub) while the
// process's stderr is captured as journald would take it (JOURNAL_STREAM names the capture file); no line
// holds the phone number or the report's text, and the sync lines carry their "<n>" syslog level.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "app/store/feed_applier.h"
#include "app/store/feedback_repository.h"
#include "app/store/kiosk_database.h"
#include "sync/client/sync_engine.h"
#include "tests/e2e/hub_fixture.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPhone = "13987654321";
constexpr const char* kText = "三号楼电梯困人请速来XQZ";

class JournalLogE2eTest : public HubFixture {
 protected:
  sync::SyncRoundReport SyncOnce(const std::string& url) {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    EXPECT_TRUE(db.ok()) << db.error();
    if (!db) return {};
    store::FeedApplier sink(std::move(db).value());
    sync::SyncEngineOptions o;
    o.hub_url = url;
    o.device_id = device_id_;
    o.token = token_;
    o.app_version = "e2e";
    o.connect_timeout = 3s;
    o.request_timeout = 10s;
    sync::SyncEngine engine(o, nullptr, nullptr);
    return engine.RunOnce(sink);
  }
};

TEST_P(JournalLogE2eTest, AReportsPhoneAndTextNeverReachTheLog) {
  const auto capture = dir_ / "journal.txt";
  const int fd = ::open(capture.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  struct stat st {};
  ASSERT_EQ(::fstat(fd, &st), 0);
  // As systemd does for a service's stderr: the log module then writes journald's "<n>" prefixes.
  const std::string stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  ::setenv("JOURNAL_STREAM", stream.c_str(), 1);
  const int saved = ::dup(STDERR_FILENO);
  ASSERT_GE(saved, 0);
  ::dup2(fd, STDERR_FILENO);

  {
    auto db = store::KioskDatabase::Open(kiosk_db_);
    ASSERT_TRUE(db.ok()) << db.error();
    store::FeedbackDraft d;
    d.service_code = "repairs";
    d.service_name = "设施维修";
    d.address_string = "3号楼2单元";
    d.description = kText;
    d.phone = kPhone;
    auto r = store::FeedbackRepository(**db).Submit(d, protocol::NowUtc(), kiosk_number_);
    ASSERT_TRUE(r.ok()) << r.error();
    // One the hub refuses (an unknown category): its refusal is logged too.
    d.service_code = "no_such_category";
    auto refused = store::FeedbackRepository(**db).Submit(d, protocol::NowUtc(), kiosk_number_);
    (void)refused;  // the kiosk may refuse it itself; either way nothing personal may be logged
  }
  // Offline first (nothing listens on port 1), then the real hub.
  const bool offline_ok = SyncOnce("http://127.0.0.1:1").ok;
  const auto online = SyncOnce(hub_url_);

  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(fd);
  ::unsetenv("JOURNAL_STREAM");
  EXPECT_FALSE(offline_ok);
  EXPECT_GE(online.pushed, 1) << online.error;

  std::ifstream in(capture);
  std::stringstream text;
  text << in.rdbuf();
  const std::string log = text.str();
  EXPECT_EQ(log.find(kPhone), std::string::npos) << log;
  EXPECT_EQ(log.find("13987654321"), std::string::npos) << log;
  EXPECT_EQ(log.find(kText), std::string::npos) << log;
  EXPECT_EQ(log.find("电梯困人"), std::string::npos) << log;
  // The failed round was logged, as a warning journald can filter on.
  EXPECT_NE(log.find("<4>sync: round failed"), std::string::npos) << log;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("sync:") != std::string::npos) {
      EXPECT_TRUE(line.size() > 3 && line[0] == '<' && line[2] == '>') << "a sync line without its level: " << line;
    }
  }
}

// The kiosk's log does not depend on the hub's store: SQLite only. The log decides once per process whether
// stderr is the journal, so this test holds when it runs in its own process, as ctest runs each test.
INSTANTIATE_TEST_SUITE_P(Stores, JournalLogE2eTest, ::testing::Values(HubStore::Sqlite), HubStoreName);

}  // namespace
}  // namespace ck::e2e

// HubFixture: a real community-hub process on 127.0.0.1 with a fresh database, a registered kiosk, and
// helpers to drive its command line. Every suite runs on both stores the hub supports (CK_HUB_STORES): a
// SQLite file, and a fresh database on the tests' throwaway PostgreSQL server (pg_test_cluster.h), given to
// every command as the postgresql:// URI a technician would type. Tests skip only when the hub binary was
// not built, or PostgreSQL is not installed and not required (CK_PG_REQUIRED).
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sync/protocol/ids.h"
#include "tests/e2e/child_process.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace ck::e2e {

inline std::filesystem::path HubBinary() {
  return std::filesystem::path(CK_BINARY_DIR) / "sync" / "hub" / "community-hub";
}

inline std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// The value after `prefix` on its line of a command's output ("device_id: …"), or "" when absent.
inline std::string OutputField(const std::string& out, const std::string& prefix) {
  auto at = out.find(prefix);
  if (at == std::string::npos) return "";
  auto end = out.find('\n', at);
  return Trimmed(out.substr(at + prefix.size(), end == std::string::npos ? end : end - at - prefix.size()));
}

enum class HubStore { Sqlite, Postgres };

inline std::string HubStoreName(const ::testing::TestParamInfo<HubStore>& info) {
  return info.param == HubStore::Sqlite ? "Sqlite" : "Postgres";
}

class HubFixture : public ::testing::TestWithParam<HubStore> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(HubBinary())) GTEST_SKIP() << "community-hub not built: " << HubBinary();
    dir_ = std::filesystem::temp_directory_path() /
           ("ck-e2e-" + std::to_string(::getpid()) + "-" + protocol::NewUuid());
    std::filesystem::create_directories(dir_);
    if (GetParam() == HubStore::Postgres) {
      std::string why;
      hub::testing::PgTestCluster* cluster = hub::testing::PgTestCluster::Get(&why);
      if (!cluster && hub::testing::PgTestCluster::Required()) FAIL() << "PostgreSQL required: " << why;
      if (!cluster) GTEST_SKIP() << "no PostgreSQL here: " << why;
      auto uri = cluster->CreateDatabaseUri();
      ASSERT_TRUE(uri.ok()) << uri.error();
      hub_db_ = *uri;
    } else {
      hub_db_ = (dir_ / "hub.db").string();
    }
    kiosk_db_ = dir_ / "kiosk" / "kiosk.db";
    CommandResult made = Hub({"init", "--db", hub_db_});  // only init creates a hub database
    ASSERT_EQ(made.exit_code, 0) << made.out;
    CommandResult added = Hub({"kiosk", "add", "--db", hub_db_, "--name", "lobby-e2e"});
    ASSERT_EQ(added.exit_code, 0) << added.out;
    device_id_ = OutputField(added.out, "device_id: ");
    token_ = OutputField(added.out, "token: ");
    ASSERT_FALSE(device_id_.empty()) << added.out;
    ASSERT_FALSE(token_.empty()) << added.out;
    kiosk_number_ = static_cast<std::uint32_t>(std::stoul("0" + OutputField(added.out, "kiosk_number: ")));
    StartHub();
  }

  void TearDown() override {
    hub_.reset();  // kills and reaps
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Starts `community-hub serve` on a random port and waits (bounded) for its "listening on" line.
  void StartHub() {
    static int generation = 0;
    hub_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{HubBinary().string(), "serve", "--db", hub_db_, "--listen", "127.0.0.1:0"},
        dir_ / ("hub-" + std::to_string(++generation) + ".out"));
    ASSERT_TRUE(hub_->started());
    auto line = hub_->WaitForLine("listening on ", std::chrono::seconds(20));
    ASSERT_TRUE(line) << "hub did not start; stdout: " << hub_->Output();
    hub_url_ = Trimmed(line->substr(std::string("listening on ").size()));
  }
  void KillHub(int signal = SIGKILL) {
    if (hub_) hub_->Stop(signal);
  }

  CommandResult Hub(std::vector<std::string> args) {
    args.insert(args.begin(), HubBinary().string());
    return RunCommand(args, dir_);
  }
  // Publishes a notice; returns its id (the command's last line), or "" on failure.
  std::string Publish(const std::string& title, const std::string& body,
                      std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"notice", "publish", "--db", hub_db_,       "--title",
                                  title,    "--body",  body,   "--publisher", "property_company"};
    args.insert(args.end(), extra.begin(), extra.end());
    CommandResult r = Hub(args);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.exit_code == 0 ? LastLine(r.out) : "";
  }

  static std::string LastLine(const std::string& out) {
    std::string t = Trimmed(out);
    auto nl = t.find_last_of('\n');
    return nl == std::string::npos ? t : t.substr(nl + 1);
  }

  std::filesystem::path dir_;
  std::string hub_db_;
  std::filesystem::path kiosk_db_;
  std::string device_id_, token_, hub_url_;
  std::uint32_t kiosk_number_ = 0;  // 0 when the hub did not print one
  std::unique_ptr<ChildProcess> hub_;
};

}  // namespace ck::e2e

// Runs a HubFixture-derived suite against a SQLite hub and a PostgreSQL hub.
#define CK_HUB_STORES(suite)                                                                             \
  INSTANTIATE_TEST_SUITE_P(Stores, suite,                                                                \
                           ::testing::Values(::ck::e2e::HubStore::Sqlite, ::ck::e2e::HubStore::Postgres), \
                           ::ck::e2e::HubStoreName)

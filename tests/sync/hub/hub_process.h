// Runs the built community-hub binary for tests: one command to completion, or `serve` in the background.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

extern char** environ;

namespace ck::hub::testing {

inline const std::string kHub = std::string(CK_BINARY_DIR) + "/sync/hub/community-hub";

struct HubRun {
  int exit_code = -1;
  std::string out, err;
};

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs the hub with these arguments (no shell: arguments reach it byte for byte).
inline HubRun RunHub(const TempDir& dir, std::vector<std::string> args) {
  std::string out_path = dir.File("stdout.txt"), err_path = dir.File("stderr.txt");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  args.insert(args.begin(), kHub);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  HubRun run;
  if (posix_spawn(&pid, kHub.c_str(), &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  run.out = Slurp(out_path);
  run.err = Slurp(err_path);
  return run;
}

// A fresh hub database made the way a real one is, by `community-hub init` (the only command that creates
// one): every test that runs the hub binary on a new database starts here.
inline std::string NewHubDb(const TempDir& dir, const std::string& name = "hub.db") {
  std::string path = dir.File(name);
  HubRun made = RunHub(dir, {"init", "--db", path});
  if (made.exit_code != 0) ADD_FAILURE() << "community-hub init --db " << path << ": " << made.err;
  return path;
}

// Where a new hub of the backend's kind may be made, not made yet: a file name in `dir` (no file), or a new,
// empty database on the tests' PostgreSQL server as the postgresql:// URI a technician types. "" with *skip
// saying why when PostgreSQL cannot run here. (Uses pg_test_cluster.cpp: link it.)
inline std::string NewEmptyDbOn(StoreBackend backend, const TempDir& dir, std::string* skip,
                                const std::string& name = "hub.db") {
  if (backend == StoreBackend::Sqlite) return dir.File(name);
  PgTestCluster* cluster = PgTestCluster::Get(skip);
  if (!cluster) return "";
  auto uri = cluster->CreateDatabaseUri();
  if (!uri) ADD_FAILURE() << "a new PostgreSQL database: " << uri.error();
  return uri ? *uri : "";
}

// NewHubDb on either backend (store/store_backends.h): NewEmptyDbOn, made a hub by `community-hub init`.
inline std::string NewHubDbOn(StoreBackend backend, const TempDir& dir, std::string* skip,
                              const std::string& name = "hub.db") {
  std::string db = NewEmptyDbOn(backend, dir, skip, name);
  if (db.empty()) return "";
  HubRun made = RunHub(dir, {"init", "--db", db});
  if (made.exit_code != 0) ADD_FAILURE() << "community-hub init --db " << db << ": " << made.err;
  return db;
}

// A test of the hub's commands, run as real processes on a new hub database of the parameter's kind
// (instantiate with CK_STORE_BACKENDS). Without PostgreSQL its tests skip, or fail with CK_PG_REQUIRED=1.
class HubCommandTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  // init = false: db_ is only where a hub may be made (NewEmptyDbOn), for the tests of init itself.
  explicit HubCommandTest(bool init = true) : init_(init) {}
  void SetUp() override {
    std::string skip;
    db_ = init_ ? NewHubDbOn(GetParam(), dir_, &skip) : NewEmptyDbOn(GetParam(), dir_, &skip);
    if (db_.empty() && !skip.empty()) {
      if (PgTestCluster::Required()) FAIL() << "PostgreSQL required: " << skip;
      GTEST_SKIP() << "no PostgreSQL here: " << skip;
    }
    ASSERT_FALSE(db_.empty());
  }
  HubRun Hub(std::vector<std::string> args) { return RunHub(dir_, std::move(args)); }
  // Another new hub database of the same kind (a file named `name`, or another PostgreSQL database).
  std::string OtherHubDb(const std::string& name) {
    std::string skip;
    std::string db = NewHubDbOn(GetParam(), dir_, &skip, name);
    if (db.empty()) ADD_FAILURE() << "another hub database: " << skip;
    return db;
  }
  bool postgres() const { return GetParam() == StoreBackend::Postgres; }

  TempDir dir_;
  std::string db_;

 private:
  bool init_;
};

// The rest of the line that starts with `prefix`, or "".
inline std::string LineAfter(const std::string& out, const std::string& prefix) {
  size_t at = out.find(prefix);
  if (at == std::string::npos || (at > 0 && out[at - 1] != '\n')) return "";
  size_t end = out.find('\n', at);
  return out.substr(at + prefix.size(),
                    end == std::string::npos ? std::string::npos : end - at - prefix.size());
}

inline std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// `community-hub serve` on 127.0.0.1 with a random port, in its own process; stopped with SIGTERM.
class ServedHub {
 public:
  explicit ServedHub(const std::string& db) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    std::vector<std::string> args = {kHub, "serve", "--db", db, "--listen", "127.0.0.1:0"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, kHub.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = 0;
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    std::string line;
    char ch;
    while (read(pipe_fds[0], &ch, 1) == 1 && ch != '\n') line += ch;
    close(pipe_fds[0]);
    const std::string prefix = "listening on http://127.0.0.1:";
    if (line.rfind(prefix, 0) == 0 && line.size() > prefix.size() && line.size() <= prefix.size() + 5 &&
        line.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
      port_ = std::stoi(line.substr(prefix.size()));
  }
  ~ServedHub() { Stop(); }
  // 0 when the server did not start.
  int port() const { return port_; }
  // Exit status of a clean stop (0), or -1.
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
};

}  // namespace ck::hub::testing

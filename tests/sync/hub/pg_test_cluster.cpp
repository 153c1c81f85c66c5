// The tests' throwaway PostgreSQL server (pg_test_cluster.h): initdb once per machine, copy, start, watch.
#include "tests/sync/hub/pg_test_cluster.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <random>

namespace ck::hub::testing {

namespace {

namespace fs = std::filesystem;

std::string BinDir() {
  const char* env = std::getenv("CK_PG_BINDIR");
  return env && *env ? env : "/usr/lib/postgresql/15/bin";
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// PostgreSQL will not run as root: then every server command runs as nobody.
bool AsRoot() {
  return geteuid() == 0;
}

// From /tmp: nobody may not be allowed into the test's working directory.
std::string AsServerUser(const std::string& command) {
  return AsRoot() ? "cd /tmp && runuser -u nobody -- " + command : command;
}

// Runs a shell command; returns its exit status and, in *output, what it printed (both streams).
int Run(const std::string& command, std::string* output) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    if (output) output->append(buf.data(), n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Status GiveToServerUser(const std::string& path) {
  if (!AsRoot()) return OkStatus();
  if (chown(path.c_str(), 65534, 65534) != 0) return Status::Fail("cannot chown " + path + " to nobody");
  return OkStatus();
}

std::string MakeTempDir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "XXXXXX";
  if (!mkdtemp(tmpl.data())) return "";
  return tmpl;
}

// The initdb'd cluster every test process copies, made once per machine, user and PostgreSQL version.
// Made aside and renamed into place, so concurrent test processes never see half of one.
Result<std::string> TemplateCluster(const std::string& bindir) {
  std::string version;
  if (Run(Quote(bindir + "/postgres") + " --version", &version) != 0)
    return Result<std::string>::Fail("cannot run " + bindir + "/postgres --version: " + version);
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(version));
  std::string path = "/tmp/ck-pg-initdb-" + std::to_string(getuid()) + "-" + hash;
  std::error_code ec;
  if (fs::exists(path + "/data/PG_VERSION", ec)) return Result<std::string>::Ok(path);

  std::string tmp = MakeTempDir("ck-pg-initdb-tmp-");
  if (tmp.empty()) return Result<std::string>::Fail("cannot make a directory under /tmp");
  if (auto s = GiveToServerUser(tmp); !s) return Result<std::string>::Fail(s.error());
  std::string out;
  int rc = Run(AsServerUser(Quote(bindir + "/initdb") + " -D " + Quote(tmp + "/data") +
                            " -U ck -A trust --no-sync -E UTF8 --locale=C.UTF-8"),
               &out);
  if (rc != 0) {
    fs::remove_all(tmp, ec);
    return Result<std::string>::Fail("initdb failed: " + out);
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) fs::remove_all(tmp, ec);  // another process won the race
  if (!fs::exists(path + "/data/PG_VERSION", ec))
    return Result<std::string>::Fail("no template cluster at " + path);
  return Result<std::string>::Ok(path);
}

}  // namespace

bool PgTestCluster::Required() {
  const char* env = std::getenv("CK_PG_REQUIRED");
  return env && std::string(env) == "1";
}

PgTestCluster* PgTestCluster::Get(std::string* why) {
  static std::mutex mutex;
  static std::unique_ptr<PgTestCluster> cluster;
  static std::string failure;
  std::lock_guard lock(mutex);
  if (cluster) return cluster.get();
  if (!failure.empty()) {
    *why = failure;
    return nullptr;
  }
  auto fail = [&](std::string reason) -> PgTestCluster* {
    failure = "PostgreSQL tests need a server: " + reason;
    *why = failure;
    return nullptr;
  };

  const std::string bindir = BinDir();
  for (const char* tool : {"initdb", "pg_ctl", "postgres"})
    if (access((bindir + "/" + tool).c_str(), X_OK) != 0)
      return fail(bindir + "/" + tool + " is missing (install postgresql-15, or set CK_PG_BINDIR)");
  if (AsRoot() && access("/usr/sbin/runuser", X_OK) != 0 && access("/sbin/runuser", X_OK) != 0)
    return fail("running as root and runuser is missing");

  auto tmpl = TemplateCluster(bindir);
  if (!tmpl) return fail(tmpl.error());

  std::unique_ptr<PgTestCluster> c(new PgTestCluster());
  c->dir_ = MakeTempDir("ck-pg-");
  if (c->dir_.empty()) return fail("cannot make a directory under /tmp");
  if (auto s = GiveToServerUser(c->dir_); !s) return fail(s.error());
  const std::string data = c->dir_ + "/data";

  // The watchdog: a child that waits for this process's end (its pipe's write end closes with us, even
  // on a crash), then stops the server and removes the directory. Prepared before fork: the child only
  // reads and execs.
  const std::string cleanup =
      AsServerUser(Quote(bindir + "/pg_ctl") + " -D " + Quote(data) + " -m immediate -w stop") +
      " >/dev/null 2>&1; rm -rf " + Quote(c->dir_);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return fail("cannot make the watchdog's pipe");
  pid_t pid = fork();
  if (pid < 0) return fail("cannot fork the watchdog");
  if (pid == 0) {
    close(fds[1]);
    setsid();  // outlive a kill of our process group
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    char byte;
    while (read(fds[0], &byte, 1) != 0) {
    }
    execl("/bin/sh", "sh", "-c", cleanup.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[0]);
  c->watchdog_fd_ = fds[1];
  c->watchdog_pid_ = pid;

  std::string out;
  if (Run(AsServerUser("cp -a " + Quote(*tmpl + "/data") + " " + Quote(data)), &out) != 0)
    return fail("cannot copy the template cluster: " + out);
  // Throwaway data: no fsync, no full pages, no TCP; the socket lives in our own directory.
  std::string options = "-k " + c->dir_ +
                        " -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                        " -c max_connections=100";
  out.clear();
  c->bindir_ = bindir;
  c->options_ = options;
  if (Run(AsServerUser(Quote(bindir + "/pg_ctl") + " -D " + Quote(data) + " -l " + Quote(c->dir_ + "/log") +
                       " -w -t 60 -o " + Quote(options) + " start"),
          &out) != 0) {
    std::string log;
    Run("cat " + Quote(c->dir_ + "/log"), &log);
    return fail("pg_ctl start failed: " + out + log);
  }
  cluster = std::move(c);
  return cluster.get();
}

PgTestCluster::~PgTestCluster() {
  // Closing the pipe wakes the watchdog; waiting for it makes a normal exit leave nothing behind.
  if (watchdog_fd_ >= 0) close(watchdog_fd_);
  if (watchdog_pid_ > 0) waitpid(watchdog_pid_, nullptr, 0);
}

std::string PgTestCluster::Conninfo(const std::string& dbname) const {
  return "host=" + dir_ + " user=ck dbname=" + dbname;
}

Status PgTestCluster::Restart() {
  std::string out;
  if (Run(AsServerUser(Quote(bindir_ + "/pg_ctl") + " -D " + Quote(dir_ + "/data") + " -l " + Quote(dir_ + "/log") +
                       " -m fast -w -t 60 -o " + Quote(options_) + " restart"),
          &out) != 0)
    return Status::Fail("pg_ctl restart failed: " + out);
  return OkStatus();
}

std::string PgTestCluster::Uri(const std::string& dbname) const {
  return "postgresql://ck@/" + dbname + "?host=" + dir_;
}

Result<std::string> PgTestCluster::CreateDatabase() {
  auto name = CreateDatabaseNamed();
  return name ? Result<std::string>::Ok(Conninfo(*name)) : name;
}

Result<std::string> PgTestCluster::CreateDatabaseUri() {
  auto name = CreateDatabaseNamed();
  return name ? Result<std::string>::Ok(Uri(*name)) : name;
}

Result<std::string> PgTestCluster::CreateDatabaseNamed() {
  std::random_device rd;
  std::string name = "ck_test_" + std::to_string(getpid()) + "_" + std::to_string(++databases_) + "_" +
                     std::to_string(rd() % 100000);
  PGconn* conn = PQconnectdb(Conninfo("postgres").c_str());
  std::unique_ptr<PGconn, decltype(&PQfinish)> guard(conn, &PQfinish);
  if (PQstatus(conn) != CONNECTION_OK)
    return Result<std::string>::Fail(std::string("cannot connect to the test server: ") +
                                     PQerrorMessage(conn));
  PGresult* res = PQexec(conn, ("CREATE DATABASE " + name + " TEMPLATE template0").c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string err = ok ? "" : PQresultErrorMessage(res);
  PQclear(res);
  if (!ok) return Result<std::string>::Fail("CREATE DATABASE failed: " + err);
  return Result<std::string>::Ok(name);
}

}  // namespace ck::hub::testing

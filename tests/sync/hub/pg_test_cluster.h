// A throwaway PostgreSQL server for the tests: one per test process, on a Unix socket in a fresh /tmp
// directory, copied from a cluster that initdb makes once per machine and PostgreSQL version. Tests that
// need it skip (with the reason) when the server binaries are missing; CK_PG_REQUIRED=1 makes that a failure.
//
//   CK_PG_BINDIR    where initdb, pg_ctl and postgres are (default /usr/lib/postgresql/15/bin)
//   CK_PG_REQUIRED  1: a missing or broken PostgreSQL fails the test instead of skipping it (CI)
//
// PostgreSQL refuses to run as root, and CI runs as root: then the server runs as `nobody` (runuser) and
// owns its directory. A watchdog process stops the server and removes the directory when the test process
// ends, however it ends (a crash or a kill too).
#pragma once

#include <string>

#include "sync/protocol/result.h"

namespace ck::hub::testing {

class PgTestCluster {
 public:
  // The process's server, started on first use. nullptr when it cannot run here; *why says why.
  static PgTestCluster* Get(std::string* why);
  // Whether a missing server should fail the test rather than skip it.
  static bool Required();

  // Stops the server cleanly and starts it again (every connection is cut): a PostgreSQL restart in the
  // field, as an upgrade or a reboot does it.
  Status Restart();
  // A new, empty database for one test (CREATE DATABASE from template0); returns its connection string.
  Result<std::string> CreateDatabase();
  // The same, as the postgresql:// URI a technician gives `community-hub --db`.
  Result<std::string> CreateDatabaseUri();
  // The connection string of an existing database on this server.
  std::string Conninfo(const std::string& dbname) const;
  // The same as a postgresql:// URI, as a technician gives `community-hub --db`.
  std::string Uri(const std::string& dbname) const;

  PgTestCluster(const PgTestCluster&) = delete;
  PgTestCluster& operator=(const PgTestCluster&) = delete;
  ~PgTestCluster();

 private:
  PgTestCluster() = default;
  Result<std::string> CreateDatabaseNamed();  // its name
  std::string dir_;       // the socket directory; the data directory is dir_/data
  std::string bindir_;
  std::string options_;   // the server's -o options
  int watchdog_fd_ = -1;  // the write end of the watchdog's pipe: closing it stops the server
  int watchdog_pid_ = -1;
  int databases_ = 0;
};

}  // namespace ck::hub::testing

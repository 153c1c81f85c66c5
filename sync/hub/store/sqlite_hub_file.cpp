// Opening the hub's database file: created only when asked, refused when it is someone else's.
#include "sync/hub/store/sqlite_hub_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace ck::hub::sqlite {
namespace {

using R = Result<std::unique_ptr<Connection>>;

// Tables of any kind in the database (0 for a new, empty file); -1 if the file is not SQLite at all.
int TableCount(Connection& conn) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(conn.handle(), "SELECT count(*) FROM sqlite_schema WHERE type='table'", -1, &stmt,
                         nullptr) != SQLITE_OK)
    return -1;
  int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return n;
}

std::string InitHint(const std::string& path) { return "community-hub init --db " + path; }

}  // namespace

bool IsHubDatabase(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN ('kiosks','notices')",
                         -1, &stmt, nullptr) != SQLITE_OK)
    return false;
  bool yes = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 2;
  sqlite3_finalize(stmt);
  return yes;
}

R OpenHubFile(const std::string& path, HubFileMode mode) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists) {
    if (mode == HubFileMode::kExisting)
      return R::Fail("no hub database at " + path + " (check the path; to start a new hub, run once: " +
                     InitHint(path) + ")");
    // O_EXCL: two inits racing cannot both believe they made it; 0600 before SQLite writes a byte.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return R::Fail("cannot create " + path + ": " + std::generic_category().message(errno));
    ::close(fd);
  }
  auto conn = Connection::Open(path);
  if (!conn) return conn;
  const int tables = TableCount(**conn);
  if (tables < 0) return R::Fail(path + " is not a hub database (not an SQLite file); check the path");
  if (tables == 0 && mode == HubFileMode::kExisting)
    return R::Fail(path + " is not a hub database (it is empty); to start a new hub there, run once: " +
                   InitHint(path));
  if (tables > 0 && !IsHubDatabase((*conn)->handle()))
    return R::Fail(path +
                   " is not a hub database (it has other tables: a kiosk's database?); give the hub's file, "
                   "usually /var/lib/community-hub/hub.db");
  return conn;
}

}  // namespace ck::hub::sqlite

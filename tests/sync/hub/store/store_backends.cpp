// The store tests' backends (store_backends.h).
#include "tests/sync/hub/store/store_backends.h"

#include "sync/hub/store/pg_activity_repository.h"
#include "sync/hub/store/pg_console_repository.h"
#include "sync/hub/store/pg_hub_repository.h"
#include "sync/hub/store/sqlite_activity_repository.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "tests/sync/hub/pg_test_cluster.h"

namespace ck::hub::testing {

std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::Sqlite ? "Sqlite" : "Postgres";
}

void PrintTo(StoreBackend backend, std::ostream* os) {
  *os << (backend == StoreBackend::Sqlite ? "Sqlite" : "Postgres");
}

std::unique_ptr<StoreUnderTest> StoreUnderTest::Make(StoreBackend backend, std::string* skip) {
  std::unique_ptr<StoreUnderTest> s(new StoreUnderTest(backend));
  if (backend == StoreBackend::Sqlite) {
    s->dir_ = std::make_unique<TempDir>();
    return s;
  }
  PgTestCluster* cluster = PgTestCluster::Get(skip);
  if (!cluster) return nullptr;
  auto db = cluster->CreateDatabase();
  if (!db) {
    *skip = db.error();
    return nullptr;
  }
  s->conninfo_ = *db;
  return s;
}

std::string StoreUnderTest::sqlite_path() const {
  return dir_ ? dir_->File("hub.db") : std::string();
}

Result<std::unique_ptr<HubRepository>> StoreUnderTest::OpenHub() {
  using R = Result<std::unique_ptr<HubRepository>>;
  if (backend_ == StoreBackend::Sqlite) {
    auto r = SqliteHubRepository::Open(sqlite_path());
    if (!r) return R::Fail(r.error());
    return R::Ok(std::move(r).value());
  }
  auto r = PgHubRepository::Open(conninfo_);
  if (!r) return R::Fail(r.error());
  return R::Ok(std::move(r).value());
}

Result<std::unique_ptr<ConsoleRepository>> StoreUnderTest::OpenConsole() {
  using R = Result<std::unique_ptr<ConsoleRepository>>;
  if (backend_ == StoreBackend::Sqlite) {
    auto r = SqliteConsoleRepository::Open(sqlite_path());
    if (!r) return R::Fail(r.error());
    return R::Ok(std::move(r).value());
  }
  auto r = PgConsoleRepository::Open(conninfo_);
  if (!r) return R::Fail(r.error());
  return R::Ok(std::move(r).value());
}

Result<std::unique_ptr<ActivityRepository>> StoreUnderTest::OpenActivities() {
  using R = Result<std::unique_ptr<ActivityRepository>>;
  if (backend_ == StoreBackend::Sqlite) {
    auto r = SqliteActivityRepository::Open(sqlite_path());
    if (!r) return R::Fail(r.error());
    return R::Ok(std::move(r).value());
  }
  auto r = PgActivityRepository::Open(conninfo_);
  if (!r) return R::Fail(r.error());
  return R::Ok(std::move(r).value());
}

void StoreTest::SetUp() {
  std::string skip;
  store_ = StoreUnderTest::Make(GetParam(), &skip);
  if (!store_) {
    if (PgTestCluster::Required()) FAIL() << skip;
    GTEST_SKIP() << skip;
  }
  auto r = store_->OpenHub();
  ASSERT_TRUE(r.ok()) << r.error();
  repo_ = std::move(r).value();
}

}  // namespace ck::hub::testing

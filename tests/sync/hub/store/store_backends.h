// The hub's store tests run against every backend: each test is value-parameterized by the backend, and a
// StoreUnderTest makes a throwaway store of that kind (a SQLite file in a temp folder, or a fresh database
// on the tests' PostgreSQL server, which skips the test when PostgreSQL is not installed).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/hub_repository.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub::testing {

enum class StoreBackend { Sqlite, Postgres };

// "Sqlite" / "Postgres", for test names and messages.
std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info);
void PrintTo(StoreBackend backend, std::ostream* os);

class StoreUnderTest {
 public:
  // nullptr, with *skip saying why, when the backend cannot run here.
  static std::unique_ptr<StoreUnderTest> Make(StoreBackend backend, std::string* skip);
  // A new connection to the same store: as far as the store can tell, another hub process.
  Result<std::unique_ptr<HubRepository>> OpenHub();
  Result<std::unique_ptr<ConsoleRepository>> OpenConsole();
  Result<std::unique_ptr<ActivityRepository>> OpenActivities();
  StoreBackend backend() const { return backend_; }
  // The PostgreSQL connection string (empty for SQLite).
  const std::string& conninfo() const { return conninfo_; }
  // The SQLite file (empty for PostgreSQL).
  std::string sqlite_path() const;

 private:
  explicit StoreUnderTest(StoreBackend b) : backend_(b) {}
  StoreBackend backend_;
  std::unique_ptr<TempDir> dir_;
  std::string conninfo_;
};

// A test over one store of the parameter's kind, with one repository open on it.
class StoreTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  std::unique_ptr<StoreUnderTest> store_;
  std::unique_ptr<HubRepository> repo_;
};

}  // namespace ck::hub::testing

// Runs a StoreTest-derived suite on both backends.
#define CK_STORE_BACKENDS(suite)                                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                               \
                           ::testing::Values(::ck::hub::testing::StoreBackend::Sqlite,    \
                                             ::ck::hub::testing::StoreBackend::Postgres), \
                           ::ck::hub::testing::BackendName)

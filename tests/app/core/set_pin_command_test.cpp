// `community-kiosk set-pin`: the PIN from the terminal (here a pipe) becomes an Argon2id hash the panel's
// repository accepts; a mismatch or a bad PIN changes nothing.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "app/set_pin_command.h"
#include "app/store/kiosk_database.h"
#include "app/store/maintenance_pin_repository.h"

namespace ck::app {
namespace {

int SetPinFrom(const std::filesystem::path& dir, const std::string& input) {
  std::FILE* in = fmemopen(const_cast<char*>(input.data()), input.size(), "r");
  std::FILE* out = std::fopen("/dev/null", "w");
  const int rc = RunSetPin(dir, in, out);
  std::fclose(in);
  std::fclose(out);
  return rc;
}

TEST(SetPinCommandTest, SetsAPinTheRepositoryAcceptsAndRefusesMismatches) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "ck-setpin-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const std::filesystem::path dir = tmpl;
  EXPECT_EQ(SetPinFrom(dir, "2468\n1357\n"), 2);
  EXPECT_EQ(SetPinFrom(dir, "12\n12\n"), 2);
  {
    auto db = store::KioskDatabase::Open(dir / "kiosk.db");
    ASSERT_TRUE(db.ok());
    EXPECT_FALSE(store::MaintenancePinRepository(**db).HasPin());
  }
  EXPECT_EQ(SetPinFrom(dir, "2468\n2468\n"), 0);
  auto db = store::KioskDatabase::Open(dir / "kiosk.db");
  ASSERT_TRUE(db.ok());
  store::MaintenancePinRepository pins(**db);
  auto check = pins.Check("2468", 1'800'000'000);
  ASSERT_TRUE(check.ok()) << check.error();
  EXPECT_EQ(check->outcome, store::PinOutcome::Accepted);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ck::app

// The maintenance panel's PIN: an Argon2id hash, and a lock-out whose delay grows and survives a restart
// (the database closed and opened again, as after a pulled plug).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "app/store/kiosk_database.h"
#include "app/store/maintenance_pin_repository.h"
#include "app/store/statement.h"

namespace ck::store {
namespace {

class MaintenancePinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ck-pin-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Restart();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Restart() {
    db_.reset();
    auto opened = KioskDatabase::Open(dir_ / "kiosk.db");
    ASSERT_TRUE(opened.ok()) << opened.error();
    db_ = std::move(opened).value();
  }
  PinCheck Try(const std::string& pin, protocol::UnixSeconds now) {
    MaintenancePinRepository pins(*db_);
    auto check = pins.Check(pin, now);
    EXPECT_TRUE(check.ok()) << check.error();
    return check.ok() ? *check : PinCheck{};
  }
  std::filesystem::path dir_;
  std::unique_ptr<KioskDatabase> db_;
};

TEST_F(MaintenancePinTest, StoredAsArgon2idNeverAsThePin) {
  MaintenancePinRepository pins(*db_);
  EXPECT_FALSE(pins.HasPin());
  EXPECT_EQ(Try("2468", 1000).outcome, PinOutcome::NoPinSet);
  EXPECT_FALSE(pins.SetPin("12a4").ok());
  EXPECT_FALSE(pins.SetPin("123").ok());
  ASSERT_TRUE(pins.SetPin("24680").ok());
  EXPECT_TRUE(pins.HasPin());
  Statement st = db_->Cached("SELECT pin_hash FROM maintenance_access");
  ASSERT_EQ(st.Step(), 100 /* SQLITE_ROW */);
  EXPECT_EQ(st.Text(0).rfind("$argon2id$", 0), 0u) << st.Text(0);
  EXPECT_EQ(st.Text(0).find("24680"), std::string::npos);
  EXPECT_EQ(Try("24680", 1000).outcome, PinOutcome::Accepted);
}

TEST_F(MaintenancePinTest, TheLockOutGrowsAndSurvivesARestart) {
  ASSERT_TRUE(MaintenancePinRepository(*db_).SetPin("2468").ok());
  protocol::UnixSeconds now = 1'000'000;
  EXPECT_EQ(Try("0000", now).outcome, PinOutcome::Wrong);
  EXPECT_EQ(Try("0001", now).outcome, PinOutcome::Wrong);
  PinCheck third = Try("0002", now);
  EXPECT_EQ(third.outcome, PinOutcome::Wrong);
  EXPECT_EQ(third.locked_until, now + kFirstLockSeconds);

  Restart();  // the plug is pulled: the lock-out is still there, even for the right PIN
  PinCheck locked = Try("2468", now + 10);
  EXPECT_EQ(locked.outcome, PinOutcome::LockedOut);
  EXPECT_EQ(locked.locked_until, now + kFirstLockSeconds);

  // After the delay one more wrong PIN doubles it, across another restart.
  now += kFirstLockSeconds;
  EXPECT_EQ(Try("0003", now).locked_until, now + 2 * kFirstLockSeconds);
  Restart();
  EXPECT_EQ(Try("2468", now + 2 * kFirstLockSeconds - 1).outcome, PinOutcome::LockedOut);
  now += 2 * kFirstLockSeconds;
  EXPECT_EQ(Try("2468", now).outcome, PinOutcome::Accepted);
  // A right PIN starts the count again.
  EXPECT_EQ(Try("0000", now).locked_until, 0);
}

// The panel checks in steps (the hash off the UI thread): a plug pulled between them still counts the try,
// and the right PIN afterwards clears the count.
TEST_F(MaintenancePinTest, ATryIsCountedBeforeItsAnswer) {
  ASSERT_TRUE(MaintenancePinRepository(*db_).SetPin("2468"));
  const protocol::UnixSeconds now = 1'800'000'000;
  for (int i = 0; i < kFreePinAttempts; ++i) {
    auto attempt = MaintenancePinRepository(*db_).BeginCheck(now);
    ASSERT_TRUE(attempt.ok()) << attempt.error();
    EXPECT_FALSE(attempt->decided.has_value());
    Restart();  // the plug, before PinMatchesHash and FinishCheck
  }
  EXPECT_EQ(Try("2468", now).outcome, PinOutcome::LockedOut);
  EXPECT_EQ(Try("2468", now + kFirstLockSeconds).outcome, PinOutcome::Accepted);
  EXPECT_EQ(Try("1357", now + kFirstLockSeconds).failed_attempts, 1);
}

TEST(PinLockSeconds, DoublesUpToAnHour) {
  EXPECT_EQ(PinLockSeconds(2), 0);
  EXPECT_EQ(PinLockSeconds(3), 30);
  EXPECT_EQ(PinLockSeconds(4), 60);
  EXPECT_EQ(PinLockSeconds(9), 1920);
  EXPECT_EQ(PinLockSeconds(10), 3600);
  EXPECT_EQ(PinLockSeconds(1000), 3600);
}

}  // namespace
}  // namespace ck::store

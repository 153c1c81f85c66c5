// The kiosk's database on a data disk that is really full (a 512 KiB tmpfs, filled): it opens after a clean
// shutdown, shows what it has, refuses writes, and says nothing misleading about rollbacks. Needs root
// (mount); skipped otherwise.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/store/kiosk_database.h"
#include "app/store/transaction.h"

namespace ck::store {
namespace {

class FullDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root";
    std::string tmpl = (std::filesystem::temp_directory_path() / "ck-full-disk-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    // Room for the migrated schema and its WAL, which the checkpoint at a clean close needs at once.
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=1m,mode=0700") != 0)
      GTEST_SKIP() << "cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)";
    mounted_ = true;
  }
  void TearDown() override {
    if (mounted_) ::umount(dir_.c_str());
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  void FillDisk() {
    std::ofstream fill(dir_ / "fill", std::ios::binary);
    const std::string block(4096, '\0');
    while (fill.write(block.data(), block.size())) {
    }
  }
  std::filesystem::path dir_;
  bool mounted_ = false;
};

TEST_F(FullDiskTest, OpensAfterACleanShutdownShowsWhatItHasAndRefusesWrites) {
  const auto file = dir_ / "kiosk.db";
  {
    auto db = KioskDatabase::Open(file);
    ASSERT_TRUE(db.ok()) << db.error();
    ASSERT_TRUE((*db)->Exec("CREATE TABLE probe (x TEXT); INSERT INTO probe VALUES ('已有的公告')").ok());
  }
  // A clean shutdown removed the -wal and -shm files; now nothing is left on the disk.
  ASSERT_FALSE(std::filesystem::exists(dir_ / "kiosk.db-shm"));
  FillDisk();

  testing::internal::CaptureStderr();
  auto db = KioskDatabase::Open(file);
  ASSERT_TRUE(db.ok()) << "a full disk kept the kiosk from starting: " << db.error();
  Statement read = (*db)->Cached("SELECT x FROM probe");
  ASSERT_EQ(read.Step(), SQLITE_ROW);
  EXPECT_EQ(read.Text(0), "已有的公告");

  // A write (a resident's report) fails as a value, and the failed transaction logs no "rollback failed".
  {
    Transaction tx(**db, Durability::Full);
    Status inserted = tx.ok() ? (*db)->Exec("INSERT INTO probe SELECT hex(randomblob(200000))") : Status::Fail(tx.error());
    Status committed = inserted ? tx.Commit() : inserted;
    EXPECT_FALSE(committed.ok()) << "a write on a full disk succeeded";
  }
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("the disk is full"), std::string::npos) << log;
  EXPECT_EQ(log.find("rollback failed"), std::string::npos) << log;
}

}  // namespace
}  // namespace ck::store

// Shared by the store tests: a fresh database file in a private temporary folder, and notice factories.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/store/kiosk_database.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/notice.h"

namespace ck::store::testing {

inline constexpr protocol::UnixSeconds kNow = 1'790'000'000;  // a fixed "now" in 2026

inline protocol::Notice MakeNotice(const std::string& title,
                                   protocol::UnixSeconds published_at = kNow - 3600) {
  protocol::Notice n;
  n.id = protocol::NewUuid();
  n.publisher = protocol::Publisher::PropertyCompany;
  n.category = "water_power";
  n.title = title;
  n.body = "正文：" + title;
  n.published_at = published_at;
  return n;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ck-store-test-" + std::to_string(::getpid()) + "-" + protocol::NewUuid());
    file_ = dir_ / "kiosk.db";
    db_ = OpenOrDie();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<KioskDatabase> OpenOrDie() {
    auto db = KioskDatabase::Open(file_);
    EXPECT_TRUE(db.ok()) << db.error();
    return db ? std::move(db).value() : nullptr;
  }

  std::filesystem::path dir_, file_;
  std::unique_ptr<KioskDatabase> db_;
};

}  // namespace ck::store::testing

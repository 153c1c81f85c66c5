// InProcessHubTest: a real HubHttpServer on 127.0.0.1 (random port) over a fresh database, with one kiosk
// (kDevice, token_) and one operator (operator_token_), for tests that speak HTTP to the hub.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <thread>

#include "sync/hub/api/http_server.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub::testing {

inline const std::string kDevice = "7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10";

// A real hub on loopback with one kiosk and one operator, served in this process.
class InProcessHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = SqliteHubRepository::Open(dir_.File("hub.db"));
    ASSERT_TRUE(r.ok()) << r.error();
    repo_ = std::move(r).value();
    token_ = NewBearerSecret();
    KioskRecord k;
    k.device_id = kDevice;
    k.name = "3号楼大堂";
    k.token_hash = HashSecret(token_);
    auto added = repo_->AddKiosk(k);
    ASSERT_TRUE(added.ok());
    kiosk_number_ = added.value->kiosk_number;
    operator_token_ = NewBearerSecret();
    ASSERT_TRUE(repo_->AddOperator({protocol::NewUuid(), "街道", HashSecret(operator_token_), 1}).ok());
    server_ = std::make_unique<HubHttpServer>(*repo_);
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.error();
    port_ = *port;
    thread_ = std::thread([this] { server_->Listen(); });
    for (int i = 0; i < 2000 && !server_->IsRunning(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(server_->IsRunning());
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  std::string FileOne() {
    auto s = testing::SampleSubmission();
    s.ticket_code = *protocol::MakeTicketCode({static_cast<std::uint32_t>(kiosk_number_), next_seq_++});
    return testing::FileRequest(*repo_, s).status.service_request_id;
  }

  TempDir dir_;
  std::unique_ptr<SqliteHubRepository> repo_;
  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::int64_t kiosk_number_ = 0;
  std::uint32_t next_seq_ = 1;
  std::string token_, operator_token_;
};


}  // namespace ck::hub::testing

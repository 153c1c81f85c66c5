// The district shape: two community-hub processes on one database behind the shipped nginx site (one
// `server` line each). One is SIGKILLed while kiosks poll and report, then comes back, then the other goes:
// a kiosk's poll never fails, a report fails at most once (the kiosk sends it again with the same
// Idempotency-Key) and is stored exactly once.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <thread>

#include "sync/protocol/feed.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "tests/e2e/front_server.h"
#include "tests/e2e/hub_fixture.h"

namespace ck::e2e {
namespace {

using namespace std::chrono_literals;

class TwoHubsFrontE2eTest : public HubFixture {
 protected:
  void SetUp() override {
    HubFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ports_[0] = std::stoi(hub_url_.substr(hub_url_.rfind(':') + 1));
    hubs_[0] = std::move(hub_);
    ports_[1] = FreePort();
    StartOn(1);
    front_ = std::make_unique<FrontServer>(dir_ / "nginx", std::vector<int>{ports_[0], ports_[1]});
    ASSERT_TRUE(front_->started()) << front_->error();
  }
  void TearDown() override {
    front_.reset();
    for (auto& h : hubs_) h.reset();
    HubFixture::TearDown();
  }

  // `community-hub serve` number i on its own fixed port (so nginx finds it again after a restart).
  void StartOn(int i) {
    static int generation = 0;
    hubs_[i] = std::make_unique<ChildProcess>(
        std::vector<std::string>{HubBinary().string(), "serve", "--db", hub_db_, "--listen",
                                 "127.0.0.1:" + std::to_string(ports_[i])},
        dir_ / ("hub-" + std::to_string(i) + "-" + std::to_string(++generation) + ".out"));
    ASSERT_TRUE(hubs_[i]->WaitForLine("listening on ", 20s)) << "hub " << i << " did not start";
  }

  // A kiosk's conditional poll through the front: 200/304, or the failure (0: no answer at all).
  int Poll() {
    httplib::Client c("127.0.0.1", front_->port());
    c.set_connection_timeout(3, 0);
    c.set_read_timeout(5, 0);
    httplib::Headers h{{"Authorization", "Bearer " + token_}};
    if (!etag_.empty()) h.emplace("If-None-Match", etag_);
    auto r = c.Get(std::string(protocol::kFeedPath), h);
    if (!r) return 0;
    if (r->status == 200) etag_ = r->get_header_value("ETag");
    return r->status;
  }
  // One report as the kiosk's outbox sends it: the first answer's status, and how many sends it took
  // (the kiosk retries the same submission, same key, after a failure).
  struct Sent {
    int status = 0;
    int sends = 0;
  };
  Sent Report() {
    protocol::ServiceRequestSubmission s;
    s.service_code = "sanitation";
    s.address_string = "3号楼2单元5层";
    s.description = "垃圾未及时清运 " + std::to_string(next_seq_);
    s.request_uuid = protocol::NewUuid();
    s.ticket_code = *protocol::MakeTicketCode({kiosk_number_, next_seq_++});
    s.device_id = device_id_;
    s.submitted_at = protocol::NowUtc() - 60;
    httplib::Params params;
    for (auto& [k, v] : protocol::SubmissionToFormFields(s)) params.emplace(k, v);
    const std::string body = httplib::detail::params_to_query_str(params);
    Sent out;
    for (; out.sends < 5 && out.status != 201 && out.status != 200; ) {
      ++out.sends;
      httplib::Client c("127.0.0.1", front_->port());
      c.set_read_timeout(10, 0);
      auto r = c.Post("/requests.json", {{"Authorization", "Bearer " + token_}, {"Idempotency-Key", s.request_uuid}},
                      body, "application/x-www-form-urlencoded");
      out.status = r ? r->status : 0;
    }
    codes_.push_back(s.ticket_code);
    return out;
  }
  std::size_t StoredWithTicket(const std::string& json, const std::string& code) {
    std::size_t n = 0;
    for (auto at = json.find("\"" + code + "\""); at != std::string::npos; at = json.find("\"" + code + "\"", at + 1))
      ++n;
    return n;
  }

  int ports_[2] = {0, 0};
  std::unique_ptr<ChildProcess> hubs_[2];
  std::unique_ptr<FrontServer> front_;
  std::string etag_;
  std::uint32_t next_seq_ = 1;
  std::vector<std::string> codes_;
};

TEST_P(TwoHubsFrontE2eTest, KillingEitherHubProcessFailsNoPollAndNoReportTwice) {
  int failed_polls = 0, polls = 0, resent_reports = 0, reports = 0;
  auto load = [&](int rounds) {
    for (int i = 0; i < rounds; ++i) {
      const int status = Poll();
      ++polls;
      if (status != 200 && status != 304) ++failed_polls;
      if (i % 4 == 0) {
        Sent sent = Report();
        ++reports;
        EXPECT_EQ(sent.status, 201) << "report " << reports << " after " << sent.sends << " sends";
        if (sent.sends > 1) ++resent_reports;
        EXPECT_LE(sent.sends, 2) << "report " << reports << " needed " << sent.sends << " sends";
      }
    }
  };
  load(20);
  hubs_[0]->Stop(SIGKILL);  // the first process dies mid-load; nginx finds it refusing and uses the other
  load(40);
  StartOn(0);
  // nginx tries a passed-over server again after fail_timeout (3 s), counted in whole seconds: up to 4 s.
  std::this_thread::sleep_for(4500ms);
  load(20);
  hubs_[1]->Stop(SIGKILL);
  load(40);
  std::fprintf(stderr, "two hubs: %d polls, %d failed; %d reports, %d sent twice\n", polls, failed_polls, reports,
               resent_reports);
  EXPECT_EQ(failed_polls, 0);

  CommandResult listed = Hub({"request", "list", "--db", hub_db_, "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.out;
  for (const std::string& code : codes_) EXPECT_EQ(StoredWithTicket(listed.out, code), 1u) << code;
}

CK_HUB_STORES(TwoHubsFrontE2eTest);

}  // namespace
}  // namespace ck::e2e

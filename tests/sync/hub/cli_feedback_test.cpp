// Runs the built community-hub binary for resident feedback: a plain `curl` Open311 POST against `serve`,
// kiosk numbers, service and operator commands, and the request commands' lifecycle with exit code 2 for
// refused transitions. On a SQLite file and on a PostgreSQL database (CK_STORE_BACKENDS).
#include <gtest/gtest.h>
#include <stdio.h>

#include <nlohmann/json.hpp>

#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_process.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::LineAfter;
using testing::ServedHub;

// Runs a shell command (curl) and returns its standard output.
std::string Capture(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

class HubFeedbackCliTest : public testing::HubCommandTest {
 protected:
  std::string AddKiosk(const std::string& name, std::string* number = nullptr) {
    HubRun add = Hub({"kiosk", "add", "--db", db_, "--name", name});
    EXPECT_EQ(add.exit_code, 0) << add.err;
    if (number) *number = LineAfter(add.out, "kiosk_number: ");
    return LineAfter(add.out, "token: ");
  }
};

TEST_P(HubFeedbackCliTest, KioskAddAssignsNumbersAfterTheOldLines) {
  HubRun add = Hub({"kiosk", "add", "--db", db_, "--name", "1号楼"});
  ASSERT_EQ(add.exit_code, 0);
  // The existing lines first and unchanged, then the number.
  ASSERT_EQ(add.out.rfind("device_id: ", 0), 0u);
  size_t token = add.out.find("\ntoken: "), note = add.out.find("\n# the token is shown only now");
  size_t number = add.out.find("\nkiosk_number: 1\n");
  EXPECT_LT(token, note);
  EXPECT_LT(note, number);
  EXPECT_NE(number, std::string::npos) << add.out;
  std::string second;
  AddKiosk("2号楼", &second);
  EXPECT_EQ(second, "2");
  HubRun list = Hub({"kiosk", "list", "--db", db_, "--json"});
  auto arr = nlohmann::json::parse(list.out);
  ASSERT_EQ(arr.size(), 2u);
  EXPECT_EQ(arr[0]["kiosk_number"], 1);
  EXPECT_NE(Hub({"kiosk", "list", "--db", db_}).out.find("KIOSK_NUMBER"), std::string::npos);
}

TEST_P(HubFeedbackCliTest, APlainCurlOpen311PostIsAcceptedAndListed) {
  std::string token = AddKiosk("大堂");
  ServedHub hub(db_);
  ASSERT_GT(hub.port(), 0);
  std::string base = "http://127.0.0.1:" + std::to_string(hub.port());
  // Exactly what an Open311 client does: form fields, api_key in the body, no extensions.
  std::string answer = Capture(
      "curl -s -d service_code=sanitation --data-urlencode 'description=楼道堆放杂物' -d api_key=" + token +
      " " + base + "/requests.json");
  auto ack = protocol::ParseSubmissionAck(answer);
  ASSERT_TRUE(ack.ok()) << answer;
  EXPECT_TRUE(protocol::ParseTicketCode(ack->ticket_code));
  std::string list =
      Capture("curl -s '" + base + "/requests.json?service_request_id=" + ack->service_request_id +
              "&api_key=" + token + "'");
  auto statuses = protocol::ParseStatusList(list);
  ASSERT_TRUE(statuses.ok()) << list;
  ASSERT_EQ(statuses->size(), 1u);
  EXPECT_EQ((*statuses)[0].service_code, "sanitation");
  EXPECT_EQ((*statuses)[0].status, protocol::RequestStatus::Submitted);
  // And the default search (last 90 days) finds it too.
  EXPECT_EQ(protocol::ParseStatusList(Capture("curl -s '" + base + "/requests.json?api_key=" + token + "'"))
                ->size(),
            1u);
  // Services are public.
  EXPECT_EQ(protocol::ParseServiceList(Capture("curl -s " + base + "/services.json"))->size(), 8u);
  // The operator sees it from the command line while the server runs.
  HubRun shown = Hub({"request", "show", "--db", db_, "--ticket", ack->ticket_code});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("楼道堆放杂物"), std::string::npos);
  EXPECT_EQ(hub.Stop(), 0);
}

TEST_P(HubFeedbackCliTest, RequestCommandsFollowTheLifecycleAndRefuseWithExitTwo) {
  std::string token = AddKiosk("大堂");
  ServedHub hub(db_);
  ASSERT_GT(hub.port(), 0);
  std::string answer =
      Capture("curl -s -H 'Authorization: Bearer " + token +
              "' -d service_code=repairs --data-urlencode 'description=电梯故障' -d phone=13812341234 "
              "http://127.0.0.1:" +
              std::to_string(hub.port()) + "/requests.json");
  auto ack = protocol::ParseSubmissionAck(answer);
  ASSERT_TRUE(ack.ok()) << answer;
  hub.Stop();
  const std::string& id = ack->service_request_id;

  HubRun early = Hub({"request", "status", "--db", db_, "--id", id, "--status", "resolved"});
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_NE(early.err.find("assign"), std::string::npos) << early.err;
  HubRun close_early = Hub({"request", "close", "--db", db_, "--id", id});
  EXPECT_EQ(close_early.exit_code, 2);
  EXPECT_EQ(Hub({"request", "assign", "--db", db_, "--id", id, "--agency", "mayor", "--responsible", "x"})
                .exit_code,
            2);
  EXPECT_EQ(Hub({"request", "assign", "--db", db_, "--id", id, "--agency", "property_company",
                 "--responsible", "张经理", "--expected-at", "tomorrow"})
                .exit_code,
            2);
  EXPECT_EQ(Hub({"request", "show", "--db", db_}).exit_code, 2);  // --id or --ticket
  EXPECT_EQ(Hub({"request", "show", "--db", db_, "--id", "42"}).exit_code, 2);

  HubRun assign =
      Hub({"request", "assign", "--db", db_, "--id", id, "--agency", "property_company", "--responsible",
           "物业服务中心 张经理", "--expected-at", "2099-01-01T10:00:00+08:00", "--note", "今天派人"});
  ASSERT_EQ(assign.exit_code, 0) << assign.err;
  EXPECT_EQ(LineAfter(assign.out, "status: "), "assigned");
  EXPECT_EQ(Hub({"request", "status", "--db", db_, "--ticket", ack->ticket_code, "--status", "in_progress"})
                .exit_code,
            0);
  EXPECT_EQ(Hub({"request", "reply", "--db", db_, "--id", id, "--text", "已更换电梯控制板"}).exit_code, 0);
  EXPECT_EQ(Hub({"request", "status", "--db", db_, "--id", id, "--status", "resolved"}).exit_code, 0);
  HubRun closed = Hub({"request", "close", "--db", db_, "--id", id});
  EXPECT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_EQ(LineAfter(closed.out, "status: "), "closed");
  EXPECT_EQ(Hub({"request", "close", "--db", db_, "--id", id}).exit_code, 2);

  HubRun shown = Hub({"request", "show", "--db", db_, "--id", id});
  EXPECT_NE(shown.out.find("phone: 13812341234"), std::string::npos);  // the operator may call back
  EXPECT_NE(shown.out.find("responsible: 物业服务中心 张经理"), std::string::npos);
  EXPECT_NE(shown.out.find("expected_at: 2099-01-01T02:00:00Z"), std::string::npos) << shown.out;
  HubRun listed = Hub({"request", "list", "--db", db_, "--json"});
  auto arr = nlohmann::json::parse(listed.out);
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(arr[0]["detailed_status"], "closed");
  EXPECT_EQ(arr[0]["history"].size(), 6u);
  EXPECT_EQ(Hub({"request", "list", "--db", db_, "--status", "closed"}).out.find(ack->ticket_code) !=
                std::string::npos,
            true);
  EXPECT_EQ(Hub({"request", "list", "--db", db_, "--status", "nonsense"}).exit_code, 2);
}

TEST_P(HubFeedbackCliTest, ServicesAndOperatorsFromTheCommandLine) {
  HubRun list = Hub({"service", "list", "--db", db_});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("sanitation\t环境卫生\tSanitation\tbroom\t垃圾未及时清运 / 楼道堆放杂物"),
            std::string::npos)
      << list.out;
  EXPECT_EQ(Hub({"service", "add", "--db", db_, "--code", "lifts", "--name", "电梯", "--icon", "lift",
                 "--phrase", "电梯停运", "--phrase", "电梯异响", "--phrase-en", "Lift stopped"})
                .exit_code,
            0);
  EXPECT_EQ(Hub({"service", "add", "--db", db_, "--code", "lifts", "--name", "电梯"}).exit_code, 2);
  EXPECT_EQ(Hub({"service", "add", "--db", db_, "--code", "Bad Code", "--name", "x"}).exit_code, 2);
  EXPECT_EQ(Hub({"service", "update", "--db", db_, "--code", "lifts", "--name-en", "Lifts"}).exit_code, 0);
  EXPECT_EQ(Hub({"service", "update", "--db", db_, "--code", "lifts"}).exit_code, 2);
  EXPECT_EQ(Hub({"service", "update", "--db", db_, "--code", "nope", "--name", "x"}).exit_code, 2);
  auto services = protocol::ParseServiceList(
      nlohmann::json::parse(Hub({"service", "list", "--db", db_, "--json"}).out).dump());
  ASSERT_TRUE(services.ok());
  EXPECT_EQ(services->back().service_code, "lifts");
  EXPECT_EQ(services->back().name_en, "Lifts");
  EXPECT_EQ(services->back().quick_phrases.size(), 2u);

  HubRun op = Hub({"operator", "add", "--db", db_, "--name", "街道网格中心"});
  ASSERT_EQ(op.exit_code, 0) << op.err;
  EXPECT_EQ(LineAfter(op.out, "token: ").size(), 43u);
}

CK_STORE_BACKENDS(HubFeedbackCliTest);

}  // namespace
}  // namespace ck::hub

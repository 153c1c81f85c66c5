// Runs the built community-hub binary for the 12345 flow's commands: dispatch with the category's default
// deadline, redispatch with a reason, queue, category deadline, templates, operator revoke and rates as
// CSV; refusals exit 2. On a SQLite file and on a PostgreSQL database (CK_STORE_BACKENDS).
#include <gtest/gtest.h>

#include "sync/hub/store/open_store.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using testing::LineAfter;

class HubWorkOrderCliTest : public testing::HubCommandTest {
 protected:
  std::string File() {
    auto repo = std::move(OpenHubStore(db_, StoreOpen::kExisting)).value();
    return testing::FileRequest(*repo, testing::SampleSubmission("repairs"), protocol::NowUtc() - 60)
        .status.ticket_code;
  }
};

// The two request-command builders each had their own --ticket option, and their help texts disagreed
// (dispatch, redispatch and supervise still showed the old 8-symbol K7M4-XQ9R). One helper now.
TEST_P(HubWorkOrderCliTest, EveryRequestCommandsHelpShowsTheCurrentTicketCodeFormat) {
  for (const char* cmd : {"show", "assign", "status", "reply", "close", "dispatch", "redispatch", "supervise",
                          "return"}) {
    HubRun r = Hub({"request", cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("3K7M-XQ9R-4TWBR"), std::string::npos) << cmd << "\n" << r.out;
    EXPECT_EQ(r.out.find("K7M4-XQ9R"), std::string::npos) << cmd << " still shows the old format";
  }
}

TEST_P(HubWorkOrderCliTest, DispatchRedispatchQueueAndDeadlines) {
  ASSERT_EQ(Hub({"category", "deadline", "--db", db_, "--code", "repairs", "--hours", "24"}).exit_code, 0);
  EXPECT_EQ(Hub({"category", "deadline", "--db", db_, "--code", "repairs", "--hours", "0"}).exit_code, 2);
  std::string code = File();
  HubRun d = Hub({"request", "dispatch", "--db", db_, "--ticket", code, "--agency", "property_company",
                  "--responsible", "物业 王师傅"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_NE(d.out.find("status: assigned\nowner: property_company"), std::string::npos) << d.out;
  auto repo = std::move(OpenHubStore(db_, StoreOpen::kExisting)).value();
  auto r = **repo->FindRequestByTicket(code);
  ASSERT_TRUE(r.status.expected_at);
  EXPECT_NEAR(static_cast<double>(*r.status.expected_at - protocol::NowUtc()), 24 * 3600.0, 120.0)
      << "the category's 24 h default";

  EXPECT_EQ(Hub({"request", "redispatch", "--db", db_, "--ticket", code, "--agency", "street_office",
                 "--responsible", "街道受理台", "--reason", " "})
                .exit_code,
            2);
  HubRun back = Hub({"request", "redispatch", "--db", db_, "--ticket", code, "--agency", "street_office",
                     "--responsible", "街道受理台", "--reason", "属于市政道路"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  HubRun show = Hub({"request", "show", "--db", db_, "--ticket", code});
  EXPECT_NE(show.out.find("属于市政道路"), std::string::npos) << show.out;

  HubRun queue = Hub({"request", "queue", "--db", db_, "--party", "street_office"});
  ASSERT_EQ(queue.exit_code, 0) << queue.err;
  EXPECT_NE(queue.out.find("# 1 matching"), std::string::npos) << queue.out;
  EXPECT_NE(queue.out.find(code), std::string::npos);
  EXPECT_EQ(Hub({"request", "queue", "--db", db_, "--party", "nobody"}).exit_code, 2);
  EXPECT_EQ(Hub({"request", "supervise", "--db", db_, "--ticket", code, "--note", "请尽快"}).exit_code, 2)
      << "not overdue yet";
}

// The rules hold for the command line too: --as names the party acting (default the street office); a
// party returns (退单) and asks for an extension, the street office re-dispatches and decides; every change
// is audited as cli:<unix user>.
TEST_P(HubWorkOrderCliTest, ReturnExtensionAndTheActingPartyAreAudited) {
  std::string code = File();
  std::vector<std::string> t = {"--db", db_, "--ticket", code};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), t.begin(), t.end());
    return Hub(args);
  };
  ASSERT_EQ(run({"request", "dispatch", "--agency", "property_company", "--responsible", "物业 王师傅"}).exit_code, 0);
  HubRun self = run({"request", "redispatch", "--as", "property_company", "--agency", "property_company",
                     "--responsible", "物业 王师傅", "--reason", "延期", "--expected-at", "2030-01-01T00:00:00Z"});
  EXPECT_EQ(self.exit_code, 2);
  EXPECT_NE(self.err.find("only the street office"), std::string::npos) << self.err;
  EXPECT_EQ(run({"request", "return", "--as", "nobody", "--reason", "x"}).exit_code, 2);
  HubRun back = run({"request", "return", "--as", "property_company", "--reason", "属于居委会"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("returned: yes"), std::string::npos) << back.out;
  ASSERT_EQ(run({"request", "redispatch", "--agency", "residents_committee", "--responsible", "居委会 李主任",
                 "--reason", "绿化归居委会"}).exit_code, 0);
  HubRun ask = run({"request", "extension", "ask", "--as", "residents_committee", "--until", "2099-01-01T00:00:00Z",
                    "--reason", "等待材料"});
  ASSERT_EQ(ask.exit_code, 0) << ask.err;
  EXPECT_EQ(run({"request", "extension", "grant", "--as", "residents_committee"}).exit_code, 2);
  HubRun grant = run({"request", "extension", "grant"});
  ASSERT_EQ(grant.exit_code, 0) << grant.err;
  EXPECT_NE(grant.out.find("due: 2099-01-01T00:00:00Z"), std::string::npos) << grant.out;
  ASSERT_EQ(run({"request", "extension", "ask", "--as", "residents_committee", "--until", "2099-02-01T00:00:00Z",
                 "--reason", "还要更久"}).exit_code, 0);
  ASSERT_EQ(run({"request", "extension", "refuse", "--note", "不同意"}).exit_code, 0);
  ASSERT_EQ(Hub({"category", "deadline", "--db", db_, "--code", "repairs", "--hours", "24"}).exit_code, 0);
  ASSERT_EQ(Hub({"template", "add", "--db", db_, "--title", "已收到", "--body", "已收到"}).exit_code, 0);
  ASSERT_EQ(Hub({"operator", "add", "--db", db_, "--name", "网格中心"}).exit_code, 0);
  ASSERT_EQ(Hub({"operator", "revoke", "--db", db_, "--id", "网格中心"}).exit_code, 0);
  HubRun audit = Hub({"audit", "--db", db_, "--limit", "100"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  for (const char* action : {"ticket.dispatch", "ticket.return", "ticket.redispatch", "ticket.extension.ask",
                             "ticket.extension.grant", "ticket.extension.refuse", "category.deadline",
                             "template.add", "operator.add", "operator.revoke"})
    EXPECT_NE(audit.out.find(action), std::string::npos) << action << "\n" << audit.out;
  EXPECT_NE(audit.out.find("cli:"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("as property_company"), std::string::npos) << audit.out;
}

TEST_P(HubWorkOrderCliTest, TemplatesOperatorsAndRates) {
  HubRun add = Hub({"template", "add", "--db", db_, "--title", "已安排维修", "--service", "repairs",
                    "--status", "assigned", "--body", "您好，已安排维修师傅今日上门。"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  HubRun list = Hub({"template", "list", "--db", db_});
  EXPECT_NE(list.out.find("已安排维修"), std::string::npos) << list.out;
  EXPECT_EQ(
      Hub({"template", "add", "--db", db_, "--title", "x", "--body", "y", "--status", "nope"}).exit_code, 2);
  std::string id = add.out.substr(0, add.out.find('\n'));
  EXPECT_EQ(Hub({"template", "delete", "--db", db_, "--id", id}).exit_code, 0);
  EXPECT_EQ(Hub({"template", "delete", "--db", db_, "--id", id}).exit_code, 2);

  ASSERT_EQ(Hub({"operator", "add", "--db", db_, "--name", "city"}).exit_code, 0);
  EXPECT_NE(Hub({"operator", "list", "--db", db_}).out.find("city"), std::string::npos);
  EXPECT_EQ(Hub({"operator", "revoke", "--db", db_, "--id", "city"}).exit_code, 0);
  EXPECT_EQ(Hub({"operator", "revoke", "--db", db_, "--id", "city"}).exit_code, 2);
  EXPECT_EQ(Hub({"operator", "list", "--db", db_}).out.find("city"), std::string::npos);

  File();
  HubRun rates = Hub({"rates", "--db", db_, "--months", "2", "--csv"});
  ASSERT_EQ(rates.exit_code, 0) << rates.err;
  EXPECT_EQ(rates.out.rfind("party,month,tickets,", 0), 0u) << rates.out;
  EXPECT_NE(rates.out.find("street_office,"), std::string::npos);
  EXPECT_EQ(Hub({"rates", "--db", db_, "--months", "99"}).exit_code, 2);
  EXPECT_EQ(Hub({"rates", "--db", db_, "--until", "2026-13"}).exit_code, 2);
}

CK_STORE_BACKENDS(HubWorkOrderCliTest);

}  // namespace
}  // namespace ck::hub

// `community-hub event …` as a real process: add, update (with --revision: a stale one is exit 2), another
// party refused, cancel and move one occurrence, cancel the whole activity, list, sign-ups with masked phones
// (revealed with audit), export and import of .ics, every change audited as cli:<user>. On a SQLite file and
// on a PostgreSQL database (CK_STORE_BACKENDS).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/activity_signups.h"
#include "sync/hub/store/open_store.h"
#include "tests/sync/hub/activity_test_support.h"
#include "tests/sync/hub/hub_process.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::HubRun;
using protocol::SignupState;
using testing::Trimmed;

class EventCliTest : public testing::HubCommandTest {
 protected:
  std::string Add(const std::string& as, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"event", "add", "--db", db_, "--as", as, "--title", "太极拳晨练", "--place",
                                     "社区广场", "--start", "2026-12-01T07:00:00+08:00", "--duration-minutes", "60",
                                     "--rrule", "FREQ=WEEKLY;BYDAY=TU,TH", "--capacity", "10"};
    args.insert(args.end(), extra.begin(), extra.end());
    HubRun r = Hub(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trimmed(r.out);
  }
};

TEST_P(EventCliTest, AddUpdateCancelMoveAndList) {
  const std::string id = Add("residents_committee");
  ASSERT_EQ(id.size(), 36u) << id;
  HubRun update = Hub({"event", "update", "--db", db_, "--as", "residents_committee", "--id", id, "--revision", "1",
                       "--place", "活动室"});
  ASSERT_EQ(update.exit_code, 0) << update.err;
  EXPECT_EQ(Trimmed(update.out), "2");
  HubRun stale = Hub({"event", "update", "--db", db_, "--as", "residents_committee", "--id", id, "--revision", "1",
                      "--place", "广场"});
  EXPECT_EQ(stale.exit_code, 2);
  EXPECT_NE(stale.err.find("changed meanwhile"), std::string::npos) << stale.err;
  HubRun other = Hub({"event", "update", "--db", db_, "--as", "property_company", "--id", id, "--place", "x"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("organisers"), std::string::npos) << other.err;
  EXPECT_EQ(Hub({"event", "update", "--db", db_, "--as", "street_office", "--id", id, "--capacity", "12"}).exit_code, 0);

  HubRun cancel_one = Hub({"event", "cancel", "--db", db_, "--as", "residents_committee", "--id", id,
                           "--occurrence", "2026-12-03T07:00:00+08:00", "--reason", "下雨"});
  ASSERT_EQ(cancel_one.exit_code, 0) << cancel_one.err;
  HubRun move = Hub({"event", "move", "--db", db_, "--as", "residents_committee", "--id", id, "--occurrence",
                     "2026-12-08T07:00:00+08:00", "--to", "2026-12-09T09:00:00+08:00"});
  ASSERT_EQ(move.exit_code, 0) << move.err;
  EXPECT_EQ(Hub({"event", "move", "--db", db_, "--id", id, "--occurrence", "2026-12-08T07:30:00+08:00", "--to",
                 "2026-12-09T09:00:00+08:00"})
                .exit_code,
            2);  // no occurrence starts then
  HubRun list = Hub({"event", "list", "--db", db_, "--organiser", "residents_committee"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(id + "\t5\t"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("FREQ=WEEKLY;BYDAY=TU,TH"), std::string::npos);
  EXPECT_EQ(Hub({"event", "list", "--db", db_, "--organiser", "property_company"}).out.find(id), std::string::npos);
  HubRun json = Hub({"event", "list", "--db", db_, "--json"});
  EXPECT_NE(json.out.find("\"rrule\": \"FREQ=WEEKLY;BYDAY=TU,TH\""), std::string::npos) << json.out;

  HubRun cancel = Hub({"event", "cancel", "--db", db_, "--as", "residents_committee", "--id", id});
  EXPECT_EQ(cancel.exit_code, 2);  // --reason is required
  cancel = Hub({"event", "cancel", "--db", db_, "--as", "residents_committee", "--id", id, "--reason", "场地维修"});
  ASSERT_EQ(cancel.exit_code, 0) << cancel.err;
  EXPECT_NE(Hub({"event", "list", "--db", db_}).out.find("\tcancelled\t"), std::string::npos);

  HubRun audit = Hub({"audit", "--db", db_});
  for (const char* action : {"activity.create", "activity.edit", "activity.occurrence_cancel",
                             "activity.occurrence_move", "activity.cancel"})
    EXPECT_NE(audit.out.find(action), std::string::npos) << action << "\n" << audit.out;
  EXPECT_NE(audit.out.find("cli:"), std::string::npos);
}

TEST_P(EventCliTest, SignupsAreListedWithMaskedPhonesForTheOrganisersOnly) {
  const std::string id = Add("property_company", {"--organisers", "property_company,residents_committee"});
  {
    auto repo = OpenActivityStore(db_, StoreOpen::kExisting);
    ASSERT_TRUE(repo.ok()) << repo.error();
    // The first occurrence kiosks can see: the feed body holds the next 120 days from now.
    auto body = protocol::ActivityFromJson(nlohmann::json::parse((*(*repo)->FindActivity(id))->feed_body));
    ASSERT_TRUE(body.ok());
    auto next = std::find_if(body->occurrences.begin(), body->occurrences.end(),
                             [](const auto& o) { return o.start > protocol::NowUtc() + 3600; });
    ASSERT_NE(next, body->occurrences.end());
    auto s = testing::SampleSignup(id, next->original_start, 2);
    auto stored = SubmitSignup(**repo, s, protocol::NowUtc());
    ASSERT_TRUE(stored.ok()) << stored.message;
  }
  HubRun masked = Hub({"event", "signups", "--db", db_, "--as", "residents_committee", "--id", id});
  ASSERT_EQ(masked.exit_code, 0) << masked.err;
  EXPECT_NE(masked.out.find("王阿姨"), std::string::npos) << masked.out;
  EXPECT_NE(masked.out.find("\tconfirmed\t"), std::string::npos) << masked.out;
  EXPECT_EQ(masked.out.find("13812345678"), std::string::npos) << masked.out;
  EXPECT_EQ(Hub({"event", "signups", "--db", db_, "--as", "owners_committee", "--id", id}).exit_code, 2);
  HubRun full = Hub({"event", "signups", "--db", db_, "--as", "street_office", "--id", id, "--show-phones"});
  EXPECT_NE(full.out.find("13812345678"), std::string::npos) << full.out;
  EXPECT_NE(Hub({"audit", "--db", db_, "--action", "activity.signups_phones"}).out.find(id), std::string::npos);
}

TEST_P(EventCliTest, AttendAndPromoteAreForTheOrganisersAndAudited) {
  // Started 2026-12-01 (Tuesdays and Thursdays), so 2026-12-03 07:00 is over; capacity 1.
  HubRun added = Hub({"event", "add", "--db", db_, "--as", "residents_committee", "--title", "太极拳晨练", "--place",
                      "社区广场", "--start", "2026-12-01T07:00:00+08:00", "--duration-minutes", "60", "--rrule",
                      "FREQ=WEEKLY;BYDAY=TU,TH", "--capacity", "1"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string id = Trimmed(added.out);
  const protocol::UnixSeconds dec3 = *protocol::ParseUtc("2026-12-02T23:00:00Z");
  std::string come, waiting;
  {
    auto repo = OpenActivityStore(db_, StoreOpen::kExisting);
    ASSERT_TRUE(repo.ok()) << repo.error();
    // A past occurrence is out of the feed window, so the sign-ups are stored as they were decided then.
    int n = 0;
    for (std::string* code : {&come, &waiting}) {
      auto s = testing::SampleSignup(id, dec3);
      SignupState state = n++ == 0 ? SignupState::Confirmed : SignupState::Waitlisted;
      auto r = (*repo)->SubmitSignup(s, dec3 - 86400, [state](const SignupContext&) {
        return SignupVerdict{state, protocol::SignupRefusal::None};
      });
      ASSERT_TRUE(r.ok()) << r.message;
      *code = s.code;
    }
  }
  HubRun other = Hub({"event", "attend", "--db", db_, "--as", "property_company", "--code", come});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("organisers"), std::string::npos) << other.err;
  HubRun attend = Hub({"event", "attend", "--db", db_, "--as", "residents_committee", "--code", come});
  ASSERT_EQ(attend.exit_code, 0) << attend.err;
  EXPECT_EQ(Trimmed(attend.out), come + "\tattended");
  EXPECT_EQ(Hub({"event", "attend", "--db", db_, "--as", "residents_committee", "--code", waiting}).exit_code, 2);
  HubRun list = Hub({"event", "signups", "--db", db_, "--as", "residents_committee", "--id", id});
  EXPECT_NE(list.out.find(come), std::string::npos);
  EXPECT_NE(list.out.find("\tyes\n"), std::string::npos) << list.out;

  EXPECT_EQ(Hub({"event", "promote", "--db", db_, "--as", "residents_committee", "--code", waiting}).exit_code,
            2);  // --reason is required
  EXPECT_EQ(Hub({"event", "promote", "--db", db_, "--as", "property_company", "--code", waiting, "--reason", "x"})
                .exit_code,
            2);
  HubRun promote = Hub({"event", "promote", "--db", db_, "--as", "residents_committee", "--code", waiting,
                        "--reason", "腿脚不便，加一把椅子"});
  ASSERT_EQ(promote.exit_code, 0) << promote.err;
  list = Hub({"event", "signups", "--db", db_, "--as", "residents_committee", "--id", id});
  EXPECT_EQ(list.out.find("waitlisted"), std::string::npos) << list.out;
  EXPECT_NE(Hub({"audit", "--db", db_, "--action", "activity.attendance"}).out.find(come), std::string::npos);
  EXPECT_NE(Hub({"audit", "--db", db_, "--action", "activity.signup_promote"}).out.find("加一把椅子"),
            std::string::npos);
}

TEST_P(EventCliTest, ExportAndImportICalendar) {
  const std::string id = Add("street_office");
  HubRun exported = Hub({"event", "export", "--db", db_, "--public-url", "https://hub.example.cn/"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::string unfolded = exported.out;  // RFC 5545 folds lines at 75 octets
  for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(at, 3);
  EXPECT_NE(exported.out.find("UID:" + id + "@community-hub"), std::string::npos) << exported.out;
  EXPECT_NE(exported.out.find("BEGIN:VTIMEZONE"), std::string::npos);
  EXPECT_NE(unfolded.find("URL:https://hub.example.cn/activities/" + id), std::string::npos);
  const std::string file = dir_.File("events.ics");
  std::ofstream(file, std::ios::binary) << exported.out;

  const std::string other = OtherHubDb("other.db");
  HubRun imported = Hub({"event", "import", "--db", other, "--as", "residents_committee", file});
  EXPECT_EQ(imported.exit_code, 2);  // the file names the street office as organiser: not residents_committee's
  imported = Hub({"event", "import", "--db", other, "--as", "street_office", file});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::string new_id = Trimmed(imported.out);
  ASSERT_EQ(new_id.size(), 36u) << imported.out;
  EXPECT_NE(Hub({"event", "list", "--db", other}).out.find(new_id), std::string::npos);

  std::ofstream(dir_.File("bad.ics")) << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:无地点\r\n"
                                         "DTSTART:20261203T010000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  HubRun bad = Hub({"event", "import", "--db", other, dir_.File("bad.ics")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("VEVENT 1 (UID x): LOCATION"), std::string::npos) << bad.err;
}

CK_STORE_BACKENDS(EventCliTest);

}  // namespace
}  // namespace ck::hub

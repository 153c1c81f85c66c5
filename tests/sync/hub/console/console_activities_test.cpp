// The console's activity pages over real HTTP, in process, with the hub's own activity store: a 居委会 clerk
// creates a weekly activity through the form (the RRULE the controls make), a 物业 clerk is refused (403 +
// audit) when POSTing straight at it, a stale revision keeps the clerk's edits beside the stored version (409),
// the sign-up list masks phones until an audited reveal, the CSV matches the list, a waiting sign-up is let in
// by hand only with a reason, 签到 only after the start, a cancellation's reason reaches the public page, and
// .ics import and export go through the same rules.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/hub/api/http_server.h"
#include "sync/hub/console/activity_form.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/password.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/rules/activity_ical.h"
#include "sync/hub/rules/activity_signups.h"
#include "sync/hub/store/sqlite_activity_repository.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"
#include "tests/sync/hub/activity_test_support.h"
#include "tests/sync/hub/console/console_browser.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub::console {
namespace {

using hub::testing::Browser;
using hub::testing::TempDir;
using protocol::Publisher;
using protocol::SignupState;

constexpr protocol::UnixSeconds kDay = 86400;

// The value of an <input type="datetime-local">: Beijing wall-clock time.
std::string LocalInput(protocol::UnixSeconds t) {
  return DateTimeLocalValue(t);
}

// On every store backend (tests/sync/hub/store/store_backends.h).
class ConsoleActivitiesTest : public ::testing::TestWithParam<hub::testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    backend_ = hub::testing::StoreUnderTest::Make(GetParam(), &skip);
    if (!backend_) {
      if (hub::testing::PgTestCluster::Required()) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
    auto h = backend_->OpenHub();
    ASSERT_TRUE(h.ok()) << h.error();
    hub_ = std::move(h).value();
    auto c = backend_->OpenConsole();
    ASSERT_TRUE(c.ok()) << c.error();
    store_ = std::move(c).value();
    auto a = backend_->OpenActivities();
    ASSERT_TRUE(a.ok()) << a.error();
    activities_ = std::move(a).value();
    ConsoleOptions options;
    options.clock = [this] { return now_.load(); };
    options.password_cost = TestPasswordCost();
    services_ = std::make_unique<ConsoleServices>(*hub_, *store_, options, activities_.get());
    AddStaff("wang.li", Party::PropertyCompany, StaffRole::Clerk);
    AddStaff("li.mei", Party::ResidentsCommittee, StaffRole::Clerk);
    AddStaff("zhao.jie", Party::StreetOffice, StaffRole::Manager);
    HttpServerOptions so;
    so.extra_routes = [this](httplib::Server& s) { RegisterConsole(s, *services_); };
    server_ = std::make_unique<HubHttpServer>(*hub_, so, activities_.get());
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
  void AddStaff(const std::string& name, Party party, StaffRole role) {
    StaffAccount a;
    a.name = name;
    a.party = party;
    a.role = role;
    a.password_hash = HashPassword("password-" + name, TestPasswordCost());
    a.created_at = now_;
    ASSERT_TRUE(store_->AddStaff(a).ok());
  }
  Browser SignedIn(const std::string& name) {
    Browser b(port_);
    EXPECT_TRUE(b.SignIn(name, "password-" + name)) << name;
    return b;
  }
  int Count(const std::string& action) {
    AuditQuery q;
    q.action = action;
    q.limit = 1000;
    return static_cast<int>(store_->QueryAudit(q)->entries.size());
  }
  // Tomorrow 07:00 Beijing time (the console's clock).
  protocol::UnixSeconds TomorrowSeven() const {
    protocol::UnixSeconds local = now_ + kBeijingOffsetSeconds;
    return local - local % kDay + kDay + 7 * 3600 - kBeijingOffsetSeconds;
  }
  // The weekly form a clerk fills in: Tuesdays and Thursdays 07:00–08:00 from tomorrow, 10 times.
  std::vector<std::pair<std::string, std::string>> WeeklyForm(const std::string& title, const std::string& party,
                                                              int capacity) {
    protocol::UnixSeconds start = TomorrowSeven();
    return {{"title", title},
            {"place", "社区广场"},
            {"org." + party, "1"},
            {"start", LocalInput(start)},
            {"end", LocalInput(start + 3600)},
            {"repeat", "weekly"},
            {"day.TU", "1"},
            {"day.TH", "1"},
            {"ends", "count"},
            {"count", "10"},
            {"capacity", std::to_string(capacity)},
            {"closes_hours", "1"},
            {"eligibility", "60岁以上"},
            {"description", "自带水杯"},
            {"do", "save"}};
  }
  // Creates through the form as `who`; returns the new activity's id.
  std::string CreateThroughForm(Browser& who, const std::string& party, int capacity = 3) {
    who.Get("/console/activities/new");
    auto r = who.PostMultipart("/console/activities/new", WeeklyForm("太极拳晨练", party, capacity));
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 303) << r->body;
    std::string location = r->get_header_value("Location");
    const std::string prefix = "/console/activities/";
    EXPECT_EQ(location.rfind(prefix, 0), 0u) << location;
    return location.substr(prefix.size(), 36);
  }
  ActivityRecord Stored(const std::string& id) {
    auto a = activities_->FindActivity(id);
    EXPECT_TRUE(a.ok() && *a);
    return a.ok() && *a ? **a : ActivityRecord{};
  }
  // The first occurrence kiosks are offered.
  protocol::UnixSeconds FirstOccurrence(const std::string& id) {
    auto body = protocol::ActivityFromJson(nlohmann::json::parse(Stored(id).feed_body));
    EXPECT_TRUE(body.ok() && !body->occurrences.empty());
    return body.ok() && !body->occurrences.empty() ? body->occurrences.front().original_start : 0;
  }
  std::string SignUp(const std::string& id, protocol::UnixSeconds occ, const std::string& name,
                     const std::string& phone) {
    auto s = hub::testing::SampleSignup(id, occ);
    s.name = name;
    s.phone = phone;
    auto r = SubmitSignup(*activities_, s, now_);
    EXPECT_TRUE(r.ok()) << r.message;
    return s.code;
  }

  std::unique_ptr<hub::testing::StoreUnderTest> backend_;
  std::atomic<protocol::UnixSeconds> now_{protocol::NowUtc()};
  std::unique_ptr<HubRepository> hub_;
  std::unique_ptr<ConsoleRepository> store_;
  std::unique_ptr<ActivityRepository> activities_;
  std::unique_ptr<ConsoleServices> services_;
  std::unique_ptr<HubHttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};
CK_STORE_BACKENDS(ConsoleActivitiesTest);

TEST_P(ConsoleActivitiesTest, ACommitteeClerkCreatesAWeeklyActivityThroughTheForm) {
  Browser li = SignedIn("li.mei");
  auto list = li.Get("/console/activities");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("href=\"/console/activities\""), std::string::npos) << "the 活动 nav entry";
  const std::string id = CreateThroughForm(li, "residents_committee");
  ActivityRecord a = Stored(id);
  EXPECT_EQ(a.title, "太极拳晨练");
  EXPECT_EQ(a.rrule, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10");
  EXPECT_EQ(a.capacity, 3);
  EXPECT_EQ(a.signup_closes_before, 3600);
  EXPECT_EQ(a.duration, 3600);
  EXPECT_EQ(a.eligibility, "60岁以上");
  EXPECT_EQ(a.organisers, std::vector<Party>{Party::ResidentsCommittee});
  EXPECT_EQ(a.created_by, "console:li.mei");
  EXPECT_EQ(Count("activity.create"), 1);
  // The list shows it with its recurrence in words; the edit page holds the form as stored and the preview.
  list = li.Get("/console/activities");
  EXPECT_NE(list->body.find("太极拳晨练"), std::string::npos);
  EXPECT_NE(list->body.find("每周二、四，共 10 次"), std::string::npos) << list->body;
  auto edit = li.Get("/console/activities/" + id);
  ASSERT_EQ(edit->status, 200);
  EXPECT_NE(edit->body.find("name=\"day.TU\" value=\"1\" checked"), std::string::npos);
  EXPECT_NE(edit->body.find("class=\"kiosk\""), std::string::npos) << "the preview beside the form";
  EXPECT_NE(edit->body.find("id=\"occurrences\""), std::string::npos);
  // A refused form comes back as typed, with the reason in the page's language.
  auto bad = WeeklyForm("没有地点的活动", "residents_committee", 3);
  bad.erase(std::remove_if(bad.begin(), bad.end(), [](const auto& kv) { return kv.first == "day.TU" || kv.first == "day.TH"; }),
            bad.end());
  auto refused = li.PostMultipart("/console/activities/new", bad);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("请至少选择一天"), std::string::npos);
  EXPECT_NE(refused->body.find("value=\"没有地点的活动\""), std::string::npos);
}

TEST_P(ConsoleActivitiesTest, APropertyClerkCannotEditOrCancelACommitteeActivityEvenByPostingDirectly) {
  Browser li = SignedIn("li.mei");
  const std::string id = CreateThroughForm(li, "residents_committee");
  Browser wang = SignedIn("wang.li");
  EXPECT_EQ(wang.Get("/console/activities")->body.find(id), std::string::npos) << "not in 物业's list";
  EXPECT_EQ(wang.Get("/console/activities/" + id)->status, 403);
  wang.Get("/console/activities");  // a page of its own, for its CSRF token
  auto form = WeeklyForm("物业改的标题", "residents_committee", 3);
  form.emplace_back("revision", "1");
  EXPECT_EQ(wang.PostMultipart("/console/activities/" + id, form)->status, 403);
  EXPECT_EQ(wang.PostMultipart("/console/activities/" + id + "/cancel", {{"reason", "物业取消"}})->status, 403);
  EXPECT_EQ(wang.PostMultipart("/console/activities/" + id + "/occurrence",
                               {{"at", std::to_string(FirstOccurrence(id))}, {"do", "cancel"}, {"reason", "x"}})
                ->status,
            403);
  EXPECT_EQ(wang.Get("/console/activities/" + id + "/signups?at=" + std::to_string(FirstOccurrence(id)))->status, 403);
  ActivityRecord a = Stored(id);
  EXPECT_EQ(a.title, "太极拳晨练");
  EXPECT_EQ(a.revision, 1);
  EXPECT_FALSE(a.cancelled_at.has_value());
  EXPECT_GE(Count("denied"), 5);
  // Nor can 物业 create one in 居委会's name.
  EXPECT_EQ(wang.PostMultipart("/console/activities/new", WeeklyForm("冒名活动", "residents_committee", 3))->status, 403);
  // A joint activity is every organiser's; the street office edits all.
  Browser zhao = SignedIn("zhao.jie");
  EXPECT_NE(zhao.Get("/console/activities")->body.find(id), std::string::npos);
  EXPECT_EQ(zhao.Get("/console/activities/" + id)->status, 200);
  auto joint = WeeklyForm("联合环境整治", "property_company", 0);
  joint.emplace_back("org.residents_committee", "1");
  const std::string joint_id = [&] {
    wang.Get("/console/activities/new");
    auto r = wang.PostMultipart("/console/activities/new", joint);
    EXPECT_EQ(r->status, 303) << r->body;
    return r->get_header_value("Location").substr(std::string("/console/activities/").size(), 36);
  }();
  EXPECT_EQ(li.Get("/console/activities/" + joint_id)->status, 200);
}

TEST_P(ConsoleActivitiesTest, AStaleRevisionKeepsTheClerksEditsBesideTheStoredVersion) {
  Browser li = SignedIn("li.mei");
  const std::string id = CreateThroughForm(li, "residents_committee");
  Browser zhao = SignedIn("zhao.jie");
  zhao.Get("/console/activities/" + id);
  auto zform = WeeklyForm("太极拳（街道改）", "residents_committee", 3);
  zform.emplace_back("revision", "1");
  ASSERT_EQ(zhao.PostMultipart("/console/activities/" + id, zform)->status, 303);
  li.Get("/console/activities/" + id);
  auto mine = WeeklyForm("太极拳（居委会改）", "residents_committee", 5);
  mine.emplace_back("revision", "1");
  auto r = li.PostMultipart("/console/activities/" + id, mine);
  ASSERT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("value=\"太极拳（居委会改）\""), std::string::npos) << "the clerk's typing is kept";
  EXPECT_NE(r->body.find("太极拳（街道改）"), std::string::npos) << "the stored version beside it";
  EXPECT_NE(r->body.find("name=\"revision\" value=\"2\""), std::string::npos);
  EXPECT_EQ(Stored(id).title, "太极拳（街道改）");
  // Saving again is a deliberate overwrite.
  mine.back().second = "2";
  EXPECT_EQ(li.PostMultipart("/console/activities/" + id, mine)->status, 303);
  EXPECT_EQ(Stored(id).title, "太极拳（居委会改）");
  EXPECT_EQ(Stored(id).capacity, 5);
  EXPECT_EQ(Count("activity.edit"), 2);
}

TEST_P(ConsoleActivitiesTest, TheSignupListMasksPhonesUntilAnAuditedRevealAndTheCsvMatchesIt) {
  Browser li = SignedIn("li.mei");
  const std::string id = CreateThroughForm(li, "residents_committee", 2);
  const protocol::UnixSeconds occ = FirstOccurrence(id);
  const std::string a = SignUp(id, occ, "王阿姨", "13812345601"), b = SignUp(id, occ, "李大爷", "13812345602"),
                    c = SignUp(id, occ, "张奶奶", "13812345603"), d = SignUp(id, occ, "=HYPERLINK(1)", "13812345604");
  const std::string page = "/console/activities/" + id + "/signups?at=" + std::to_string(occ);
  auto r = li.Get(page);
  ASSERT_EQ(r->status, 200);
  for (const char* name : {"王阿姨", "李大爷", "张奶奶"}) EXPECT_NE(r->body.find(name), std::string::npos);
  EXPECT_EQ(r->body.find("13812345601"), std::string::npos) << "masked until asked for";
  EXPECT_NE(r->body.find("138****5601"), std::string::npos);
  EXPECT_NE(r->body.find("已确认 2 人 / 名额 2 人 · 候补 2 人"), std::string::npos) << r->body;
  // The wait-list in order of arrival.
  EXPECT_LT(r->body.find(c), r->body.find(d));
  EXPECT_LT(r->body.find("class=\"list signups confirmed\""), r->body.find(c));
  EXPECT_EQ(Count("activity.signups_phones"), 0);
  auto shown = li.PostMultipart("/console/activities/" + id + "/signups/phones", {{"at", std::to_string(occ)}});
  ASSERT_EQ(shown->status, 200);
  EXPECT_NE(shown->body.find("13812345601"), std::string::npos);
  EXPECT_EQ(Count("activity.signups_phones"), 1);

  auto csv = li.Get("/console/activities/" + id + "/signups.csv?at=" + std::to_string(occ));
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  ASSERT_EQ(csv->body.rfind("\xEF\xBB\xBF", 0), 0u) << "a UTF-8 BOM";
  std::vector<std::string> lines;
  for (std::size_t pos = 3, nl; (nl = csv->body.find("\r\n", pos)) != std::string::npos; pos = nl + 2)
    lines.push_back(csv->body.substr(pos, nl - pos));
  ASSERT_EQ(lines.size(), 5u) << csv->body;
  EXPECT_EQ(lines[0], "状态,候补序号,报名码,姓名,人数,电话,报名时间,签到,备注");
  EXPECT_EQ(lines[1].rfind("已确认,," + a + ",王阿姨,1,138****5601,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("已确认,," + b + ",李大爷,1,138****5602,", 0), 0u) << lines[2];
  EXPECT_EQ(lines[3].rfind("候补,1," + c + ",张奶奶,1,138****5603,", 0), 0u) << lines[3];
  // A name that looks like a formula stays text in a spreadsheet.
  EXPECT_EQ(lines[4].rfind("候补,2," + d + ",'=HYPERLINK(1),1,138****5604,", 0), 0u) << lines[4];
  auto full = li.PostMultipart("/console/activities/" + id + "/signups.csv", {{"at", std::to_string(occ)}, {"phones", "1"}});
  ASSERT_EQ(full->status, 200);
  EXPECT_NE(full->body.find(",13812345603,"), std::string::npos);
  EXPECT_EQ(Count("activity.signups_phones"), 2);
  // In English, the headers too.
  li.cookies_["ck_lang"] = "en";
  auto en = li.Get("/console/activities/" + id + "/signups.csv?at=" + std::to_string(occ));
  EXPECT_NE(en->body.find("State,Place in line,Code,Name,People,Phone,Received,Attendance,Note"), std::string::npos);
}

TEST_P(ConsoleActivitiesTest, AWaitingSignupIsLetInByHandOnlyWithAReason) {
  Browser li = SignedIn("li.mei");
  const std::string id = CreateThroughForm(li, "residents_committee", 1);
  const protocol::UnixSeconds occ = FirstOccurrence(id);
  SignUp(id, occ, "王阿姨", "13812345601");
  const std::string first = SignUp(id, occ, "李大爷", "13812345602"), second = SignUp(id, occ, "张奶奶", "13812345603");
  li.Get("/console/activities/" + id + "/signups?at=" + std::to_string(occ));
  auto no_reason = li.PostMultipart("/console/activities/" + id + "/signups/promote",
                                    {{"at", std::to_string(occ)}, {"code", second}, {"reason", ""}});
  EXPECT_EQ(no_reason->status, 400);
  EXPECT_NE(no_reason->body.find("请填写理由"), std::string::npos);
  EXPECT_EQ((*activities_->FindSignupByCode(second))->state, SignupState::Waitlisted);
  auto r = li.PostMultipart("/console/activities/" + id + "/signups/promote",
                            {{"at", std::to_string(occ)}, {"code", second}, {"reason", "腿脚不便，加一把椅子"}});
  ASSERT_EQ(r->status, 303) << r->body;
  auto promoted = *activities_->FindSignupByCode(second);
  EXPECT_EQ(promoted->state, SignupState::Confirmed);
  EXPECT_EQ(promoted->reason, "腿脚不便，加一把椅子");
  EXPECT_EQ((*activities_->FindSignupByCode(first))->waitlist_position, 1);
  EXPECT_EQ(Count("activity.signup_promote"), 1);
  // Another party cannot, even straight at the route.
  Browser wang = SignedIn("wang.li");
  wang.Get("/console/activities");
  EXPECT_EQ(wang.PostMultipart("/console/activities/" + id + "/signups/promote",
                               {{"at", std::to_string(occ)}, {"code", first}, {"reason", "x"}})
                ->status,
            403);
  EXPECT_EQ((*activities_->FindSignupByCode(first))->state, SignupState::Waitlisted);
}

TEST_P(ConsoleActivitiesTest, AttendanceIsMarkedOnceTheOccurrenceHasStarted) {
  Browser li = SignedIn("li.mei");
  const std::string id = CreateThroughForm(li, "residents_committee", 3);
  const protocol::UnixSeconds occ = FirstOccurrence(id);
  const std::string code = SignUp(id, occ, "王阿姨", "13812345601");
  const std::string page = "/console/activities/" + id + "/signups?at=" + std::to_string(occ);
  auto before = li.Get(page);
  EXPECT_EQ(before->body.find("name=\"mark\" value=\"yes\""), std::string::npos) << "no 签到 button before the start";
  auto early = li.PostMultipart("/console/activities/" + id + "/signups/attendance",
                                {{"at", std::to_string(occ)}, {"code", code}, {"mark", "yes"}});
  EXPECT_EQ(early->status, 400);
  EXPECT_FALSE((*activities_->FindSignupByCode(code))->attended.has_value());
  now_ = occ + 600;
  li = SignedIn("li.mei");  // a day on, the first session has long gone idle
  auto during = li.Get(page);
  EXPECT_NE(during->body.find("name=\"mark\" value=\"yes\""), std::string::npos);
  auto r = li.PostMultipart("/console/activities/" + id + "/signups/attendance",
                            {{"at", std::to_string(occ)}, {"code", code}, {"mark", "yes"}});
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_EQ((*activities_->FindSignupByCode(code))->attended, std::optional<bool>(true));
  EXPECT_NE(li.Get(page)->body.find("已签到 1 / 1 人"), std::string::npos);
  EXPECT_EQ(Count("activity.attendance"), 1);
  // A code from elsewhere is not this occurrence's.
  EXPECT_EQ(li.PostMultipart("/console/activities/" + id + "/signups/attendance",
                             {{"at", std::to_string(occ)}, {"code", hub::testing::NewSignupCode()}, {"mark", "yes"}})
                ->status,
            404);
}

TEST_P(ConsoleActivitiesTest, CancellationsCarryAReasonThatReachesThePublicPage) {
  Browser li = SignedIn("li.mei");
  const std::string id = CreateThroughForm(li, "residents_committee", 3);
  const protocol::UnixSeconds occ = FirstOccurrence(id);
  li.Get("/console/activities/" + id);
  auto no_reason = li.PostMultipart("/console/activities/" + id + "/occurrence",
                                    {{"at", std::to_string(occ)}, {"do", "cancel"}, {"reason", ""}});
  EXPECT_EQ(no_reason->status, 400);
  ASSERT_EQ(li.PostMultipart("/console/activities/" + id + "/occurrence",
                             {{"at", std::to_string(occ)}, {"do", "cancel"}, {"reason", "广场铺设地砖"}})
                ->status,
            303);
  EXPECT_EQ(Count("activity.occurrence_cancel"), 1);
  // Move the next one by two hours.
  auto body = protocol::ActivityFromJson(nlohmann::json::parse(Stored(id).feed_body));
  const protocol::UnixSeconds second = body->occurrences.at(1).original_start;
  ASSERT_EQ(li.PostMultipart("/console/activities/" + id + "/occurrence",
                             {{"at", std::to_string(second)}, {"do", "move"}, {"to", LocalInput(second + 7200)}, {"reason", ""}})
                ->status,
            303);
  auto edit = li.Get("/console/activities/" + id);
  EXPECT_NE(edit->body.find("广场铺设地砖"), std::string::npos);
  EXPECT_NE(edit->body.find("原定"), std::string::npos);

  auto missing = li.PostMultipart("/console/activities/" + id + "/cancel", {{"reason", ""}});
  EXPECT_EQ(missing->status, 400);
  EXPECT_FALSE(Stored(id).cancelled_at.has_value());
  ASSERT_EQ(li.PostMultipart("/console/activities/" + id + "/cancel", {{"reason", "场地维修，暂停一个月"}})->status, 303);
  EXPECT_TRUE(Stored(id).cancelled_at.has_value());
  EXPECT_EQ(Count("activity.cancel"), 1);
  Browser anyone(port_);
  auto page = anyone.Get("/activities/" + id);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("场地维修，暂停一个月"), std::string::npos);
  auto cancelled = li.Get("/console/activities?when=cancelled");
  EXPECT_NE(cancelled->body.find(id), std::string::npos);
  EXPECT_EQ(li.Get("/console/activities")->body.find(id), std::string::npos) << "no longer upcoming";
}

TEST_P(ConsoleActivitiesTest, IcsExportIsTheClerksOwnAndAnImportGoesThroughTheSameRules) {
  Browser li = SignedIn("li.mei");
  const std::string mine = CreateThroughForm(li, "residents_committee");
  Browser wang = SignedIn("wang.li");
  const std::string theirs = CreateThroughForm(wang, "property_company");
  auto ics = li.Get("/console/activities/export.ics");
  ASSERT_EQ(ics->status, 200);
  EXPECT_EQ(ics->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics->body.find("UID:" + ActivityUid(mine)), std::string::npos);
  EXPECT_EQ(ics->body.find(ActivityUid(theirs)), std::string::npos);

  // The same file into another hub's … here: imported back as new by 居委会 after the activity is gone from
  // the file's UID (a party's own calendar), and refused when it names 物业 as organiser.
  std::string file = ics->body;
  const std::string uid = ActivityUid(mine);
  for (std::size_t at; (at = file.find(uid)) != std::string::npos;) file.replace(at, uid.size(), "tai-chi-2027@example");
  li.Get("/console/activities/import");
  auto r = li.PostMultipart("/console/activities/import", {{"file", file}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->body.find("已导入 1 项活动"), std::string::npos) << r->body;
  EXPECT_EQ(Count("activity.import"), 1);
  auto list = activities_->ListActivities(Party::ResidentsCommittee);
  EXPECT_EQ(list->size(), 2u);
  std::string foreign = file;
  for (std::size_t at; (at = foreign.find("residents_committee")) != std::string::npos;)
    foreign.replace(at, std::string("residents_committee").size(), "property_company");
  li.Get("/console/activities/import");
  auto refused = li.PostMultipart("/console/activities/import", {{"file", foreign}});
  EXPECT_EQ(refused->status, 403) << refused->body;
  EXPECT_EQ(activities_->ListActivities(Party::ResidentsCommittee)->size(), 2u);
}

// The recurrence controls write the rule the rules expand, and read a stored rule back; what they cannot say
// (an imported INTERVAL=2) stays as it was rather than being silently rewritten.
TEST(ActivityFormTest, TheRecurrenceControlsRoundTripThroughTheRule) {
  ActivityRecord a;
  a.title = "联席会议";
  a.place = "街道会议室";
  a.organisers = {Party::StreetOffice, Party::PropertyCompany};
  a.start = hub::testing::Beijing(std::chrono::year_month_day(std::chrono::year(2026), std::chrono::month(12),
                                                              std::chrono::day(7)),
                                  9);
  a.duration = 7200;
  a.rrule = "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20271231T235959";
  a.exdates = {a.start + 28 * kDay};
  a.capacity = 20;
  a.signup_closes_before = 2 * 3600;
  a.revision = 4;
  ActivityForm f = ActivityFormFromRecord(a);
  EXPECT_EQ(f.repeat, "monthly");
  EXPECT_EQ(f.month_week, "1");
  EXPECT_EQ(f.month_weekday, "MO");
  EXPECT_EQ(f.ends, "until");
  EXPECT_EQ(f.until, "2027-12-31");
  EXPECT_EQ(f.exdates, "2027-01-04");
  EXPECT_EQ(RecurrenceRule(f), a.rrule);
  ParsedActivity p = ParseActivityForm(Lang::Zh, f);
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(*p.edit.start, a.start);
  EXPECT_EQ(*p.edit.duration, a.duration);
  EXPECT_EQ(*p.edit.exdates, a.exdates);
  EXPECT_EQ(*p.edit.organisers, a.organisers);
  EXPECT_EQ(*p.edit.signup_closes_before, a.signup_closes_before);
  EXPECT_EQ(RecurrenceWords(Lang::Zh, a.rrule), "每月第一个周一，至 2027-12-31");
  EXPECT_EQ(RecurrenceWords(Lang::En, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"), "Every Tue, Thu, 10 times");

  a.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA";
  f = ActivityFormFromRecord(a);
  EXPECT_EQ(f.repeat, "custom");
  EXPECT_EQ(RecurrenceRule(f), a.rrule);
  // All day: whole Beijing days, the last one included.
  a.rrule.clear();
  a.all_day = true;
  a.start = hub::testing::Beijing(std::chrono::year_month_day(std::chrono::year(2026), std::chrono::month(12),
                                                              std::chrono::day(12)),
                                  0);
  a.duration = 2 * kDay;
  f = ActivityFormFromRecord(a);
  p = ParseActivityForm(Lang::Zh, f);
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(*p.edit.start, a.start);
  EXPECT_EQ(*p.edit.duration, 2 * kDay);
  EXPECT_EQ(OccurrenceWhen(Lang::Zh, a.start, a.start + a.duration, true), "2026-12-12 – 2026-12-13");
}

TEST(ActivityFormTest, KeysMadeFromCodesExist) {
  for (const char* d : kWeekdayCodes) EXPECT_TRUE(HasText(std::string("weekday.") + d)) << d;
  for (const char* w : {"1", "2", "3", "4", "-1"}) EXPECT_TRUE(HasText(std::string("ordinal.") + w)) << w;
  for (const char* s : {"upcoming", "past", "cancelled", "all"})
    EXPECT_TRUE(HasText(std::string("activities.when.") + s)) << s;
  for (const char* s : {"upcoming", "past", "cancelled"}) EXPECT_TRUE(HasText(std::string("activities.state.") + s));
  for (auto s : {SignupState::Pending, SignupState::Confirmed, SignupState::Waitlisted, SignupState::Cancelled,
                 SignupState::Refused})
    EXPECT_TRUE(HasText("signups.state." + std::string(protocol::SignupStateCode(s))));
  for (auto r : {protocol::SignupRefusal::None, protocol::SignupRefusal::SignupClosed,
                 protocol::SignupRefusal::OccurrenceCancelled, protocol::SignupRefusal::NoSuchOccurrence,
                 protocol::SignupRefusal::TooManyPeople, protocol::SignupRefusal::NoSignupNeeded})
    EXPECT_TRUE(HasText("signups.refusal." + std::string(protocol::SignupRefusalCode(r))));
  for (const char* code : {"activity.not_organiser", "activity.cancelled", "signup.not_waiting",
                           "signup.not_confirmed", "signup.not_started"})
    EXPECT_TRUE(HasText(std::string("rule.") + code)) << code;
  for (const char* k : {"done.activity_created", "done.activity_saved", "done.activity_cancelled",
                        "done.occurrence_cancel", "done.occurrence_move", "done.occurrence_restore", "done.attendance",
                        "done.promoted", "signups.attended.yes", "signups.attended.no", "signups.attended.none"})
    EXPECT_TRUE(HasText(k)) << k;
}

}  // namespace
}  // namespace ck::hub::console

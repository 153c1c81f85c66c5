// The activity screens driven headless by taps on named targets, against a real temporary store: the month
// view's marks and months, a day's agenda, the detail, a sign-up typed in pinyin and stored with its outbox
// row, the receipt switching in place when the hub answers, 查询进度 by a sign-up code, home's strip.
#include <gtest/gtest.h>

#include "app/store/activity_repository.h"
#include "app/store/outbox_repository.h"
#include "app/store/signup_repository.h"
#include "app/ui/text/local_time.h"
#include "headless_kiosk.h"
#include "sync/protocol/ids.h"

namespace ck::ui::testing {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

protocol::Activity MakeActivity(const std::string& title, protocol::UnixSeconds start, int minutes, int capacity,
                                std::vector<protocol::Publisher> organisers = {protocol::Publisher::ResidentsCommittee}) {
  protocol::Activity a;
  a.id = protocol::NewUuid();
  a.organisers = std::move(organisers);
  a.title = title;
  a.place = "社区活动中心";
  a.description = "活动说明。";
  a.capacity = capacity;
  a.occurrences.push_back({start, start, start + minutes * 60, false, "", 0, 0});
  return a;
}

class HeadlessActivitiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetProcessTimeZone("Asia/Shanghai");
    now_ = protocol::NowUtc();
    day_ = year_month_day(sys_days(LocalDate(now_)) + days(2));
    const protocol::UnixSeconds midnight = LocalDayStart(day_);
    store::ActivityRepository repo(db_.db());
    meeting_ = MakeActivity("街道与物业联席会议", midnight + 14 * 3600 + 1800, 90, 30,
                            {protocol::Publisher::StreetOffice, protocol::Publisher::PropertyCompany});
    for (const auto& a : {meeting_, MakeActivity("太极拳晨练", midnight + 7 * 3600, 60, 0),
                          MakeActivity("环境整治日", midnight + 9 * 3600, 120, 40)})
      ASSERT_TRUE(repo.Upsert(a).ok());
  }
  // Taps the day's cell, moving to the next month if the day is not in the grid shown.
  void OpenDay(HeadlessKiosk& kiosk) {
    const std::string target = "activity.day." + CalendarDateArgument(day_);
    kiosk.Frame();
    if (kiosk.state().FindTarget(target) == nullptr) {
      ASSERT_TRUE(kiosk.Tap("activity.next"));
    }
    ASSERT_TRUE(kiosk.Tap(target));
  }
  TempKioskDb db_;
  protocol::UnixSeconds now_ = 0;
  year_month_day day_;
  protocol::Activity meeting_;
};

TEST_F(HeadlessActivitiesTest, TheTileOpensTheMonthWithMarksAndTheArrowsChangeMonth) {
  HeadlessKiosk kiosk(db_.db(), {}, HeadlessExtras{false, nullptr, nullptr, true});
  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  ASSERT_EQ(kiosk.state().screen, Screen::ActivityMonth);
  const std::string month = kiosk.Shown("activity.month");
  EXPECT_FALSE(month.empty());
  // Today's cell carries its lunar label; the busy day its count.
  kiosk.Frame();
  EXPECT_FALSE(kiosk.Shown("activity.cell." + CalendarDateArgument(LocalDate(now_))).empty());
  OpenDay(kiosk);
  const std::string cell = kiosk.Shown("activity.cell." + CalendarDateArgument(day_));
  EXPECT_EQ(cell.substr(cell.find('|') + 1), "3");
  int rows = 0;
  for (const TapTarget& t : kiosk.state().tap_targets) rows += t.name.rfind("activity.row.", 0) == 0;
  EXPECT_GE(rows, 3);  // the day's three (and the same three again in the next two weeks, as far as shown)
  const std::string shown_month = kiosk.Shown("activity.month");
  ASSERT_TRUE(kiosk.Tap("activity.next"));
  EXPECT_NE(kiosk.Shown("activity.month"), shown_month);
  ASSERT_TRUE(kiosk.Tap("activity.prev"));
  EXPECT_EQ(kiosk.Shown("activity.month"), shown_month);
}

TEST_F(HeadlessActivitiesTest, EnglishShowsEnglishMonthNamesAndLargeTextOpensTheDayOnItsOwn) {
  HeadlessKiosk kiosk(db_.db(), {}, HeadlessExtras{false, nullptr, nullptr, true});
  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  kiosk.Frame();
  const std::string month = kiosk.Shown("activity.month");
  bool english_month = false;
  for (const char* name : {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                           "October", "November", "December"})
    english_month = english_month || month.find(name) != std::string::npos;
  EXPECT_TRUE(english_month) << month;
  ASSERT_TRUE(kiosk.Tap("toggle.large_text"));
  OpenDay(kiosk);
  EXPECT_EQ(kiosk.state().screen, Screen::ActivityDay);
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::ActivityMonth);
}

TEST_F(HeadlessActivitiesTest, SignUpStoresItWithItsOutboxRowAndTheReceiptFollowsTheHub) {
  KioskControllerOptions options;
  options.hub_configured = true;  // a hub out of reach: the receipt promises delivery (待确认)
  HeadlessKiosk kiosk(db_.db(), options, HeadlessExtras{true, nullptr, nullptr, true});
  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  OpenDay(kiosk);
  const std::string row = "activity.row." + meeting_.id + "." + std::to_string(meeting_.occurrences[0].original_start);
  ASSERT_TRUE(kiosk.Tap(row));
  ASSERT_EQ(kiosk.state().screen, Screen::ActivityDetail);
  EXPECT_EQ(kiosk.Shown("activity.title"), "街道与物业联席会议");
  EXPECT_NE(kiosk.Shown("activity.organiser").find(" + "), std::string::npos) << kiosk.Shown("activity.organiser");
  ASSERT_TRUE(kiosk.Tap("activity.signup"));
  ASSERT_EQ(kiosk.state().screen, Screen::SignupName);
  // An empty name does not pass.
  ASSERT_TRUE(kiosk.Tap("signup.next"));
  EXPECT_EQ(kiosk.state().screen, Screen::SignupName);
  for (char c : std::string("wang")) ASSERT_TRUE(kiosk.Tap(std::string("key:") + c));
  const auto& candidates = kiosk.controller().keyboard().state().pinyin.candidates;
  std::size_t i = 0;
  while (i < candidates.size() && candidates[i] != "王") ++i;
  ASSERT_LT(i, candidates.size());
  ASSERT_TRUE(kiosk.Tap("cand:" + std::to_string(i)));
  ASSERT_TRUE(kiosk.Tap("signup.next"));
  ASSERT_EQ(kiosk.state().screen, Screen::SignupPhone);
  for (char c : std::string("13812345678")) ASSERT_TRUE(kiosk.Tap(std::string("pad:") + c));
  EXPECT_EQ(kiosk.Shown("signup.phone"), "138 1234 5678");  // readable while typed
  ASSERT_TRUE(kiosk.Tap("signup.next"));
  ASSERT_EQ(kiosk.state().screen, Screen::SignupPeople);
  ASSERT_TRUE(kiosk.Tap("signup.people.2"));
  ASSERT_EQ(kiosk.state().screen, Screen::SignupReview);
  EXPECT_EQ(kiosk.Shown("signup.review.name"), "王");
  ASSERT_TRUE(kiosk.Tap("signup.submit"));
  ASSERT_EQ(kiosk.state().screen, Screen::SignupReceipt);

  const std::string code = kiosk.Shown("signup.code");
  store::SignupRepository signups(db_.db());
  const auto stored = signups.FindByCode(code);
  ASSERT_TRUE(stored.has_value()) << code;
  EXPECT_EQ(stored->people, 2);
  EXPECT_EQ(stored->activity_id, meeting_.id);
  EXPECT_EQ(stored->state, protocol::SignupState::Pending);
  EXPECT_NE(kiosk.Shown("signup.details").find("138****5678"), std::string::npos);  // masked from here on
  EXPECT_EQ(kiosk.Shown("signup.details").find("13812345678"), std::string::npos);
  EXPECT_NE(kiosk.Shown("signup.state").find("待确认"), std::string::npos) << kiosk.Shown("signup.state");
  store::OutboxRepository outbox(db_.db());
  const auto queued = outbox.Pending(10, now_ + 60);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].kind, store::OutboxKind::Signup);

  // The hub's answer arrives while the receipt shows: it switches in place.
  protocol::SignupStatus answer{code, meeting_.id, meeting_.occurrences[0].original_start, 2,
                                protocol::SignupState::Waitlisted, 4, protocol::SignupRefusal::None, now_};
  ASSERT_TRUE(outbox.MarkSignupDelivered(queued[0].id, answer).ok());
  kiosk.Frame();
  kiosk.Frame();
  EXPECT_NE(kiosk.Shown("signup.state").find("候补第4位"), std::string::npos) << kiosk.Shown("signup.state");

  // 查询进度 with the code finds it here; cancel says plainly that it needs the network.
  ASSERT_TRUE(kiosk.Tap("signup.done"));
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  for (char c : code)
    if (c != '-') {
      ASSERT_TRUE(kiosk.Tap(std::string("pad:") + c));
    }
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  ASSERT_EQ(kiosk.state().screen, Screen::TrackSignup);
  EXPECT_NE(kiosk.Shown("signup.state").find("候补第4位"), std::string::npos);
  ASSERT_TRUE(kiosk.Tap("signup.cancel"));
  EXPECT_NE(kiosk.Shown("signup.message").find("联网"), std::string::npos) << kiosk.Shown("signup.message");
}

TEST_F(HeadlessActivitiesTest, HomeInTheMiddleOfASignUpAsksBeforeDiscardingIt) {
  HeadlessKiosk kiosk(db_.db(), {}, HeadlessExtras{true, nullptr, nullptr, true});
  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  OpenDay(kiosk);
  ASSERT_TRUE(kiosk.Tap("activity.row." + meeting_.id + "." + std::to_string(meeting_.occurrences[0].original_start)));
  ASSERT_TRUE(kiosk.Tap("activity.signup"));
  ASSERT_EQ(kiosk.state().screen, Screen::SignupName);
  // Nothing typed yet: 首页 simply goes home.
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  ASSERT_EQ(kiosk.state().screen, Screen::Home);

  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  OpenDay(kiosk);
  ASSERT_TRUE(kiosk.Tap("activity.row." + meeting_.id + "." + std::to_string(meeting_.occurrences[0].original_start)));
  ASSERT_TRUE(kiosk.Tap("activity.signup"));
  for (char c : std::string("wang")) ASSERT_TRUE(kiosk.Tap(std::string("key:") + c));
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  EXPECT_EQ(kiosk.state().screen, Screen::SignupName);  // still here, asked first
  ASSERT_TRUE(kiosk.state().confirm_discard);
  kiosk.Frame();
  ASSERT_NE(kiosk.state().FindTarget("discard.keep"), nullptr);
  ASSERT_TRUE(kiosk.Tap("discard.keep"));
  EXPECT_EQ(kiosk.state().screen, Screen::SignupName);
  EXPECT_TRUE(kiosk.controller().keyboard().state().pinyin.composing());  // the typing is kept
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  ASSERT_TRUE(kiosk.Tap("discard.confirm"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
}

TEST_F(HeadlessActivitiesTest, HomeShowsTodaysActivitiesAndOneTapOpensIt) {
  store::ActivityRepository repo(db_.db());
  const auto today = MakeActivity("今天的健康讲座", now_ + 3600, 60, 0);
  ASSERT_TRUE(repo.Upsert(today).ok());
  HeadlessKiosk kiosk(db_.db(), {}, HeadlessExtras{false, nullptr, nullptr, true});
  kiosk.Frame();
  const bool evening = ToLocalTime(now_).hour >= 18;
  const bool tonight = LocalDate(now_ + 3600) == LocalDate(now_);
  if (!tonight && !evening) GTEST_SKIP() << "an hour from now is tomorrow and it is not evening";
  EXPECT_EQ(kiosk.Shown("home.activity.0"), "今天的健康讲座");
  ASSERT_TRUE(kiosk.Tap("home.activity.0"));
  EXPECT_EQ(kiosk.state().screen, Screen::ActivityDetail);
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
}

TEST_F(HeadlessActivitiesTest, WithoutTheStoreTheTileSaysComingSoon) {
  HeadlessKiosk kiosk(db_.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.activities"));
  EXPECT_EQ(kiosk.state().screen, Screen::ComingSoon);
}

}  // namespace
}  // namespace ck::ui::testing

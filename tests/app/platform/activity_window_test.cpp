// 社区活动 at the real kiosk window under Xvfb with real X events (xdotool): change month by the arrows and by
// a swipe, open a day, open an activity, sign up (a name typed by pinyin taps, a phone, two people) and see
// the receipt; the sign-up is in the kiosk's database with its outbox row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "tests/app/platform/kiosk_window.h"

namespace ck::platform::testing {
namespace {

std::int64_t CountRows(const std::filesystem::path& data_dir, const char* sql) {
  std::int64_t n = -1;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2((data_dir / "kiosk.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

std::string Month(const KioskWindow& k) {
  return k.state()["shown"].value("activity.month", "");
}

TEST(ActivityWindowTest, ChangeMonthOpenADaySignUpAndSeeTheReceipt) {
  KioskWindow k;
  if (!k.ready()) GTEST_SKIP() << k.why_not_ready();
  const TapStyle tap = kSlowTap;
  ASSERT_TRUE(k.Tap("home.tile.activities", tap));
  ASSERT_EQ(k.screen(), "ActivityMonth");
  k.KeepScreenshot("activity_month");
  const std::string month = Month(k);
  ASSERT_FALSE(month.empty());

  // Arrows.
  ASSERT_TRUE(k.Tap("activity.next", tap));
  const std::string next = Month(k);
  EXPECT_NE(next, month);
  ASSERT_TRUE(k.Tap("activity.prev", tap));
  EXPECT_EQ(Month(k), month);

  // A swipe across the grid: finger to the left brings the next month, to the right the previous one; no
  // day under the finger is chosen.
  const auto days = k.TargetsStartingWith("activity.day.");
  ASSERT_FALSE(days.empty());
  const Rect cell = *k.Target(days[days.size() / 2]);
  const std::string selected_before = k.state()["shown"].value("activity.freshness", "");
  ASSERT_TRUE(k.Drag(cell.cx() + 300, cell.cy(), -600, 0, 12));
  EXPECT_EQ(Month(k), next) << "a swipe to the left did not bring the next month";
  EXPECT_EQ(k.screen(), "ActivityMonth");
  ASSERT_TRUE(k.Drag(cell.cx() - 300, cell.cy(), 600, 0, 12));
  EXPECT_EQ(Month(k), month) << "a swipe to the right did not go back";

  // Open the busiest day (the demo's Saturday with three activities), moving on a month if it is there.
  auto busiest = [&]() {
    std::string best;
    int most = 0;
    for (const auto& [name, value] : k.state()["shown"].items()) {
      if (name.rfind("activity.cell.", 0) != 0) continue;
      const std::string v = value.get<std::string>();
      const int n = std::atoi(v.substr(v.find('|') + 1).c_str());
      if (n > most) most = n, best = name.substr(std::string("activity.cell.").size());
    }
    return std::pair{best, most};
  };
  auto [day, count] = busiest();
  ASSERT_GE(count, 1);
  ASSERT_TRUE(k.Tap("activity.day." + day, tap));
  k.KeepScreenshot("activity_day");
  const auto rows = k.TargetsStartingWith("activity.row.");
  ASSERT_FALSE(rows.empty());

  // Open activities of the day until one takes sign-ups.
  bool signup = false;
  for (const std::string& row : rows) {
    ASSERT_TRUE(k.Tap(row, tap));
    ASSERT_EQ(k.screen(), "ActivityDetail");
    if (k.Target("activity.signup")) {
      signup = true;
      break;
    }
    ASSERT_TRUE(k.Tap("nav.back", tap));
  }
  ASSERT_TRUE(signup) << "no activity of " << day << " takes sign-ups";
  k.KeepScreenshot("activity_detail");
  ASSERT_TRUE(k.Tap("activity.signup", tap));
  ASSERT_EQ(k.screen(), "SignupName");
  for (char c : std::string("wang")) ASSERT_TRUE(k.Tap(std::string("key:") + c, tap));
  const auto candidates = k.state()["keyboard"]["candidates"].get<std::vector<std::string>>();
  const auto it = std::find(candidates.begin(), candidates.end(), "王");
  ASSERT_NE(it, candidates.end());
  ASSERT_TRUE(k.Tap("cand:" + std::to_string(it - candidates.begin()), tap));
  EXPECT_EQ(k.state()["shown"].value("signup.name", ""), "王");
  k.KeepScreenshot("signup_name");
  ASSERT_TRUE(k.Tap("signup.next", tap));
  ASSERT_EQ(k.screen(), "SignupPhone");
  for (char c : std::string("13812345678")) ASSERT_TRUE(k.Tap(std::string("pad:") + c, tap));
  EXPECT_EQ(k.state()["shown"].value("signup.phone", ""), "138 1234 5678");
  k.KeepScreenshot("signup_phone");
  ASSERT_TRUE(k.Tap("signup.next", tap));
  ASSERT_EQ(k.screen(), "SignupPeople");
  ASSERT_TRUE(k.Tap("signup.people.2", tap));
  ASSERT_EQ(k.screen(), "SignupReview");
  k.KeepScreenshot("signup_review");
  ASSERT_TRUE(k.Tap("signup.submit", tap));
  ASSERT_EQ(k.screen(), "SignupReceipt");
  k.KeepScreenshot("signup_receipt");
  EXPECT_EQ(k.state()["shown"].value("signup.code", "").size(), 15u);
  EXPECT_NE(k.state()["shown"].value("signup.details", "").find("138****5678"), std::string::npos);
  EXPECT_EQ(CountRows(k.data_dir(), "SELECT count(*) FROM signups WHERE people = 2 AND name = '王'"), 1);
  EXPECT_EQ(CountRows(k.data_dir(), "SELECT count(*) FROM outbox WHERE kind = 'signup'"), 1);
}

}  // namespace
}  // namespace ck::platform::testing

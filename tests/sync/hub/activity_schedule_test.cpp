// Activity schedules expanded with libical: weekly on two days, monthly by weekday, EXDATE, a moved and a
// cancelled occurrence, a year boundary, UNTIL and COUNT, all in Beijing time on a hub that runs in UTC.
#include "sync/hub/rules/activity_schedule.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ck::hub {
namespace {

using namespace std::chrono;

// Beijing wall-clock time as UTC seconds.
protocol::UnixSeconds Beijing(year_month_day day, int hour, int minute = 0) {
  return sys_seconds(sys_days(day) + hours(hour) + minutes(minute)).time_since_epoch().count() -
         kBeijingOffsetSeconds;
}

std::vector<protocol::UnixSeconds> Starts(const std::vector<Occurrence>& occurrences) {
  std::vector<protocol::UnixSeconds> out;
  for (const Occurrence& o : occurrences) out.push_back(o.start);
  return out;
}

std::vector<Occurrence> Expand(const ActivitySchedule& s, const std::vector<OccurrenceChange>& changes,
                               protocol::UnixSeconds from, protocol::UnixSeconds to) {
  auto r = ExpandOccurrences(s, changes, from, to, 1000);
  EXPECT_TRUE(r.ok()) << r.error();
  return r.ok() ? r.value() : std::vector<Occurrence>{};
}

const protocol::UnixSeconds kHour = 3600;

TEST(ActivityScheduleTest, TaiChiEveryTuesdayAndThursdayAtSevenBeijingTime) {
  const ActivitySchedule s{Beijing(2026y / December / 1, 7), kHour, false, "FREQ=WEEKLY;BYDAY=TU,TH", {}};
  const auto got = Expand(s, {}, Beijing(2026y / December / 1, 0), Beijing(2027y / January / 1, 0));
  const std::vector<protocol::UnixSeconds> want = {
      Beijing(2026y / December / 1, 7),  Beijing(2026y / December / 3, 7),  Beijing(2026y / December / 8, 7),
      Beijing(2026y / December / 10, 7), Beijing(2026y / December / 15, 7), Beijing(2026y / December / 17, 7),
      Beijing(2026y / December / 22, 7), Beijing(2026y / December / 24, 7), Beijing(2026y / December / 29, 7),
      Beijing(2026y / December / 31, 7)};
  EXPECT_EQ(Starts(got), want);
  // 07:00 in Beijing is 23:00 UTC the day before: the hub's clock zone does not move it.
  EXPECT_EQ(got.front().start, sys_seconds(sys_days(2026y / November / 30) + hours(23)).time_since_epoch().count());
  EXPECT_EQ(got.front().end - got.front().start, kHour);
}

TEST(ActivityScheduleTest, JointMeetingOnTheFirstMondayAcrossTheYearBoundary) {
  const ActivitySchedule s{Beijing(2026y / December / 7, 14, 30), 2 * kHour, false, "FREQ=MONTHLY;BYDAY=1MO", {}};
  const auto got = Expand(s, {}, Beijing(2026y / December / 1, 0), Beijing(2027y / April / 1, 0));
  EXPECT_EQ(Starts(got), (std::vector<protocol::UnixSeconds>{
                             Beijing(2026y / December / 7, 14, 30), Beijing(2027y / January / 4, 14, 30),
                             Beijing(2027y / February / 1, 14, 30), Beijing(2027y / March / 1, 14, 30)}));
}

TEST(ActivityScheduleTest, ExdateMovedAndCancelledOccurrences) {
  ActivitySchedule s{Beijing(2026y / December / 1, 7), kHour, false, "FREQ=WEEKLY;BYDAY=TU,TH", {}};
  s.exdates = {Beijing(2026y / December / 24, 7)};
  const std::vector<OccurrenceChange> changes = {
      {Beijing(2026y / December / 31, 7), Beijing(2026y / December / 30, 9), false, ""},
      {Beijing(2026y / December / 17, 7), std::nullopt, true, "场地维修"},
  };
  const auto got = Expand(s, changes, Beijing(2026y / December / 15, 0), Beijing(2027y / January / 1, 0));
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0].start, Beijing(2026y / December / 15, 7));
  EXPECT_EQ(got[1].start, Beijing(2026y / December / 17, 7));
  EXPECT_TRUE(got[1].cancelled);
  EXPECT_EQ(got[1].cancel_reason, "场地维修");
  EXPECT_EQ(got[2].start, Beijing(2026y / December / 22, 7));
  EXPECT_EQ(got[3].start, Beijing(2026y / December / 29, 7));
  EXPECT_EQ(got[4].start, Beijing(2026y / December / 30, 9));  // the 31st's, moved: sorted by its new time
  EXPECT_TRUE(got[4].moved);
  EXPECT_EQ(got[4].original_start, Beijing(2026y / December / 31, 7));
  EXPECT_EQ(got[4].end - got[4].start, kHour);
}

TEST(ActivityScheduleTest, AnOccurrenceMovedIntoTheWindowFromBeyondIt) {
  const ActivitySchedule s{Beijing(2026y / December / 1, 7), kHour, false, "FREQ=WEEKLY;BYDAY=TU", {}};
  const std::vector<OccurrenceChange> changes = {
      {Beijing(2027y / January / 12, 7), Beijing(2026y / December / 2, 7), false, ""}};
  const auto got = Expand(s, changes, Beijing(2026y / December / 2, 0), Beijing(2026y / December / 3, 0));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].original_start, Beijing(2027y / January / 12, 7));
}

// The iterator starts near the window for an activity that began years ago: the same occurrences as walking
// from its first one, an occurrence moved forward from before the window still found, UNTIL and COUNT kept.
TEST(ActivityScheduleTest, AWindowYearsAfterTheStartMatchesAWalkFromTheStart) {
  const char* rules[] = {"FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=1MO", "FREQ=DAILY;INTERVAL=3",
                         "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1",
                         "FREQ=WEEKLY;BYDAY=WE;UNTIL=20290301T000000", "FREQ=DAILY;COUNT=1200"};
  const protocol::UnixSeconds from = Beijing(2029y / February / 20, 12), to = Beijing(2030y / February / 20, 0);
  for (const char* rule : rules) {
    const ActivitySchedule s{Beijing(2026y / January / 6, 19), 2 * kHour, false, rule, {}};
    std::vector<Occurrence> walked;
    auto all = ExpandOccurrences(s, {}, 0, to, 100000);
    ASSERT_TRUE(all.ok()) << all.error();
    for (const Occurrence& o : *all)
      if (o.end > from) walked.push_back(o);
    EXPECT_FALSE(walked.empty()) << rule;
    EXPECT_EQ(Starts(Expand(s, {}, from, to)), Starts(walked)) << rule;
  }
  const ActivitySchedule daily{Beijing(2026y / January / 6, 19), kHour, false, "FREQ=DAILY", {}};
  const std::vector<OccurrenceChange> moved = {
      {Beijing(2027y / March / 1, 19), Beijing(2029y / March / 1, 9), false, ""}};
  const auto got = Expand(daily, moved, Beijing(2029y / March / 1, 8), Beijing(2029y / March / 1, 12));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].original_start, Beijing(2027y / March / 1, 19));
  const ActivitySchedule ended{Beijing(2026y / January / 6, 19), kHour, false, "FREQ=DAILY;UNTIL=20270101T000000", {}};
  EXPECT_TRUE(Expand(ended, {}, from, to).empty());
}

TEST(ActivityScheduleTest, UntilAndCount) {
  const ActivitySchedule until{Beijing(2026y / December / 1, 7), kHour, false,
                               "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T235959", {}};
  EXPECT_EQ(Expand(until, {}, 0, Beijing(2028y / January / 1, 0)).size(), 3u);
  const ActivitySchedule count{Beijing(2026y / December / 1, 7), kHour, false, "FREQ=DAILY;COUNT=5", {}};
  const auto got = Expand(count, {}, 0, Beijing(2028y / January / 1, 0));
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got.back().start, Beijing(2026y / December / 5, 7));
}

TEST(ActivityScheduleTest, OneOffAllDayAndMultiDay) {
  const ActivitySchedule fair{Beijing(2026y / December / 12, 0), 2 * 24 * kHour, true, "", {}};
  EXPECT_EQ(CheckSchedule(fair), ScheduleProblem::kNone);
  // A two-day fair overlaps a window on its second day.
  const auto got = Expand(fair, {}, Beijing(2026y / December / 13, 9), Beijing(2026y / December / 13, 10));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].end, Beijing(2026y / December / 14, 0));
  EXPECT_TRUE(Expand(fair, {}, Beijing(2026y / December / 14, 0), Beijing(2026y / December / 15, 0)).empty());
}

TEST(ActivityScheduleTest, RefusesWhatACalendarMustNotHold) {
  const auto start = Beijing(2026y / December / 1, 7);
  EXPECT_EQ(CheckSchedule({start, kHour, false, "FREQ=SOMETIMES", {}}), ScheduleProblem::kBadRule);
  EXPECT_EQ(CheckSchedule({start, kHour, false, "BYDAY=TU", {}}), ScheduleProblem::kBadRule);
  EXPECT_EQ(CheckSchedule({start, kHour, false, "FREQ=HOURLY", {}}), ScheduleProblem::kTooFrequent);
  EXPECT_EQ(CheckSchedule({start, 0, false, "", {}}), ScheduleProblem::kBadDuration);
  EXPECT_EQ(CheckSchedule({start, kHour, true, "", {}}), ScheduleProblem::kBadDuration);  // not whole days
  EXPECT_FALSE(ExpandOccurrences({start, kHour, false, "FREQ=SOMETIMES", {}}, {}, 0, start + 1, 10).ok());
}

TEST(ActivityScheduleTest, ARuleThatNeverHappensIsRefusedNotSpun) {
  // 30 February never comes: refused when checked, and expanding it ends at once with an error.
  const ActivitySchedule s{Beijing(2026y / December / 1, 7), kHour, false, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", {}};
  EXPECT_EQ(CheckSchedule(s), ScheduleProblem::kBadRule);
  EXPECT_FALSE(ExpandOccurrences(s, {}, 0, Beijing(2030y / January / 1, 0), 10).ok());
}

TEST(ActivityScheduleTest, LimitKeepsTheEarliest) {
  const ActivitySchedule s{Beijing(2026y / December / 1, 7), kHour, false, "FREQ=DAILY", {}};
  auto r = ExpandOccurrences(s, {}, 0, Beijing(2030y / January / 1, 0), 3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Starts(r.value()), (std::vector<protocol::UnixSeconds>{
                                   Beijing(2026y / December / 1, 7), Beijing(2026y / December / 2, 7),
                                   Beijing(2026y / December / 3, 7)}));
}

}  // namespace
}  // namespace ck::hub

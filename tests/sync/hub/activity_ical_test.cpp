// iCalendar: the export parses in libical and in an independent parser (python3-icalendar), with a VTIMEZONE
// for Asia/Shanghai, stable UIDs, SEQUENCE bumped on change, RRULE/EXDATE, RECURRENCE-ID overrides and
// STATUS:CANCELLED; import reads other calendars' shapes, ignores unknown properties, names the bad VEVENT;
// and import → export → import loses nothing.
#include "sync/hub/rules/activity_ical.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "sync/hub/store/sqlite_activity_repository.h"
#include "tests/sync/hub/activity_test_support.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using namespace std::chrono;
using protocol::Publisher;
using testing::Beijing;
using testing::kActivityNow;

class ActivityIcalTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteActivityRepository> Open(const std::string& name) {
    auto r = SqliteActivityRepository::Open(dir_.File(name));
    EXPECT_TRUE(r.ok()) << r.error();
    return std::move(r).value();
  }
  void SetUp() override { repo_ = Open("hub.db"); }

  // A joint weekly activity with an EXDATE, a moved and a cancelled occurrence, and text that needs escaping.
  ActivityRecord Rich() {
    ActivityEdit e = testing::WeeklyTaiChi(12);
    e.organisers = std::vector<Publisher>{Publisher::StreetOffice, Publisher::PropertyCompany};
    e.description = "第一行, 带逗号; 分号\n第二行：自带水杯";
    e.eligibility = "3号楼, 60岁以上";
    e.exdates = std::vector<protocol::UnixSeconds>{Beijing(2026y / December / 24, 7)};
    e.signup_closes_before = 7200;
    auto a = CreateActivity(*repo_, Publisher::StreetOffice, e, "test", kActivityNow);
    EXPECT_TRUE(a.ok()) << a.message;
    auto moved = ChangeOccurrence(*repo_, Publisher::StreetOffice, a.value->id,
                                  {Beijing(2026y / December / 3, 7), Beijing(2026y / December / 5, 9), false, ""},
                                  std::nullopt, kActivityNow);
    EXPECT_TRUE(moved.ok()) << moved.message;
    auto cancelled = ChangeOccurrence(*repo_, Publisher::StreetOffice, a.value->id,
                                      {Beijing(2026y / December / 8, 7), std::nullopt, true, "下雨, 暂停一次"},
                                      std::nullopt, kActivityNow);
    EXPECT_TRUE(cancelled.ok()) << cancelled.message;
    return *cancelled.value;
  }
  std::string ExportAll(ActivityRepository& repo) {
    std::vector<ActivityWithChanges> items;
    auto list = repo.ListActivities(std::nullopt);
    for (const ActivityRecord& a : *list) items.push_back({a, *repo.ListOccurrenceChanges(a.id)});
    return ExportICalendar(items, "https://hub.example.cn");
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteActivityRepository> repo_;
};

TEST_F(ActivityIcalTest, TheExportIsValidICalendarForLibical) {
  ActivityRecord a = Rich();
  const std::string folded = ExportAll(*repo_);
  icalcomponent* cal = icalparser_parse_string(folded.c_str());
  std::string ics = folded;  // unfolded (RFC 5545 folds lines at 75 octets) for the text checks below
  for (std::size_t at; (at = ics.find("\r\n ")) != std::string::npos;) ics.erase(at, 3);
  ASSERT_NE(cal, nullptr);
  icalcomponent* tz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
  ASSERT_NE(tz, nullptr);
  EXPECT_STREQ(icalproperty_get_tzid(icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY)), "Asia/Shanghai");
  int events = 0, overrides = 0, cancelled = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ++events;
    EXPECT_EQ(icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY), nullptr);
    EXPECT_EQ(std::string(icalcomponent_get_uid(ev)), a.id + "@community-hub");
    EXPECT_EQ(icalproperty_get_sequence(icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY)), a.revision - 1);
    if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) ++overrides;
    if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) ++cancelled;
  }
  icalcomponent_free(cal);
  EXPECT_EQ(events, 3);
  EXPECT_EQ(overrides, 2);
  EXPECT_EQ(cancelled, 1);
  EXPECT_NE(ics.find("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTSTART;TZID=Asia/Shanghai:20261203T070000"), std::string::npos) << ics;
  EXPECT_NE(ics.find("EXDATE;TZID=Asia/Shanghai:20261224T070000"), std::string::npos) << ics;
  EXPECT_NE(ics.find("RECURRENCE-ID;TZID=Asia/Shanghai:20261208T070000"), std::string::npos) << ics;
  EXPECT_NE(ics.find("URL:https://hub.example.cn/activities/" + a.id), std::string::npos);

  // Every change bumps SEQUENCE; the UID stays.
  ActivityEdit e;
  e.place = "活动室";
  ASSERT_TRUE(EditActivity(*repo_, Publisher::StreetOffice, a.id, e, std::nullopt, kActivityNow).ok());
  std::string after = ExportAll(*repo_);
  for (std::size_t at; (at = after.find("\r\n ")) != std::string::npos;) after.erase(at, 3);
  EXPECT_NE(after.find("SEQUENCE:" + std::to_string(a.revision)), std::string::npos);
  EXPECT_NE(after.find("UID:" + a.id + "@community-hub"), std::string::npos);
}

// The same file read by an independent implementation: Debian's python3-icalendar.
TEST_F(ActivityIcalTest, TheExportParsesInPythonIcalendar) {
  ActivityRecord a = Rich();
  ASSERT_TRUE(CancelActivity(*repo_, Publisher::StreetOffice, a.id, "场地维修", std::nullopt, kActivityNow).ok());
  const std::string path = dir_.File("export.ics");
  std::ofstream(path, std::ios::binary) << ExportAll(*repo_);
  const std::string script = dir_.File("read.py");
  std::ofstream(script) << R"(import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {'tz': [str(c.get('TZID')) for c in cal.walk('VTIMEZONE')], 'events': []}
for ev in cal.walk('VEVENT'):
    out['events'].append({'uid': str(ev.get('UID')), 'summary': str(ev.get('SUMMARY')),
        'description': str(ev.get('DESCRIPTION')), 'status': str(ev.get('STATUS')),
        'sequence': int(ev.get('SEQUENCE')), 'start': ev.decoded('DTSTART').isoformat(),
        'rrule': ev.get('RRULE').to_ical().decode() if ev.get('RRULE') else '',
        'recurrence_id': ev.decoded('RECURRENCE-ID').isoformat() if ev.get('RECURRENCE-ID') else ''})
print(json.dumps(out))
)";
  FILE* p = popen(("/usr/bin/python3 " + script + " " + path + " 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string output;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) output.append(buf, n);
  ASSERT_EQ(pclose(p), 0) << output;
  auto j = nlohmann::json::parse(output, nullptr, false);
  ASSERT_TRUE(j.is_object()) << output;
  EXPECT_EQ(j["tz"], nlohmann::json::array({"Asia/Shanghai"}));
  ASSERT_EQ(j["events"].size(), 3u);
  const auto& master = j["events"][0];
  EXPECT_EQ(master["uid"], a.id + "@community-hub");
  EXPECT_EQ(master["summary"], "太极拳晨练");
  EXPECT_EQ(master["description"], "第一行, 带逗号; 分号\n第二行：自带水杯");
  EXPECT_EQ(master["status"], "CANCELLED");
  EXPECT_EQ(master["start"], "2026-12-03T07:00:00+08:00");
  EXPECT_EQ(master["rrule"], "FREQ=WEEKLY;BYDAY=TU,TH");
  EXPECT_EQ(j["events"][1]["recurrence_id"], "2026-12-03T07:00:00+08:00");
  EXPECT_EQ(j["events"][1]["start"], "2026-12-05T09:00:00+08:00");
  EXPECT_EQ(j["events"][2]["status"], "CANCELLED");
}

TEST_F(ActivityIcalTest, ImportThenExportThenImportLosesNothing) {
  ActivityRecord a = Rich();
  ASSERT_TRUE(CancelActivity(*repo_, Publisher::StreetOffice, a.id, "场地维修, 改期另行通知", std::nullopt, kActivityNow).ok());
  ActivityEdit one_off;
  one_off.title = "健康义诊";
  one_off.place = "社区卫生站";
  one_off.start = Beijing(2027y / January / 9, 0);
  one_off.duration = 2 * 86400;
  one_off.all_day = true;
  ASSERT_TRUE(CreateActivity(*repo_, Publisher::PropertyCompany, one_off, "t", kActivityNow).ok());

  auto first = ParseICalendar(ExportAll(*repo_));
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->size(), 2u);
  const ImportedActivity& rich = (*first)[0];
  EXPECT_EQ(rich.edit.title, "太极拳晨练");
  EXPECT_EQ(rich.edit.description, "第一行, 带逗号; 分号\n第二行：自带水杯");
  EXPECT_EQ(rich.edit.eligibility, "3号楼, 60岁以上");
  EXPECT_EQ(rich.edit.organisers, (std::vector<Publisher>{Publisher::StreetOffice, Publisher::PropertyCompany}));
  EXPECT_EQ(rich.edit.capacity, 12);
  EXPECT_EQ(rich.edit.signup_closes_before, 7200);
  EXPECT_EQ(rich.edit.start, Beijing(2026y / December / 3, 7));
  EXPECT_EQ(rich.edit.duration, 3600);
  EXPECT_EQ(rich.edit.exdates, a.exdates);
  EXPECT_EQ(rich.cancel_reason, "场地维修, 改期另行通知");
  ASSERT_EQ(rich.occurrences.size(), 2u);
  EXPECT_EQ(rich.occurrences[0].new_start, Beijing(2026y / December / 5, 9));
  EXPECT_TRUE(rich.occurrences[1].cancel);
  EXPECT_EQ(rich.occurrences[1].reason, "下雨, 暂停一次");
  EXPECT_EQ((*first)[1].edit.all_day, true);
  EXPECT_EQ((*first)[1].edit.duration, 2 * 86400);

  // Into another hub, out again, and read again: the same series (only the UIDs are new).
  auto other = Open("other.db");
  auto imported = ImportICalendar(*other, Publisher::StreetOffice, ExportAll(*repo_), "cli:test", kActivityNow);
  ASSERT_TRUE(imported.ok()) << imported.message;
  ASSERT_EQ(imported.value->size(), 2u);
  auto second = ParseICalendar(ExportAll(*other));
  ASSERT_TRUE(second.ok()) << second.error();
  ASSERT_EQ(second->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    ImportedActivity x = (*first)[i], y = (*second)[i];
    x.uid.clear();
    y.uid.clear();
    EXPECT_EQ(x, y) << i;
  }
  // A file of this hub's own export updates the activity it names rather than copying it.
  auto again = ImportICalendar(*repo_, Publisher::StreetOffice, ExportAll(*repo_), "cli:test", kActivityNow);
  ASSERT_TRUE(again.ok()) << again.message;
  EXPECT_EQ(repo_->ListActivities(std::nullopt)->size(), 2u);
}

TEST_F(ActivityIcalTest, ImportReadsOtherCalendarsAndNamesTheBadEvent) {
  const std::string foreign =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//Cal//EN\r\n"
      "BEGIN:VEVENT\r\nUID:abc@other\r\nSUMMARY:物业安全隐患排查\r\nLOCATION:各楼栋\r\n"
      "DTSTART:20261206T010000Z\r\nDURATION:PT2H\r\nATTENDEE:mailto:x@example.com\r\nX-FOO:bar\r\n"
      "RRULE:FREQ=MONTHLY;BYDAY=1SU;COUNT=3\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:def@other\r\nSUMMARY:环境整治\r\nLOCATION:小区\r\n"
      "DTSTART;TZID=Europe/Berlin:20261210T020000\r\nDTEND;TZID=Europe/Berlin:20261210T040000\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  auto parsed = ParseICalendar(foreign);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].edit.start, Beijing(2026y / December / 6, 9));  // 01:00 UTC is 09:00 in Beijing
  EXPECT_EQ((*parsed)[0].edit.duration, 7200);
  EXPECT_EQ((*parsed)[0].edit.rrule, "FREQ=MONTHLY;COUNT=3;BYDAY=1SU");
  EXPECT_FALSE((*parsed)[0].edit.organisers);
  EXPECT_EQ((*parsed)[1].edit.start, Beijing(2026y / December / 10, 9));  // 02:00 in Berlin (UTC+1)
  auto stored = ImportICalendar(*repo_, Publisher::PropertyCompany, foreign, "cli:test", kActivityNow);
  ASSERT_TRUE(stored.ok()) << stored.message;
  EXPECT_EQ((*stored.value)[0].organisers, std::vector<Publisher>{Publisher::PropertyCompany});

  std::string no_place = foreign;
  no_place.erase(no_place.find("LOCATION:小区\r\n"), std::string("LOCATION:小区\r\n").size());
  auto bad = ParseICalendar(no_place);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("VEVENT 2 (UID def@other)"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("LOCATION"), std::string::npos) << bad.error();

  std::string hourly = foreign;
  hourly.replace(hourly.find("FREQ=MONTHLY;BYDAY=1SU;COUNT=3"), 30, "FREQ=HOURLY;COUNT=3");
  auto too_often = ParseICalendar(hourly);
  ASSERT_FALSE(too_often.ok());
  EXPECT_NE(too_often.error().find("VEVENT 1"), std::string::npos) << too_often.error();
  EXPECT_FALSE(ParseICalendar("hello").ok());
  EXPECT_FALSE(ParseICalendar("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").ok());
  // Nothing of a bad file is stored.
  const std::size_t before = repo_->ListActivities(std::nullopt)->size();
  EXPECT_EQ(ImportICalendar(*repo_, Publisher::PropertyCompany, no_place, "t", kActivityNow).error, WriteError::Invalid);
  EXPECT_EQ(repo_->ListActivities(std::nullopt)->size(), before);
}

}  // namespace
}  // namespace ck::hub

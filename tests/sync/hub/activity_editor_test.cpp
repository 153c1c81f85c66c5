// The activity editor: party rules (own activities, joint ones editable by every organiser, the street office
// all), revisions (409 on a stale one), cancelling an activity or one occurrence, the feed body expanded over
// the horizon and re-published as days pass (an injected clock); and the sign-up decision's refusals.
#include "sync/hub/rules/activity_editor.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/activity_signups.h"
#include "sync/hub/rules/party_policy.h"
#include "tests/sync/hub/activity_test_support.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using namespace std::chrono;
using protocol::Publisher;
using protocol::SignupRefusal;
using protocol::SignupState;
using testing::Beijing;
using testing::kActivityNow;
using testing::WeeklyTaiChi;

constexpr protocol::UnixSeconds kDay = 86400;

protocol::Activity Body(const ActivityRecord& a) {
  auto parsed = protocol::ActivityFromJson(nlohmann::json::parse(a.feed_body));
  EXPECT_TRUE(parsed.ok()) << parsed.error();
  return parsed.ok() ? parsed.value() : protocol::Activity{};
}

// On every store backend (tests/sync/hub/store/store_backends.h).
class ActivityEditorTest : public ::testing::TestWithParam<testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    store_ = testing::StoreUnderTest::Make(GetParam(), &skip);
    if (!store_) {
      if (testing::PgTestCluster::Required()) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
    auto r = store_->OpenActivities();
    ASSERT_TRUE(r.ok()) << r.error();
    repo_ = std::move(r).value();
  }
  ActivityRecord Create(Publisher by, ActivityEdit e = WeeklyTaiChi()) {
    auto r = CreateActivity(*repo_, by, e, "test", kActivityNow);
    EXPECT_TRUE(r.ok()) << r.message;
    return r.ok() ? *r.value : ActivityRecord{};
  }
  std::unique_ptr<testing::StoreUnderTest> store_;
  std::unique_ptr<ActivityRepository> repo_;
};
CK_STORE_BACKENDS(ActivityEditorTest);

TEST_P(ActivityEditorTest, ANewActivityCarriesItsOccurrencesOverTheHorizon) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee);
  EXPECT_EQ(a.organisers, std::vector<Publisher>{Publisher::ResidentsCommittee});
  EXPECT_EQ(a.revision, 1);
  EXPECT_EQ(a.expanded_from, kActivityNow);
  protocol::Activity body = Body(a);
  EXPECT_EQ(body.id, a.id);
  EXPECT_EQ(body.capacity, 10);
  ASSERT_FALSE(body.occurrences.empty());
  EXPECT_EQ(body.occurrences.front().start, Beijing(2026y / December / 3, 7));
  // Every occurrence in [now, now + 120 days): Tuesdays and Thursdays, two a week.
  EXPECT_LT(body.occurrences.back().start, kActivityNow + protocol::kActivityHorizonDays * kDay);
  EXPECT_GE(body.occurrences.back().start, kActivityNow + (protocol::kActivityHorizonDays - 7) * kDay);
  EXPECT_GE(body.occurrences.size(), 33u);
  EXPECT_LE(body.occurrences.size(), 35u);
}

TEST_P(ActivityEditorTest, EachPartyCreatesItsOwnAndTheStreetOfficeAny) {
  ActivityEdit for_other = WeeklyTaiChi();
  for_other.organisers = std::vector<Publisher>{Publisher::ResidentsCommittee};
  auto refused = CreateActivity(*repo_, Publisher::PropertyCompany, for_other, "test", kActivityNow);
  EXPECT_EQ(refused.error, WriteError::Refused);
  EXPECT_EQ(refused.code, "activity.not_organiser");
  EXPECT_TRUE(CreateActivity(*repo_, Publisher::StreetOffice, for_other, "test", kActivityNow).ok());
  EXPECT_TRUE(PartyMayCreateActivity(Publisher::PropertyCompany, {Publisher::PropertyCompany}));
  EXPECT_FALSE(PartyMayCreateActivity(Publisher::OwnersCommittee, {Publisher::PropertyCompany}));
}

TEST_P(ActivityEditorTest, AJointActivityIsEditableByEveryOrganiserAndTheStreetOffice) {
  ActivityEdit joint = WeeklyTaiChi();
  joint.title = "环境整治";
  joint.organisers = std::vector<Publisher>{Publisher::ResidentsCommittee, Publisher::PropertyCompany};
  ActivityRecord a = Create(Publisher::ResidentsCommittee, joint);
  ActivityEdit rename;
  rename.title = "环境整治（第二次）";
  auto by_property = EditActivity(*repo_, Publisher::PropertyCompany, a.id, rename, 1, kActivityNow);
  ASSERT_TRUE(by_property.ok()) << by_property.message;
  EXPECT_EQ(by_property.value->revision, 2);
  EXPECT_EQ(Body(*by_property.value).title, "环境整治（第二次）");
  EXPECT_EQ(Body(*by_property.value).revision, 2);
  EXPECT_EQ(EditActivity(*repo_, Publisher::OwnersCommittee, a.id, rename, 2, kActivityNow).error,
            WriteError::Refused);
  EXPECT_TRUE(EditActivity(*repo_, Publisher::StreetOffice, a.id, rename, 2, kActivityNow).ok());
  // A party may not hand the activity away from itself.
  ActivityEdit away;
  away.organisers = std::vector<Publisher>{Publisher::ResidentsCommittee};
  EXPECT_EQ(EditActivity(*repo_, Publisher::PropertyCompany, a.id, away, std::nullopt, kActivityNow).error,
            WriteError::Refused);
}

TEST_P(ActivityEditorTest, AStaleRevisionIsAConflictAndBadInputNamesTheField) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee);
  ActivityEdit e;
  e.place = "活动室";
  ASSERT_TRUE(EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, e, 1, kActivityNow).ok());
  EXPECT_EQ(EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, e, 1, kActivityNow).error,
            WriteError::Conflict);
  // Without a revision the edit applies to the current version.
  EXPECT_EQ(EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, e, std::nullopt, kActivityNow).value->revision, 3);
  EXPECT_EQ(EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, {}, std::nullopt, kActivityNow).error,
            WriteError::Invalid);

  ActivityEdit bad_rule;
  bad_rule.rrule = "FREQ=HOURLY";
  auto r = EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, bad_rule, std::nullopt, kActivityNow);
  EXPECT_EQ(r.error, WriteError::Invalid);
  EXPECT_NE(r.message.find("rrule"), std::string::npos) << r.message;
  ActivityEdit control;
  control.title = std::string("太极\n拳");
  r = EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, control, std::nullopt, kActivityNow);
  EXPECT_EQ(r.error, WriteError::Invalid);
  EXPECT_NE(r.message.find("title"), std::string::npos) << r.message;
  ActivityEdit missing = WeeklyTaiChi();
  missing.place.reset();
  EXPECT_EQ(CreateActivity(*repo_, Publisher::ResidentsCommittee, missing, "t", kActivityNow).error, WriteError::Invalid);
}

TEST_P(ActivityEditorTest, CancellingTheActivityOrOneOccurrenceReachesTheBody) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee);
  const auto dec3 = Beijing(2026y / December / 3, 7), dec8 = Beijing(2026y / December / 8, 7);
  auto moved = ChangeOccurrence(*repo_, Publisher::ResidentsCommittee, a.id,
                                {dec3, Beijing(2026y / December / 5, 9), false, "改到周六"}, 1, kActivityNow);
  ASSERT_TRUE(moved.ok()) << moved.message;
  auto cancelled = ChangeOccurrence(*repo_, Publisher::ResidentsCommittee, a.id, {dec8, std::nullopt, true, "下雨"},
                                    std::nullopt, kActivityNow);
  ASSERT_TRUE(cancelled.ok()) << cancelled.message;
  protocol::Activity body = Body(*cancelled.value);
  EXPECT_EQ(body.revision, 3);
  ASSERT_GE(body.occurrences.size(), 3u);
  EXPECT_EQ(body.occurrences[0].original_start, dec3);
  EXPECT_EQ(body.occurrences[0].start, Beijing(2026y / December / 5, 9));
  EXPECT_EQ(body.occurrences[1].original_start, dec8);
  EXPECT_TRUE(body.occurrences[1].cancelled);
  EXPECT_EQ(body.occurrences[1].cancel_reason, "下雨");

  EXPECT_EQ(ChangeOccurrence(*repo_, Publisher::ResidentsCommittee, a.id, {dec8 + 60, std::nullopt, true, "x"},
                             std::nullopt, kActivityNow)
                .error,
            WriteError::Invalid);
  EXPECT_EQ(ChangeOccurrence(*repo_, Publisher::ResidentsCommittee, a.id, {dec8, std::nullopt, true, ""},
                             std::nullopt, kActivityNow)
                .error,
            WriteError::Invalid);  // a cancellation says why

  EXPECT_EQ(CancelActivity(*repo_, Publisher::ResidentsCommittee, a.id, "", std::nullopt, kActivityNow).error,
            WriteError::Invalid);
  auto whole = CancelActivity(*repo_, Publisher::ResidentsCommittee, a.id, "场地维修，本月暂停", 3, kActivityNow);
  ASSERT_TRUE(whole.ok()) << whole.message;
  EXPECT_TRUE(Body(*whole.value).cancelled);
  EXPECT_EQ(Body(*whole.value).cancel_reason, "场地维修，本月暂停");
  EXPECT_EQ(CancelActivity(*repo_, Publisher::ResidentsCommittee, a.id, "again", std::nullopt, kActivityNow).error,
            WriteError::Refused);
}

TEST_P(ActivityEditorTest, TheWindowMovesOnAtMostOnceADayWithANewSeq) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee);
  EXPECT_EQ(*RepublishStaleActivities(*repo_, kActivityNow + 3600), 0);
  EXPECT_EQ((*repo_->FindActivity(a.id))->seq, a.seq);

  // Eight days later the first occurrences are past and new ones come into the window.
  const protocol::UnixSeconds later = kActivityNow + 8 * kDay;
  EXPECT_EQ(*RepublishStaleActivities(*repo_, later), 1);
  ActivityRecord after = **repo_->FindActivity(a.id);
  EXPECT_GT(after.seq, a.seq);
  EXPECT_EQ(after.revision, 1);  // not an edit
  EXPECT_EQ(after.expanded_from, later);
  protocol::Activity body = Body(after);
  EXPECT_GE(body.occurrences.front().end, later);
  EXPECT_GE(body.occurrences.back().start, later + (protocol::kActivityHorizonDays - 7) * kDay);
  // The same day again: nothing to do.
  EXPECT_EQ(*RepublishStaleActivities(*repo_, later + 3600), 0);
  EXPECT_EQ((*repo_->FindActivity(a.id))->seq, after.seq);
}

// ---- The sign-up decision ----

class SignupDecisionTest : public ActivityEditorTest {};
CK_STORE_BACKENDS(SignupDecisionTest);

TEST_P(SignupDecisionTest, RefusalsComeInAFixedOrder) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee, WeeklyTaiChi(4));
  const auto dec3 = Beijing(2026y / December / 3, 7);
  SignupContext ctx{a, {}};
  EXPECT_EQ(DecideSignup({std::nullopt, {}}, dec3, 1, kActivityNow).refusal, SignupRefusal::NoSuchOccurrence);
  EXPECT_EQ(DecideSignup(ctx, dec3 + 60, 1, kActivityNow).refusal, SignupRefusal::NoSuchOccurrence);
  EXPECT_EQ(DecideSignup(ctx, dec3, 1, dec3).refusal, SignupRefusal::SignupClosed);
  EXPECT_EQ(DecideSignup(ctx, dec3, 4, kActivityNow).state, SignupState::Confirmed);
  SignupVerdict too_many = DecideSignup(ctx, dec3, 5 /* more than it holds */, kActivityNow);
  EXPECT_EQ(too_many.refusal, SignupRefusal::TooManyPeople);
  ctx.counts.confirmed = 3;
  EXPECT_EQ(DecideSignup(ctx, dec3, 1, kActivityNow).state, SignupState::Confirmed);
  EXPECT_EQ(DecideSignup(ctx, dec3, 2, kActivityNow).state, SignupState::Waitlisted);

  ActivityEdit no_signup;
  no_signup.capacity = 0;
  auto free = EditActivity(*repo_, Publisher::ResidentsCommittee, a.id, no_signup, std::nullopt, kActivityNow);
  ASSERT_TRUE(free.ok());
  EXPECT_EQ(DecideSignup({*free.value, {}}, dec3, 1, kActivityNow).refusal, SignupRefusal::NoSignupNeeded);

  ActivityRecord b = Create(Publisher::ResidentsCommittee, WeeklyTaiChi(4));
  auto one_off = ChangeOccurrence(*repo_, Publisher::ResidentsCommittee, b.id, {dec3, std::nullopt, true, "停"},
                                  std::nullopt, kActivityNow);
  ASSERT_TRUE(one_off.ok());
  EXPECT_EQ(DecideSignup({*one_off.value, {}}, dec3, 1, kActivityNow).refusal, SignupRefusal::OccurrenceCancelled);
}

TEST_P(SignupDecisionTest, SubmitStoresTheDecisionAndRefusesBadInput) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee, WeeklyTaiChi(1));
  const auto dec3 = Beijing(2026y / December / 3, 7);
  auto first = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  ASSERT_TRUE(first.ok()) << first.message;
  EXPECT_EQ(first.value->record.state, SignupState::Confirmed);
  auto second = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  EXPECT_EQ(second.value->record.state, SignupState::Waitlisted);
  EXPECT_EQ(second.value->record.waitlist_position, 1);
  auto bad = testing::SampleSignup(a.id, dec3);
  bad.phone = "12ab";
  EXPECT_EQ(SubmitSignup(*repo_, bad, kActivityNow).error, WriteError::Invalid);
  ASSERT_TRUE(CancelSignup(*repo_, first.value->record.code, "", kActivityNow).ok());
  EXPECT_EQ((*repo_->FindSignupByCode(second.value->record.code))->state, SignupState::Confirmed);
}

// Staff's own operations on sign-ups: a waiting one let in by hand (past the capacity, a reason required), and
// 签到 once the occurrence has started; both only for the organisers and the street office.
TEST_P(SignupDecisionTest, OrganisersLetAWaitingSignupInByHandWithAReason) {
  ActivityRecord a = Create(Publisher::ResidentsCommittee, WeeklyTaiChi(1));
  const auto dec3 = Beijing(2026y / December / 3, 7);
  auto first = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  auto second = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  auto third = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  ASSERT_EQ(third.value->record.waitlist_position, 2);
  const std::string code = third.value->record.code;  // the second waiting: a hand skips the queue
  EXPECT_EQ(PromoteSignupByHand(*repo_, Publisher::ResidentsCommittee, code, "", kActivityNow).error,
            WriteError::Invalid);  // the reason is required
  auto other = PromoteSignupByHand(*repo_, Publisher::PropertyCompany, code, "加一把椅子", kActivityNow);
  EXPECT_EQ(other.error, WriteError::Refused);
  EXPECT_EQ(other.code, "activity.not_organiser");
  EXPECT_EQ((*repo_->FindSignupByCode(code))->state, SignupState::Waitlisted);
  const auto seq_before = (*repo_->FindActivity(a.id))->seq;
  auto promoted = PromoteSignupByHand(*repo_, Publisher::ResidentsCommittee, code, "腿脚不便，加一把椅子", kActivityNow + 5);
  ASSERT_TRUE(promoted.ok()) << promoted.message;
  EXPECT_EQ(promoted.value->state, SignupState::Confirmed);
  auto stored = *repo_->FindSignupByCode(code);
  EXPECT_EQ(stored->state, SignupState::Confirmed);
  EXPECT_EQ(stored->reason, "腿脚不便，加一把椅子");
  EXPECT_EQ(stored->decided_at, kActivityNow + 5);
  EXPECT_GT((*repo_->FindActivity(a.id))->seq, seq_before);  // kiosks learn of it within one poll
  // Past the capacity (2 confirmed of 1), and the one before it still waits, now first.
  EXPECT_EQ(repo_->CountSignups(a.id)->at(dec3).confirmed, 2);
  EXPECT_EQ((*repo_->FindSignupByCode(second.value->record.code))->waitlist_position, 1);
  auto again = PromoteSignupByHand(*repo_, Publisher::StreetOffice, code, "再来", kActivityNow);
  EXPECT_EQ(again.error, WriteError::Refused);
  EXPECT_EQ(again.code, "signup.not_waiting");
  EXPECT_EQ(PromoteSignupByHand(*repo_, Publisher::StreetOffice, first.value->record.code, "x", kActivityNow).code,
            "signup.not_waiting");
  EXPECT_EQ(PromoteSignupByHand(*repo_, Publisher::StreetOffice, testing::NewSignupCode(), "x", kActivityNow).error,
            WriteError::NotFound);
}

TEST_P(SignupDecisionTest, AttendanceIsMarkedAfterTheStartOnConfirmedSignupsOnly) {
  ActivityRecord a = Create(Publisher::PropertyCompany, WeeklyTaiChi(1));
  const auto dec3 = Beijing(2026y / December / 3, 7);
  auto come = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  auto waiting = SubmitSignup(*repo_, testing::SampleSignup(a.id, dec3), kActivityNow);
  const std::string code = come.value->record.code;
  auto early = MarkAttendance(*repo_, Publisher::PropertyCompany, code, true, dec3 - 60);
  EXPECT_EQ(early.error, WriteError::Refused);
  EXPECT_EQ(early.code, "signup.not_started");
  EXPECT_EQ(MarkAttendance(*repo_, Publisher::ResidentsCommittee, code, true, dec3 + 60).code,
            "activity.not_organiser");
  auto marked = MarkAttendance(*repo_, Publisher::PropertyCompany, code, true, dec3 + 60);
  ASSERT_TRUE(marked.ok()) << marked.message;
  EXPECT_EQ((*repo_->FindSignupByCode(code))->attended, std::optional<bool>(true));
  ASSERT_TRUE(MarkAttendance(*repo_, Publisher::StreetOffice, code, false, dec3 + 60).ok());
  EXPECT_EQ((*repo_->FindSignupByCode(code))->attended, std::optional<bool>(false));
  ASSERT_TRUE(MarkAttendance(*repo_, Publisher::StreetOffice, code, std::nullopt, dec3 + 60).ok());
  EXPECT_FALSE((*repo_->FindSignupByCode(code))->attended.has_value());
  EXPECT_EQ(MarkAttendance(*repo_, Publisher::PropertyCompany, waiting.value->record.code, true, dec3 + 60).code,
            "signup.not_confirmed");
  // A moved occurrence is marked from its new start.
  ASSERT_TRUE(ChangeOccurrence(*repo_, Publisher::PropertyCompany, a.id, {dec3, dec3 + 7200, false, ""}, std::nullopt,
                               kActivityNow)
                  .ok());
  EXPECT_EQ(MarkAttendance(*repo_, Publisher::PropertyCompany, code, true, dec3 + 60).code, "signup.not_started");
  EXPECT_TRUE(MarkAttendance(*repo_, Publisher::PropertyCompany, code, true, dec3 + 7260).ok());
}

}  // namespace
}  // namespace ck::hub

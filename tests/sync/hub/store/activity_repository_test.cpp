// ActivityRepository on every backend: activities share the notices' seq, revisions guard edits, sign-ups
// are stored once, decided in one transaction (never over-booked from many connections at once),
// wait-listed by arrival and promoted when a place frees up; the feed carries the counts.
#include "sync/hub/store/activity_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/sync/hub/activity_test_support.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using protocol::Publisher;
using protocol::SignupState;
using testing::SampleSignup;

ActivityRecord SampleRecord(std::vector<Publisher> organisers = {Publisher::ResidentsCommittee}) {
  ActivityRecord a;
  a.id = protocol::NewUuid();
  a.organisers = std::move(organisers);
  a.title = "太极拳晨练";
  a.place = "社区广场";
  a.start = testing::kActivityNow + 3600;
  a.duration = 3600;
  a.capacity = 10;
  a.feed_body = "{}";
  a.created_by = "test";
  a.created_at = testing::kActivityNow;
  a.updated_at = testing::kActivityNow;
  return a;
}

// Confirms while places last (capacity 10), else wait-lists: the shape of the real rule, without the body.
SignupDecider PlacesOf(int capacity) {
  return [capacity](const SignupContext& c) {
    if (!c.activity) return SignupVerdict{SignupState::Refused, protocol::SignupRefusal::NoSuchOccurrence};
    return SignupVerdict{
        c.counts.confirmed + 1 <= capacity ? SignupState::Confirmed : SignupState::Waitlisted,
        protocol::SignupRefusal::None};
  };
}

SignupDecider ByPeople(int capacity, const protocol::SignupSubmission& s) {
  return [capacity, people = s.people](const SignupContext& c) {
    return SignupVerdict{
        c.counts.confirmed + people <= capacity ? SignupState::Confirmed : SignupState::Waitlisted,
        protocol::SignupRefusal::None};
  };
}

class ActivityRepositoryTest : public ::testing::TestWithParam<testing::StoreBackend> {
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
    auto h = store_->OpenHub();
    ASSERT_TRUE(h.ok()) << h.error();
    hub_ = std::move(h).value();
  }
  std::unique_ptr<testing::StoreUnderTest> store_;
  std::unique_ptr<ActivityRepository> repo_;
  std::unique_ptr<HubRepository> hub_;
};
CK_STORE_BACKENDS(ActivityRepositoryTest);

TEST_P(ActivityRepositoryTest, ActivitiesTakeTheSeqNoticesUseAndKeepTheirOrganisers) {
  auto notice = PublishNotice(*hub_, testing::SampleEdit("停水通知"), testing::kActivityNow);
  ASSERT_TRUE(notice.ok()) << notice.message;
  auto a = repo_->InsertActivity(SampleRecord({Publisher::PropertyCompany, Publisher::StreetOffice}));
  ASSERT_TRUE(a.ok()) << a.message;
  EXPECT_EQ(a.value->seq, notice.value->seq + 1);
  EXPECT_EQ(a.value->revision, 1);
  EXPECT_EQ(repo_->InsertActivity(*a.value).error, WriteError::Duplicate);

  auto found = repo_->FindActivity(a.value->id);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->organisers,
            (std::vector<Publisher>{Publisher::StreetOffice, Publisher::PropertyCompany}));
  EXPECT_EQ((*found)->title, "太极拳晨练");

  ASSERT_TRUE(repo_->InsertActivity(SampleRecord({Publisher::ResidentsCommittee})).ok());
  EXPECT_EQ(repo_->ListActivities(std::nullopt)->size(), 2u);
  EXPECT_EQ(repo_->ListActivities(Publisher::PropertyCompany)->size(), 1u);
  EXPECT_EQ(repo_->ListActivities(Publisher::OwnersCommittee)->size(), 0u);
  EXPECT_EQ(*hub_->MaxSeq(), a.value->seq + 1);
}

TEST_P(ActivityRepositoryTest, AnEditNeedsTheRevisionItWasMadeFrom) {
  auto a = repo_->InsertActivity(SampleRecord());
  ASSERT_TRUE(a.ok());
  ActivityRecord edit = *a.value;
  edit.title = "太极拳（改）";
  edit.exdates = {edit.start};
  auto updated = repo_->UpdateActivity(edit, 1);
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(updated.value->revision, 2);
  EXPECT_GT(updated.value->seq, a.value->seq);
  EXPECT_EQ(repo_->UpdateActivity(edit, 1).error, WriteError::Conflict);
  auto found = *repo_->FindActivity(edit.id);
  EXPECT_EQ(found->title, "太极拳（改）");
  EXPECT_EQ(found->exdates, edit.exdates);
  EXPECT_EQ(found->created_by, "test");

  OccurrenceChangeRecord moved{edit.id, edit.start, edit.start + 7200, false, ""};
  ASSERT_TRUE(repo_->ChangeOccurrence(moved, "{\"v\":1}", 2, testing::kActivityNow).ok());
  OccurrenceChangeRecord cancelled{edit.id, edit.start, std::nullopt, true, "下雨"};
  auto changed = repo_->ChangeOccurrence(cancelled, "{\"v\":2}", 3, testing::kActivityNow);
  ASSERT_TRUE(changed.ok()) << changed.message;
  EXPECT_EQ(changed.value->revision, 4);
  auto changes = *repo_->ListOccurrenceChanges(edit.id);
  ASSERT_EQ(changes.size(), 1u);  // the later change of the same occurrence replaced the earlier one
  EXPECT_TRUE(changes[0].cancelled);
  EXPECT_FALSE(changes[0].new_start);
  EXPECT_EQ((*repo_->FindActivity(edit.id))->feed_body, "{\"v\":2}");
  EXPECT_EQ(repo_->ChangeOccurrence(cancelled, "{}", 3, testing::kActivityNow).error, WriteError::Conflict);
}

TEST_P(ActivityRepositoryTest, RepublishTakesASeqOnlyWhenTheBodyChanged) {
  auto a = repo_->InsertActivity(SampleRecord());
  ASSERT_TRUE(a.ok());
  auto same = repo_->RepublishActivity(a.value->id, "{}", testing::kActivityNow + 86400, 1);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same.value->seq, a.value->seq);
  EXPECT_TRUE(repo_->ListExpandedBefore(testing::kActivityNow + 86400, 10)->empty());
  auto changed = repo_->RepublishActivity(a.value->id, "{\"x\":1}", testing::kActivityNow + 2 * 86400, 1);
  ASSERT_TRUE(changed.ok());
  EXPECT_GT(changed.value->seq, a.value->seq);
  EXPECT_EQ((*repo_->FindActivity(a.value->id))->revision, 1);
  EXPECT_EQ(repo_->RepublishActivity(a.value->id, "{}", testing::kActivityNow, 2).error,
            WriteError::Conflict);
}

TEST_P(ActivityRepositoryTest, ASignupIsStoredOnceAndARepeatAnswersItAsItIsNow) {
  auto a = repo_->InsertActivity(SampleRecord());
  ASSERT_TRUE(a.ok());
  auto s = SampleSignup(a.value->id, a.value->start);
  auto first = repo_->SubmitSignup(s, testing::kActivityNow, PlacesOf(10));
  ASSERT_TRUE(first.ok()) << first.message;
  EXPECT_FALSE(first.value->replayed);
  EXPECT_EQ(first.value->record.state, SignupState::Confirmed);
  const std::int64_t seq_after = (*repo_->FindActivity(a.value->id))->seq;
  EXPECT_GT(seq_after, a.value->seq);  // places left changed: kiosks must hear of it

  auto again = repo_->SubmitSignup(s, testing::kActivityNow + 60, PlacesOf(0));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value->replayed);
  EXPECT_EQ(again.value->record.state, SignupState::Confirmed);  // the original decision, not a new one
  EXPECT_EQ(repo_->ListSignups(a.value->id, std::nullopt)->size(), 1u);
  EXPECT_EQ((*repo_->FindActivity(a.value->id))->seq, seq_after);

  auto other = SampleSignup(a.value->id, a.value->start);
  other.code = s.code;
  EXPECT_EQ(repo_->SubmitSignup(other, testing::kActivityNow, PlacesOf(10)).error, WriteError::Duplicate);
}

TEST_P(ActivityRepositoryTest, ARefusalIsKeptAndAnsweredButChangesNoCount) {
  auto unknown = SampleSignup(protocol::NewUuid(), testing::kActivityNow);
  auto r = repo_->SubmitSignup(unknown, testing::kActivityNow, PlacesOf(10));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.value->record.state, SignupState::Refused);
  EXPECT_EQ(r.value->record.refusal, protocol::SignupRefusal::NoSuchOccurrence);
  auto found = repo_->FindSignupByCode(unknown.code);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->Status().refusal, protocol::SignupRefusal::NoSuchOccurrence);
  EXPECT_TRUE(protocol::ValidateSignupStatus((*found)->Status()).ok());
  // Cancelling a refused sign-up changes nothing.
  auto c = repo_->CancelSignup(unknown.code, "", testing::kActivityNow);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value->state, SignupState::Refused);
  EXPECT_EQ(repo_->CancelSignup(testing::NewSignupCode(), "", testing::kActivityNow).error,
            WriteError::NotFound);
}

TEST_P(ActivityRepositoryTest, ACancellationPromotesTheFirstWaitingThatFitInOrderOfArrival) {
  ActivityRecord four_places = SampleRecord();
  four_places.capacity = 4;
  auto a = repo_->InsertActivity(four_places);
  ASSERT_TRUE(a.ok());
  const std::string id = a.value->id;
  const auto occ = a.value->start;
  auto sign = [&](int people) {
    auto s = SampleSignup(id, occ, people);
    auto r = repo_->SubmitSignup(s, testing::kActivityNow, ByPeople(4, s));
    EXPECT_TRUE(r.ok()) << r.message;
    return r.value->record;
  };
  SignupRecord two = sign(2), one = sign(1), other_one = sign(1);  // 4 of 4 places
  SignupRecord big = sign(3), small = sign(1), last = sign(2);     // waiting 1st, 2nd, 3rd
  EXPECT_EQ(two.state, SignupState::Confirmed);
  EXPECT_EQ(other_one.state, SignupState::Confirmed);
  EXPECT_EQ(big.state, SignupState::Waitlisted);
  EXPECT_EQ(big.waitlist_position, 1);
  EXPECT_EQ(small.waitlist_position, 2);
  EXPECT_EQ(last.waitlist_position, 3);

  // Two places free up: the 3-person family does not fit and keeps its place; the next in order that fits
  // (1 person) is let in, and the 2-person sign-up after it does not fit the one place left.
  auto cancelled = repo_->CancelSignup(two.code, "", testing::kActivityNow + 10);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled.value->state, SignupState::Cancelled);
  EXPECT_EQ((*repo_->FindSignupByCode(small.code))->state, SignupState::Confirmed);
  EXPECT_EQ((*repo_->FindSignupByCode(last.code))->state, SignupState::Waitlisted);
  EXPECT_EQ((*repo_->FindSignupByCode(big.code))->waitlist_position, 1);
  EXPECT_EQ((*repo_->FindSignupByCode(last.code))->waitlist_position, 2);

  auto slice = hub_->ReadFeed(0, 100);
  ASSERT_TRUE(slice.ok());
  ASSERT_EQ(slice->activities.size(), 1u);
  EXPECT_EQ(slice->activities[0].counts[occ].confirmed, 3);
  EXPECT_EQ(slice->activities[0].counts[occ].waitlisted, 5);

  // A waiting sign-up cancelled frees no place; two more confirmed ones cancelled free three: the family,
  // first in line, is let in.
  ASSERT_TRUE(repo_->CancelSignup(last.code, "", testing::kActivityNow + 20).ok());
  ASSERT_TRUE(repo_->CancelSignup(one.code, "", testing::kActivityNow + 30).ok());
  EXPECT_EQ((*repo_->FindSignupByCode(big.code))->state, SignupState::Waitlisted);
  ASSERT_TRUE(repo_->CancelSignup(other_one.code, "", testing::kActivityNow + 40).ok());
  EXPECT_EQ((*repo_->FindSignupByCode(big.code))->state, SignupState::Confirmed);
  // Cancelling twice is harmless.
  EXPECT_EQ(repo_->CancelSignup(one.code, "", testing::kActivityNow + 50).value->state,
            SignupState::Cancelled);
}

TEST_P(ActivityRepositoryTest, AKioskListsOnlyItsOwnSignups) {
  auto a = repo_->InsertActivity(SampleRecord());
  ASSERT_TRUE(a.ok());
  auto mine = SampleSignup(a.value->id, a.value->start, 1, "kiosk-a");
  auto theirs = SampleSignup(a.value->id, a.value->start, 1, "kiosk-b");
  ASSERT_TRUE(repo_->SubmitSignup(mine, testing::kActivityNow, PlacesOf(10)).ok());
  ASSERT_TRUE(repo_->SubmitSignup(theirs, testing::kActivityNow, PlacesOf(10)).ok());
  auto list = repo_->FindSignupsByCodes({theirs.code, mine.code, testing::NewSignupCode()}, "kiosk-a");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].code, mine.code);
  EXPECT_EQ((*list)[0].phone, "13812345678");
}

// Eight kiosks' worth of connections (as many hub processes) sign up at once for an occurrence with 10
// places: each decision and its insert are one write transaction, so exactly 10 are confirmed and the rest
// wait, numbered 1..n.
TEST_P(ActivityRepositoryTest, ConcurrentConnectionsNeverOverBook) {
  auto a = repo_->InsertActivity(SampleRecord());
  ASSERT_TRUE(a.ok());
  const std::string id = a.value->id;
  const auto occ = a.value->start;
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto conn = store_->OpenActivities();
      if (!conn.ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        auto s = SampleSignup(id, occ, 1, "kiosk-" + std::to_string(t));
        if (!(*conn)->SubmitSignup(s, testing::kActivityNow, PlacesOf(10)).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = repo_->ListSignups(id, occ);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), static_cast<std::size_t>(kThreads * kEach));
  int confirmed = 0, waiting = 0;
  for (const SignupRecord& s : *all) {
    if (s.state == SignupState::Confirmed) ++confirmed;
    if (s.state == SignupState::Waitlisted) {
      EXPECT_EQ(s.waitlist_position, ++waiting);
    }
  }
  EXPECT_EQ(confirmed, 10);
  EXPECT_EQ(waiting, kThreads * kEach - 10);
  // The confirmed ones are the first ten to arrive.
  for (std::size_t i = 0; i < all->size(); ++i)
    EXPECT_EQ((*all)[i].state == SignupState::Confirmed, i < 10) << i;
}

// Two processes at once: one cancels five confirmed sign-ups while the other takes ten new ones, and a
// kiosk's retry of one of them reaches both. Each cancellation lets in, in the same step, the first waiting
// in order of arrival, so a newcomer never passes someone already waiting and nobody is over-booked.
TEST_P(ActivityRepositoryTest, CancellationsAndNewSignupsRacingNeverPassTheQueueNorOverBook) {
  auto a = repo_->InsertActivity(SampleRecord());
  ASSERT_TRUE(a.ok());
  const std::string id = a.value->id;
  const auto occ = a.value->start;
  std::vector<SignupRecord> first;
  for (int i = 0; i < 20; ++i) {  // 10 confirmed, then 10 waiting
    auto r = repo_->SubmitSignup(SampleSignup(id, occ), testing::kActivityNow, PlacesOf(10));
    ASSERT_TRUE(r.ok()) << r.message;
    first.push_back(r.value->record);
  }
  auto other = store_->OpenActivities();
  ASSERT_TRUE(other.ok()) << other.error();
  const auto retried = SampleSignup(id, occ);
  std::vector<std::string> new_codes;
  std::atomic<int> failures{0};
  std::thread canceller([&] {
    for (int i = 0; i < 5; ++i)
      if (!repo_->CancelSignup(first[static_cast<std::size_t>(i) * 2].code, "", testing::kActivityNow + 10)
               .ok())
        ++failures;
    if (!repo_->SubmitSignup(retried, testing::kActivityNow, PlacesOf(10)).ok()) ++failures;
  });
  std::thread newcomer([&] {
    for (int i = 0; i < 10; ++i) {
      auto s = SampleSignup(id, occ, 1, "kiosk-b");
      new_codes.push_back(s.code);
      if (!(*other)->SubmitSignup(s, testing::kActivityNow, PlacesOf(10)).ok()) ++failures;
    }
    if (!(*other)->SubmitSignup(retried, testing::kActivityNow, PlacesOf(10)).ok()) ++failures;
  });
  canceller.join();
  newcomer.join();
  EXPECT_EQ(failures.load(), 0);
  auto counts = repo_->CountSignups(id);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->at(occ).confirmed, 10);
  EXPECT_EQ(counts->at(occ).waitlisted, 5 + 10 + 1);  // the retry is one sign-up, not two
  for (int i = 10; i < 20; ++i)  // the first five waiting were let in, the rest still wait
    EXPECT_EQ((*repo_->FindSignupByCode(first[static_cast<std::size_t>(i)].code))->state,
              i < 15 ? SignupState::Confirmed : SignupState::Waitlisted)
        << i;
  for (const auto& code : new_codes)
    EXPECT_EQ((*repo_->FindSignupByCode(code))->state, SignupState::Waitlisted);
}

}  // namespace
}  // namespace ck::hub

// Two hub processes on one store, racing: each test runs its writers on separate connections at once and
// checks what a naive port gets wrong (a check-then-insert, a sequence that commits out of order, rows
// locked in opposite orders). On every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/rules/request_intake.h"
#include "sync/hub/store/pg_connection.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using testing::FileRequest;
using testing::SampleEdit;
using testing::SampleSubmission;

class StoreRaceTest : public testing::StoreTest {
 protected:
  std::unique_ptr<HubRepository> Other() {
    auto r = store_->OpenHub();
    EXPECT_TRUE(r.ok()) << r.error();
    return r.ok() ? std::move(r).value() : nullptr;
  }
};
CK_STORE_BACKENDS(StoreRaceTest);

// Both connections send the same batch of 20 keys at once (a kiosk's retry reaching the other process):
// each key is stored once and both are answered with the same body.
TEST_P(StoreRaceTest, ABatchWithTheSameKeysOnTwoConnectionsIsStoredOnce) {
  auto other = Other();
  ASSERT_TRUE(other);
  std::vector<RequestRecord> batch;
  for (int i = 0; i < 20; ++i) {
    RequestRecord r;
    r.status.service_request_id = protocol::NewUuid();
    r.status.service_code = "sanitation";
    r.status.requested_at = r.status.updated_at = 1'795'651'200 + i;
    r.status.history.push_back({r.status.requested_at, protocol::RequestStatus::Submitted, std::nullopt, "",
                                protocol::EventKind::Filed});
    r.description = "report " + std::to_string(i);
    batch.push_back(std::move(r));
  }
  // The answer names the ticket code, so two different stored rows would give two different answers.
  auto answer = [](const RequestRecord& r) {
    return r.status.service_request_id + " " + r.status.ticket_code;
  };
  std::vector<std::string> a, b;
  auto run = [&](HubRepository* repo, std::vector<std::string>* out) {
    auto r = repo->InsertRequests(batch, answer);
    ASSERT_TRUE(r.ok()) << r.error();
    for (const auto& one : *r) {
      ASSERT_TRUE(one.ok()) << one.message;
      out->push_back(one.value->body);
    }
  };
  std::thread ta(run, repo_.get(), &a);
  std::thread tb(run, other.get(), &b);
  ta.join();
  tb.join();
  EXPECT_EQ(a, b);
  RequestQuery all;
  EXPECT_EQ(repo_->QueryRequests(all)->size(), 20u);
}

// Two reports carrying the same kiosk code arrive at two processes at once, 30 times: both are stored,
// exactly one keeps the code, and no code is used twice.
TEST_P(StoreRaceTest, TheSameTicketCodeOnTwoConnectionsStaysUnique) {
  auto other = Other();
  ASSERT_TRUE(other);
  constexpr int kRounds = 30;
  std::set<std::string> codes;
  for (int round = 0; round < kRounds; ++round) {
    std::string code = *protocol::MakeTicketCode({9, static_cast<std::uint64_t>(1000 + round)});
    auto s = SampleSubmission();
    s.ticket_code = code;
    RequestRecord got_a, got_b;
    // FileRequest throws on a refusal: caught here, it fails the test instead of ending the process.
    auto file = [&](HubRepository& repo, RequestRecord& out) {
      try {
        out = FileRequest(repo, s);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    };
    std::thread ta(file, std::ref(*repo_), std::ref(got_a));
    std::thread tb(file, std::ref(*other), std::ref(got_b));
    ta.join();
    tb.join();
    EXPECT_NE(got_a.status.ticket_code, got_b.status.ticket_code);
    EXPECT_TRUE(got_a.status.ticket_code == code || got_b.status.ticket_code == code) << round;
    EXPECT_TRUE(codes.insert(got_a.status.ticket_code).second);
    EXPECT_TRUE(codes.insert(got_b.status.ticket_code).second);
  }
  RequestQuery all;
  all.limit = 1000;
  EXPECT_EQ(repo_->QueryRequests(all)->size(), 2u * kRounds);
}

// Two operators save an edit of the same revision at once: one wins, the other is told of the conflict;
// never both (a lost edit) and never neither.
TEST_P(StoreRaceTest, EditsOfTheSameRevisionOnTwoConnectionsLetExactlyOneWin) {
  auto other = Other();
  ASSERT_TRUE(other);
  RequestRecord req = FileRequest(*repo_, SampleSubmission());
  auto published = PublishNotice(*repo_, SampleEdit("n"), 1'700'000'000);
  ASSERT_TRUE(published.ok()) << published.message;
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    const std::int64_t rev = 1 + round;
    RequestChange change;
    change.status = protocol::RequestStatus::Accepted;
    change.status_notes = "round " + std::to_string(round);
    change.event = {1'795'651'300 + round, protocol::RequestStatus::Accepted, std::nullopt, "note",
                    protocol::EventKind::Status};
    WriteResult<RequestRecord> ra, rb;
    WriteResult<NoticeRecord> na, nb;
    protocol::Notice n = published.value->notice;
    n.title = "round " + std::to_string(round);
    std::thread ta([&] {
      ra = repo_->UpdateRequest(req.status.service_request_id, change, rev);
      na = repo_->UpdateNotice(n, rev);
    });
    std::thread tb([&] {
      rb = other->UpdateRequest(req.status.service_request_id, change, rev);
      nb = other->UpdateNotice(n, rev);
    });
    ta.join();
    tb.join();
    EXPECT_NE(ra.ok(), rb.ok()) << round << ": " << ra.message << " / " << rb.message;
    EXPECT_EQ((ra.ok() ? rb : ra).error, WriteError::Conflict) << round;
    EXPECT_NE(na.ok(), nb.ok()) << round << ": " << na.message << " / " << nb.message;
    EXPECT_EQ((na.ok() ? nb : na).error, WriteError::Conflict) << round;
  }
  auto stored = *repo_->FindRequest(req.status.service_request_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->revision, 1 + kRounds);
  EXPECT_EQ(stored->status.history.size(), 1u + kRounds);  // one event per accepted change
  EXPECT_EQ((*repo_->FindNotice(published.value->notice.id))->notice.revision, 1 + kRounds);
}

// Two street-office clerks dispatch the same new ticket at once to different parties (two processes, or a
// page left open): exactly one dispatch is taken, the other is told the ticket is already dispatched, and
// the timeline holds one dispatch. A naive port takes both (the second re-reads after the conflict and
// dispatches again), silently taking the ticket from the party that was named first.
TEST_P(StoreRaceTest, TwoDispatchesOfTheSameTicketOnTwoConnectionsTakeOne) {
  auto other = Other();
  ASSERT_TRUE(other);
  constexpr protocol::UnixSeconds kNow = 1'795'651'200 + 3600;
  AssignOrder to_property{protocol::Agency::PropertyCompany, "物业服务中心 张经理", std::nullopt, ""};
  AssignOrder to_committee{protocol::Agency::ResidentsCommittee, "居委会 李主任", std::nullopt, ""};
  for (int round = 0; round < 10; ++round) {
    const std::string id = FileRequest(*repo_, SampleSubmission()).status.service_request_id;
    WriteResult<RequestRecord> ra, rb;
    std::thread ta([&] { ra = DispatchRequest(*repo_, id, to_property, protocol::Agency::StreetOffice, kNow); });
    std::thread tb([&] { rb = DispatchRequest(*other, id, to_committee, protocol::Agency::StreetOffice, kNow); });
    ta.join();
    tb.join();
    ASSERT_NE(ra.ok(), rb.ok()) << round << ": " << ra.message << " / " << rb.message;
    const WriteResult<RequestRecord>& lost = ra.ok() ? rb : ra;
    EXPECT_EQ(lost.error, WriteError::Refused) << lost.message;
    EXPECT_EQ(lost.code, "already_dispatched") << lost.message;
    const AssignOrder& won = ra.ok() ? to_property : to_committee;
    auto stored = *repo_->FindRequest(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status.agency, won.agency) << round;
    EXPECT_EQ(stored->status.agency_responsible, won.responsible) << round;
    int dispatches = 0;
    for (const auto& e : stored->status.history) dispatches += e.kind == protocol::EventKind::Dispatch;
    EXPECT_EQ(dispatches, 1) << round;
  }
}

// A resident's rating reaches two processes at once (a retry), and two residents holding the same code rate
// at once: the same uuid is stored once and both are answered alike; of two different ratings in one round
// exactly one is taken. Ten tickets, each raced once.
TEST_P(StoreRaceTest, RatingsRacingOnTwoConnectionsAreTakenOncePerRound) {
  auto other = Other();
  ASSERT_TRUE(other);
  constexpr protocol::UnixSeconds kNow = 1'795'651'200;
  int taken_total = 0;
  for (int i = 0; i < 10; ++i) {
    RequestRecord req = FileRequest(*repo_, SampleSubmission(), kNow);
    const std::string id = req.status.service_request_id;
    AssignOrder order;
    order.agency = protocol::Agency::PropertyCompany;
    order.responsible = "物业服务中心";
    ASSERT_TRUE(AssignRequest(*repo_, id, order, protocol::Agency::StreetOffice, kNow + 10).ok());
    ASSERT_TRUE(ReplyToRequest(*repo_, id, "已清运", protocol::Agency::StreetOffice, kNow + 20).ok());
    ASSERT_TRUE(SetRequestStatus(*repo_, id, protocol::RequestStatus::Resolved, "",
                                 protocol::Agency::StreetOffice, kNow + 30)
                    .ok());
    protocol::Rating a;
    a.rating_uuid = protocol::NewUuid();
    a.service_request_id = id;
    a.ticket_code = req.status.ticket_code;
    a.score = 5;
    protocol::Rating b = a;
    const bool same_uuid = i % 2 == 0;
    if (!same_uuid) {
      b.rating_uuid = protocol::NewUuid();
      b.score = 1;
      b.quick_comment = "unresolved";
    }
    WriteResult<StoredAnswer> ra, rb;
    std::thread ta([&] { ra = ApplyRating(*repo_, a, kNow + 40); });
    std::thread tb([&] { rb = ApplyRating(*other, b, kNow + 40); });
    ta.join();
    tb.join();
    if (same_uuid) {
      ASSERT_TRUE(ra.ok() && rb.ok()) << i << ": " << ra.message << " / " << rb.message;
      EXPECT_EQ(ra.value->body, rb.value->body) << i;
      EXPECT_NE(ra.value->replayed, rb.value->replayed) << i;
    } else {
      EXPECT_NE(ra.ok(), rb.ok()) << i << ": " << ra.message << " / " << rb.message;
      const auto& loser = ra.ok() ? rb : ra;
      EXPECT_TRUE(loser.error == WriteError::Refused || loser.error == WriteError::Conflict) << loser.message;
    }
    ++taken_total;
    auto stored = *repo_->FindRequest(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->revision, 5) << i;  // filed, assigned, replied, resolved, rated: one rating applied
  }
  std::int64_t ratings = 0;
  auto satisfaction = repo_->Satisfaction();
  ASSERT_TRUE(satisfaction.ok()) << satisfaction.error();
  for (const auto& s : *satisfaction) ratings += s.ratings;
  EXPECT_EQ(ratings, taken_total);
}

// Three processes publish while a kiosk pages through the feed: every notice the kiosk's cursor passed
// must have been in a page. A sequence whose values commit out of order would let the cursor pass a change
// that was still uncommitted, and the kiosk would never see it.
TEST_P(StoreRaceTest, AKioskReadingTheFeedDuringConcurrentPublishesMissesNothing) {
  constexpr int kWriters = 3, kEach = 60;
  std::vector<std::unique_ptr<HubRepository>> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.push_back(Other());
    ASSERT_TRUE(writers.back());
  }
  auto reader = Other();
  ASSERT_TRUE(reader);
  std::atomic<int> running{kWriters};
  std::set<std::string> published_ids[kWriters];
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        auto r = PublishNotice(*writers[static_cast<std::size_t>(w)], SampleEdit("w" + std::to_string(w)), 1);
        if (r.ok()) published_ids[w].insert(r.value->notice.id);
      }
      --running;
    });
  std::set<std::string> seen;
  std::int64_t cursor = 0;
  bool gap_free = true;
  auto read_page = [&] {
    auto page = reader->ReadFeed(cursor, 7);
    if (!page.ok()) return false;
    for (const auto& r : page->records) {
      if (r.seq <= cursor) gap_free = false;
      cursor = r.seq;
      seen.insert(r.notice.id);
    }
    return page->has_more;
  };
  while (running > 0) read_page();
  while (read_page()) {
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(gap_free);
  std::set<std::string> all;
  for (const auto& ids : published_ids) all.insert(ids.begin(), ids.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kWriters * kEach));
  std::size_t missed = 0;
  for (const auto& id : all) missed += seen.count(id) == 0;
  EXPECT_EQ(missed, 0u) << "notices the kiosk's cursor passed without ever seeing them";
  EXPECT_EQ(seen.size(), all.size());
  EXPECT_EQ(*repo_->MaxSeq(), kWriters * kEach);
}

// An import rewriting 20 notices in one transaction while operators edit the same notices one by one,
// in the opposite order: nobody waits forever and nothing fails for storage reasons; every change the
// store accepted took its own seq.
TEST_P(StoreRaceTest, AnImportAndEditsOfTheSameNoticesDoNotDeadlock) {
  auto other = Other();
  ASSERT_TRUE(other);
  std::vector<protocol::Notice> notices;
  for (int i = 0; i < 20; ++i) {
    auto r = PublishNotice(*repo_, SampleEdit("n" + std::to_string(i)), 1'700'000'000);
    ASSERT_TRUE(r.ok()) << r.message;
    notices.push_back(r.value->notice);
  }
  std::atomic<int> accepted{0};
  std::atomic<int> storage_failures{0};
  const std::int64_t retried_before = pg::RetriedTransactions();
  std::thread importer([&] {
    for (int round = 0; round < 15; ++round) {
      auto r = repo_->ImportNotices(notices);
      if (r.ok())
        accepted += static_cast<int>(notices.size());
      else if (r.error == WriteError::Storage)
        ++storage_failures;
    }
  });
  std::thread editor([&] {
    for (int round = 0; round < 15; ++round)
      for (auto it = notices.rbegin(); it != notices.rend(); ++it) {
        auto found = other->FindNotice(it->id);
        if (!found.ok() || !*found) {
          ++storage_failures;
          continue;
        }
        protocol::Notice n = (*found)->notice;
        n.title = "edited " + std::to_string(round);
        auto r = other->UpdateNotice(n, n.revision);
        if (r.ok())
          ++accepted;
        else if (r.error != WriteError::Conflict)
          ++storage_failures;
      }
  });
  importer.join();
  editor.join();
  EXPECT_EQ(storage_failures, 0);
  // No deadlock even resolved by a retry: every writer locks the counter before any notice.
  EXPECT_EQ(pg::RetriedTransactions(), retried_before);
  EXPECT_EQ(*repo_->MaxSeq(), 20 + accepted);
  std::int64_t revisions = 0;
  auto listed = repo_->ListNotices();
  ASSERT_TRUE(listed.ok()) << listed.error();
  for (const auto& n : *listed) revisions += n.notice.revision;
  EXPECT_EQ(revisions, 20 + accepted);  // each accepted change added one revision to one notice
}

}  // namespace
}  // namespace ck::hub

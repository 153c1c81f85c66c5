// HubRepository on every backend and the notice operations on it: sequence order, revisions, compaction,
// tombstones, paging, imports, migrations and two connections writing at once.
#include "sync/hub/store/sqlite_hub_repository.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>
#include <thread>

#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/ids.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using testing::SampleEdit;
using testing::StoreBackend;
using testing::TempDir;

class RepositoryTest : public testing::StoreTest {
 protected:
  NoticeRecord Publish(const std::string& title) {
    auto r = PublishNotice(*repo_, SampleEdit(title), 1'700'000'000);
    EXPECT_TRUE(r.ok()) << r.message;
    return *r.value;
  }
  std::vector<NoticeRecord> Feed(std::int64_t after, int limit, bool* has_more = nullptr) {
    auto s = repo_->ReadFeed(after, limit);
    EXPECT_TRUE(s.ok()) << s.error();
    if (has_more) *has_more = s->has_more;
    return s->records;
  }
};
CK_STORE_BACKENDS(RepositoryTest);

TEST_P(RepositoryTest, PublishAssignsUuidRevisionOneAndIncreasingSeq) {
  NoticeRecord a = Publish("停水通知");
  NoticeRecord b = Publish("停车管理");
  EXPECT_TRUE(protocol::IsUuid(a.notice.id));
  EXPECT_NE(a.notice.id, b.notice.id);
  EXPECT_EQ(a.notice.revision, 1);
  EXPECT_EQ(a.seq, 1);
  EXPECT_EQ(b.seq, 2);
  EXPECT_EQ(*repo_->MaxSeq(), 2);
  auto found = repo_->FindNotice(a.notice.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->notice, a.notice);
}

TEST_P(RepositoryTest, PublishRejectsInvalidNotices) {
  NoticeEdit no_title = SampleEdit("x");
  no_title.title.reset();
  EXPECT_EQ(PublishNotice(*repo_, no_title, 1).error, WriteError::Invalid);
  NoticeEdit empty_title = SampleEdit("");
  EXPECT_EQ(PublishNotice(*repo_, empty_title, 1).error, WriteError::Invalid);
  NoticeEdit bad_expiry = SampleEdit("x");
  bad_expiry.expires_at = 100;
  EXPECT_EQ(PublishNotice(*repo_, bad_expiry, 200).error, WriteError::Invalid);
  NoticeEdit bad_category = SampleEdit("x");
  bad_category.category = "Not A Code";
  EXPECT_EQ(PublishNotice(*repo_, bad_category, 1).error, WriteError::Invalid);
  EXPECT_EQ(*repo_->MaxSeq(), 0);
}

TEST_P(RepositoryTest, UpdateBumpsRevisionAndTakesTheNextSeq) {
  NoticeRecord a = Publish("a");
  Publish("b");
  NoticeEdit e;
  e.title = "a, corrected";
  e.pinned = true;
  auto r = EditNotice(*repo_, a.notice.id, e);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.value->notice.revision, 2);
  EXPECT_EQ(r.value->seq, 3);
  EXPECT_EQ(r.value->notice.title, "a, corrected");
  EXPECT_TRUE(r.value->notice.pinned);
  EXPECT_EQ(r.value->notice.body, a.notice.body);  // untouched fields keep their value

  NoticeEdit clear;
  clear.clear_expiry = true;
  clear.expires_at = 5;  // clear_expiry wins
  auto r2 = EditNotice(*repo_, a.notice.id, clear);
  ASSERT_TRUE(r2.ok()) << r2.message;
  EXPECT_FALSE(r2.value->notice.expires_at.has_value());
  EXPECT_EQ(r2.value->notice.revision, 3);
}

TEST_P(RepositoryTest, UpdateWithAStaleRevisionIsAConflict) {
  NoticeRecord a = Publish("a");
  protocol::Notice n = a.notice;
  n.title = "first";
  ASSERT_TRUE(repo_->UpdateNotice(n, 1).ok());
  n.title = "second, from a stale read";
  auto r = repo_->UpdateNotice(n, 1);
  EXPECT_EQ(r.error, WriteError::Conflict);
  EXPECT_EQ((*repo_->FindNotice(a.notice.id))->notice.title, "first");
}

TEST_P(RepositoryTest, UnknownIdsAreNotFoundAndBadIdsInvalid) {
  EXPECT_EQ(EditNotice(*repo_, "2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060", SampleEdit("x")).error,
            WriteError::NotFound);
  EXPECT_EQ(WithdrawNotice(*repo_, "2b1c4c8e-8f7e-4a39-9a0b-1d2e3f405060", 1).error, WriteError::NotFound);
  EXPECT_EQ(EditNotice(*repo_, "not-a-uuid", SampleEdit("x")).error, WriteError::Invalid);
  NoticeRecord a = Publish("a");
  EXPECT_EQ(EditNotice(*repo_, a.notice.id, NoticeEdit{}).error, WriteError::Invalid);
  EXPECT_EQ((*repo_->FindNotice(a.notice.id))->notice.revision, 1);
  EXPECT_EQ(WithdrawNotice(*repo_, "'; DROP TABLE notices; --", 1).error, WriteError::Invalid);
}

TEST_P(RepositoryTest, WithdrawLeavesATombstoneThatCannotBeEdited) {
  NoticeRecord a = Publish("a");
  auto w = WithdrawNotice(*repo_, a.notice.id, 1'700'000'100);
  ASSERT_TRUE(w.ok()) << w.message;
  EXPECT_TRUE(w.value->withdrawn());
  EXPECT_EQ(w.value->seq, 2);
  EXPECT_EQ(w.value->notice.revision, 2);
  auto found = repo_->FindNotice(a.notice.id);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->withdrawn_at, 1'700'000'100);
  EXPECT_EQ(EditNotice(*repo_, a.notice.id, SampleEdit("again")).error, WriteError::Withdrawn);
  EXPECT_EQ(WithdrawNotice(*repo_, a.notice.id, 1).error, WriteError::Withdrawn);
  auto feed = Feed(0, 10);
  ASSERT_EQ(feed.size(), 1u);
  EXPECT_TRUE(feed[0].withdrawn());
  EXPECT_EQ(feed[0].notice.id, a.notice.id);
}

TEST_P(RepositoryTest, FeedIsCompactedAndOrderedBySeq) {
  NoticeRecord a = Publish("a");
  NoticeRecord b = Publish("b");
  for (int i = 0; i < 5; ++i) {
    NoticeEdit e;
    e.title = "a v" + std::to_string(i + 2);
    ASSERT_TRUE(EditNotice(*repo_, a.notice.id, e).ok());
  }
  auto feed = Feed(0, 100);
  ASSERT_EQ(feed.size(), 2u);  // a appears once, at its latest change
  EXPECT_EQ(feed[0].notice.id, b.notice.id);
  EXPECT_EQ(feed[1].notice.id, a.notice.id);
  EXPECT_EQ(feed[1].notice.title, "a v6");
  EXPECT_EQ(feed[1].notice.revision, 6);
  EXPECT_EQ(feed[1].seq, 7);
  // A kiosk that already had b (cursor 2) gets only a.
  auto after_b = Feed(2, 100);
  ASSERT_EQ(after_b.size(), 1u);
  EXPECT_EQ(after_b[0].notice.id, a.notice.id);
  EXPECT_TRUE(Feed(7, 100).empty());
}

TEST_P(RepositoryTest, CursorPagingVisitsEveryNoticeOnceWithHasMore) {
  std::set<std::string> published;
  for (int i = 0; i < 25; ++i) published.insert(Publish("n" + std::to_string(i)).notice.id);
  std::set<std::string> seen;
  std::int64_t cursor = 0;
  std::vector<bool> more_flags;
  for (;;) {
    bool more = false;
    auto page = Feed(cursor, 10, &more);
    more_flags.push_back(more);
    for (const auto& r : page) {
      EXPECT_GT(r.seq, cursor);
      EXPECT_TRUE(seen.insert(r.notice.id).second) << "seen twice: " << r.notice.id;
      cursor = r.seq;
    }
    if (!more) break;
  }
  EXPECT_EQ(seen, published);
  EXPECT_EQ(more_flags, (std::vector<bool>{true, true, false}));
}

TEST_P(RepositoryTest, ExactlyFullLastPageHasNoMore) {
  for (int i = 0; i < 10; ++i) Publish("n" + std::to_string(i));
  bool more = true;
  EXPECT_EQ(Feed(0, 10, &more).size(), 10u);
  EXPECT_FALSE(more);
}

TEST_P(RepositoryTest, ImportIsAllOrNothingAndUpdatesExistingIds) {
  NoticeRecord a = Publish("a");
  std::string good = R"([
    {"id":")" + a.notice.id +
                     R"(","publisher":"street_office","title":"a, imported"},
    {"publisher":"owners_committee","title":"新通知","body":"内容","priority":"urgent","pinned":true,
     "published_at":"2026-11-26T08:00:00+08:00","expires_at":"2026-12-01T00:00:00Z","audience":"3号楼"}
  ])";
  auto r = ImportNoticesJson(*repo_, good, 1'800'000'000);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(*r.value, 2u);
  auto updated = *repo_->FindNotice(a.notice.id);
  EXPECT_EQ(updated->notice.title, "a, imported");
  EXPECT_EQ(updated->notice.revision, 2);
  EXPECT_EQ(updated->notice.published_at, 1'800'000'000);  // missing published_at means now
  auto list = *repo_->ListNotices();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].notice.audience, "3号楼");
  EXPECT_EQ(list[0].notice.published_at, 1'795'651'200);  // 2026-11-26T00:00:00Z
  EXPECT_EQ(*repo_->MaxSeq(), 3);

  std::int64_t before = *repo_->MaxSeq();
  for (const char* bad :
       {R"([{"publisher":"street_office","title":"ok"},{"publisher":"nobody","title":"x"}])",
        R"({"not":"an array"})", R"([1,2])", R"([{"publisher":"street_office"}])",
        "[{\"publisher\":\"street_office\",\"title\":\"\xff\"}]", "[", ""}) {
    auto f = ImportNoticesJson(*repo_, bad, 1);
    EXPECT_EQ(f.error, WriteError::Invalid) << bad;
    EXPECT_FALSE(f.message.empty());
  }
  EXPECT_EQ(*repo_->MaxSeq(), before);
  EXPECT_EQ(repo_->ListNotices()->size(), 2u);
}

TEST_P(RepositoryTest, ImportOfTenThousandIsOneFastTransaction) {
  std::string json = "[";
  for (int i = 0; i < 10000; ++i) {
    if (i) json += ",";
    json += R"({"publisher":"property_company","category":"sanitation","title":"通知 )" + std::to_string(i) +
            R"(","body":"周末大扫除，请配合。"})";
  }
  json += "]";
  auto start = std::chrono::steady_clock::now();
  auto r = ImportNoticesJson(*repo_, json, 1'700'000'000);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(*repo_->MaxSeq(), 10000);
  // Generous: one transaction takes well under a second; one commit per row would take far longer.
  EXPECT_LT(took, std::chrono::seconds(20));
}

TEST_P(RepositoryTest, KiosksAreFoundByTokenHashAndRecordHeartbeats) {
  KioskRecord k{"7d4c0b0e-0c2a-4a55-9f57-1b5b0e8d2a10", "3号楼大堂", "hash-1", 100, std::nullopt, {}};
  ASSERT_TRUE(repo_->AddKiosk(k).ok());
  EXPECT_EQ(repo_->AddKiosk(k).error, WriteError::Duplicate);
  EXPECT_FALSE(repo_->FindKioskByTokenHash("hash-2")->has_value());
  auto found = *repo_->FindKioskByTokenHash("hash-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "3号楼大堂");
  EXPECT_FALSE(found->last_seen.has_value());

  KioskHeartbeat hb;
  hb.app_version = "0.1.0";
  hb.outbox_pending = 4;
  ASSERT_TRUE(repo_->RecordHeartbeat(k.device_id, hb, 200).ok());
  EXPECT_FALSE(repo_->RecordHeartbeat("00000000-0000-0000-0000-000000000000", hb, 200).ok());
  auto list = *repo_->ListKiosks();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].last_seen, 200);
  EXPECT_EQ(list[0].last_heartbeat.app_version, "0.1.0");
  EXPECT_EQ(list[0].last_heartbeat.outbox_pending, 4);
  EXPECT_FALSE(list[0].last_heartbeat.cursor.has_value());
}

TEST_P(RepositoryTest, TwoConnectionsWritingAtOnceShareOneSequence) {
  auto other = store_->OpenHub();
  ASSERT_TRUE(other.ok()) << other.error();
  constexpr int kEach = 100;
  auto writer = [](HubRepository* repo, std::string prefix, int* failures) {
    for (int i = 0; i < kEach; ++i)
      if (!PublishNotice(*repo, SampleEdit(prefix + std::to_string(i)), 1).ok()) ++*failures;
  };
  int failures_a = 0, failures_b = 0;
  std::thread ta(writer, repo_.get(), "a", &failures_a);
  std::thread tb(writer, other->get(), "b", &failures_b);
  ta.join();
  tb.join();
  EXPECT_EQ(failures_a, 0);
  EXPECT_EQ(failures_b, 0);
  // Each connection sees the other's writes at once, and every change got its own seq.
  EXPECT_EQ(*repo_->MaxSeq(), 2 * kEach);
  EXPECT_EQ(*(*other)->MaxSeq(), 2 * kEach);
  auto feed = Feed(0, 1000);
  ASSERT_EQ(feed.size(), 2u * kEach);
  for (size_t i = 0; i < feed.size(); ++i) EXPECT_EQ(feed[i].seq, static_cast<std::int64_t>(i + 1));
}

TEST_P(RepositoryTest, ReopeningKeepsData) {
  NoticeRecord a = Publish("a");
  repo_.reset();
  auto again = store_->OpenHub();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_TRUE((*again)->FindNotice(a.notice.id)->has_value());
  EXPECT_EQ(*(*again)->MaxSeq(), 1);
}

TEST(SqliteRepository, ANewerSchemaIsRefused) {
  TempDir dir;
  ASSERT_TRUE(SqliteHubRepository::Open(dir.File("hub.db")).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("hub.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto newer = SqliteHubRepository::Open(dir.File("hub.db"));
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().find("newer"), std::string::npos) << newer.error();
}

TEST(SqliteRepository, OpeningAFileThatIsNotADatabaseFailsCleanly) {
  TempDir dir;
  std::string path = dir.File("garbage.db");
  FILE* f = fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  fputs("this is not an sqlite database, just text that is long enough to have a header....", f);
  fclose(f);
  auto r = SqliteHubRepository::Open(path);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace ck::hub

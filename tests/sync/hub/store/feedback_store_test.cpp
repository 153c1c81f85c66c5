// The feedback half of HubRepository, on every backend: kiosk numbers, the seeded services, ticket codes kept
// or assigned, exactly-once inserts (also under concurrency), queries and satisfaction.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <set>
#include <thread>

#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ticket_code.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using testing::FileRequest;
using testing::SampleSubmission;
using testing::TempDir;

class FeedbackStoreTest : public testing::StoreTest {};
CK_STORE_BACKENDS(FeedbackStoreTest);

TEST_P(FeedbackStoreTest, KiosksGetTheLowestFreeNumberFromOne) {
  for (int i = 1; i <= 3; ++i) {
    KioskRecord k;
    k.device_id = protocol::NewUuid();
    k.name = "大堂 " + std::to_string(i);
    k.token_hash = "hash-" + std::to_string(i);
    auto added = repo_->AddKiosk(k);
    ASSERT_TRUE(added.ok()) << added.message;
    EXPECT_EQ(added.value->kiosk_number, i);
  }
  auto listed = *repo_->ListKiosks();
  std::set<int> numbers;
  for (const auto& k : listed) numbers.insert(k.kiosk_number);
  EXPECT_EQ(numbers, (std::set<int>{1, 2, 3}));
  auto found = *repo_->FindKioskByTokenHash("hash-2");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kiosk_number, 2);
}

TEST(FeedbackMigration, KiosksRegisteredBeforeTheUpgradeGetNumbers) {
  TempDir dir;
  std::string path = dir.File("old.db");
  // A hub database as schema version 1 left it: kiosks without numbers.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* v1 =
      "CREATE TABLE change_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);"
      "INSERT INTO change_sequence VALUES (1, 0);"
      "CREATE TABLE notices (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, revision INTEGER NOT NULL, "
      "publisher TEXT NOT NULL, category TEXT NOT NULL, priority TEXT NOT NULL, pinned INTEGER NOT NULL, "
      "title TEXT NOT NULL, body TEXT NOT NULL, published_at INTEGER NOT NULL, expires_at INTEGER, "
      "audience TEXT NOT NULL, withdrawn_at INTEGER);"
      "CREATE TABLE kiosks (device_id TEXT PRIMARY KEY, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, "
      "created_at INTEGER NOT NULL, last_seen INTEGER, app_version TEXT, sync_cursor TEXT, "
      "outbox_pending INTEGER, last_sync_error TEXT);"
      "INSERT INTO kiosks (device_id, name, token_hash, created_at) VALUES ('a', 'A', 'h1', 1), ('b', 'B', "
      "'h2', 2);"
      "PRAGMA user_version = 1;";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto repo = SqliteHubRepository::Open(path);
  ASSERT_TRUE(repo.ok()) << repo.error();
  std::set<int> numbers;
  auto kiosks = *(*repo)->ListKiosks();
  for (const auto& k : kiosks) numbers.insert(k.kiosk_number);
  EXPECT_EQ(numbers, (std::set<int>{1, 2}));
  KioskRecord c;
  c.device_id = "c";
  c.name = "C";
  c.token_hash = "h3";
  EXPECT_EQ((*repo)->AddKiosk(c).value->kiosk_number, 3);
  EXPECT_EQ((*repo)->ListServices()->size(), 8u);
}

TEST_P(FeedbackStoreTest, TheEightDemoServicesAreSeededWithIconsAndPhrases) {
  auto services = *repo_->ListServices();
  std::vector<std::string> codes;
  for (const auto& s : services) codes.push_back(s.service_code);
  EXPECT_EQ(codes, (std::vector<std::string>{"sanitation", "safety", "parking", "repairs", "noise",
                                             "greenery", "property", "other"}));
  EXPECT_EQ(services[0].service_name, "环境卫生");
  EXPECT_EQ(services[0].quick_phrases[0], "垃圾未及时清运");
  EXPECT_EQ(services[0].quick_phrases[1], "楼道堆放杂物");
  // The icon keys the kiosk's bundled icon set (and assets/demo/services.json) knows.
  std::vector<std::string> icons;
  for (const auto& s : services) icons.push_back(s.icon);
  EXPECT_EQ(icons[4], "volume");
  EXPECT_EQ(icons[7], "more");
  for (const auto& s : services) {
    EXPECT_FALSE(s.icon.empty()) << s.service_code;
    EXPECT_FALSE(s.name_en.empty()) << s.service_code;
    EXPECT_GE(s.quick_phrases.size(), s.service_code == "other" ? 3u : 4u) << s.service_code;
    EXPECT_LE(s.quick_phrases.size(), 6u) << s.service_code;
    EXPECT_EQ(s.quick_phrases.size(), s.quick_phrases_en.size()) << s.service_code;
  }
  // And they round-trip through the protocol codec the kiosk uses.
  auto parsed = protocol::ParseServiceList(protocol::ServiceListToJson(services));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(*parsed, services);
}

TEST_P(FeedbackStoreTest, ServicesCanBeAddedAndUpdated) {
  protocol::Service s{"lighting", "照明", "路灯",       "设施",
                      "Lighting", "bulb", {"路灯不亮"}, {"Street light out"}};
  ASSERT_TRUE(repo_->AddService(s).ok());
  EXPECT_EQ(repo_->AddService(s).error, WriteError::Duplicate);
  EXPECT_EQ(repo_->ListServices()->back().service_code, "lighting");
  s.quick_phrases.push_back("灯光闪烁");
  ASSERT_TRUE(repo_->UpdateService(s).ok());
  EXPECT_EQ((*repo_->FindService("lighting"))->quick_phrases.size(), 2u);
  s.service_code = "nope";
  EXPECT_EQ(repo_->UpdateService(s).error, WriteError::NotFound);
}

TEST_P(FeedbackStoreTest, AKioskTicketCodeIsKeptWhenFreeAndReassignedWhenTaken) {
  auto kiosk_code = *protocol::MakeTicketCode({7, 41});
  auto s = SampleSubmission();
  s.ticket_code = kiosk_code;
  RequestRecord first = FileRequest(*repo_, s);
  EXPECT_EQ(first.status.ticket_code, kiosk_code);
  // Another report with the same code (a kiosk re-registered without its number, say): reassigned.
  RequestRecord second = FileRequest(*repo_, s);
  EXPECT_NE(second.status.ticket_code, kiosk_code);
  auto parts = protocol::ParseTicketCode(second.status.ticket_code);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->kiosk_number, 0u);
  // A plain Open311 client sends none: random kiosk-0 codes drawn by the hub, all distinct, none following
  // another.
  s.ticket_code.clear();
  std::set<std::string> codes{second.status.ticket_code};
  for (int i = 0; i < 20; ++i) {
    RequestRecord next = FileRequest(*repo_, s);
    auto p = protocol::ParseTicketCode(next.status.ticket_code);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->kiosk_number, 0u);
    EXPECT_TRUE(codes.insert(next.status.ticket_code).second);
  }
}

TEST_P(FeedbackStoreTest, ARepeatedIdReturnsTheStoredAnswerAndStoresNothing) {
  auto s = SampleSubmission();
  std::string key = protocol::NewUuid();
  auto first = IntakeSubmission(*repo_, s, key, "kiosk", 1'795'651'200);
  ASSERT_TRUE(first.ok()) << first.message;
  EXPECT_FALSE(first.value->replayed);
  s.description = "完全不同的内容";
  s.service_code = "noise";
  auto again = IntakeSubmission(*repo_, s, key, "kiosk", 1'795'651'300);
  ASSERT_TRUE(again.ok()) << again.message;
  EXPECT_TRUE(again.value->replayed);
  EXPECT_EQ(again.value->body, first.value->body);
  auto all = *repo_->QueryRequests({});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].description, "垃圾未及时清运");
}

TEST_P(FeedbackStoreTest, ConcurrentDuplicatesThroughSeparateConnectionsStoreOne) {
  // Two processes (a server and, say, a second server on the same store) are two connections: the primary
  // key decides, not a check made before the insert.
  auto other = store_->OpenHub();
  ASSERT_TRUE(other.ok()) << other.error();
  std::string key = protocol::NewUuid();
  std::vector<std::string> bodies(20);
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      HubRepository& repo = i % 2 ? static_cast<HubRepository&>(**other) : *repo_;
      auto r = IntakeSubmission(repo, SampleSubmission(), key, "kiosk", 1'795'651'200);
      if (r.ok()) bodies[static_cast<size_t>(i)] = r.value->body;
    });
  for (auto& t : threads) t.join();
  for (const auto& b : bodies) EXPECT_EQ(b, bodies[0]);
  EXPECT_FALSE(bodies[0].empty());
  EXPECT_EQ(repo_->QueryRequests({})->size(), 1u);
}

TEST_P(FeedbackStoreTest, UnknownServiceIsRefused) {
  auto r = IntakeSubmission(*repo_, SampleSubmission("unicorns"), protocol::NewUuid(), "k", 1'795'651'200);
  EXPECT_EQ(r.error, WriteError::Invalid);
  EXPECT_EQ(r.message, "service_code: unknown");
}

TEST_P(FeedbackStoreTest, QueriesFilterByIdsTicketServiceDatesAndOpenClosed) {
  RequestRecord a = FileRequest(*repo_, SampleSubmission("sanitation"), 1'795'651'200);
  RequestRecord b = FileRequest(*repo_, SampleSubmission("noise"), 1'795'651'200 + 86400);
  RequestRecord c = FileRequest(*repo_, SampleSubmission("noise"), 1'795'651'200 + 2 * 86400);
  auto ids_of = [](const std::vector<RequestRecord>& list) {
    std::set<std::string> out;
    for (const auto& r : list) out.insert(r.status.service_request_id);
    return out;
  };
  RequestQuery q;
  q.ids = {a.status.service_request_id, c.status.service_request_id};
  EXPECT_EQ(ids_of(*repo_->QueryRequests(q)),
            (std::set{a.status.service_request_id, c.status.service_request_id}));
  q = {};
  q.ticket_code = b.status.ticket_code;
  EXPECT_EQ(ids_of(*repo_->QueryRequests(q)), std::set{b.status.service_request_id});
  q = {};
  q.service_code = "noise";
  q.requested_to = 1'795'651'200 + 86400;
  EXPECT_EQ(ids_of(*repo_->QueryRequests(q)), std::set{b.status.service_request_id});
  q = {};
  q.open311_closed = true;
  EXPECT_TRUE(repo_->QueryRequests(q)->empty());
  q.open311_closed = false;
  EXPECT_EQ(repo_->QueryRequests(q)->size(), 3u);
  // Newest first, with the history and the service's name.
  auto all = *repo_->QueryRequests({});
  EXPECT_EQ(all[0].status.service_request_id, c.status.service_request_id);
  EXPECT_EQ(all[0].status.service_name, "噪音扰民");
  ASSERT_EQ(all[0].status.history.size(), 1u);
  EXPECT_EQ(all[0].status.history[0].status, protocol::RequestStatus::Submitted);
  EXPECT_EQ(all[0].phone, "13812341234");
}

TEST_P(FeedbackStoreTest, OperatorsAreFoundByTokenHashOnly) {
  ASSERT_TRUE(repo_->AddOperator({protocol::NewUuid(), "街道", "op-hash", 1}).ok());
  EXPECT_TRUE(*repo_->FindOperatorByTokenHash("op-hash"));
  EXPECT_FALSE(*repo_->FindOperatorByTokenHash("other"));
  // Separate tables: an operator's hash is no kiosk, and a kiosk's is no operator.
  EXPECT_FALSE(*repo_->FindKioskByTokenHash("op-hash"));
}

// Lookups with bytes that are not UTF-8 (a hostile path like /services/%FF.json) find nothing on every
// backend; PostgreSQL would refuse the bytes, and that must not become a storage error (a 500).
TEST_P(FeedbackStoreTest, LookupsWithBytesThatAreNotUtf8FindNothing) {
  FileRequest(*repo_, SampleSubmission());
  const std::string bad = "\xff\xfe\xfd";
  auto service = repo_->FindService(bad);
  ASSERT_TRUE(service.ok()) << service.error();
  EXPECT_FALSE(*service);
  auto by_code = repo_->FindRequestByTicket(bad);
  ASSERT_TRUE(by_code.ok()) << by_code.error();
  EXPECT_FALSE(*by_code);
  auto by_id = repo_->FindRequest(bad);
  ASSERT_TRUE(by_id.ok()) << by_id.error();
  EXPECT_FALSE(*by_id);
  auto notice = repo_->FindNotice(bad);
  ASSERT_TRUE(notice.ok()) << notice.error();
  EXPECT_FALSE(*notice);
  RequestQuery q;
  q.ticket_code = bad;
  auto listed = repo_->QueryRequests(q);
  ASSERT_TRUE(listed.ok()) << listed.error();
  EXPECT_TRUE(listed->empty());
  WorkOrderQuery w;
  w.text = bad;
  auto page = repo_->QueryWorkOrders(w);
  ASSERT_TRUE(page.ok()) << page.error();
  EXPECT_EQ(page->total, 0);
  auto stored = IntakeSubmission(*repo_, SampleSubmission(bad), protocol::NewUuid(), "k", 1'795'651'200);
  EXPECT_EQ(stored.error, WriteError::Invalid) << stored.message;
}

}  // namespace
}  // namespace ck::hub

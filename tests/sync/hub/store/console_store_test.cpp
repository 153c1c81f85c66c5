// The console store: the notice list by state/publisher/category/text with paging, delivery counts from
// the kiosks' feed cursors, kiosk revocation (the token stops working), audit search.
#include "sync/hub/store/sqlite_console_repository.h"

#include <gtest/gtest.h>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using testing::SampleEdit;
using testing::TempDir;

constexpr protocol::UnixSeconds kNow = 1'795'651'200;

class ConsoleStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto h = SqliteHubRepository::Open(dir_.File("hub.db"));
    ASSERT_TRUE(h.ok()) << h.error();
    hub_ = std::move(h).value();
    auto c = SqliteConsoleRepository::Open(dir_.File("hub.db"));
    ASSERT_TRUE(c.ok()) << c.error();
    store_ = std::move(c).value();
  }
  NoticeRecord Publish(std::string title, Party p, protocol::UnixSeconds at,
                       std::optional<protocol::UnixSeconds> expires = std::nullopt) {
    NoticeEdit e = SampleEdit(std::move(title));
    e.publisher = p;
    e.published_at = at;
    e.expires_at = expires;
    auto r = PublishNotice(*hub_, e, at);
    EXPECT_TRUE(r.ok()) << r.message;
    return *r.value;
  }
  std::string AddKiosk(const std::string& name, const std::string& token) {
    KioskRecord k;
    k.device_id = protocol::NewUuid();
    k.name = name;
    k.token_hash = HashSecret(token);
    k.created_at = kNow;
    EXPECT_TRUE(hub_->AddKiosk(k).ok());
    return k.device_id;
  }
  std::vector<std::string> Titles(const NoticeListQuery& q) {
    auto page = store_->QueryNotices(q);
    EXPECT_TRUE(page.ok()) << page.error();
    std::vector<std::string> out;
    for (const auto& r : page->rows) out.push_back(r.record.notice.title);
    return out;
  }
  TempDir dir_;
  std::unique_ptr<SqliteHubRepository> hub_;
  std::unique_ptr<SqliteConsoleRepository> store_;
};

TEST_F(ConsoleStoreTest, ListsByStatePublisherCategoryAndText) {
  Publish("live-property", Party::PropertyCompany, kNow - 100);
  Publish("scheduled-street", Party::StreetOffice, kNow + 3600);
  Publish("expired-committee", Party::ResidentsCommittee, kNow - 7200, kNow - 60);
  auto gone = Publish("withdrawn-property", Party::PropertyCompany, kNow - 50);
  ASSERT_TRUE(WithdrawNotice(*hub_, gone.notice.id, kNow - 10).ok());
  Publish("停车 100%_match", Party::OwnersCommittee, kNow - 30);

  NoticeListQuery q;
  q.now = kNow;
  EXPECT_EQ(Titles(q).size(), 5u);
  q.state = NoticeState::Live;
  EXPECT_EQ(Titles(q), (std::vector<std::string>{"停车 100%_match", "live-property"}));
  q.state = NoticeState::Scheduled;
  EXPECT_EQ(Titles(q), std::vector<std::string>{"scheduled-street"});
  q.state = NoticeState::Expired;
  EXPECT_EQ(Titles(q), std::vector<std::string>{"expired-committee"});
  q.state = NoticeState::Withdrawn;
  EXPECT_EQ(Titles(q), std::vector<std::string>{"withdrawn-property"});
  q.state.reset();
  q.publisher = Party::PropertyCompany;
  EXPECT_EQ(Titles(q), (std::vector<std::string>{"withdrawn-property", "live-property"}));
  q.publisher.reset();
  q.text = "100%_";  // LIKE wildcards match literally
  EXPECT_EQ(Titles(q), std::vector<std::string>{"停车 100%_match"});
  q.text = "%";
  EXPECT_EQ(Titles(q), std::vector<std::string>{"停车 100%_match"});
  q.text.reset();
  q.category = "parking";
  EXPECT_TRUE(Titles(q).empty());
}

TEST_F(ConsoleStoreTest, PagesWithATotal) {
  for (int i = 0; i < 7; ++i) Publish("n" + std::to_string(i), Party::PropertyCompany, kNow - 100 + i);
  NoticeListQuery q;
  q.now = kNow;
  q.limit = 3;
  q.offset = 3;
  auto page = store_->QueryNotices(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);
  ASSERT_EQ(page->rows.size(), 3u);
  EXPECT_EQ(page->rows[0].record.notice.title, "n3");  // newest change first: n6 n5 n4 | n3 n2 n1 | n0
}

TEST_F(ConsoleStoreTest, DeliveredCountsKiosksWhoseCursorReachedTheLatestChange) {
  std::string a = AddKiosk("A", "token-a"), b = AddKiosk("B", "token-b"), c = AddKiosk("C", "token-c");
  auto n = Publish("water", Party::PropertyCompany, kNow - 100);
  KioskHeartbeat hb;
  hb.cursor = std::to_string(n.seq);
  ASSERT_TRUE(hub_->RecordHeartbeat(a, hb, kNow).ok());
  hb.cursor = "0";
  ASSERT_TRUE(hub_->RecordHeartbeat(b, hb, kNow).ok());
  NoticeListQuery q;
  q.now = kNow;
  auto page = store_->QueryNotices(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->active_kiosks, 3);
  EXPECT_EQ(page->rows.at(0).delivered, 1);
  // An edit is a new change: nobody has it yet.
  NoticeEdit e;
  e.title = "water (updated)";
  auto edited = EditNotice(*hub_, n.notice.id, e);
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(store_->NoticeDelivery(edited.value->seq)->first, 0);
  // A revoked kiosk no longer counts.
  ASSERT_TRUE(hub_->RevokeKiosk(c, kNow).ok());
  EXPECT_EQ(store_->NoticeDelivery(edited.value->seq)->second, 2);
}

TEST_F(ConsoleStoreTest, RevokedKioskTokenNoLongerAuthenticates) {
  std::string a = AddKiosk("A", "token-a");
  ASSERT_TRUE(hub_->FindKioskByTokenHash(HashSecret("token-a"))->has_value());
  auto r = hub_->RevokeKiosk(a, kNow);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_FALSE(hub_->FindKioskByTokenHash(HashSecret("token-a"))->has_value());
  EXPECT_EQ(hub_->RevokeKiosk(a, kNow).error, WriteError::Refused);
  EXPECT_EQ(hub_->RevokeKiosk(protocol::NewUuid(), kNow).error, WriteError::NotFound);
  auto kiosks = store_->ListConsoleKiosks();
  ASSERT_EQ(kiosks->size(), 1u);
  EXPECT_EQ((*kiosks)[0].revoked_at, kNow);
  EXPECT_EQ((*kiosks)[0].kiosk.kiosk_number, 1);  // kept: ticket codes stay unique
}

TEST_F(ConsoleStoreTest, AuditSearchFiltersAndPages) {
  for (int i = 0; i < 5; ++i) {
    AuditEntry e;
    e.at = kNow + i;
    e.actor = i % 2 ? "wang.li" : "zhao.jie";
    e.party = i % 2 ? Party::PropertyCompany : Party::StreetOffice;
    e.action = i == 4 ? "denied" : "notice.publish";
    e.target = "notice-" + std::to_string(i);
    ASSERT_TRUE(store_->AppendAudit(e).ok());
  }
  AuditQuery q;
  q.text = "wang";
  EXPECT_EQ(store_->QueryAudit(q)->entries.size(), 2u);
  q = {};
  q.action = "denied";
  EXPECT_EQ(store_->QueryAudit(q)->entries.at(0).target, "notice-4");
  q = {};
  q.party = Party::StreetOffice;
  EXPECT_EQ(store_->QueryAudit(q)->entries.size(), 3u);
  q = {};
  q.from = kNow + 1;
  q.to = kNow + 2;
  EXPECT_EQ(store_->QueryAudit(q)->entries.size(), 2u);
  q = {};
  q.limit = 2;
  auto p1 = store_->QueryAudit(q);
  EXPECT_TRUE(p1->has_more);
  q.offset = 4;
  auto p3 = store_->QueryAudit(q);
  EXPECT_FALSE(p3->has_more);
  EXPECT_EQ(p3->entries.size(), 1u);
}

}  // namespace
}  // namespace ck::hub

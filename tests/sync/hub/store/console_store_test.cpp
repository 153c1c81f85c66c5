// The console store, on every backend: the notice list by state/publisher/category/text with paging, delivery
// counts from the kiosks' feed cursors, kiosk revocation (the token stops working), audit search.
#include "sync/hub/store/sqlite_console_repository.h"

#include <gtest/gtest.h>

#include <thread>

#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub {
namespace {

using testing::SampleEdit;
using testing::TempDir;

constexpr protocol::UnixSeconds kNow = 1'795'651'200;

class ConsoleStoreTest : public ::testing::TestWithParam<testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    backend_ = testing::StoreUnderTest::Make(GetParam(), &skip);
    if (!backend_) {
      if (testing::PgTestCluster::Required()) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
    auto h = backend_->OpenHub();
    ASSERT_TRUE(h.ok()) << h.error();
    hub_ = std::move(h).value();
    auto c = backend_->OpenConsole();
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
  std::unique_ptr<testing::StoreUnderTest> backend_;
  std::unique_ptr<HubRepository> hub_;
  std::unique_ptr<ConsoleRepository> store_;
};
CK_STORE_BACKENDS(ConsoleStoreTest);

TEST_P(ConsoleStoreTest, ListsByStatePublisherCategoryAndText) {
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

TEST_P(ConsoleStoreTest, PagesWithATotal) {
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

TEST_P(ConsoleStoreTest, DeliveredCountsKiosksWhoseCursorReachedTheLatestChange) {
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

TEST_P(ConsoleStoreTest, RevokedKioskTokenNoLongerAuthenticates) {
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

TEST_P(ConsoleStoreTest, AuditSearchFiltersAndPages) {
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

TEST_P(ConsoleStoreTest, StaffNamesAreUniqueRegardlessOfCaseAndDisablingEndsSessions) {
  StaffAccount a;
  a.name = "Wang.Li";
  a.party = Party::PropertyCompany;
  a.password_hash = "$argon2id$first";
  a.created_at = kNow;
  auto added = store_->AddStaff(a);
  ASSERT_TRUE(added.ok()) << added.message;
  a.name = "wang.li";
  EXPECT_EQ(store_->AddStaff(a).error, WriteError::Duplicate);
  auto found = store_->FindStaffByName("WANG.LI");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, added.value->id);
  EXPECT_EQ((*found)->name, "Wang.Li");
  const std::int64_t id = added.value->id;
  ASSERT_TRUE(store_->CreateSession({"s1", id, kNow, kNow}).ok());
  ASSERT_TRUE(store_->CreateSession({"s2", id, kNow, kNow}).ok());
  ASSERT_TRUE(store_->SetStaffPassword(id, "$argon2id$second", true, "s1").ok());
  EXPECT_TRUE(store_->FindSession("s1")->has_value());
  EXPECT_FALSE(store_->FindSession("s2")->has_value());
  EXPECT_TRUE((*store_->FindStaff(id))->must_change_password);
  auto disabled = store_->DisableStaff("wang.LI", kNow);
  ASSERT_TRUE(disabled.ok()) << disabled.message;
  EXPECT_TRUE(disabled.value->disabled());
  EXPECT_FALSE(store_->FindSession("s1")->has_value());
  EXPECT_FALSE(store_->EnableStaff("wang.li").value->disabled());
  EXPECT_EQ(store_->DisableStaff("nobody", kNow).error, WriteError::NotFound);
}

// Two hub processes behind one front server: guesses through each add up, so the budget does not double,
// and a lock set through one holds in the other.
TEST_P(ConsoleStoreTest, SignInFailuresAddUpAcrossProcesses) {
  auto other = backend_->OpenConsole();
  ASSERT_TRUE(other.ok()) << other.error();
  StaffAccount a;
  a.name = "zhao.jie";
  a.party = Party::StreetOffice;
  a.password_hash = "$argon2id$x";
  a.created_at = kNow;
  auto added = store_->AddStaff(a);
  ASSERT_TRUE(added.ok()) << added.message;
  auto guess = [&](ConsoleRepository* repo, const char* spelled) {
    for (int i = 0; i < 10; ++i) {
      EXPECT_TRUE(repo->CountAddressFailure(spelled, "10.0.0.9", kNow).ok());
      EXPECT_TRUE(repo->CountFailedSignIn(added.value->id).ok());
    }
  };
  std::thread ta(guess, store_.get(), "Zhao.Jie");
  std::thread tb(guess, other->get(), "zhao.jie");
  ta.join();
  tb.join();
  EXPECT_EQ(*store_->CountAddressFailure("ZHAO.JIE", "10.0.0.9", kNow), 21);
  EXPECT_EQ(*store_->CountFailedSignIn(added.value->id), 21);
  ASSERT_TRUE((*other)->LockAddressUntil("zhao.jie", "10.0.0.9", kNow + 600).ok());
  EXPECT_EQ(*store_->AddressLockedUntil("Zhao.Jie", "10.0.0.9"), kNow + 600);
  EXPECT_EQ(*store_->AddressLockedUntil("Zhao.Jie", "10.0.0.8"), 0);
  auto unlocked = (*other)->UnlockStaff("ZHAO.jie");
  ASSERT_TRUE(unlocked.ok()) << unlocked.message;
  EXPECT_EQ(unlocked.value->failed_signins, 0);
  EXPECT_EQ(*store_->AddressLockedUntil("zhao.jie", "10.0.0.9"), 0);
}

}  // namespace
}  // namespace ck::hub

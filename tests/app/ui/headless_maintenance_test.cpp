// The maintenance panel driven through the real frame code, headless: ordinary taps on the top bar never
// open it, a 5 s hold does; the PIN pad checks against the real repository (Argon2id, lock-out), every use
// lands in the audit table, the panel shows its facts and closes by itself after 60 s.
#include <gtest/gtest.h>
#include <imgui.h>

#include <optional>
#include <utility>

#include "app/store/maintenance_audit_repository.h"
#include "app/store/maintenance_pin_repository.h"
#include "app/ui/maintenance/maintenance_backend.h"
#include "app/ui/text/text_keys.h"
#include "tests/app/ui/headless_kiosk.h"

namespace ck::ui::testing {
namespace {

class FakeBackend final : public maintenance::MaintenanceBackend {
 public:
  explicit FakeBackend(store::KioskDatabase& db) : db_(db) {}
  // Answers on the first poll after the start, as the real backend does once its thread is done.
  void StartPinCheck(const std::string& pin, protocol::UnixSeconds now) override {
    answer_ = store::MaintenancePinRepository(db_).Check(pin, now);
  }
  std::optional<Result<store::PinCheck>> TakePinCheck() override { return std::exchange(answer_, std::nullopt); }
  void RecordAudit(const maintenance::AuditEvent& e) override {
    (void)store::MaintenanceAuditRepository(db_).Record(maintenance::AuditKindName(e.kind), e.at);
  }
  maintenance::PanelFacts Facts(protocol::UnixSeconds now) override {
    maintenance::PanelFacts f;
    f.hub_url = "https://hub.example.org";
    f.device_id = "0f8e6a52-7d7c-4a8e-9d55-0c1d2e3f4a5b";
    f.version = "0.1.0";
    f.last_success_at = now - 600;
    f.outbox_pending = 2;
    f.outbox_refused = 1;
    f.last_error = "could not connect to server";
    f.free_disk_bytes = 512ull * 1024 * 1024;
    return f;
  }
  void SyncNow() override { ++sync_requests; }
  void Restart() override { ++restarts; }
  int sync_requests = 0;
  int restarts = 0;

 private:
  store::KioskDatabase& db_;
  std::optional<Result<store::PinCheck>> answer_;
};

std::vector<std::string> AuditNames(store::KioskDatabase& db) {
  std::vector<std::string> names;
  auto recent = store::MaintenanceAuditRepository(db).Recent(50);
  EXPECT_TRUE(recent.ok());
  for (auto it = recent->rbegin(); it != recent->rend(); ++it) names.push_back(it->event);
  return names;
}

class HeadlessMaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::MaintenancePinRepository(db_.db()).SetPin("2468"));
    kiosk_ = std::make_unique<HeadlessKiosk>(db_.db(), KioskControllerOptions{},
                                             HeadlessExtras{false, nullptr, &backend_});
  }
  void Hold(double seconds) {
    kiosk_->Frame();
    const TapTarget* t = kiosk_->state().FindTarget("maintenance.hold");
    ASSERT_NE(t, nullptr);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = t->Center();
    io.MouseDown[0] = true;
    kiosk_->Frame();
    for (double held = 0.0; held < seconds; held += 0.5) kiosk_->Wait(0.5);
    io.MouseDown[0] = false;
    kiosk_->Frame();
    kiosk_->Frame();
  }
  void TypePin(const std::string& pin) {
    for (char c : pin) ASSERT_TRUE(kiosk_->Tap(std::string("pad:") + c)) << c;
    ASSERT_TRUE(kiosk_->Tap("pad:confirm"));
  }
  const maintenance::MaintenancePanel& panel() { return kiosk_->controller().panel(); }

  TempKioskDb db_;
  FakeBackend backend_{db_.db()};
  std::unique_ptr<HeadlessKiosk> kiosk_;
};

TEST_F(HeadlessMaintenanceTest, OrdinaryTapsAndAShortHoldOnTheTopBarDoNotOpenIt) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(kiosk_->Tap("maintenance.hold"));
  Hold(3.0);
  EXPECT_EQ(panel().stage(), maintenance::Stage::Closed);
  EXPECT_EQ(kiosk_->state().FindTarget("pad:1"), nullptr);
  EXPECT_TRUE(AuditNames(db_.db()).empty());
}

TEST_F(HeadlessMaintenanceTest, HoldThenPinOpensThePanelWithItsFactsAndItClosesAfterAMinute) {
  Hold(5.5);
  ASSERT_EQ(panel().stage(), maintenance::Stage::Pin);
  ASSERT_NE(kiosk_->state().FindTarget("pad:1"), nullptr);

  // Half-typed: four places of eight filled; the message line is empty.
  for (char c : std::string("13")) ASSERT_TRUE(kiosk_->Tap(std::string("pad:") + c));
  EXPECT_EQ(kiosk_->Shown("maintenance.pin"), "**");
  ASSERT_TRUE(kiosk_->Tap("pad:clear"));

  TypePin("1357");
  const Translations& zh = kiosk_->translations().chinese;
  EXPECT_EQ(kiosk_->Shown("maintenance.message"), zh.Get(keys::kMaintenancePinWrong));

  TypePin("2468");
  ASSERT_EQ(panel().stage(), maintenance::Stage::Facts);
  EXPECT_EQ(kiosk_->Shown(keys::kMaintenanceHub), "https://hub.example.org");
  EXPECT_EQ(kiosk_->Shown(keys::kMaintenanceOutbox), "2");
  EXPECT_EQ(kiosk_->Shown(keys::kMaintenanceRefused), "1");
  EXPECT_EQ(kiosk_->Shown(keys::kMaintenanceError), zh.Get(keys::kMaintenanceErrorNetwork));
  EXPECT_EQ(kiosk_->Shown(keys::kMaintenanceDisk), "512 MB");
  EXPECT_NE(kiosk_->Shown(keys::kMaintenanceLastSync).find("10 分钟前"), std::string::npos)
      << kiosk_->Shown(keys::kMaintenanceLastSync);

  ASSERT_TRUE(kiosk_->Tap("maintenance.sync_now"));
  EXPECT_EQ(backend_.sync_requests, 1);
  ASSERT_TRUE(kiosk_->Tap("maintenance.screen_test"));
  ASSERT_EQ(panel().stage(), maintenance::Stage::ScreenTest);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(kiosk_->Tap("maintenance.corner." + std::to_string(i)));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(panel().corner_tapped(i)) << i;
  ASSERT_TRUE(kiosk_->Tap("maintenance.back"));
  ASSERT_EQ(panel().stage(), maintenance::Stage::Facts);

  kiosk_->Wait(59.0);
  EXPECT_EQ(panel().stage(), maintenance::Stage::Facts);
  kiosk_->Wait(1.5);
  EXPECT_EQ(panel().stage(), maintenance::Stage::Closed);
  EXPECT_EQ(AuditNames(db_.db()),
            (std::vector<std::string>{"wrong_pin", "opened", "sync_now", "screen_test", "closed"}));
}

TEST_F(HeadlessMaintenanceTest, WrongPinsLockThePadAndTheMessageKeepsItsPlace) {
  Hold(5.5);
  ASSERT_EQ(panel().stage(), maintenance::Stage::Pin);
  const float pad_y = kiosk_->state().FindTarget("pad:5")->min.y;
  for (int i = 0; i < 3; ++i) TypePin("0000");
  EXPECT_EQ(kiosk_->state().FindTarget("pad:5")->min.y, pad_y) << "a message must not move the pad";
  EXPECT_NE(kiosk_->Shown("maintenance.message").find("30"), std::string::npos)
      << kiosk_->Shown("maintenance.message");
  // Even the right PIN does nothing during the wait.
  TypePin("2468");
  EXPECT_EQ(panel().stage(), maintenance::Stage::Pin);
  ASSERT_TRUE(kiosk_->Tap("maintenance.close"));
  EXPECT_EQ(panel().stage(), maintenance::Stage::Closed);
  EXPECT_EQ(AuditNames(db_.db()), (std::vector<std::string>{"wrong_pin", "wrong_pin", "wrong_pin", "locked"}));
}

TEST_F(HeadlessMaintenanceTest, RestartIsAuditedBeforeItIsCarriedOut) {
  Hold(5.5);
  TypePin("2468");
  ASSERT_EQ(panel().stage(), maintenance::Stage::Facts);
  ASSERT_TRUE(kiosk_->Tap("maintenance.restart"));
  EXPECT_EQ(backend_.restarts, 1);
  EXPECT_EQ(AuditNames(db_.db()), (std::vector<std::string>{"opened", "restart"}));
}

}  // namespace
}  // namespace ck::ui::testing

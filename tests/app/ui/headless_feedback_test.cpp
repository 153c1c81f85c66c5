// The report, track and search screens driven headless by taps on named targets, against a real temporary
// SQLite store and the real pinyin engine; outcomes are asserted through the store.
#include <gtest/gtest.h>

#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "app/store/service_catalog_repository.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/text_keys.h"
#include "headless_kiosk.h"
#include "sync/protocol/ticket_code.h"

namespace ck::ui::testing {
namespace {

// Taps each key of `keys` on whatever pad or keyboard shows ("pad:3", "key:s", …).
// A ticket code's dashes are not keys: they are skipped.
void TapAll(HeadlessKiosk& kiosk, const std::string& prefix, const std::string& symbols) {
  for (char c : symbols) {
    if (c != '-') {
      ASSERT_TRUE(kiosk.Tap(prefix + c)) << prefix << c;
    }
  }
}

// Types `letters` in pinyin and taps the candidate `wanted`.
void TypeAndChoose(HeadlessKiosk& kiosk, const std::string& letters, const std::string& wanted) {
  TapAll(kiosk, "key:", letters);
  const auto& candidates = kiosk.controller().keyboard().state().pinyin.candidates;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i] == wanted) {
      ASSERT_TRUE(kiosk.Tap("cand:" + std::to_string(i))) << "candidate " << wanted << " not drawn";
      return;
    }
  }
  FAIL() << wanted << " is not among the candidates for " << letters;
}

// Stands in for the sync engine: records requests, answers lookups as told.
class FakeSync : public SyncControl {
 public:
  void RequestSyncNow() override { ++sync_now; }
  void RequestTicketLookup(const std::string& code) override {
    lookups.push_back(code);
    answer = Lookup::Pending;
  }
  Lookup LookupState(const std::string&) const override { return answer; }
  int sync_now = 0;
  std::vector<std::string> lookups;
  Lookup answer = Lookup::Unknown;
};

// A report as if made here earlier and since resolved by the property company, with a reply.
std::string ResolvedTicket(store::KioskDatabase& db, protocol::UnixSeconds now) {
  store::FeedbackRepository feedback(db);
  store::FeedbackDraft d;
  d.service_code = "sanitation";
  d.service_name = "环境卫生";
  d.address_string = "5号楼";
  d.description = "垃圾桶满溢";
  auto receipt = feedback.Submit(d, now - 86400, 7);
  EXPECT_TRUE(receipt.ok());
  store::OutboxRepository outbox(db);
  const auto pending = outbox.Pending(1, now);
  EXPECT_EQ(pending.size(), 1u);
  protocol::SubmissionAck ack{"req-1", "", receipt->ticket_code};
  EXPECT_TRUE(outbox.MarkDelivered(pending.front().id, ack, now - 80000).ok());
  protocol::ServiceRequestStatus s;
  s.service_request_id = "req-1";
  s.ticket_code = receipt->ticket_code;
  s.service_code = "sanitation";
  s.status = protocol::RequestStatus::Resolved;
  s.agency = protocol::Agency::PropertyCompany;
  s.agency_responsible = "物业服务中心 张经理";
  s.status_notes = "已清运，并增加每日下午清运一次。";
  s.requested_at = now - 86400;
  s.updated_at = now - 600;
  s.expected_at = now + 86400;
  s.history = {{now - 86400, protocol::RequestStatus::Submitted, std::nullopt, ""},
               {now - 80000, protocol::RequestStatus::Assigned, protocol::Agency::PropertyCompany, "张经理"},
               {now - 600, protocol::RequestStatus::Resolved, protocol::Agency::PropertyCompany, ""}};
  EXPECT_TRUE(feedback.ApplyStatuses({s}).ok());
  return receipt->ticket_code;
}

TEST(HeadlessFeedbackTest, WholeReportFlowByTapsEndsInAStoredReportAndItsOutboxRow) {
  TempKioskDb db;
  FakeSync sync;
  KioskControllerOptions options;
  options.share_base_url = "https://hub.example/";
  options.kiosk_number = 5;
  options.hub_configured = true;
  HeadlessKiosk kiosk(db.db(), options, {.pinyin = true, .sync = &sync});
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportKind);
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.sanitation"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportWhere);
  // 3号楼2单元5层: "done" moves from building to unit to floor, then on.
  TapAll(kiosk, "pad:", "3");
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  TapAll(kiosk, "pad:", "2");
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  TapAll(kiosk, "pad:", "5");
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportWhat);

  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.phrase.2"));
  ASSERT_TRUE(kiosk.Tap("report.text"));  // opens the keyboard
  ASSERT_NE(kiosk.state().FindTarget("key:s"), nullptr);
  TypeAndChoose(kiosk, "shequ", "社区");
  EXPECT_EQ(kiosk.state().report.free_text, "社区");
  ASSERT_TRUE(kiosk.Tap("report.next"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportContact);

  ASSERT_TRUE(kiosk.Tap("report.contact.phone"));
  // Issue 16: the number is readable while typed (one digit showed as "****", seven as "****34").
  TapAll(kiosk, "pad:", "1");
  EXPECT_EQ(kiosk.Shown("contact.phone"), "1");
  TapAll(kiosk, "pad:", "381234");
  EXPECT_EQ(kiosk.Shown("contact.phone"), "138 1234");
  TapAll(kiosk, "pad:", "1234");
  EXPECT_EQ(kiosk.Shown("contact.phone"), "138 1234 1234");
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportReview);
  kiosk.Frame();
  EXPECT_EQ(kiosk.Shown("review.contact"), "138 1234 1234");  // checked in full before it is sent
  EXPECT_EQ(kiosk.Shown("review.where"), "3号楼2单元5层");
  EXPECT_EQ(kiosk.Shown("review.what"), "垃圾未及时清运；垃圾桶满溢；社区");

  ASSERT_TRUE(kiosk.Tap("report.submit"));
  ASSERT_EQ(kiosk.state().screen, Screen::ReportReceipt);
  ASSERT_TRUE(kiosk.vm().receipt.has_value());
  const std::string code = kiosk.vm().receipt->ticket_code;
  EXPECT_EQ(kiosk.Shown("receipt.code"), code);
  EXPECT_EQ(kiosk.vm().receipt->share_url, "https://hub.example/t/" + code);
  EXPECT_GT(kiosk.vm().receipt->qr.size, 20);
  EXPECT_EQ(kiosk.Shown("receipt.delivery"), kiosk.translations().chinese.Get(keys::kReceiptPending));
  EXPECT_EQ(sync.sync_now, 1);
  EXPECT_EQ(protocol::ParseTicketCode(code)->kiosk_number, 5u);
  // Nothing of the form stays in memory once the receipt shows.
  EXPECT_TRUE(kiosk.state().report.phone.empty());

  const auto stored = store::FeedbackRepository(db.db()).FindByTicketCode(code);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->draft.kind, protocol::FeedbackKind::Complaint);
  EXPECT_EQ(stored->draft.service_code, "sanitation");
  EXPECT_EQ(stored->draft.address_string, "3号楼2单元5层");
  EXPECT_EQ(stored->draft.description, "垃圾未及时清运；垃圾桶满溢；社区");
  EXPECT_EQ(stored->draft.phone, "13812341234");
  EXPECT_EQ(stored->masked_phone, "138****1234");
  EXPECT_EQ(store::OutboxRepository(db.db()).PendingCount(), 1);
  kiosk.Frame();
  EXPECT_EQ(kiosk.vm().sync.outbox_pending, 1);

  ASSERT_TRUE(kiosk.Tap("receipt.done"));
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  EXPECT_FALSE(kiosk.vm().receipt.has_value());
}

TEST(HeadlessFeedbackTest, TheReceiptSaysDeliveredAsSoonAsSyncDeliversIt) {
  TempKioskDb db;
  KioskControllerOptions options;
  options.hub_configured = true;
  HeadlessKiosk kiosk(db.db(), options);
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.repairs"));
  ASSERT_TRUE(kiosk.Tap("report.area.elevator"));
  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  ASSERT_TRUE(kiosk.Tap("report.submit"));
  EXPECT_EQ(kiosk.Shown("receipt.delivery"), "已保存，网络恢复后自动送达");
  // The sync engine delivers it (its own connection in the app; the same file here).
  store::OutboxRepository outbox(db.db());
  const auto pending = outbox.Pending(1, protocol::NowUtc() + 1);
  ASSERT_EQ(pending.size(), 1u);
  ASSERT_TRUE(outbox
                  .MarkDelivered(pending.front().id, {"req-9", "", kiosk.vm().receipt->ticket_code},
                                 protocol::NowUtc())
                  .ok());
  kiosk.Frame();
  kiosk.Frame();
  EXPECT_EQ(kiosk.Shown("receipt.delivery"), "已送达");
}

TEST(HeadlessFeedbackTest, EveryStepHasBackAndReviewEditsKeepTheForm) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.suggestion"));
  ASSERT_TRUE(kiosk.Tap("report.service.greenery"));
  ASSERT_TRUE(kiosk.Tap("report.area.green"));  // one tap on a common area goes on
  EXPECT_EQ(kiosk.state().screen, Screen::ReportWhat);
  EXPECT_EQ(kiosk.state().FindTarget("report.next"), nullptr);  // nothing chosen yet: "next" is disabled
  ASSERT_TRUE(kiosk.Tap("report.phrase.1"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportReview);
  EXPECT_EQ(kiosk.Shown("review.contact"), kiosk.translations().chinese.Get(keys::kReportReviewAnonymous));
  ASSERT_TRUE(kiosk.Tap("report.review.edit.where"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportWhere);
  EXPECT_EQ(kiosk.state().report.common_area, "green");
  for (Screen s : {Screen::ReportCategory, Screen::ReportKind, Screen::Home}) {
    ASSERT_TRUE(kiosk.Tap("nav.back"));
    EXPECT_EQ(kiosk.state().screen, s);
  }
  EXPECT_TRUE(kiosk.state().report.phrases.empty());  // leaving the flow wipes it
}

// The quick phrases drawn as chips on the "what" step (report.phrase.0, .1, …).
int ChipsShown(HeadlessKiosk& kiosk) {
  int n = 0;
  while (kiosk.state().FindTarget("report.phrase." + std::to_string(n)) != nullptr) ++n;
  return n;
}

// Issue 16 (finding 9): 提建议 offered the category's complaints ("垃圾未及时清运"). A suggestion about
// sanitation offers the platform's suggestion phrases for it, in the language shown, and files them.
TEST(HeadlessFeedbackTest, ASuggestionOffersTheCategorysSuggestionPhrases) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.suggestion"));
  ASSERT_TRUE(kiosk.Tap("report.service.sanitation"));
  ASSERT_TRUE(kiosk.Tap("report.area.garbage"));
  ASSERT_EQ(kiosk.state().screen, Screen::ReportWhat);
  EXPECT_EQ(ChipsShown(kiosk), 4);  // the sanitation suggestions, not its six complaints
  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.phrase.1"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  ASSERT_EQ(kiosk.state().screen, Screen::ReportReview);
  EXPECT_EQ(kiosk.Shown("review.what"), "希望增加分类垃圾桶；建议调整清运时间");
  kiosk.state().language = Language::English;
  kiosk.Frame();
  EXPECT_EQ(kiosk.Shown("review.what"), "More sorting bins, please; Change the collection times");
  ASSERT_TRUE(kiosk.Tap("report.submit"));
  ASSERT_EQ(kiosk.state().screen, Screen::ReportReceipt);
  const auto stored = store::FeedbackRepository(db.db()).FindByTicketCode(kiosk.vm().receipt->ticket_code);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->draft.kind, protocol::FeedbackKind::Suggestion);
  EXPECT_EQ(stored->draft.description, "希望增加分类垃圾桶；建议调整清运时间");  // Chinese for the platform
}

// A platform that sends no suggestion phrases (the hub today, a plain Open311 server): a suggestion gets
// the kiosk's general set from the translation files, never the category's complaints.
TEST(HeadlessFeedbackTest, ASuggestionWithoutPlatformPhrasesGetsTheGeneralSet) {
  TempKioskDb db;
  protocol::Service s;
  s.service_code = "lifts";
  s.service_name = "电梯";
  s.name_en = "Lifts";
  s.icon = "wrench";
  s.quick_phrases = {"电梯停运", "电梯异响"};
  ASSERT_TRUE(store::ServiceCatalogRepository(db.db()).Replace({s}, "\"v1\"", 1'764'000'000).ok());
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.suggestion"));
  ASSERT_TRUE(kiosk.Tap("report.service.lifts"));
  ASSERT_TRUE(kiosk.Tap("report.area.elevator"));
  EXPECT_EQ(ChipsShown(kiosk), static_cast<int>(std::size(keys::kGeneralSuggestionPhrases)));
  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  const Translations& zh = kiosk.translations().chinese;
  EXPECT_EQ(kiosk.Shown("review.what"),
            zh.Get(keys::SuggestionPhraseKey(keys::kGeneralSuggestionPhrases[0])));
  EXPECT_NE(kiosk.Shown("review.what"), "电梯停运");
}

// The chosen phrases are indices into the list shown: after a complaint's 4th phrase, going back and
// choosing 提建议 must not turn it into the 4th suggestion (nor, before, into a complaint on a suggestion).
TEST(HeadlessFeedbackTest, SwitchingBetweenComplaintAndSuggestionDropsThePhrasesOfTheOtherList) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.sanitation"));
  ASSERT_TRUE(kiosk.Tap("report.area.garbage"));
  EXPECT_EQ(ChipsShown(kiosk), 6);
  ASSERT_TRUE(kiosk.Tap("report.phrase.3"));
  for (Screen s : {Screen::ReportWhere, Screen::ReportCategory, Screen::ReportKind}) {
    ASSERT_TRUE(kiosk.Tap("nav.back"));
    ASSERT_EQ(kiosk.state().screen, s);
  }
  ASSERT_TRUE(kiosk.Tap("report.kind.suggestion"));
  ASSERT_TRUE(kiosk.Tap("report.service.sanitation"));
  ASSERT_TRUE(kiosk.Tap("report.area.garbage"));
  ASSERT_EQ(kiosk.state().screen, Screen::ReportWhat);
  EXPECT_TRUE(kiosk.state().report.phrases.empty());
  EXPECT_EQ(kiosk.state().FindTarget("report.next"), nullptr);  // nothing chosen for the suggestion yet
  ASSERT_TRUE(kiosk.Tap("report.phrase.2"));
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  ASSERT_TRUE(kiosk.Tap("report.kind.suggestion"));  // the same kind again: the choice is kept
  ASSERT_TRUE(kiosk.Tap("report.service.sanitation"));
  ASSERT_TRUE(kiosk.Tap("report.area.garbage"));
  EXPECT_EQ(kiosk.state().report.phrases, std::vector<int>{2});
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  EXPECT_EQ(kiosk.Shown("review.what"), "希望增加保洁频次");
}

TEST(HeadlessFeedbackTest, AFailedSubmitSaysSoAndLosesNothing) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.noise"));
  ASSERT_TRUE(kiosk.Tap("report.area.corridor"));
  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  // The disk goes read-only under the kiosk (as a full disk would refuse the write).
  ASSERT_TRUE(db.db().Exec("PRAGMA query_only = ON").ok());
  ASSERT_TRUE(kiosk.Tap("report.submit"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportReview);
  EXPECT_EQ(kiosk.state().report.error_key, keys::kReportErrorSave);
  EXPECT_EQ(kiosk.state().report.service_code, "noise");
  EXPECT_EQ(kiosk.state().report.phrases.size(), 1u);
  ASSERT_TRUE(db.db().Exec("PRAGMA query_only = OFF").ok());
  ASSERT_TRUE(kiosk.Tap("report.submit"));
  EXPECT_EQ(kiosk.state().screen, Screen::ReportReceipt);
}

TEST(HeadlessFeedbackTest, KnownCodeShowsOwnerAndReplyAndARatingOfOneReopensIt) {
  TempKioskDb db;
  const std::string code = ResolvedTicket(db.db(), protocol::NowUtc());
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  EXPECT_EQ(kiosk.state().screen, Screen::TrackCode);
  for (char c : code) {
    if (c == '-') continue;
    ASSERT_TRUE(kiosk.Tap(std::string("pad:") + c));
  }
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  ASSERT_EQ(kiosk.state().screen, Screen::TrackStatus);
  EXPECT_EQ(kiosk.Shown("ticket.owner"), "物业  ·  物业服务中心 张经理");
  EXPECT_EQ(kiosk.Shown("ticket.reply"), "已清运，并增加每日下午清运一次。");
  EXPECT_EQ(kiosk.Shown("ticket.status"), "已解决");
  EXPECT_FALSE(kiosk.Shown("ticket.promised").empty());
  EXPECT_EQ(kiosk.Shown("ticket.timeline_rows"), "4");  // submitted, delivered, assigned, resolved

  ASSERT_TRUE(kiosk.Tap("track.rate"));
  ASSERT_EQ(kiosk.state().screen, Screen::TrackRate);
  ASSERT_TRUE(kiosk.Tap("rate.score.1"));
  ASSERT_TRUE(kiosk.Tap("rate.quick.unresolved"));
  ASSERT_TRUE(kiosk.Tap("rate.submit"));
  ASSERT_EQ(kiosk.state().screen, Screen::TrackThanks);
  EXPECT_EQ(kiosk.Shown("rate.result"), kiosk.translations().chinese.Get(keys::kRateReopened));

  const auto ticket = store::FeedbackRepository(db.db()).FindByTicketCode(code);
  ASSERT_TRUE(ticket.has_value());
  ASSERT_TRUE(ticket->my_rating.has_value());
  EXPECT_EQ(*ticket->my_rating, 1);
  const auto pending = store::OutboxRepository(db.db()).Pending(10, protocol::NowUtc() + 1);
  ASSERT_EQ(pending.size(), 1u);  // the report was delivered; the rating waits
  EXPECT_EQ(pending.front().kind, store::OutboxKind::Rating);
}

TEST(HeadlessFeedbackTest, ATypoIsCaughtBeforeAnyLookupAndUnknownCodesAskTheHub) {
  TempKioskDb db;
  FakeSync sync;
  HeadlessKiosk kiosk(db.db(), {}, {.sync = &sync});
  const std::string valid = *protocol::MakeTicketCode({9, 1234});
  std::string typo = valid;
  typo.erase(4, 1);                      // "XXXXXXXX"
  typo[7] = typo[7] == 'Z' ? 'Y' : 'Z';  // a wrong check character
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  TapAll(kiosk, "pad:", typo);
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  EXPECT_EQ(kiosk.state().screen, Screen::TrackCode);
  EXPECT_EQ(kiosk.Shown("track.message"), "这个回执码好像输错了，请核对");
  EXPECT_TRUE(sync.lookups.empty());

  ASSERT_TRUE(kiosk.Tap("pad:clear"));
  std::string plain = valid;
  plain.erase(4, 1);
  TapAll(kiosk, "pad:", plain);
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  ASSERT_EQ(sync.lookups.size(), 1u);
  EXPECT_EQ(sync.lookups.front(), valid);
  EXPECT_EQ(kiosk.Shown("track.message"), "正在查询…");
  sync.answer = SyncControl::Lookup::Failed;
  kiosk.Frame();
  kiosk.Frame();
  EXPECT_EQ(kiosk.Shown("track.message"), "暂时无法联网查询，请稍后再试");
}

TEST(HeadlessFeedbackTest, WithoutAHubAnUnknownCodeSaysOfflineAtOnce) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  std::string code = *protocol::MakeTicketCode({3, 77});
  code.erase(4, 1);
  TapAll(kiosk, "pad:", code);
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  EXPECT_EQ(kiosk.Shown("track.message"), "暂时无法联网查询，请稍后再试");
}

TEST(HeadlessFeedbackTest, IdleCountdownThenTheDraftIsWipedAndTheKioskGoesHome) {
  TempKioskDb db;
  KioskControllerOptions options;
  options.idle_seconds = 5.0;
  options.idle_countdown_seconds = 2.0;
  HeadlessKiosk kiosk(db.db(), options, {.pinyin = true});
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.parking"));
  TapAll(kiosk, "pad:", "12");
  EXPECT_EQ(kiosk.state().report.building, "12");

  kiosk.Wait(5.5);
  kiosk.Frame();
  EXPECT_GE(kiosk.state().idle_since, 0.0);
  // A form is filled in: the countdown says it will be cleared (issue 16), not only where the kiosk goes.
  EXPECT_EQ(kiosk.Shown("idle.countdown"), "2 秒后将清除您填写的内容并返回首页");
  ASSERT_TRUE(kiosk.Tap("idle.continue"));  // still here: nothing lost
  EXPECT_LT(kiosk.state().idle_since, 0.0);
  EXPECT_EQ(kiosk.state().report.building, "12");
  EXPECT_EQ(kiosk.state().screen, Screen::ReportWhere);

  kiosk.Wait(5.5);
  kiosk.Frame();
  ASSERT_GE(kiosk.state().idle_since, 0.0);
  kiosk.Wait(2.5);
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  EXPECT_TRUE(kiosk.state().report.building.empty());
  EXPECT_FALSE(kiosk.state().report.service_code.size());
  EXPECT_TRUE(kiosk.controller().number_pad().text().empty());
  EXPECT_TRUE(kiosk.controller().keyboard().text().empty());
  EXPECT_LT(kiosk.state().idle_since, 0.0);
}

TEST(HeadlessFeedbackTest, IdleTimeoutTakesTheReceiptOffTheScreen) {
  TempKioskDb db;
  KioskControllerOptions options;
  options.idle_seconds = 3.0;
  options.idle_countdown_seconds = 1.0;
  HeadlessKiosk kiosk(db.db(), options);
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.other"));
  ASSERT_TRUE(kiosk.Tap("report.area.gate"));
  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  ASSERT_TRUE(kiosk.Tap("report.submit"));
  ASSERT_TRUE(kiosk.vm().receipt.has_value());
  kiosk.Wait(3.5);
  kiosk.Wait(1.5);
  kiosk.Frame();
  EXPECT_EQ(kiosk.state().screen, Screen::Home);
  EXPECT_FALSE(kiosk.vm().receipt.has_value());
}

TEST(HeadlessFeedbackTest, SearchShowsMatchingNoticesAsTheQueryChanges) {
  TempKioskDb db;
  const auto now = protocol::NowUtc();
  protocol::Notice water = MakeNotice("5号楼周二临时停水", now - 60, protocol::Priority::Urgent,
                                      "water_power", "管网检修，停水半天。");
  protocol::Notice power = MakeNotice("地下车库照明改造", now - 120, protocol::Priority::Normal, "community",
                                      "改造期间请注意安全，车库照明暂停。");
  protocol::Notice fire = MakeNotice("消防演练通知", now - 180, protocol::Priority::Important, "safety",
                                     "周五上午在小区广场举行，届时请勿惊慌。");
  for (auto* n : {&water, &power, &fire}) ASSERT_TRUE(db.notices().Upsert(*n).ok());
  HeadlessKiosk kiosk(db.db(), {}, {.pinyin = true});
  ASSERT_TRUE(kiosk.Tap("home.tile.notices"));
  ASSERT_TRUE(kiosk.Tap("board.search"));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeSearch);

  TypeAndChoose(kiosk, "tingshui", "停水");
  EXPECT_TRUE(kiosk.vm().search_results.empty());  // debounced: nothing yet
  kiosk.Wait(0.5);
  kiosk.Frame();
  ASSERT_EQ(kiosk.vm().search_results.size(), 1u);
  EXPECT_EQ(kiosk.vm().search_results.front().id, water.id);
  ASSERT_NE(kiosk.state().FindTarget("search.row." + water.id), nullptr);

  // One character, found in a body: 车 (车库).
  ASSERT_TRUE(kiosk.Tap("key:backspace"));
  ASSERT_TRUE(kiosk.Tap("key:backspace"));
  TypeAndChoose(kiosk, "che", "车");
  kiosk.Wait(0.5);
  kiosk.Frame();
  ASSERT_EQ(kiosk.vm().search_results.size(), 1u);
  EXPECT_EQ(kiosk.vm().search_results.front().id, power.id);

  ASSERT_TRUE(kiosk.Tap("search.row." + power.id));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeDetail);
  ASSERT_TRUE(kiosk.Tap("nav.back"));
  EXPECT_EQ(kiosk.state().screen, Screen::NoticeSearch);
}

TEST(HeadlessFeedbackTest, TopBarSaysOfflineOrHowManyWaitToBeSent) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());
  kiosk.Frame();
  EXPECT_EQ(kiosk.vm().sync.outbox_pending, 0);
  EXPECT_EQ(kiosk.translations().chinese.Get(keys::kSyncLocalOnly), "离线运行");
  store::FeedbackDraft d;
  d.service_code = "other";
  d.description = "x";
  ASSERT_TRUE(store::FeedbackRepository(db.db()).Submit(d, protocol::NowUtc(), 0).ok());
  kiosk.Frame();
  EXPECT_EQ(kiosk.vm().sync.outbox_pending, 1);
  // With no hub configured nothing is promised to go out: the bar says the kiosk runs on its own.
  EXPECT_EQ(kiosk.Shown("topbar.sync"), "离线运行");

  KioskControllerOptions with_hub;
  with_hub.hub_configured = true;
  HeadlessKiosk connected(db.db(), with_hub);
  connected.Frame();
  EXPECT_EQ(connected.Shown("topbar.sync"), "1 条待送达");
}
}  // namespace
}  // namespace ck::ui::testing

namespace ck::ui::testing {
namespace {

// Walks every report and track screen, in both text sizes, and checks each tap target: at least 72 px
// each way (DESIGN.md), inside the display, and Home/Back where they are on every other screen.
TEST(HeadlessFeedbackTest, EveryTargetOnTheNewScreensIsBigAndOnScreen) {
  TempKioskDb db;
  const std::string code = ResolvedTicket(db.db(), protocol::NowUtc());
  HeadlessKiosk kiosk(db.db(), {}, {.pinyin = true});
  for (bool large : {false, true}) {
    kiosk.controller().Handle({{ActionKind::GoHome, {}}}, kiosk.now, 0.0);
    kiosk.state().large_text = large;
    auto check = [&](const char* where) {
      kiosk.Frame();
      for (const TapTarget& t : kiosk.state().tap_targets) {
        EXPECT_GE(t.max.x - t.min.x, 72.0f) << where << " " << t.name;
        EXPECT_GE(t.max.y - t.min.y, 72.0f) << where << " " << t.name;
        EXPECT_GE(t.min.x, 0.0f) << where << " " << t.name;
        EXPECT_LE(t.max.x, 1920.0f) << where << " " << t.name;
        EXPECT_LE(t.max.y, 1080.0f) << where << " " << t.name;
      }
      ASSERT_NE(kiosk.state().FindTarget("nav.home"), nullptr) << where;
      ASSERT_NE(kiosk.state().FindTarget("nav.back"), nullptr) << where;
      ASSERT_NE(kiosk.state().FindTarget("toggle.language"), nullptr) << where;
    };
    ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
    check("kind");
    ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
    check("category");
    ASSERT_TRUE(kiosk.Tap("report.service.safety"));
    check("where");
    ASSERT_TRUE(kiosk.Tap("report.area.garage"));
    check("what");
    ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
    ASSERT_TRUE(kiosk.Tap("report.text"));
    TapAll(kiosk, "key:", "shequ");
    check("what with keyboard");
    ASSERT_TRUE(kiosk.Tap("report.next"));
    check("contact");
    ASSERT_TRUE(kiosk.Tap("report.contact.phone"));
    check("contact phone");
    ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
    check("review");
    ASSERT_TRUE(kiosk.Tap("nav.home"));
    check("discard question");
    ASSERT_TRUE(kiosk.Tap("discard.confirm"));
    ASSERT_TRUE(kiosk.Tap("home.tile.track"));
    check("track code");
    for (char c : code) {
      if (c == '-') continue;
      ASSERT_TRUE(kiosk.Tap(std::string("pad:") + c));
    }
    ASSERT_TRUE(kiosk.Tap("pad:confirm"));
    check("track status");
    ASSERT_TRUE(kiosk.Tap("track.rate"));
    check("rate");
  }
}

// Two unknown codes cost a resident nothing; from the third on, the next lookup waits (15 s, then 30 s …),
// going home does not reset it, and a kiosk left unused for the idle time starts a new session.
TEST(HeadlessFeedbackTest, RepeatedUnknownCodesInOneSessionSlowTheLookupDown) {
  TempKioskDb db;
  FakeSync sync;
  HeadlessKiosk kiosk(db.db(), {}, {.sync = &sync});
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  // The seconds a wait message names (taps take a little time, so 15 may already read 14).
  auto waited = [&]() -> int {
    const std::string m = kiosk.Shown("track.message");
    const std::string prefix = "查询次数较多，请 ";
    if (m.rfind(prefix, 0) != 0) return -1;
    return std::atoi(m.c_str() + prefix.size());
  };
  auto try_code = [&](std::uint32_t n) {
    ASSERT_TRUE(kiosk.Tap("pad:clear"));
    TapAll(kiosk, "pad:", *protocol::MakeTicketCode({9, 1000 + n}));
    ASSERT_TRUE(kiosk.Tap("pad:confirm"));
    if (sync.answer == SyncControl::Lookup::Pending) {
      sync.answer = SyncControl::Lookup::NotFound;
      kiosk.Frame();
      kiosk.Frame();
    }
  };
  const std::string not_found = kiosk.translations().chinese.Get(keys::kTrackCodeNotFound);
  for (std::uint32_t n = 1; n <= 3; ++n) {
    try_code(n);
    EXPECT_EQ(sync.lookups.size(), n);
    EXPECT_EQ(kiosk.Shown("track.message"), not_found) << n;
  }
  // The fourth, at once: no lookup, a wait.
  try_code(4);
  EXPECT_EQ(sync.lookups.size(), 3u);
  EXPECT_GE(waited(), 10) << kiosk.Shown("track.message");
  EXPECT_LE(waited(), 15) << kiosk.Shown("track.message");
  kiosk.Wait(16);
  try_code(4);
  EXPECT_EQ(sync.lookups.size(), 4u);
  // Home and back again: still the same session, now 30 s.
  ASSERT_TRUE(kiosk.Tap("nav.home"));
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  try_code(5);
  EXPECT_EQ(sync.lookups.size(), 4u);
  EXPECT_GE(waited(), 25) << kiosk.Shown("track.message");
  EXPECT_LE(waited(), 30) << kiosk.Shown("track.message");
  // Nobody touched it for the idle time: the next resident is not slowed.
  kiosk.Wait(KioskControllerOptions{}.idle_seconds + 1);
  kiosk.Frame();
  kiosk.Wait(KioskControllerOptions{}.idle_countdown_seconds + 1);
  kiosk.Frame();
  ASSERT_EQ(kiosk.state().screen, Screen::Home);
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  try_code(6);
  EXPECT_EQ(sync.lookups.size(), 5u);
  EXPECT_EQ(kiosk.Shown("track.message"), not_found);
}

// In English the track screen names the category in English (the services carry name_en).
TEST(HeadlessFeedbackTest, TheEnglishTrackScreenShowsTheEnglishCategoryName) {
  TempKioskDb db;
  const std::string code = ResolvedTicket(db.db(), protocol::NowUtc());
  HeadlessKiosk kiosk(db.db());
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  ASSERT_TRUE(kiosk.Tap("home.tile.track"));
  TapAll(kiosk, "pad:", code);
  ASSERT_TRUE(kiosk.Tap("pad:confirm"));
  ASSERT_EQ(kiosk.state().screen, Screen::TrackStatus);
  EXPECT_EQ(kiosk.Shown("ticket.heading"),
            code + kiosk.translations().english.Get(keys::kListSeparator) + "Sanitation");
  ASSERT_TRUE(kiosk.Tap("toggle.language"));
  kiosk.Frame();
  EXPECT_EQ(kiosk.Shown("ticket.heading"),
            code + kiosk.translations().chinese.Get(keys::kListSeparator) + "环境卫生");
}

}  // namespace
}  // namespace ck::ui::testing

namespace ck::ui::testing {
namespace {

// Issue 16: a kiosk with no hub configured still promised "网络恢复后自动送达"; nothing would ever send it.
TEST(HeadlessFeedbackTest, WithoutAHubTheReceiptPromisesNoDelivery) {
  TempKioskDb db;
  HeadlessKiosk kiosk(db.db());  // options.hub_configured is false
  ASSERT_TRUE(kiosk.Tap("home.tile.feedback"));
  ASSERT_TRUE(kiosk.Tap("report.kind.complaint"));
  ASSERT_TRUE(kiosk.Tap("report.service.repairs"));
  ASSERT_TRUE(kiosk.Tap("report.area.elevator"));
  ASSERT_TRUE(kiosk.Tap("report.phrase.0"));
  ASSERT_TRUE(kiosk.Tap("report.next"));
  ASSERT_TRUE(kiosk.Tap("report.contact.anonymous"));
  ASSERT_TRUE(kiosk.Tap("report.submit"));
  EXPECT_EQ(kiosk.Shown("receipt.delivery"), kiosk.translations().chinese.Get(keys::kReceiptLocalOnly));
}

}  // namespace
}  // namespace ck::ui::testing

// Screenshots of the report and track screens, from a scratch kiosk database in a temporary folder: the
// report submitted here must never reach the real kiosk's outbox (and so a hub).
//
// The ticket's later life (accepted, assigned, replied, resolved) is fixture data standing in for what a
// hub would send; it is not user-interface text.
#include <cstdio>
#include <random>

#include "app/platform/screenshot.h"
#include "app/store/feedback_repository.h"
#include "app/store/kiosk_database.h"
#include "app/store/outbox_repository.h"
#include "app/ui/controller/notice_source.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/journal_log.h"

namespace ck::platform {
namespace {

using ui::ActionKind;
using ui::UiAction;

UiAction Pad(char symbol) {
  UiAction a{ActionKind::NumberPadKey, {}};
  a.pad = symbol == '\n' ? input::NumberPadAction::Of(input::NumberPadAction::Kind::Confirm)
                         : input::NumberPadAction::Symbol(symbol);
  return a;
}

UiAction Phrase(int index) {
  UiAction a{ActionKind::ReportPhrase, {}};
  a.index = index;
  return a;
}

// What a hub would have said about the ticket by the time it was resolved. The report was made at
// `reported_at`; the hub received it a minute later and every step after that, up to an hour before `now`.
bool ResolveOnFixtureHub(store::KioskDatabase& db, const std::string& code, protocol::UnixSeconds reported_at,
                         protocol::UnixSeconds now) {
  store::OutboxRepository outbox(db);
  const auto pending = outbox.Pending(1, now + 1);
  if (pending.empty()) return false;
  protocol::SubmissionAck ack;
  ack.service_request_id = "screenshot-1";
  ack.ticket_code = code;
  const protocol::UnixSeconds received = reported_at + 60;
  if (!outbox.MarkDelivered(pending.front().id, ack, received)) return false;
  protocol::ServiceRequestStatus s;
  s.service_request_id = ack.service_request_id;
  s.ticket_code = code;
  s.service_code = "sanitation";
  s.service_name = "环境卫生";
  s.status = protocol::RequestStatus::Resolved;
  s.agency = protocol::Agency::PropertyCompany;
  s.agency_responsible = "物业服务中心 张经理";
  s.status_notes =
      "您好，3号楼2单元门口的垃圾已于当天下午清运完毕。我们已调整清运时间，每天上午、下午各清运一次，"
      "并在楼道口增加一个分类垃圾桶。如仍有问题，请随时反映。";
  s.requested_at = reported_at;
  s.updated_at = now - 3600;
  s.expected_at = now + 2 * 86400;
  s.history = {
      {received, protocol::RequestStatus::Submitted, std::nullopt, ""},
      {received + 1800, protocol::RequestStatus::Accepted, protocol::Agency::StreetOffice, ""},
      {received + 3600, protocol::RequestStatus::Assigned, protocol::Agency::PropertyCompany,
       "物业服务中心 张经理"},
      {received + 86400, protocol::RequestStatus::InProgress, protocol::Agency::PropertyCompany, ""},
      {now - 3600, protocol::RequestStatus::Resolved, protocol::Agency::PropertyCompany, "垃圾已清运"},
  };
  return store::FeedbackRepository(db).ApplyStatuses({s}).ok();
}

// A hub that knows none of the codes asked about: for the screen a kiosk shows after repeated unknown codes.
class NoSuchCodesHub : public ui::SyncControl {
 public:
  void RequestSyncNow() override {}
  void RequestTicketLookup(const std::string&) override {}
  Lookup LookupState(const std::string&) const override { return Lookup::NotFound; }
};

}  // namespace

int WriteFeedbackScreenshots(GLFWwindow* window, RenderSession& session, const std::filesystem::path& out_dir,
                             const ScreenshotInputs& inputs) {
  const auto scratch =
      std::filesystem::temp_directory_path() / ("ck-screenshots-" + std::to_string(std::random_device{}()));
  int failures = 0;
  {
    auto opened = store::KioskDatabase::Open(scratch / "kiosk.db");
    if (!opened || inputs.translations == nullptr) {
      log::Error("community-kiosk: no scratch database for the feedback screenshots");
      return 1;
    }
    std::unique_ptr<store::KioskDatabase> db = std::move(opened).value();
    ui::StoreNoticeSource notices(*db);
    ui::StoreFeedbackSource feedback(*db);
    ui::KioskControllerOptions options;
    options.share_base_url = inputs.share_base_url;
    // Offline on purpose: the receipt shows "saved — will be delivered when the network is back".
    ui::KioskController kiosk(notices, *inputs.translations, options,
                              ui::KioskServices{&feedback, nullptr, inputs.pinyin});
    // The resident reports three days before coming back to look the ticket up: the report screens run at
    // `reported_at`, the track screens at `now`, so the timeline reads 已提交, 已送达, … in order.
    const auto now = protocol::NowUtc();
    const auto reported_at = now - 3 * 86400;
    protocol::UnixSeconds clock = reported_at;
    kiosk.Reload(clock);
    session.UseController(kiosk);
    auto run = [&](std::vector<UiAction> actions) { kiosk.Handle(actions, clock, ImGui::GetTime()); };
    // One file per variant: Chinese, plus English and/or large text where layout changes most.
    auto shot = [&](const char* name, std::initializer_list<std::pair<ui::Language, bool>> variants) {
      for (const auto& [language, large] : variants) {
        kiosk.state().language = language;
        kiosk.state().large_text = large;
        std::string file = name;
        if (language == ui::Language::English) file += "_en";
        if (large) file += "_large";
        if (!CaptureScreen(window, session, kiosk, clock, out_dir / (file + ".png"))) ++failures;
      }
      kiosk.state().language = ui::Language::Chinese;
      kiosk.state().large_text = false;
    };
    const auto zh = std::pair{ui::Language::Chinese, false};
    const auto en = std::pair{ui::Language::English, false};
    const auto large = std::pair{ui::Language::Chinese, true};
    const auto en_large = std::pair{ui::Language::English, true};

    run({{ActionKind::OpenReport, {}}});
    shot("report_kind", {zh, en, large});
    // A suggestion offers suggestion phrases (希望增加…), not the category's complaints; then 首页 drops it.
    run({{ActionKind::ReportKind, "suggestion"},
         {ActionKind::ReportService, "sanitation"},
         {ActionKind::ReportArea, "garbage"},
         Phrase(0)});
    shot("report_what_suggestion", {zh, en, large});
    run({{ActionKind::GoHome, {}}, {ActionKind::DiscardForm, {}}, {ActionKind::OpenReport, {}}});
    run({{ActionKind::ReportKind, "complaint"}});
    shot("report_category", {zh, en, large});
    run({{ActionKind::ReportService, "sanitation"}, Pad('3'), Pad('\n'), Pad('2'), Pad('\n'), Pad('5')});
    shot("report_where", {zh, en_large, large});
    run({Pad('\n'), Phrase(0), Phrase(2)});
    shot("report_what", {zh, en, large});
    run({{ActionKind::ReportOpenKeyboard, {}}});
    if (inputs.pinyin != nullptr) TypePinyin(kiosk, "shequ", "", clock);
    shot("report_what_keyboard", {zh, large});
    if (inputs.pinyin != nullptr) {
      // Choose 社区, then close the keyboard: the field shows the typed words.
      const auto& c = kiosk.keyboard().state().pinyin.candidates;
      for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i] == "社区") {
          UiAction a{ActionKind::KeyboardKey, {}};
          a.key = input::KeyAction::Candidate(static_cast<int>(i));
          run({a});
          break;
        }
    }
    run({{ActionKind::ReportNext, {}}});
    shot("report_contact", {zh, en, large});
    run({{ActionKind::ReportLeavePhone, {}}});
    // Half typed: the resident must be able to check each digit as it goes in.
    for (char d : std::string("1381234")) run({Pad(d)});
    shot("report_contact_phone_partial", {zh, large});
    for (char d : std::string("1234")) run({Pad(d)});
    shot("report_contact_phone", {zh, large});
    run({Pad('\n')});
    shot("report_review", {zh, en, large});
    // 首页 mid-report asks before it discards anything.
    run({{ActionKind::GoHome, {}}});
    shot("discard_question", {zh, en, large});
    run({{ActionKind::KeepForm, {}}});
    // The "still there?" countdown over a filled form: it must say the form will be cleared.
    kiosk.state().idle_since = ImGui::GetTime();
    shot("idle_countdown_form", {zh, en, large});
    run({{ActionKind::IdleContinue, {}}});
    run({{ActionKind::ReportSubmit, {}}});
    const std::string code = kiosk.view_model().receipt ? kiosk.view_model().receipt->ticket_code : "";
    shot("report_receipt", {zh, en, large});

    // Track: the same ticket once a hub has resolved it.
    clock = now;
    if (code.empty() || !ResolveOnFixtureHub(*db, code, reported_at, now)) {
      log::Error("community-kiosk: no ticket for the track screenshots");
      ++failures;
    } else {
      kiosk.Reload(now);
      run({{ActionKind::OpenTrack, {}}});
      // Half typed first: the places still to fill must look empty.
      std::string half;
      for (char ch : code)
        if (ch != '-' && half.size() < 5) half += ch;
      for (char ch : half) run({Pad(ch)});
      shot("track_code_partial", {zh, large});
      UiAction clear{ActionKind::NumberPadKey, {}};
      clear.pad = input::NumberPadAction::Of(input::NumberPadAction::Kind::Clear);
      run({clear});
      for (char ch : code)
        if (ch != '-') run({Pad(ch)});
      shot("track_code", {zh, large});
      run({Pad('\n')});
      shot("track_status", {zh, en, en_large, large});
      run({{ActionKind::TrackRate, {}}});
      UiAction score{ActionKind::RateScore, {}};
      score.index = 2;
      run({score, {ActionKind::RateQuickComment, "slow"}});
      shot("track_rate", {zh, en, large});
      run({{ActionKind::RateSubmit, {}}});
      shot("track_thanks", {zh, large});
      // A typo caught by the check character: the same code with one symbol misread.
      run({{ActionKind::OpenTrack, {}}});
      std::string typo;
      for (char ch : code)
        if (ch != '-') typo += ch;
      typo[5] = typo[5] == 'X' ? 'K' : 'X';
      for (char ch : typo) run({Pad(ch)});
      run({Pad('\n')});
      shot("track_code_typo", {zh, en, large});

      // Three unknown codes in one session, then a fourth at once: the kiosk asks the resident to wait.
      NoSuchCodesHub no_such_codes;
      ui::KioskController guesser(notices, *inputs.translations, options,
                                  ui::KioskServices{&feedback, &no_such_codes, inputs.pinyin});
      guesser.Reload(now);
      session.UseController(guesser);
      guesser.Handle({{ActionKind::OpenTrack, {}}}, now, ImGui::GetTime());
      for (std::uint64_t n = 1; n <= 4; ++n) {
        std::vector<UiAction> typed{UiAction{ActionKind::NumberPadKey, {}}};
        typed.back().pad = input::NumberPadAction::Of(input::NumberPadAction::Kind::Clear);
        const std::string unknown = *protocol::MakeTicketCode({0, 0x1234'5678'9ull * n});
        for (char ch : unknown)
          if (ch != '-') typed.push_back(Pad(ch));
        typed.push_back(Pad('\n'));
        guesser.Handle(typed, now, ImGui::GetTime());
        guesser.Tick(now, ImGui::GetTime());
      }
      for (const auto& [language, big] : {zh, en, large}) {
        guesser.state().language = language;
        guesser.state().large_text = big;
        std::string file = "track_code_wait";
        if (language == ui::Language::English) file += "_en";
        if (big) file += "_large";
        if (!CaptureScreen(window, session, guesser, now, out_dir / (file + ".png"))) ++failures;
      }
      session.UseController(kiosk);
      // A report the platform refused: kept, and the track screen says whom to ask.
      store::FeedbackDraft refused_draft;
      refused_draft.service_code = "sanitation";
      refused_draft.service_name = "环境卫生";
      refused_draft.address_string = "5号楼1单元";
      refused_draft.description = "楼道灯不亮";
      const auto parts = protocol::ParseTicketCode(code);
      auto refused =
          store::FeedbackRepository(*db).Submit(refused_draft, now, parts ? parts->kiosk_number : 1);
      store::OutboxRepository outbox(*db);
      auto queued = outbox.Pending(100, now + 1);
      if (refused && !queued.empty() &&
          outbox.MarkRejected(queued.back().id, 400, "service_code: unknown", now)) {
        kiosk.Reload(now);
        run({{ActionKind::OpenTrack, {}}});
        for (char ch : refused->ticket_code)
          if (ch != '-') run({Pad(ch)});
        run({Pad('\n')});
        shot("track_refused", {zh, en, large});
      } else {
        ++failures;
      }
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  return failures;
}

}  // namespace ck::platform

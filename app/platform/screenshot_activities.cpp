// Screenshots of the activity calendar, an activity, each sign-up step and the receipt, from a scratch kiosk
// database holding the demo activities (a sign-up made here must never reach the real kiosk's outbox).
//
// The hub's answer to the sign-up (confirmed, or a place on the wait-list) is fixture data standing in for
// what a hub would send; it is not user-interface text.
#include <cstdio>
#include <map>
#include <random>

#include "app/platform/screenshot.h"
#include "app/store/activity_repository.h"
#include "app/store/demo_community.h"
#include "app/store/kiosk_database.h"
#include "app/store/outbox_repository.h"
#include "app/ui/controller/notice_source.h"
#include "app/ui/text/local_time.h"

namespace ck::platform {
namespace {

using ui::ActionKind;
using ui::UiAction;

// The local day (from today on, within five weeks) with the most activities: the demo's busy Saturday.
std::chrono::year_month_day BusiestDay(store::KioskDatabase& db, protocol::UnixSeconds now) {
  std::map<std::chrono::sys_days, int> per_day;
  for (const store::CalendarEntry& e : store::ActivityRepository(db).Between(now, now + 35 * 86400))
    if (!e.activity->cancelled) ++per_day[std::chrono::sys_days(ui::LocalDate(e.occurrence.start))];
  std::chrono::sys_days best = std::chrono::sys_days(ui::LocalDate(now));
  int most = 0;
  for (const auto& [day, n] : per_day)
    if (n > most) most = n, best = day;
  return std::chrono::year_month_day(best);
}

// The first occurrence of the activity titled `title` from `now` on.
std::optional<store::CalendarEntry> Find(store::KioskDatabase& db, protocol::UnixSeconds now, const std::string& title) {
  for (const store::CalendarEntry& e : store::ActivityRepository(db).Between(now, now + 120 * 86400))
    if (e.activity->title == title) return e;
  return std::nullopt;
}

UiAction Open(const store::CalendarEntry& e) {
  UiAction a{ActionKind::OpenActivity, e.activity->id};
  a.when = e.occurrence.original_start;
  return a;
}

UiAction Pad(char symbol) {
  UiAction a{ActionKind::NumberPadKey, {}};
  a.pad = symbol == '\n' ? input::NumberPadAction::Of(input::NumberPadAction::Kind::Confirm)
                         : input::NumberPadAction::Symbol(symbol);
  return a;
}

}  // namespace

int WriteActivityScreenshots(GLFWwindow* window, RenderSession& session, const std::filesystem::path& out_dir,
                             const ScreenshotInputs& inputs, const std::filesystem::path& demo_file) {
  const auto scratch =
      std::filesystem::temp_directory_path() / ("ck-activity-shots-" + std::to_string(std::random_device{}()));
  int failures = 0;
  {
    auto opened = store::KioskDatabase::Open(scratch / "kiosk.db");
    if (!opened || inputs.translations == nullptr) {
      std::fprintf(stderr, "community-kiosk: no scratch database for the activity screenshots\n");
      return 1;
    }
    std::unique_ptr<store::KioskDatabase> db = std::move(opened).value();
    const auto now = protocol::NowUtc();
    if (auto demo = store::ImportDemoCommunity(*db, demo_file, now); !demo || demo->activities_imported == 0) {
      std::fprintf(stderr, "community-kiosk: no demo activities for the screenshots\n");
      std::error_code ec;
      std::filesystem::remove_all(scratch, ec);
      return 1;
    }
    ui::StoreNoticeSource notices(*db);
    ui::StoreFeedbackSource feedback(*db);
    ui::StoreActivitySource activities(*db);
    ui::KioskControllerOptions options;
    options.share_base_url = inputs.share_base_url;
    options.hub_configured = true;  // a kiosk with a hub that is out of reach: "待确认", and the calendar's age
    ui::KioskController kiosk(notices, *inputs.translations, options,
                              ui::KioskServices{&feedback, nullptr, inputs.pinyin, nullptr, &activities});
    kiosk.Reload(now);
    session.UseController(kiosk);
    auto run = [&](std::vector<UiAction> actions) { kiosk.Handle(actions, now, ImGui::GetTime()); };
    auto shot = [&](const char* name, std::initializer_list<std::pair<ui::Language, bool>> variants) {
      for (const auto& [language, large] : variants) {
        if (kiosk.state().language != language) {
          kiosk.state().language = language;
          run({});  // the month's labels are made in the language shown
        }
        kiosk.state().large_text = large;
        std::string file = name;
        if (language == ui::Language::English) file += "_en";
        if (large) file += "_large";
        if (!CaptureScreen(window, session, kiosk, now, out_dir / (file + ".png"))) ++failures;
      }
      kiosk.state().language = ui::Language::Chinese;
      kiosk.state().large_text = false;
      run({});
    };
    const auto zh = std::pair{ui::Language::Chinese, false};
    const auto en = std::pair{ui::Language::English, false};
    const auto large = std::pair{ui::Language::Chinese, true};
    const auto en_large = std::pair{ui::Language::English, true};

    shot("activity_home", {zh, en, large});
    run({{ActionKind::OpenActivities, {}}});
    shot("activity_month", {zh, en, large, en_large});
    run({{ActionKind::ActivitySelectDay, ui::CalendarDateArgument(BusiestDay(*db, now))}});
    shot("activity_day_three", {zh, en});
    kiosk.state().large_text = true;
    run({{ActionKind::ActivityOpenDay, {}}});
    shot("activity_day_three", {large});
    run({{ActionKind::GoBack, {}}});
    kiosk.state().large_text = false;
    {
      UiAction next{ActionKind::ActivityMonthStep, {}};
      next.index = 1;
      run({next});
      shot("activity_month_next", {zh});
      next.index = 0;
      run({next});
    }
    const auto meeting = Find(*db, now, "街道与物业月度联席会议");
    const auto full = Find(*db, now, "老年人健康义诊");
    const auto cancelled = Find(*db, now, "消防安全知识讲座");
    const auto drive = Find(*db, now, "环境整治日：清理楼道杂物");
    if (!meeting || !full || !cancelled || !drive) {
      ++failures;
    } else {
      run({Open(*meeting)});
      shot("activity_detail", {zh, en, large});
      run({{ActionKind::GoBack, {}}, Open(*full)});
      shot("activity_detail_full", {zh});
      run({{ActionKind::GoBack, {}}, Open(*cancelled)});
      shot("activity_detail_cancelled", {zh, en});
      // Sign up for the sanitation drive: name in pinyin, phone, people, review, receipt.
      run({{ActionKind::GoBack, {}}, Open(*drive), {ActionKind::SignupStart, {}}});
      if (inputs.pinyin != nullptr) {
        TypePinyin(kiosk, "wang", "王", now);
        TypePinyin(kiosk, "ayi", "阿姨", now);
      } else {
        for (char ch : std::string("Wang")) {
          UiAction k{ActionKind::KeyboardKey, {}};
          k.key = input::KeyAction::Char(ch);
          run({k});
        }
      }
      shot("signup_name", {zh, large});
      // 首页 with a name typed asks before the sign-up is thrown away.
      run({{ActionKind::GoHome, {}}});
      shot("signup_discard_question", {zh, en});
      run({{ActionKind::KeepForm, {}}});
      run({{ActionKind::SignupNext, {}}});
      for (char d : std::string("1381234")) run({Pad(d)});
      shot("signup_phone_partial", {zh});
      for (char d : std::string("5678")) run({Pad(d)});
      shot("signup_phone", {zh, large});
      run({Pad('\n')});
      shot("signup_people", {zh, en, large});
      UiAction two{ActionKind::SignupPeople, {}};
      two.index = 2;
      run({two});
      shot("signup_review", {zh, en, large});
      run({{ActionKind::SignupSubmit, {}}});
      shot("signup_receipt_pending", {zh, en, large});
      // The hub's answer arrives while the receipt shows: it switches in place.
      store::OutboxRepository outbox(*db);
      const auto queued = outbox.Pending(10, now + 1);
      if (queued.empty() || !kiosk.view_model().signup) {
        ++failures;
      } else {
        protocol::SignupStatus answer;
        answer.code = kiosk.view_model().signup->code;
        answer.activity_id = drive->activity->id;
        answer.occurrence = drive->occurrence.original_start;
        answer.people = 2;
        answer.state = protocol::SignupState::Confirmed;
        answer.updated_at = now;
        if (!outbox.MarkSignupDelivered(queued.back().id, answer)) ++failures;
        kiosk.Reload(now);
        shot("signup_receipt_confirmed", {zh, en});
        // Later, on 查询进度: the same code, now on the wait-list after a change at the hub.
        answer.state = protocol::SignupState::Waitlisted;
        answer.waitlist_position = 2;
        answer.updated_at = now + 60;
        (void)store::SignupRepository(*db).StoreStatuses({answer});
        run({{ActionKind::GoHome, {}}, {ActionKind::OpenTrack, {}}});
        for (char ch : answer.code)
          if (ch != '-') run({Pad(ch)});
        run({Pad('\n')});
        shot("track_signup", {zh, en, large});
        run({{ActionKind::SignupCancel, {}}});
        shot("track_signup_cancel_offline", {zh});
      }
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  return failures;
}

}  // namespace ck::platform

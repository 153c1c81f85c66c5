// Reloading the view model, carrying out actions and deciding when the next frame is due.
#include "app/ui/controller/kiosk_controller.h"

#include <algorithm>
#include <cmath>

#include "app/calendar/lunar_calendar.h"
#include "app/ui/shell/screens.h"
#include "app/ui/text/activity_keys.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"
#include "sync/protocol/ticket_code.h"

namespace ck::ui {
namespace {

// Free text is a few words next to the quick phrases; the store allows more, the screen shows this much.
constexpr std::size_t kFreeTextCodepoints = 200;

NoticeRowView ToRow(store::NoticeSummary& s) {  // moves the strings out: 10,000 rows, no second copy
  return NoticeRowView{
      std::move(s.id), ToDisplayUtf8(s.title), s.publisher, std::move(s.category), s.priority,
      s.pinned,        s.published_at,         s.expires_at};
}

}  // namespace

KioskController::KioskController(const NoticeSource& source, const TranslationSet& translations,
                                 KioskControllerOptions options, KioskServices services)
    : source_(source), translations_(translations), options_(std::move(options)), services_(services) {
  keyboard_ = std::make_unique<input::KeyboardModel>(services_.pinyin, kFreeTextCodepoints);
  state_.language = options_.language;
  state_.large_text = options_.large_text;
  while (!options_.share_base_url.empty() && options_.share_base_url.back() == '/')
    options_.share_base_url.pop_back();
}

KioskController::~KioskController() = default;

void KioskController::Reload(protocol::UnixSeconds now) {
  // Read the counter first: a change landing during the queries below is then seen on the next check.
  loaded_counter_ = source_.ChangeCounter();
  vm_.community_name = ToDisplayUtf8(options_.community_name);
  vm_.community_name_en = ToDisplayUtf8(options_.community_name_en);
  vm_.notices.clear();
  for (store::NoticeSummary& s : source_.ListLive(now)) vm_.notices.push_back(ToRow(s));
  vm_.categories = source_.CategoriesInUse(now);
  vm_.urgent.clear();
  for (store::NoticeSummary& s : source_.ListUrgent(now)) vm_.urgent.push_back(ToRow(s));
  const store::SyncStatus sync = source_.LastSync();
  vm_.sync.hub_configured = options_.hub_configured;
  vm_.sync.last_success_at = sync.last_success_at;
  vm_.sync.offline = !sync.last_error.empty();
  if (services_.feedback != nullptr) {
    vm_.sync.outbox_pending = services_.feedback->PendingOutbox();
    vm_.sync.outbox_refused = services_.feedback->RefusedOutbox();
    vm_.services.clear();
    for (protocol::Service& s : services_.feedback->Services().services) {
      ServiceView v{
          s.service_code, ToDisplayUtf8(s.service_name), ToDisplayUtf8(s.name_en), s.icon, {}, {}, {}, {}};
      for (const std::string& p : s.quick_phrases) v.phrases.push_back(ToDisplayUtf8(p));
      for (const std::string& p : s.quick_phrases_en) v.phrases_en.push_back(ToDisplayUtf8(p));
      for (const std::string& p : s.suggestion_phrases) v.suggestion_phrases.push_back(ToDisplayUtf8(p));
      for (const std::string& p : s.suggestion_phrases_en)
        v.suggestion_phrases_en.push_back(ToDisplayUtf8(p));
      if (v.suggestion_phrases.empty()) {
        // The platform has none for this category: a suggestion still gets suggestion phrases, never the
        // complaint ones.
        v.suggestion_phrases_en.clear();
        for (const char* code : keys::kGeneralSuggestionPhrases) {
          v.suggestion_phrases.push_back(translations_.chinese.Get(keys::SuggestionPhraseKey(code)));
          v.suggestion_phrases_en.push_back(translations_.english.Get(keys::SuggestionPhraseKey(code)));
        }
      }
      vm_.services.push_back(std::move(v));
    }
    RefreshReceipt();  // "saved" becomes "delivered" while the receipt is on screen
    if (state_.screen == Screen::TrackStatus || state_.screen == Screen::TrackRate)
      ShowTicket(state_.track.code);
  }
  vm_.loaded_at = now;
  vm_.next_time_boundary = source_.NextTimeBoundary(now);

  if (std::find(vm_.categories.begin(), vm_.categories.end(), state_.board_category) == vm_.categories.end())
    state_.board_category.clear();
  RebuildBoardRows();
  ReloadActivities(now);
  if (state_.screen == Screen::NoticeDetail && !LoadDetail(state_.open_notice_id, now)) {
    // Expired or withdrawn while on screen: back to the board, saying why.
    state_.screen = Screen::NoticeBoard;
    state_.open_notice_id.clear();
    vm_.detail.reset();
    state_.toast_key = std::string(keys::kDetailGone);
    toast_pending_ = true;
  }
  RecomputeGlyphNeeds();
}

bool KioskController::RefreshIfStale(protocol::UnixSeconds now) {
  const bool changed = source_.ChangeCounter() != loaded_counter_;
  const bool time_passed = vm_.next_time_boundary && now >= *vm_.next_time_boundary;
  if (!changed && !time_passed) return false;
  Reload(now);
  return true;
}

bool KioskController::LoadDetail(const std::string& id, protocol::UnixSeconds now) {
  const std::optional<protocol::Notice> n = source_.Get(id);
  if (!n || !n->IsLiveAt(now)) return false;
  NoticeDetailView d;
  d.summary = NoticeRowView{n->id,     ToDisplayUtf8(n->title), n->publisher, n->category, n->priority,
                            n->pinned, n->published_at,         n->expires_at};
  d.body = MakeDisplayText(n->body);
  d.audience = ToDisplayUtf8(n->audience);
  if (!options_.share_base_url.empty()) {
    d.share_url = options_.share_base_url + "/notices/" + n->id;
    // Same notice, same revision: keep the matrix already made.
    d.qr = vm_.detail && vm_.detail->share_url == d.share_url ? vm_.detail->qr : EncodeQr(d.share_url);
  }
  vm_.detail = std::move(d);
  state_.open_notice_id = id;
  return true;
}

void KioskController::RebuildBoardRows() {
  state_.board_rows.clear();
  for (std::size_t i = 0; i < vm_.notices.size(); ++i) {
    if (state_.board_category.empty() || vm_.notices[i].category == state_.board_category)
      state_.board_rows.push_back(static_cast<int>(i));
  }
}

void KioskController::RecomputeGlyphNeeds() {
  GlyphNeeds n;
  for (const Translations* t : {&translations_.chinese, &translations_.english})
    for (const auto& [key, value] : t->All()) n.heading.AddUtf8(value);
  n.heading.AddUtf8(vm_.community_name);
  n.heading.AddUtf8(vm_.community_name_en);
  n.title = n.heading;
  for (const NoticeRowView& r : vm_.notices) n.title.AddUtf8(r.title);
  AddFeedbackGlyphs(n);
  AddActivityGlyphs(n);
  n.body = n.title;
  if (vm_.detail) {
    for (char32_t cp : vm_.detail->body.codepoints) n.body.Add(cp);
    n.body.AddUtf8(vm_.detail->audience);
  }
  needs_ = std::move(n);
}

GlyphNeeds KioskController::NeededGlyphs() const {
  // The panel may open over any screen: every translation (needs_) is in its atlas.
  if (!panel_.open() && (state_.screen == Screen::Home || state_.screen == Screen::ComingSoon))
    return HomeGlyphs();
  GlyphNeeds n = needs_;
  // Key labels (every letter of the keyboard and the ticket pad) and masked phones ('*') are drawn at the
  // title size: all of printable ASCII, whatever the translations happen to use.
  n.title.AddRange(0x20, 0x7E);
  n.heading.AddRange(0x20, 0x7E);
  // The ticket code is drawn at the clock's size on the receipt and track screens.
  for (char c : protocol::kTicketAlphabet) n.clock.Add(static_cast<unsigned char>(c));
  n.clock.Add('-');
  // The candidates the keyboard may offer: ImGui's 2,500 common simplified characters at the body size
  // (the candidate bar's font), baked only while a keyboard shows.
  // Candidates outside it are hidden by the keyboard, so what was typed is always drawable; it is added
  // for text that came back from a draft.
  n.body.AddUtf8(keyboard_->text());
  n.body.AddUtf8(keyboard_->state().pinyin.preedit);
  if (KeyboardShown()) {
    ImFontAtlas ranges_only;  // GetGlyphRangesChineseSimplifiedCommon reads a static table
    n.body.AddImGuiRanges(ranges_only.GetGlyphRangesChineseSimplifiedCommon());
  }
  return n;
}

GlyphNeeds KioskController::HomeGlyphs() const {
  GlyphSet home;
  const Translations& tr = translations();
  for (std::string_view key : {keys::kNavHome,
                               keys::kNavBack,
                               keys::kToggleLanguage,
                               keys::kToggleLargeText,
                               keys::kToggleNormalText,
                               keys::kSyncLast,
                               keys::kSyncOffline,
                               keys::kSyncNever,
                               keys::kSyncLocalOnly,
                               keys::kSyncPending,
                               keys::kSyncRefused,
                               keys::kHomeTileNotices,
                               keys::kHomeTileActivities,
                               keys::kHomeTileFeedback,
                               keys::kHomeTileTrack,
                               keys::kHomeTileNoticesHint,
                               keys::kHomeTileActivitiesHint,
                               keys::kHomeTileFeedbackHint,
                               keys::kHomeTileTrackHint,
                               keys::kHomeUrgentLabel,
                               keys::kHomeUrgentMore,
                               keys::kCommunityDefaultName,
                               keys::kFormatHomeDate,
                               keys::kFormatDate,
                               keys::kFormatTime,
                               keys::kComingSoonTitle,
                               keys::kComingSoonBody,
                               keys::kDetailGone,
                               keys::kActivityHomeToday,
                               keys::kActivityHomeTomorrow,
                               keys::kActivityAllDay,
                               keys::kActivityCancelled,
                               keys::kActivityJoint,
                               keys::kActivityMultiDay,
                               keys::kActivityTimeRange,
                               keys::kActivityDayHeading})
    home.AddUtf8(tr.Get(key));
  for (const ActivityRowView& r : vm_.home_activities) {
    home.AddUtf8(r.title);
    home.AddUtf8(r.place);
  }
  home.AddRange('0', '9');
  home.Add(':');
  home.Add(0x2013);  // the en dash of a time range
  for (int d = 0; d < 7; ++d) home.AddUtf8(tr.Get(keys::WeekdayKey(d)));
  for (int m = 1; m <= 12; ++m) home.AddUtf8(tr.Get(keys::MonthKey(m)));
  home.AddUtf8(vm_.community_name);
  home.AddUtf8(vm_.community_name_en);
  for (const NoticeRowView& r : vm_.urgent) home.AddUtf8(r.title);
  return GlyphNeeds{home, home, home, {}};
}

void KioskController::ShowToast(std::string_view key, double time) {
  state_.toast_key = std::string(key);
  state_.toast_until = time + options_.toast_seconds;
  toast_pending_ = false;
}

void KioskController::Handle(const std::vector<UiAction>& actions, protocol::UnixSeconds now, double time) {
  if (toast_pending_) ShowToast(state_.toast_key, time);
  if (!actions.empty()) state_.last_input_time = std::max(state_.last_input_time, time);
  if (!actions.empty()) panel_.Touch(time);
  for (const UiAction& a : actions)
    if (!HandleMaintenance(a, now, time) && !HandleActivities(a, now, time)) HandleOne(a, now, time);
  FlushMaintenanceAudit();
  if (state_.screen != Screen::NoticeDetail && vm_.detail) {
    vm_.detail.reset();  // its body's glyphs may leave the atlas at the next rebuild
    state_.open_notice_id.clear();
  }
  if (!IsActivityScreen(state_.screen) && (vm_.month || vm_.activity)) {
    vm_.month.reset();
    vm_.activity.reset();
    RecomputeGlyphNeeds();
  } else if (vm_.month && vm_.month->english != (state_.language == Language::English)) {
    RebuildMonth(now);  // the cells' labels are made in the language shown
  }
}

void KioskController::GoBack() {
  switch (state_.screen) {
    case Screen::NoticeDetail:
      state_.screen = state_.detail_return;
      return;
    case Screen::NoticeSearch:
      state_.screen = Screen::NoticeBoard;
      return;
    case Screen::ReportCategory:
      return EnterReportStep(Screen::ReportKind);
    case Screen::ReportWhere:
      return EnterReportStep(Screen::ReportCategory);
    case Screen::ReportWhat:
      return EnterReportStep(Screen::ReportWhere);
    case Screen::ReportContact:
      return EnterReportStep(Screen::ReportWhat);
    case Screen::ReportReview:
      return EnterReportStep(Screen::ReportContact);
    case Screen::TrackStatus:
      OpenTrack();
      return;
    case Screen::TrackRate:
    case Screen::TrackThanks:
      ShowTicket(state_.track.code);
      state_.screen = Screen::TrackStatus;
      return;
    case Screen::TrackSignup:
      OpenTrack();
      return;
    case Screen::ActivityDay:
      state_.screen = Screen::ActivityMonth;
      return;
    case Screen::ActivityDetail:
      state_.screen = activity_return_;
      if (state_.screen == Screen::Home) WipeForms();
      return;
    case Screen::SignupName:
      state_.signup = {};
      keyboard_->Reset();
      state_.screen = Screen::ActivityDetail;
      return;
    case Screen::SignupPhone:
      return EnterSignupStep(Screen::SignupName);
    case Screen::SignupPeople:
      return EnterSignupStep(Screen::SignupPhone);
    case Screen::SignupReview:
      return EnterSignupStep(Screen::SignupPeople);
    default:
      WipeForms();
      state_.screen = Screen::Home;
  }
}

void KioskController::WipeForms() {
  state_.report = {};
  state_.track = {};
  state_.search = {};
  keyboard_->Reset();
  pad_ = input::NumberPadModel(input::NumberPadKind::Digits, 3);
  vm_.receipt.reset();
  vm_.ticket.reset();
  vm_.search_results.clear();
  state_.signup = {};
  state_.signup_track = {};
  vm_.signup.reset();
  vm_.month.reset();
  vm_.activity.reset();
  state_.idle_since = -1.0;
  state_.confirm_discard = false;
}

void KioskController::ResetForNextResident() {
  state_.language = Language::Chinese;
  state_.large_text = false;
  state_.board_category.clear();
  state_.board_scroll = TouchScroll{};
  state_.detail_scroll = TouchScroll{};
  state_.track_scroll = TouchScroll{};
  state_.search_scroll = TouchScroll{};
  state_.activities = {};
  state_.confirm_discard = false;
  RebuildBoardRows();
  StartKeyboard();
}

void KioskController::StartKeyboard() {
  keyboard_->StartIn(state_.language == Language::English ? input::KeyboardMode::English
                                                          : input::KeyboardMode::Chinese);
}

bool KioskController::ReportInProgress() const {
  switch (state_.screen) {
    case Screen::ReportCategory:
    case Screen::ReportWhere:
    case Screen::ReportWhat:
    case Screen::ReportContact:
    case Screen::ReportReview:
      return true;  // a kind was chosen to get here
    default:
      return false;
  }
}

bool KioskController::FormInProgress() const {
  if (ReportInProgress() || SignupInProgress()) return true;
  switch (state_.screen) {
    case Screen::TrackCode:
      return !pad_.text().empty();
    case Screen::TrackRate:
      return state_.track.score > 0 || !state_.track.quick_comment.empty();
    case Screen::NoticeSearch:
      return !keyboard_->text().empty() || !keyboard_->state().pinyin.preedit.empty();
    default:
      return false;
  }
}

void KioskController::HandleOne(const UiAction& a, protocol::UnixSeconds now, double time) {
  switch (a.kind) {
    case ActionKind::GoHome:
      // Leaving a half-filled report or sign-up by 首页 asks first: one stray tap must not lose a
      // resident's typing.
      if (ReportInProgress() || SignupInProgress()) {
        state_.confirm_discard = true;
        break;
      }
      WipeForms();
      state_.screen = Screen::Home;
      break;
    case ActionKind::DiscardForm:
      WipeForms();
      state_.screen = Screen::Home;
      break;
    case ActionKind::KeepForm:
      state_.confirm_discard = false;
      break;
    case ActionKind::SearchOpenKeyboard:
      state_.search.keyboard_open = true;
      break;
    case ActionKind::GoBack:
      GoBack();
      break;
    case ActionKind::OpenBoard:
      state_.screen = Screen::NoticeBoard;
      state_.board_category.clear();
      state_.board_scroll = TouchScroll{};
      RebuildBoardRows();
      break;
    case ActionKind::OpenComingSoon:
      state_.screen = Screen::ComingSoon;
      state_.coming_soon = a.feature;
      break;
    case ActionKind::OpenNotice:
      if (LoadDetail(a.argument, now)) {
        if (state_.screen != Screen::NoticeDetail) state_.detail_return = state_.screen;
        state_.screen = Screen::NoticeDetail;
        state_.detail_scroll = TouchScroll{};
        RecomputeGlyphNeeds();
      } else {
        ShowToast(keys::kDetailGone, time);
        Reload(now);
      }
      break;
    case ActionKind::SelectCategory:
      state_.board_category = a.argument;
      state_.board_scroll = TouchScroll{};
      RebuildBoardRows();
      break;
    case ActionKind::ToggleLanguage:
    case ActionKind::ToggleLargeText:
      // An elderly finger often taps twice: a second flip within the double-tap time would undo the first,
      // and the resident would see nothing happen.
      {
        double& toggled_at = a.kind == ActionKind::ToggleLargeText ? state_.large_text_toggled_at
                                                                   : state_.language_toggled_at;
        if (time - toggled_at < kToggleDoubleTapSeconds) break;
        toggled_at = time;
        // The double-tap time runs again from when the flip is on screen (the frame after this one's): on a
        // slow kiosk (the new size's fonts take a moment) a second tap made before the resident saw anything
        // must not count as a new one.
        toggle_shown_at_ = &toggled_at;
        toggle_frames_before_shown_ = 1;
      }
      if (a.kind == ActionKind::ToggleLargeText)
        state_.large_text = !state_.large_text;
      else
        state_.language = state_.language == Language::Chinese ? Language::English : Language::Chinese;
      break;
    case ActionKind::OpenSearch:
      OpenSearch();
      break;
    case ActionKind::OpenReport:
      if (services_.feedback == nullptr) {
        state_.screen = Screen::ComingSoon;
        state_.coming_soon = Feature::Feedback;
      } else {
        OpenReport();
      }
      break;
    case ActionKind::OpenTrack:
      if (services_.feedback == nullptr) {
        state_.screen = Screen::ComingSoon;
        state_.coming_soon = Feature::Track;
      } else {
        OpenTrack();
      }
      break;
    case ActionKind::GoToScreen:
      EnterReportStep(a.screen);
      break;
    case ActionKind::ReportKind: {
      // The phrases chosen index the list shown for the old kind: another kind shows another list.
      const std::optional<protocol::FeedbackKind> kind = protocol::ParseFeedbackKind(a.argument);
      if (state_.report.kind != kind) state_.report.phrases.clear();
      state_.report.kind = kind;
      EnterReportStep(Screen::ReportCategory);
      break;
    }
    case ActionKind::ReportService:
      if (state_.report.service_code != a.argument) state_.report.phrases.clear();
      state_.report.service_code = a.argument;
      EnterReportStep(Screen::ReportWhere);
      break;
    case ActionKind::ReportWhereField: {
      ReportDraft& r = state_.report;
      r.where_field = a.argument == "unit"    ? WhereField::Unit
                      : a.argument == "floor" ? WhereField::Floor
                                              : WhereField::Building;
      r.common_area.clear();
      EnterReportStep(Screen::ReportWhere);  // the pad now edits this field
      break;
    }
    case ActionKind::ReportArea:
      state_.report.common_area = a.argument;
      state_.report.building.clear();
      state_.report.unit.clear();
      state_.report.floor.clear();
      EnterReportStep(Screen::ReportWhat);
      break;
    case ActionKind::ReportPhrase: {
      std::vector<int>& p = state_.report.phrases;
      if (auto it = std::find(p.begin(), p.end(), a.index); it != p.end())
        p.erase(it);
      else
        p.push_back(a.index);
      break;
    }
    case ActionKind::ReportOpenKeyboard:
      state_.report.keyboard_open = true;
      break;
    case ActionKind::ReportAnonymous:
      state_.report.leave_phone = false;
      state_.report.phone.clear();
      EnterReportStep(Screen::ReportReview);
      break;
    case ActionKind::ReportLeavePhone:
      state_.report.leave_phone = true;
      EnterReportStep(Screen::ReportContact);
      break;
    case ActionKind::ReportNext:
      ReportNext(now);
      break;
    case ActionKind::ReportSubmit:
      SubmitReport(now);
      break;
    case ActionKind::TrackRate:
      state_.track.score = 0;
      state_.track.quick_comment.clear();
      state_.track.error_key.clear();
      state_.screen = Screen::TrackRate;
      break;
    case ActionKind::RateScore:
      state_.track.score = a.index;
      if (!keys::RateQuickFits(state_.track.quick_comment, a.index)) state_.track.quick_comment.clear();
      break;
    case ActionKind::RateQuickComment:
      state_.track.quick_comment = state_.track.quick_comment == a.argument ? std::string() : a.argument;
      break;
    case ActionKind::RateSubmit:
      SubmitRating(now);
      break;
    case ActionKind::KeyboardKey:
      ApplyKey(a.key, time);
      break;
    case ActionKind::NumberPadKey:
      if (state_.screen == Screen::SignupPhone)
        ApplySignupPad(a.pad, now);
      else if (state_.screen == Screen::TrackCode)
        ApplyTrackPad(a.pad, time);
      else
        ApplyReportPad(a.pad, now);
      break;
    case ActionKind::IdleContinue:
      state_.idle_since = -1.0;
      state_.last_input_time = time;
      break;
    case ActionKind::OpenActivities:
    case ActionKind::ActivityMonthStep:
    case ActionKind::ActivitySelectDay:
    case ActionKind::ActivityOpenDay:
    case ActionKind::OpenActivity:
    case ActionKind::SignupStart:
    case ActionKind::SignupPeople:
    case ActionKind::SignupNext:
    case ActionKind::SignupSubmit:
    case ActionKind::SignupOpenKeyboard:
    case ActionKind::SignupCancel:
      break;  // HandleActivities (kiosk_controller_activities.cpp)
    case ActionKind::MaintenanceHold:
    case ActionKind::MaintenanceSyncNow:
    case ActionKind::MaintenanceScreenTest:
    case ActionKind::MaintenanceCorner:
    case ActionKind::MaintenanceBack:
    case ActionKind::MaintenanceRestart:
    case ActionKind::MaintenanceClose:
      break;  // HandleMaintenance (kiosk_controller_maintenance.cpp)
  }
}

bool KioskController::KeyboardShown() const {
  return (state_.screen == Screen::NoticeSearch && state_.search.keyboard_open) ||
         (state_.screen == Screen::ReportWhat && state_.report.keyboard_open) ||
         (state_.screen == Screen::SignupName && state_.signup.keyboard_open);
}

void KioskController::AddFeedbackGlyphs(GlyphNeeds& n) const {
  GlyphSet text;
  for (const ServiceView& s : vm_.services) {
    text.AddUtf8(s.name);
    text.AddUtf8(s.name_en);
    for (const std::string& p : s.phrases) text.AddUtf8(p);
    for (const std::string& p : s.phrases_en) text.AddUtf8(p);
    for (const std::string& p : s.suggestion_phrases) text.AddUtf8(p);
    for (const std::string& p : s.suggestion_phrases_en) text.AddUtf8(p);
  }
  text.AddUtf8(state_.report.free_text);
  if (vm_.ticket) {
    const TicketStatusView& t = *vm_.ticket;
    for (const std::string* s : {&t.service_name, &t.address, &t.description}) text.AddUtf8(*s);
    for (char32_t cp : t.reply.codepoints) text.Add(cp);
    if (t.status) {
      text.AddUtf8(t.status->agency_responsible);
      text.AddUtf8(t.status->service_name);
      for (const protocol::StatusEvent& e : t.status->history) text.AddUtf8(e.note);
    }
  }
  n.heading.AddAll(text);
  n.title.AddAll(text);
  n.body.AddAll(text);
}

double KioskController::SecondsUntilNextWake(protocol::UnixSeconds now, double time) const {
  double wait = SecondsToNextMinute(now);
  if (vm_.next_time_boundary)
    wait = std::min(wait,
                    static_cast<double>(std::max<protocol::UnixSeconds>(0, *vm_.next_time_boundary - now)));
  if (!state_.toast_key.empty() && state_.toast_until > time)
    wait = std::min(wait, state_.toast_until - time);
  if (state_.screen != Screen::Home) {
    if (state_.idle_since >= 0.0)  // the countdown's next second
      wait = std::min(wait, 1.0 - std::fmod(time - state_.idle_since, 1.0));
    else
      wait = std::min(wait, state_.last_input_time + options_.idle_seconds - time);
  }
  if (state_.search.due_at >= 0.0) wait = std::min(wait, state_.search.due_at - time);
  if (!state_.track.pending_code.empty()) wait = std::min(wait, 0.5);  // the lookup's answer
  if (state_.signup_track.cancelling) wait = std::min(wait, 0.5);     // the cancel's answer
  // The hold gesture completes with the finger still down, and the open panel counts its lock-out wait,
  // the sync age and its auto-close by the second.
  if (const float hold = panel_.HoldProgress(time); hold > 0.0f)
    wait = std::min(wait, std::min(0.25, (1.0 - hold) * maintenance::kHoldSeconds));
  if (panel_.open()) wait = std::min(wait, std::min(1.0, panel_.SecondsUntilAutoClose(time)));
  if (panel_.checking_pin()) wait = std::min(wait, 0.05);  // the PIN check's answer
  return std::max(0.0, wait);
}

FrameOutput KioskController::DrawFrame(const Theme& theme, const KioskFonts& fonts, protocol::UnixSeconds now,
                                       double time) {
  if (toast_pending_) ShowToast(state_.toast_key, time);
  InputModels input;
  if (KeyboardShown()) input.keyboard = keyboard_.get();
  if (state_.screen == Screen::TrackCode || state_.screen == Screen::ReportWhere ||
      state_.screen == Screen::SignupPhone ||
      (state_.screen == Screen::ReportContact && state_.report.leave_phone))
    input.pad = &pad_;
  const double left =
      state_.idle_since >= 0.0 ? options_.idle_countdown_seconds - (time - state_.idle_since) : 0.0;
  FrameContext ctx{vm_, translations(), theme, fonts, now, time, input, left, FormInProgress()};
  if (services_.maintenance != nullptr) {
    ctx.panel = &panel_;
    ctx.panel_facts = &panel_facts_;
  }
  return DrawKioskFrame(state_, ctx);
}

}  // namespace ck::ui

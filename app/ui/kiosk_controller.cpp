// Reloading the view model, carrying out actions and deciding when the next frame is due.
#include "app/ui/kiosk_controller.h"

#include <algorithm>

#include "app/ui/local_time.h"
#include "app/ui/screens.h"
#include "app/ui/text_keys.h"

namespace ck::ui {
namespace {

NoticeRowView ToRow(store::NoticeSummary& s) {  // moves the strings out: 10,000 rows, no second copy
  return NoticeRowView{
      std::move(s.id), ToDisplayUtf8(s.title), s.publisher, std::move(s.category), s.priority,
      s.pinned,        s.published_at,         s.expires_at};
}

}  // namespace

KioskController::KioskController(const NoticeSource& source, const TranslationSet& translations,
                                 KioskControllerOptions options)
    : source_(source), translations_(translations), options_(std::move(options)) {
  state_.language = options_.language;
  state_.large_text = options_.large_text;
  while (!options_.share_base_url.empty() && options_.share_base_url.back() == '/')
    options_.share_base_url.pop_back();
}

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
  vm_.loaded_at = now;
  vm_.next_time_boundary = source_.NextTimeBoundary(now);

  if (std::find(vm_.categories.begin(), vm_.categories.end(), state_.board_category) == vm_.categories.end())
    state_.board_category.clear();
  RebuildBoardRows();
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
  n.body = n.title;
  if (vm_.detail) {
    for (char32_t cp : vm_.detail->body.codepoints) n.body.Add(cp);
    n.body.AddUtf8(vm_.detail->audience);
  }
  needs_ = std::move(n);
}

GlyphNeeds KioskController::NeededGlyphs() const {
  if (state_.screen == Screen::NoticeBoard || state_.screen == Screen::NoticeDetail) return needs_;
  return HomeGlyphs();
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
                               keys::kDetailGone})
    home.AddUtf8(tr.Get(key));
  for (int d = 0; d < 7; ++d) home.AddUtf8(tr.Get(keys::WeekdayKey(d)));
  for (int m = 1; m <= 12; ++m) home.AddUtf8(tr.Get(keys::MonthKey(m)));
  home.AddUtf8(vm_.community_name);
  home.AddUtf8(vm_.community_name_en);
  for (const NoticeRowView& r : vm_.urgent) home.AddUtf8(r.title);
  return GlyphNeeds{home, home, home};
}

void KioskController::ShowToast(std::string_view key, double time) {
  state_.toast_key = std::string(key);
  state_.toast_until = time + options_.toast_seconds;
  toast_pending_ = false;
}

void KioskController::Handle(const std::vector<UiAction>& actions, protocol::UnixSeconds now, double time) {
  if (toast_pending_) ShowToast(state_.toast_key, time);
  for (const UiAction& a : actions) {
    switch (a.kind) {
      case ActionKind::GoHome:
        state_.screen = Screen::Home;
        break;
      case ActionKind::GoBack:
        if (state_.screen == Screen::NoticeDetail)
          state_.screen = state_.detail_return;
        else if (state_.screen != Screen::Home)
          state_.screen = Screen::Home;
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
        state_.language = state_.language == Language::Chinese ? Language::English : Language::Chinese;
        break;
      case ActionKind::ToggleLargeText:
        state_.large_text = !state_.large_text;
        break;
    }
  }
  if (state_.screen != Screen::NoticeDetail && vm_.detail) {
    vm_.detail.reset();  // its body's glyphs may leave the atlas at the next rebuild
    state_.open_notice_id.clear();
  }
}

double KioskController::SecondsUntilNextWake(protocol::UnixSeconds now, double time) const {
  double wait = SecondsToNextMinute(now);
  if (vm_.next_time_boundary)
    wait = std::min(wait,
                    static_cast<double>(std::max<protocol::UnixSeconds>(0, *vm_.next_time_boundary - now)));
  if (!state_.toast_key.empty() && state_.toast_until > time)
    wait = std::min(wait, state_.toast_until - time);
  return std::max(0.0, wait);
}

FrameOutput KioskController::DrawFrame(const Theme& theme, const KioskFonts& fonts, protocol::UnixSeconds now,
                                       double time) {
  if (toast_pending_) ShowToast(state_.toast_key, time);
  const FrameContext ctx{vm_, translations(), theme, fonts, now, time};
  return DrawKioskFrame(state_, ctx);
}

}  // namespace ck::ui

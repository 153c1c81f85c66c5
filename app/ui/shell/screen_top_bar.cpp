// The top bar, the same on every screen: Home and Back on the left, the screen's name in the middle, the
// sync indicator and the language and large-text toggles on the right.
#include "app/ui/maintenance/screen_maintenance.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

// Says what it means: running offline, when it last synced, or how many reports still wait to go out.
std::string SyncText(const SyncIndicatorView& sync, const FrameContext& ctx) {
  // Without a hub nothing is "waiting to go out": the kiosk runs on its own, and says only that.
  if (!sync.hub_configured) return ctx.tr.Get(keys::kSyncLocalOnly);
  // Refused reports next: they will not go by themselves, so whoever looks must learn of them.
  if (sync.outbox_refused > 0)
    return FormatPattern(ctx.tr.Get(keys::kSyncRefused), {{"count", std::to_string(sync.outbox_refused)}});
  if (sync.outbox_pending > 0)
    return FormatPattern(ctx.tr.Get(keys::kSyncPending), {{"count", std::to_string(sync.outbox_pending)}});
  if (!sync.last_success_at) return ctx.tr.Get(keys::kSyncNever);
  const bool today = ToLocalTime(*sync.last_success_at).day == ToLocalTime(ctx.now).day &&
                     ctx.now - *sync.last_success_at < 86400;
  const std::string when =
      FormatLocal(today ? keys::kFormatTime : keys::kFormatDate, *sync.last_success_at, ctx.tr);
  return FormatPattern(ctx.tr.Get(sync.offline ? keys::kSyncOffline : keys::kSyncLast), {{"time", when}});
}

std::string_view ScreenTitleKey(const UiState& state) {
  switch (state.screen) {
    case Screen::NoticeBoard:
      return keys::kBoardTitle;
    case Screen::NoticeDetail:
      return keys::kDetailTitle;
    case Screen::ComingSoon:
      switch (state.coming_soon) {
        case Feature::Activities:
          return keys::kHomeTileActivities;
        case Feature::Feedback:
          return keys::kHomeTileFeedback;
        case Feature::Track:
          return keys::kHomeTileTrack;
      }
      break;
    case Screen::NoticeSearch:
      return keys::kSearchTitle;
    case Screen::ReportKind:
    case Screen::ReportCategory:
    case Screen::ReportWhere:
    case Screen::ReportWhat:
    case Screen::ReportContact:
    case Screen::ReportReview:
    case Screen::ReportReceipt:
      return state.report.kind == protocol::FeedbackKind::Suggestion ? keys::kReportTitleSuggestion
                                                                     : keys::kHomeTileFeedback;
    case Screen::TrackCode:
    case Screen::TrackStatus:
    case Screen::TrackRate:
    case Screen::TrackThanks:
    case Screen::TrackSignup:
      return keys::kHomeTileTrack;
    case Screen::ActivityMonth:
    case Screen::ActivityDay:
    case Screen::ActivityDetail:
    case Screen::SignupName:
    case Screen::SignupPhone:
    case Screen::SignupPeople:
    case Screen::SignupReview:
    case Screen::SignupReceipt:
      return keys::kHomeTileActivities;
    case Screen::Home:
      break;
  }
  return {};
}

}  // namespace

void DrawTopBar(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const float width = ImGui::GetIO().DisplaySize.x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(width, m.top_bar_height), c.top_bar);

  const float button_h = m.touch_min;
  const float y = (m.top_bar_height - button_h) * 0.5f;
  const float pad = m.gap;
  ImFont* font = ctx.fonts.title;
  const bool on_home = state.screen == Screen::Home;
  const ButtonStyle nav{c.button, c.button_text, font, !on_home};

  float left = m.padding;
  const float home_w = ButtonWidthFor(ctx.tr(keys::kNavHome), font, pad, 180.0f * m.scale);
  if (TouchButton(state, ctx, keys::kNavHome, ctx.tr(keys::kNavHome), ImVec2(left, y),
                  ImVec2(home_w, button_h), nav))
    out.actions.push_back({ActionKind::GoHome, {}});
  left += home_w + pad;
  const float back_w = ButtonWidthFor(ctx.tr(keys::kNavBack), font, pad, 180.0f * m.scale);
  if (TouchButton(state, ctx, keys::kNavBack, ctx.tr(keys::kNavBack), ImVec2(left, y),
                  ImVec2(back_w, button_h), nav))
    out.actions.push_back({ActionKind::GoBack, {}});
  left += back_w + pad * 2;

  float right = width - m.padding;
  const ButtonStyle toggle{c.button, c.button_text, ctx.fonts.body};
  const char* size_label = ctx.tr(state.large_text ? keys::kToggleNormalText : keys::kToggleLargeText);
  const float size_w = ButtonWidthFor(size_label, ctx.fonts.body, pad, 170.0f * m.scale);
  right -= size_w;
  if (TouchButton(state, ctx, keys::kToggleLargeText, size_label, ImVec2(right, y), ImVec2(size_w, button_h),
                  toggle))
    out.actions.push_back({ActionKind::ToggleLargeText, {}});
  const char* lang_label = ctx.tr(keys::kToggleLanguage);
  const float lang_w = ButtonWidthFor(lang_label, ctx.fonts.body, pad, 170.0f * m.scale);
  right -= lang_w + pad;
  if (TouchButton(state, ctx, keys::kToggleLanguage, lang_label, ImVec2(right, y), ImVec2(lang_w, button_h),
                  toggle))
    out.actions.push_back({ActionKind::ToggleLanguage, {}});
  right -= pad * 2;

  // The sync indicator is quiet: plain text, no colour alarm; it takes at most a quarter of the bar.
  const std::string sync = SyncText(ctx.vm.sync, ctx);
  state.shown_fields.emplace_back("topbar.sync", sync);
  ImFont* small = ctx.fonts.body;
  const float sync_w =
      std::min(small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.0f, sync.c_str()).x, width * 0.25f);
  right -= sync_w;
  DrawEllipsized(dl, small, ImVec2(right, (m.top_bar_height - small->FontSize) * 0.5f), sync_w, sync,
                 c.top_bar_text);
  right -= pad * 2;

  // The maintenance gesture's area: the title between the buttons and the sync text, where nothing is
  // tappable. A press held there kHoldSeconds opens the PIN pad; the controller times it.
  if (ctx.panel != nullptr && !ctx.panel->open() && right > left) {
    const ImRect area(ImVec2(left, 0), ImVec2(right, m.top_bar_height));
    const ImGuiIO& io = ImGui::GetIO();
    state.tap_targets.push_back({"maintenance.hold", area.Min, area.Max});
    if (io.MouseClicked[0] && area.Contains(io.MousePos))
      out.actions.push_back({ActionKind::MaintenanceHold, {}, Feature::Activities, 1});
    else if (io.MouseReleased[0] || (io.MouseDown[0] && !area.Contains(io.MousePos)))
      out.actions.push_back({ActionKind::MaintenanceHold, {}, Feature::Activities, 0});
    DrawMaintenanceHoldPrompt(ctx, area);
  }

  const std::string_view title_key = ScreenTitleKey(state);
  if (!title_key.empty() && right > left) {
    const char* title = ctx.tr(title_key);
    ImFont* tf = ctx.fonts.heading;
    const float tw = std::min(tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, title).x, right - left);
    const float tx = std::max(left, (width - tw) * 0.5f);
    const float x0 = std::min(tx, right - tw);
    DrawEllipsized(dl, tf, ImVec2(x0, (m.top_bar_height - tf->FontSize) * 0.5f), right - x0, title,
                   c.top_bar_text);
  }
}

}  // namespace ck::ui

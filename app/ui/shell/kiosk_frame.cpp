// One frame of the kiosk: the fixed top bar, the current screen below it, and a toast on top.
#include "app/ui/maintenance/screen_maintenance.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

FrameOutput DrawKioskFrame(UiState& state, const FrameContext& ctx) {
  FrameOutput out;
  state.tap_targets.clear();
  state.shown_fields.clear();
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushFont(ctx.fonts.body);
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoNav);
  // Any touch resets the idle timer (frame bookkeeping, like scrolling).
  if (io.MouseDown[0] || io.MouseReleased[0] || io.MouseWheel != 0.0f) state.last_input_time = ctx.time;
  DrawTopBar(state, ctx, out);
  const ImRect area(ImVec2(0, ctx.theme.metrics.top_bar_height), io.DisplaySize);
  switch (state.screen) {
    case Screen::Home:
      DrawHomeScreen(state, ctx, out, area);
      break;
    case Screen::NoticeBoard:
      DrawNoticeBoardScreen(state, ctx, out, area);
      break;
    case Screen::NoticeDetail:
      DrawNoticeDetailScreen(state, ctx, out, area);
      break;
    case Screen::ComingSoon:
      DrawComingSoonScreen(state, ctx, out, area);
      break;
    case Screen::NoticeSearch:
      DrawNoticeSearchScreen(state, ctx, out, area);
      break;
    case Screen::ReportKind:
      DrawReportKindScreen(state, ctx, out, area);
      break;
    case Screen::ReportCategory:
      DrawReportCategoryScreen(state, ctx, out, area);
      break;
    case Screen::ReportWhere:
      DrawReportWhereScreen(state, ctx, out, area);
      break;
    case Screen::ReportWhat:
      DrawReportWhatScreen(state, ctx, out, area);
      break;
    case Screen::ReportContact:
      DrawReportContactScreen(state, ctx, out, area);
      break;
    case Screen::ReportReview:
      DrawReportReviewScreen(state, ctx, out, area);
      break;
    case Screen::ReportReceipt:
      DrawReportReceiptScreen(state, ctx, out, area);
      break;
    case Screen::TrackCode:
      DrawTrackCodeScreen(state, ctx, out, area);
      break;
    case Screen::TrackStatus:
      DrawTrackStatusScreen(state, ctx, out, area);
      break;
    case Screen::TrackRate:
      DrawTrackRateScreen(state, ctx, out, area);
      break;
    case Screen::TrackThanks:
      DrawTrackThanksScreen(state, ctx, out, area);
      break;
    case Screen::ActivityMonth:
      DrawActivityMonthScreen(state, ctx, out, area);
      break;
    case Screen::ActivityDay:
      DrawActivityDayScreen(state, ctx, out, area);
      break;
    case Screen::ActivityDetail:
      DrawActivityDetailScreen(state, ctx, out, area);
      break;
    case Screen::SignupName:
    case Screen::SignupPhone:
    case Screen::SignupPeople:
    case Screen::SignupReview:
      DrawSignupStepScreen(state, ctx, out, area);
      break;
    case Screen::SignupReceipt:
    case Screen::TrackSignup:
      DrawSignupStatusScreen(state, ctx, out, area);
      break;
  }
  if (!state.toast_key.empty() && ctx.time < state.toast_until) {
    // A message that needs no answer: dark box at the bottom centre, gone after a few seconds.
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const char* text = ctx.tr(state.toast_key);
    ImFont* font = ctx.fonts.title;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text);
    const float pad = ctx.theme.metrics.padding;
    const ImVec2 size(ts.x + 2 * pad, ts.y + pad * 1.5f);
    const ImVec2 pos((io.DisplaySize.x - size.x) * 0.5f, io.DisplaySize.y - size.y - pad * 2);
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ctx.theme.colors.toast,
                      ctx.theme.metrics.rounding);
    dl->AddText(font, font->FontSize, ImVec2(pos.x + pad, pos.y + (size.y - ts.y) * 0.5f),
                ctx.theme.colors.toast_text, text);
  }
  ImGui::End();
  if (state.confirm_discard && state.idle_since < 0.0) DrawDiscardOverlay(state, ctx, out);
  if (state.idle_since >= 0.0) DrawIdleOverlay(state, ctx, out);
  DrawMaintenanceOverlay(state, ctx, out);  // over everything, the idle question included
  ImGui::PopFont();
  return out;
}

float DrawNoticeBadges(ImDrawList* dl, ImVec2 pos, const NoticeRowView& notice, const FrameContext& ctx,
                       float height) {
  const ThemeColors& c = ctx.theme.colors;
  const float pad = ctx.theme.metrics.gap * 0.6f;
  float x = pos.x;
  auto badge = [&](std::string_view key, ImU32 bg, ImU32 fg) {
    x += DrawBadge(dl, ImVec2(x, pos.y), ctx.tr(key), ctx.fonts.body, bg, fg, height, pad) + pad;
  };
  if (notice.pinned) badge(keys::kPinned, c.pinned, c.pinned_text);
  if (notice.priority == protocol::Priority::Urgent)
    badge(keys::PriorityKey(notice.priority), c.urgent, c.urgent_text);
  else if (notice.priority == protocol::Priority::Important)
    badge(keys::PriorityKey(notice.priority), c.important, c.important_text);
  return x - pos.x;
}

}  // namespace ck::ui

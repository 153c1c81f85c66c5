// The screens, one file each (screen_*.cpp): plain functions over the view model that return actions.
#pragma once

#include <imgui_internal.h>

#include "app/ui/controller/ui_state.h"
#include "app/ui/shell/frame_context.h"

namespace ck::ui {

// One whole frame: top bar, the current screen, the toast. Call between ImGui::NewFrame and ImGui::Render.
FrameOutput DrawKioskFrame(UiState& state, const FrameContext& ctx);

void DrawTopBar(UiState& state, const FrameContext& ctx, FrameOutput& out);
void DrawHomeScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawNoticeBoardScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawNoticeDetailScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawComingSoonScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawNoticeSearchScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportKindScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportCategoryScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportWhereScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportWhatScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportContactScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportReviewScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawReportReceiptScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawTrackCodeScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawTrackStatusScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawTrackRateScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawTrackThanksScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
// 社区活动 (app/ui/activities).
void DrawActivityMonthScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawActivityDayScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawActivityDetailScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
void DrawSignupStepScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
// The receipt (SignupReceipt) and a sign-up found by code (TrackSignup).
void DrawSignupStatusScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area);
// Home's strip of today's (and after 18:00 tomorrow's) activities; returns the height used (0: none).
float DrawHomeActivities(UiState& state, const FrameContext& ctx, FrameOutput& out, ImVec2 pos, float width,
                         float max_height);
// On top of any screen while the idle countdown runs.
void DrawIdleOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out);
// On top of a report after 首页: keep editing, or discard and go home.
void DrawDiscardOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out);

// Shared by the board and the detail: the priority and pinned badges of a notice; returns their width.
float DrawNoticeBadges(ImDrawList* dl, ImVec2 pos, const NoticeRowView& notice, const FrameContext& ctx,
                       float height);

}  // namespace ck::ui

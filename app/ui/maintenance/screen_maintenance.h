// The maintenance panel's frame code: the hold prompt under the top bar, and the panel over everything.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include "app/ui/controller/ui_state.h"
#include "app/ui/shell/frame_context.h"

namespace ck::ui {

// While the title is held (after the first second): "keep holding" with the hold's progress.
void DrawMaintenanceHoldPrompt(const FrameContext& ctx, const ImRect& gesture_area);
// The PIN pad, the panel or the screen test, as the panel's stage says (nothing when closed).
void DrawMaintenanceOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out);

}  // namespace ck::ui

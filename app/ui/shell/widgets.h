// Touch widgets shared by the screens: big buttons, badges, wrapped text, and touch-scrolled regions.
// Every widget that can be tapped records a named TapTarget.
#pragma once

#include <imgui.h>

#include <optional>
#include <string_view>

#include "app/ui/controller/ui_state.h"
#include "app/ui/shell/frame_context.h"
#include "app/ui/text/display_text.h"
#include "app/ui/text/line_breaker.h"

namespace ck::ui {

struct ButtonStyle {
  ImU32 background;
  ImU32 text;
  ImFont* font;
  bool enabled = true;
};

// How far a finger may wander between press and release and still tap (≈ 12 px at 1080p); beyond it the
// touch is a drag: it scrolls a list and activates nothing it started on.
float TapSlop(const FrameContext& ctx);
// True when the finger down (or just lifted) has wandered past the slop since it pressed.
bool WanderedPastSlop(float slop);

// A rectangle at an absolute screen position that fires once on release over it, unless the finger
// wandered past the tap slop on the way (then it is drawn released and never fires).
// `target` names it for tests and is its ImGui id; `label` is drawn centred (wrapped if needed).
bool TouchButton(UiState& state, const FrameContext& ctx, std::string_view target, const char* label,
                 ImVec2 pos, ImVec2 size, const ButtonStyle& style);

// Width a TouchButton needs for `label` in `font`, at least `min_width`.
float ButtonWidthFor(const char* label, ImFont* font, float padding, float min_width);

// A small filled label (紧急, 重要, 置顶); returns its width.
float DrawBadge(ImDrawList* dl, ImVec2 pos, const char* text, ImFont* font, ImU32 bg, ImU32 fg, float height,
                float padding);

// Breaks display text into lines of at most `width` pixels in `font` at its own size.
std::vector<LineSpan> WrapText(const DisplayText& text, ImFont* font, float width);
// Draws pre-broken lines; returns the height used. Lines outside `clip_min_y..clip_max_y` are skipped.
float DrawLines(ImDrawList* dl, ImFont* font, ImVec2 pos, const DisplayText& text,
                const std::vector<LineSpan>& lines, ImU32 color, float line_height, float clip_min_y = -1e9f,
                float clip_max_y = 1e9f);
// Wraps and draws in one go (short texts: labels, hints); returns the height used.
float DrawWrapped(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, std::string_view display_utf8,
                  ImU32 color, float line_height);
float MeasureWrapped(ImFont* font, float width, std::string_view display_utf8, float line_height);
// One line, cut with "…" if wider than `width`.
void DrawEllipsized(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, std::string_view display_utf8,
                    ImU32 color);

// A child region scrolled by dragging (with inertia) and by the mouse wheel. Between Begin and End, draw the
// content at ImGui's cursor and reserve its height (ImGui::Dummy). `*tap` is set when a tap landed inside.
void BeginTouchScroll(const char* id, ImVec2 pos, ImVec2 size, TouchScroll& scroll, const FrameContext& ctx,
                      FrameOutput& out, std::optional<ImVec2>* tap);
void EndTouchScroll(TouchScroll& scroll);

}  // namespace ck::ui

// Widgets shared by the report, track and search screens: the step header with its "next" button, chips,
// big choice tiles, the ticket code, and the on-screen keyboard and number pad turned into UiActions.
#pragma once

#include <imgui_internal.h>

#include <string>
#include <string_view>

#include "app/input/keyboard_style.h"
#include "app/ui/controller/ui_state.h"
#include "app/ui/shell/frame_context.h"

namespace ck::ui {

inline constexpr int kReportSteps = 6;  // kind, category, where, what, contact, review

// The button that moves a report on: "next" on steps 3–5, "submit" on the review. Always in the same place
// (top right), so the finger that went to 下一步 finds 提交 there too.
struct StepButton {
  const char* target = "report.next";
  std::string_view label_key = "report.next";
  ActionKind action = ActionKind::ReportNext;
};
inline constexpr StepButton kSubmitStepButton{"report.submit", "report.submit", ActionKind::ReportSubmit};

// "Step n of 6" above the question, and the step button on the right when `next_enabled` is set (absent
// when null). An empty `question_key` leaves the question out. Returns the y below the header.
// `total`: the flow's number of steps (the report's six, the sign-up's four).
float DrawStepHeader(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area, int step,
                     std::string_view question_key, const bool* next_enabled, const StepButton& button = {},
                     int total = kReportSteps);

// A question line without step count (track, search); returns the y below it.
float DrawQuestion(const FrameContext& ctx, const ImRect& area, float y, std::string_view text);

// A toggle chip: selected chips are filled and carry a tick. Returns true on a tap.
bool Chip(UiState& state, const FrameContext& ctx, std::string_view target, const std::string& label,
          ImVec2 pos, ImVec2 size, bool selected);
// Width a chip needs for `label`.
float ChipWidth(const FrameContext& ctx, const std::string& label);

// A big tile with a label and a hint below it, centred. Returns true on a tap.
bool ChoiceTile(UiState& state, const FrameContext& ctx, std::string_view target, const char* label,
                const char* hint, ImVec2 pos, ImVec2 size, ImU32 background, ImU32 text);

// The ticket code in the clock font, with extra space between symbols so it reads one by one.
// Returns its width; `measure_only` draws nothing.
// In a code passed to DrawTicketCode, a place still to fill.
inline constexpr char kEmptyCodePlace = '_';
float DrawTicketCode(ImDrawList* dl, const FrameContext& ctx, std::string_view code, ImVec2 pos, ImU32 color,
                     bool measure_only = false);

// The height DrawMessage would take for `text` (to keep its place free).
float MessageHeight(const FrameContext& ctx, float width, const std::string& text);
// A message line in a coloured band (errors, "searching…"); returns its height.
float DrawMessage(ImDrawList* dl, const FrameContext& ctx, ImVec2 pos, float width, const std::string& text,
                  bool error);

// The keyboard and number pad at `pos`, `width` wide; their keys become actions and named tap targets.
input::KeyboardStyle KeyStyleFor(const UiState& state, const FrameContext& ctx);
float KeyboardHeight(const UiState& state, const FrameContext& ctx);
void DrawKeyboard(UiState& state, const FrameContext& ctx, FrameOutput& out, ImVec2 pos, float width);
// The number pad's size in the current style (its keys keep their touch size; no stretching).
ImVec2 PadSize(const UiState& state, const FrameContext& ctx);
void DrawPad(UiState& state, const FrameContext& ctx, FrameOutput& out, ImVec2 pos);

// The QR code with its quiet zone on a white square (shared by the notice detail and the receipt).
void DrawQrCode(ImDrawList* dl, const QrMatrix& qr, ImVec2 pos, float side, const ThemeColors& c);

}  // namespace ck::ui

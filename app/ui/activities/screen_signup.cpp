// Signing up, one step per screen: a name on the pinyin keyboard, a phone number on the number pad (shown in
// full while typed), how many people (1–4), and a review of it all before 确认报名.
#include <string>

#include "app/ui/activities/activity_text.h"
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/activity_keys.h"
#include "app/ui/text/display_text.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

constexpr int kSignupSteps = 4;
constexpr StepButton kNextButton{"signup.next", "report.next", ActionKind::SignupNext};
constexpr StepButton kSubmitButton{"signup.submit", "signup.submit", ActionKind::SignupSubmit};

float DrawError(const FrameContext& ctx, float x0, float x1, float y, const std::string& key) {
  if (key.empty()) return 0.0f;
  return DrawMessage(ImGui::GetWindowDrawList(), ctx, ImVec2(x0, y), x1 - x0, ctx.tr.Get(key), true) +
         ctx.theme.metrics.gap;
}

// A one-line field with its label above (left out where the screen has no room for it: the step's question
// already says what goes in); returns the y below it.
float DrawField(UiState& state, const FrameContext& ctx, float x0, float x1, float y, std::string_view label_key,
                const std::string& value, const char* shown_name, bool active, bool with_label = true) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* lf = ctx.fonts.body;
  ImFont* vf = ctx.fonts.heading;
  if (with_label) {
    dl->AddText(lf, lf->FontSize, ImVec2(x0, y), c.text_muted, ctx.tr(label_key));
    y += lf->FontSize * 1.35f;
  }
  const float h = std::max(m.touch_min, vf->FontSize * 1.5f);
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + h), c.row, m.rounding);
  dl->AddRect(ImVec2(x0, y), ImVec2(x1, y + h), active ? c.button : c.divider, m.rounding, 0,
              (active ? 4.0f : 2.0f) * m.scale);
  DrawEllipsized(dl, vf, ImVec2(x0 + m.gap, y + (h - vf->FontSize) * 0.5f), x1 - x0 - 2 * m.gap, value, c.text);
  state.shown_fields.emplace_back(shown_name, value);
  return y + h + m.gap;
}

float FieldHeight(const FrameContext& ctx, bool with_label) {
  const ThemeMetrics& m = ctx.theme.metrics;
  return (with_label ? ctx.fonts.body->FontSize * 1.35f : 0.0f) +
         std::max(m.touch_min, ctx.fonts.heading->FontSize * 1.5f) + m.gap;
}

void DrawName(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const bool can_next = true;
  const float y = DrawStepHeader(state, ctx, out, area, 1, keys::kSignupNameQuestion, &can_next, kNextButton, kSignupSteps);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  std::string typed = ctx.input.keyboard != nullptr ? ctx.input.keyboard->text() : state.signup.name;
  if (ctx.input.keyboard != nullptr) typed += ctx.input.keyboard->state().pinyin.preedit;
  // The keyboard keeps its place at the bottom whatever appears above it (no key moves under a finger);
  // in 大字 the field gives up its label before the keyboard would be pushed off the screen.
  const float kb_h = KeyboardHeight(state, ctx);
  const float kb_top = area.Max.y - m.gap - kb_h;
  const bool with_label = kb_h <= 0 || y + FieldHeight(ctx, true) <= kb_top;
  const float field_x1 = x0 + (x1 - x0) * 0.5f;
  DrawField(state, ctx, x0, field_x1, y, keys::kSignupReviewName, ToDisplayUtf8(typed), "signup.name", true, with_label);
  // Beside the field: the hint, or in its place the error, so neither moves the keyboard.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float side_x = field_x1 + m.padding, side_w = x1 - side_x;
  dl->PushClipRect(ImVec2(side_x, y), ImVec2(x1, kb_h > 0 ? kb_top - m.gap : area.Max.y), true);
  if (!state.signup.error_key.empty())
    DrawMessage(dl, ctx, ImVec2(side_x, y), side_w, ctx.tr.Get(state.signup.error_key), true);
  else
    DrawWrapped(dl, ctx.fonts.body, ImVec2(side_x, y), side_w, ctx.tr.Get(keys::kSignupNameHint), c.text_muted,
                ctx.fonts.body->FontSize * m.line_spacing);
  dl->PopClipRect();
  if (kb_h > 0) DrawKeyboard(state, ctx, out, ImVec2(x0, kb_top), x1 - x0);
}

void DrawPhone(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const bool can_next = state.signup.phone.size() >= protocol::kMinSignupPhoneDigits;
  const float y0 =
      DrawStepHeader(state, ctx, out, area, 2, keys::kSignupPhoneQuestion, &can_next, kNextButton, kSignupSteps);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const ImVec2 pad = PadSize(state, ctx);
  const float col_w = std::max(pad.x, 560.0f * m.scale);
  // In full while typed (138 1234 5678), so a slip shows; masked from the receipt on.
  const float y = DrawField(state, ctx, x0, x0 + col_w, y0, keys::kSignupReviewPhone,
                            GroupPhoneDigits(state.signup.phone), "signup.phone", true);
  DrawPad(state, ctx, out, ImVec2(x0 + (col_w - pad.x) * 0.5f, y));
  // Beside the pad: the hint, or in its place the error, so the pad never moves under a finger.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float rx = x0 + col_w + m.padding * 2;
  if (!state.signup.error_key.empty())
    DrawMessage(dl, ctx, ImVec2(rx, y0), x1 - rx, ctx.tr.Get(state.signup.error_key), true);
  else
    DrawWrapped(dl, ctx.fonts.body, ImVec2(rx, y0), x1 - rx, ctx.tr.Get(keys::kSignupPhoneHint), c.text_muted,
                ctx.fonts.body->FontSize * m.line_spacing);
}

void DrawPeople(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const float y0 = DrawStepHeader(state, ctx, out, area, 3, keys::kSignupPeopleQuestion, nullptr, kNextButton,
                                  kSignupSteps);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const int n = protocol::kMaxPeoplePerSignup;
  const float w = (x1 - x0 - m.gap * (n - 1)) / n;
  const float h = std::min(area.Max.y - m.padding - y0, 320.0f * m.scale);
  for (int i = 1; i <= n; ++i) {
    const std::string label = FormatPattern(ctx.tr.Get(keys::kSignupPeopleValue), {{"n", std::to_string(i)}});
    const bool chosen = state.signup.people == i;
    if (ChoiceTile(state, ctx, "signup.people." + std::to_string(i), label.c_str(), nullptr,
                   ImVec2(x0 + (i - 1) * (w + m.gap), y0), ImVec2(w, h), chosen ? c.tab_selected : c.tile,
                   c.tile_text)) {
      UiAction a{ActionKind::SignupPeople, {}};
      a.index = i;
      out.actions.push_back(a);
    }
  }
}

void DrawReview(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const bool can_submit = true;
  float y = DrawStepHeader(state, ctx, out, area, 4, keys::kSignupReviewQuestion, &can_submit, kSubmitButton,
                           kSignupSteps);
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* lf = ctx.fonts.body;
  ImFont* vf = ctx.fonts.title;
  const float lh = vf->FontSize * 1.35f;
  std::string activity;
  if (ctx.vm.activity)
    activity = ctx.vm.activity->row.title + "\n" + OccurrenceWhen(ctx.vm.activity->row, ctx.tr, true) +
               ctx.tr.Get(keys::kListSeparator) + ctx.vm.activity->row.place;
  struct Row {
    const char* name;
    std::string_view label_key;
    std::string value;
    Screen step;  // where "change" goes
  };
  const Row rows[] = {
      {"activity", keys::kSignupReviewActivity, activity, Screen::ActivityDetail},
      {"name", keys::kSignupReviewName, ToDisplayUtf8(state.signup.name), Screen::SignupName},
      // In full: the last chance to catch a wrong digit. The receipt and everything after show it masked.
      {"phone", keys::kSignupReviewPhone, GroupPhoneDigits(state.signup.phone), Screen::SignupPhone},
      {"people", keys::kSignupReviewPeople,
       FormatPattern(ctx.tr.Get(keys::kSignupPeopleValue), {{"n", std::to_string(state.signup.people)}}),
       Screen::SignupPeople},
  };
  const float label_w = 200.0f * m.scale * (state.large_text ? 1.4f : 1.0f);
  const float error_room = state.signup.error_key.empty() ? 0.0f : lh * 2 + m.gap * 2;
  for (const Row& row : rows) {
    const float vh = std::min(lh * 3, MeasureWrapped(vf, x1 - x0 - label_w - 2 * m.gap, row.value, lh));
    const float row_h = std::max(m.touch_min, vh + m.gap);
    if (y + row_h > area.Max.y - m.padding - error_room) break;
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + row_h), c.row, m.rounding);
    dl->AddText(lf, lf->FontSize, ImVec2(x0 + m.gap, y + (row_h - lf->FontSize) * 0.5f), c.text_muted,
                ctx.tr(row.label_key));
    DrawWrapped(dl, vf, ImVec2(x0 + label_w, y + m.gap * 0.5f), x1 - x0 - label_w - 2 * m.gap, row.value, c.text, lh);
    state.shown_fields.emplace_back(std::string("signup.review.") + row.name, row.value);
    y += row_h + m.gap * 0.5f;
  }
  y += m.gap;
  DrawError(ctx, x0, x1, y, state.signup.error_key);
}

}  // namespace

void DrawSignupStepScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  switch (state.screen) {
    case Screen::SignupName:
      return DrawName(state, ctx, out, area);
    case Screen::SignupPhone:
      return DrawPhone(state, ctx, out, area);
    case Screen::SignupPeople:
      return DrawPeople(state, ctx, out, area);
    case Screen::SignupReview:
      return DrawReview(state, ctx, out, area);
    default:
      return;
  }
}

}  // namespace ck::ui

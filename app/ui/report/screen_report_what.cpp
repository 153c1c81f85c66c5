// Report step 4: what — the category's quick phrases (for a suggestion, its suggestion phrases) as chips
// (several may be chosen), and optional free text typed on the on-screen keyboard (pinyin), which opens only
// when the text field is tapped.
#include "app/ui/report/report_text.h"
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportWhatScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const ReportDraft& r = state.report;
  const bool composing = ctx.input.keyboard != nullptr && ctx.input.keyboard->state().pinyin.composing();
  const bool can_next = r.HasWhat() || composing;
  const bool suggestion = r.kind == protocol::FeedbackKind::Suggestion;
  const bool typing = r.keyboard_open && ctx.input.keyboard != nullptr;
  // While typing, the keyboard takes the lower half: the question and the chips step aside (the chips
  // chosen stay chosen and come back with "done"), so the field is never squeezed under the keys.
  const std::string_view question = typing       ? std::string_view()
                                    : suggestion ? keys::kReportWhatQuestionSuggestion
                                                 : keys::kReportWhatQuestion;
  float y = DrawStepHeader(state, ctx, out, area, 4, question, &can_next);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const bool english = state.language == Language::English;

  // Chips flow left to right and wrap.
  const ServiceView* service = nullptr;
  for (const ServiceView& s : ctx.vm.services)
    if (s.code == r.service_code) service = &s;
  const float chip_h = m.touch_min;
  if (service != nullptr && !typing) {
    float x = x0;
    const std::size_t count = PhraseCount(*service, r.kind);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string& label = PhraseText(*service, r.kind, static_cast<int>(i), english);
      const float w = std::min(ChipWidth(ctx, label), x1 - x0);
      if (x + w > x1 && x > x0) {
        x = x0;
        y += chip_h + m.gap;
      }
      const bool selected =
          std::find(r.phrases.begin(), r.phrases.end(), static_cast<int>(i)) != r.phrases.end();
      if (Chip(state, ctx, "report.phrase." + std::to_string(i), label, ImVec2(x, y), ImVec2(w, chip_h),
               selected)) {
        UiAction a{ActionKind::ReportPhrase, {}};
        a.index = static_cast<int>(i);
        out.actions.push_back(a);
      }
      x += w + m.gap;
    }
    y += chip_h + m.gap;
  }

  // The free-text field: shows what was typed (and the letters being composed); a tap opens the keyboard.
  ImFont* bf = ctx.fonts.body;
  const float kb_h = KeyboardHeight(state, ctx);
  const float kb_top = area.Max.y - m.gap - kb_h;
  const float field_bottom = kb_h > 0 ? kb_top - m.gap : area.Max.y - m.padding;
  const float field_h =
      std::max(m.touch_min, std::min(field_bottom - y, bf->FontSize * m.line_spacing * 3 + m.gap));
  const std::string typed = ctx.input.keyboard != nullptr ? ctx.input.keyboard->text() : r.free_text;
  const std::string empty;
  if (TouchButton(state, ctx, "report.text", empty.c_str(), ImVec2(x0, y), ImVec2(x1 - x0, field_h),
                  ButtonStyle{c.row, c.text, bf}))
    out.actions.push_back({ActionKind::ReportOpenKeyboard, {}});
  dl->AddRect(ImVec2(x0, y), ImVec2(x1, y + field_h), r.keyboard_open ? c.button : c.divider, m.rounding, 0,
              (r.keyboard_open ? 4.0f : 2.0f) * m.scale);
  const float inner = x1 - x0 - 2 * m.gap;
  if (typed.empty() && !composing) {
    DrawWrapped(dl, bf, ImVec2(x0 + m.gap, y + m.gap * 0.5f), inner, ctx.tr.Get(keys::kReportWhatText),
                c.text_muted, bf->FontSize * m.line_spacing);
  } else {
    // The end of the text matters while typing: show the last lines that fit.
    const DisplayText text = MakeDisplayText(typed);
    const auto lines = WrapText(text, bf, inner);
    const float lh = bf->FontSize * m.line_spacing;
    const std::size_t fit = static_cast<std::size_t>(std::max(1.0f, (field_h - m.gap) / lh));
    std::vector<LineSpan> tail(lines.size() > fit ? lines.end() - static_cast<long>(fit) : lines.begin(),
                               lines.end());
    DrawLines(dl, bf, ImVec2(x0 + m.gap, y + m.gap * 0.5f), text, tail, c.text, lh);
    // The letters being composed (the keyboard has no line of its own for them), then a caret, so it is
    // clear where typing goes.
    if (r.keyboard_open && ctx.input.keyboard != nullptr) {
      float cx = x0 + m.gap + (tail.empty() ? 0.0f : tail.back().width) + 2.0f;
      const float cy = y + m.gap * 0.5f + (tail.empty() ? 0 : tail.size() - 1) * lh;
      const std::string preedit = ctx.input.keyboard->state().pinyin.preedit;
      if (!preedit.empty()) {
        const float pw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, preedit.c_str()).x;
        dl->AddText(bf, bf->FontSize, ImVec2(cx, cy + (lh - bf->FontSize) * 0.5f), c.button, preedit.c_str());
        dl->AddRectFilled(ImVec2(cx, cy + lh * 0.88f), ImVec2(cx + pw, cy + lh * 0.88f + 2.0f * m.scale), c.button);
        cx += pw + 2.0f;
      }
      dl->AddRectFilled(ImVec2(cx, cy + lh * 0.15f), ImVec2(cx + 3.0f * m.scale, cy + lh * 0.85f), c.button);
    }
  }
  if (kb_h > 0) DrawKeyboard(state, ctx, out, ImVec2(x0, kb_top), x1 - x0);
}

}  // namespace ck::ui

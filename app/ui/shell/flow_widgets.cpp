// Step headers, chips, tiles, the ticket code and the keyboard/number pad adapters.
#include "app/ui/shell/flow_widgets.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "app/input/number_pad.h"
#include "app/input/on_screen_keyboard.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

float DrawQuestion(const FrameContext& ctx, const ImRect& area, float y, std::string_view text) {
  const ThemeMetrics& m = ctx.theme.metrics;
  ImFont* hf = ctx.fonts.heading;
  const float w = area.GetWidth() - 2 * m.padding;
  return y + DrawWrapped(ImGui::GetWindowDrawList(), hf, ImVec2(area.Min.x + m.padding, y), w, text,
                         ctx.theme.colors.text, hf->FontSize * 1.3f);
}

float DrawStepHeader(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area, int step,
                     std::string_view question_key, const bool* next_enabled, const StepButton& button,
                     int total) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding;
  float right = area.Max.x - m.padding;
  const float y0 = area.Min.y + m.padding * 0.75f;
  const float button_h = m.touch_min;
  if (next_enabled != nullptr) {
    const char* label = ctx.tr(button.label_key);
    const float w = ButtonWidthFor(label, ctx.fonts.title, m.padding, 260.0f * m.scale);
    right -= w;
    if (TouchButton(state, ctx, button.target, label, ImVec2(right, y0), ImVec2(w, button_h),
                    ButtonStyle{c.button, c.button_text, ctx.fonts.title, *next_enabled}))
      out.actions.push_back({button.action, {}});
    right -= m.gap;
  }
  ImFont* bf = ctx.fonts.body;
  const std::string count = FormatPattern(
      ctx.tr.Get(keys::kReportStep), {{"n", std::to_string(step)}, {"total", std::to_string(total)}});
  dl->AddText(bf, bf->FontSize, ImVec2(x0, y0), c.text_muted, count.c_str());
  ImFont* hf = ctx.fonts.heading;
  const float qy = y0 + bf->FontSize * 1.3f;
  const float qh =
      DrawWrapped(dl, hf, ImVec2(x0, qy), right - x0, ctx.tr.Get(question_key), c.text, hf->FontSize * 1.3f);
  return std::max(qy + qh, y0 + button_h) + m.gap;
}

float ChipWidth(const FrameContext& ctx, const std::string& label) {
  ImFont* f = ctx.fonts.title;
  // Room for the tick of a selected chip, so selecting never changes the layout.
  // A few pixels of slack: glyph advances summed one by one (the ellipsis check) may exceed the measured
  // width by a rounding error, which would cut the last character.
  return std::ceil(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, label.c_str()).x) + 4.0f +
         f->FontSize * 1.2f + 2 * ctx.theme.metrics.gap;
}

bool Chip(UiState& state, const FrameContext& ctx, std::string_view target, const std::string& label,
          ImVec2 pos, ImVec2 size, bool selected) {
  const ThemeColors& c = ctx.theme.colors;
  const ThemeMetrics& m = ctx.theme.metrics;
  const std::string empty;
  const bool tapped = TouchButton(state, ctx, target, empty.c_str(), pos, size,
                                  ButtonStyle{selected ? c.tab_selected : c.row, c.text, ctx.fonts.title});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  dl->AddRect(pos, max, selected ? c.tab_selected : c.divider, m.rounding, 0, 2.0f * m.scale);
  ImFont* f = ctx.fonts.title;
  const ImU32 fg = selected ? c.tab_selected_text : c.text;
  const float tick = f->FontSize * 1.2f;
  float x = pos.x + m.gap;
  if (selected) {  // a drawn tick: shape, not glyph, so every font shows it
    const float s = f->FontSize * 0.5f, cy = pos.y + size.y * 0.5f;
    dl->AddPolyline(std::array<ImVec2, 3>{ImVec2(x, cy), ImVec2(x + s * 0.4f, cy + s * 0.4f),
                                          ImVec2(x + s, cy - s * 0.5f)}
                        .data(),
                    3, fg, 0, 3.0f * m.scale);
  }
  // The label is centred on the chip; the tick's room is shared left and right, so it never overlaps.
  const float room = size.x - tick - 2 * m.gap;
  const float tw = std::min(room, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, label.c_str()).x);
  x = std::max(x + tick, pos.x + (size.x - tw) * 0.5f);
  DrawEllipsized(dl, f, ImVec2(x, pos.y + (size.y - f->FontSize) * 0.5f), max.x - x - m.gap, label, fg);
  return tapped;
}

bool ChoiceTile(UiState& state, const FrameContext& ctx, std::string_view target, const char* label,
                const char* hint, ImVec2 pos, ImVec2 size, ImU32 background, ImU32 text) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const std::string empty;
  const bool tapped = TouchButton(state, ctx, target, empty.c_str(), pos, size,
                                  ButtonStyle{background, text, ctx.fonts.heading});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* lf = ctx.fonts.heading;
  ImFont* hf = ctx.fonts.body;
  const float inner = size.x - 2 * m.padding;
  const float lh = lf->FontSize * 1.3f, hh = hf->FontSize * m.line_spacing;
  const float label_h = MeasureWrapped(lf, inner, label, lh);
  const float hint_h = hint != nullptr ? MeasureWrapped(hf, inner, hint, hh) + m.gap : 0.0f;
  float y = pos.y + (size.y - label_h - hint_h) * 0.5f;
  y += DrawWrapped(dl, lf, ImVec2(pos.x + m.padding, y), inner, label, text, lh) + m.gap;
  if (hint != nullptr) DrawWrapped(dl, hf, ImVec2(pos.x + m.padding, y), inner, hint, text, hh);
  return tapped;
}

float DrawTicketCode(ImDrawList* dl, const FrameContext& ctx, std::string_view code, ImVec2 pos, ImU32 color,
                     bool measure_only) {
  ImFont* f = ctx.fonts.clock;
  const float spacing = f->FontSize * 0.12f;
  // An empty place is a drawn bar, not a glyph: the clock font holds only the ticket alphabet, and a
  // character it lacks would show as its fallback letter, making a short code look complete.
  const float place_w = f->GetCharAdvance('0');
  float x = pos.x;
  for (char ch : code) {
    const bool empty = ch == kEmptyCodePlace;
    const float advance =
        empty ? place_w : f->GetCharAdvance(static_cast<ImWchar>(static_cast<unsigned char>(ch)));
    if (!measure_only) {
      if (empty) {
        const float bar = std::max(3.0f, f->FontSize * 0.05f);
        const float base = pos.y + f->FontSize * 0.78f;
        dl->AddRectFilled(ImVec2(x + advance * 0.12f, base - bar), ImVec2(x + advance * 0.88f, base),
                          ctx.theme.colors.divider);
      } else {
        const char s[2] = {ch, 0};
        dl->AddText(f, f->FontSize, ImVec2(x, pos.y), color, s);
      }
    }
    x += advance + spacing;
  }
  return x - pos.x - (code.empty() ? 0.0f : spacing);
}

float MessageHeight(const FrameContext& ctx, float width, const std::string& text) {
  ImFont* f = ctx.fonts.title;
  return MeasureWrapped(f, width - 2 * ctx.theme.metrics.gap, text, f->FontSize * 1.35f) + ctx.theme.metrics.gap;
}

float DrawMessage(ImDrawList* dl, const FrameContext& ctx, ImVec2 pos, float width, const std::string& text,
                  bool error) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImFont* f = ctx.fonts.title;
  const float lh = f->FontSize * 1.35f;
  const float h = MeasureWrapped(f, width - 2 * m.gap, text, lh) + m.gap;
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), error ? c.urgent : c.tab, m.rounding);
  DrawWrapped(dl, f, ImVec2(pos.x + m.gap, pos.y + m.gap * 0.5f), width - 2 * m.gap, text,
              error ? c.urgent_text : c.text, lh);
  return h;
}

input::KeyboardStyle KeyStyleFor(const UiState& /*state*/, const FrameContext& ctx) {
  input::KeyboardStyle s;
  // Large text makes the keys taller (touch_min grows) but not wider or further apart: a taller keyboard
  // would leave search results no room.
  s = s.Scaled(ctx.theme.metrics.scale);
  s.key_height = std::max(s.key_height, ctx.theme.metrics.touch_min);
  s.candidate_height = std::max(s.candidate_height, ctx.theme.metrics.touch_min);
  // Candidates and key labels share the body style: the candidates are what a resident reads to choose, so
  // they must never be smaller than the labels; only the body size holds the common characters a keyboard
  // may offer (a second size of them would double that part of the atlas).
  s.key_font = ctx.fonts.body;
  s.candidate_font = ctx.fonts.body;
  s.preedit_line = false;  // both keyboard screens draw the letters being composed in their own field
  return s;
}

float KeyboardHeight(const UiState& state, const FrameContext& ctx) {
  if (ctx.input.keyboard == nullptr) return 0.0f;
  return input::OnScreenKeyboardHeight(*ctx.input.keyboard, KeyStyleFor(state, ctx));
}

namespace {

void RecordKeys(UiState& state, const input::KeyRects& rects) {
  for (const auto& [name, r] : rects.All())
    state.tap_targets.push_back({name, ImVec2(r.min_x, r.min_y), ImVec2(r.max_x, r.max_y)});
}

input::TranslateFn Translate(const FrameContext& ctx) {
  return [&tr = ctx.tr](const char* key) { return tr(key); };
}

}  // namespace

void DrawKeyboard(UiState& state, const FrameContext& ctx, FrameOutput& out, ImVec2 pos, float width) {
  if (ctx.input.keyboard == nullptr) return;
  input::KeyboardStyle style = KeyStyleFor(state, ctx);
  style.max_width = width;
  input::KeyRects rects;
  ImGui::SetCursorScreenPos(pos);
  if (auto key = input::DrawOnScreenKeyboard(*ctx.input.keyboard, style, Translate(ctx), &rects)) {
    UiAction a{ActionKind::KeyboardKey, {}};
    a.key = *key;
    out.actions.push_back(a);
  }
  RecordKeys(state, rects);
}

ImVec2 PadSize(const UiState& state, const FrameContext& ctx) {
  if (ctx.input.pad == nullptr) return ImVec2(0, 0);
  const input::KeyboardStyle style = KeyStyleFor(state, ctx);
  const input::NumberPadModel& pad = *ctx.input.pad;
  float units = 0.0f;
  for (const input::PadRow& row : pad.rows()) {
    float u = 0.0f;
    for (const input::PadKey& k : row) u += k.width;
    units = std::max(units, u);
  }
  const float unit =
      pad.kind() == input::NumberPadKind::Digits ? style.pad_key_width : style.ticket_key_width;
  const float rows = static_cast<float>(pad.rows().size());
  return ImVec2(units * unit + (units - 1.0f) * style.key_gap,
                rows * style.key_height + (rows - 1.0f) * style.key_gap);
}

void DrawPad(UiState& state, const FrameContext& ctx, FrameOutput& out, ImVec2 pos) {
  if (ctx.input.pad == nullptr) return;
  input::KeyRects rects;
  ImGui::SetCursorScreenPos(pos);
  if (auto key = input::DrawNumberPad(*ctx.input.pad, KeyStyleFor(state, ctx), Translate(ctx), &rects)) {
    UiAction a{ActionKind::NumberPadKey, {}};
    a.pad = *key;
    out.actions.push_back(a);
  }
  RecordKeys(state, rects);
}

void DrawQrCode(ImDrawList* dl, const QrMatrix& qr, ImVec2 pos, float side, const ThemeColors& c) {
  // Quiet zone of four modules on every side, as the QR standard asks, on a white square.
  const int modules = qr.size + 8;
  const float module = std::floor(side / static_cast<float>(modules));
  const float used = module * static_cast<float>(modules);
  const ImVec2 origin(pos.x + (side - used) * 0.5f, pos.y + (side - used) * 0.5f);
  dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), c.qr_light);
  for (int yy = 0; yy < qr.size; ++yy) {
    for (int xx = 0; xx < qr.size; ++xx) {
      if (!qr.Dark(xx, yy)) continue;
      // Runs of dark modules in a row become one rectangle: fewer vertices.
      int run = 1;
      while (xx + run < qr.size && qr.Dark(xx + run, yy)) ++run;
      const ImVec2 a(origin.x + (xx + 4) * module, origin.y + (yy + 4) * module);
      dl->AddRectFilled(a, ImVec2(a.x + run * module, a.y + module), c.qr_dark);
      xx += run - 1;
    }
  }
}

}  // namespace ck::ui

// Touch widgets drawn with ImDrawList over ImGui's item and id machinery.
#include "app/ui/shell/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <string>

namespace ck::ui {

float TapSlop(const FrameContext& ctx) {
  return 12.0f * ctx.theme.metrics.scale;
}

bool WanderedPastSlop(float slop) {
  // ImGui keeps the farthest the pointer got from where it pressed, until the next press.
  return ImGui::GetIO().MouseDragMaxDistanceSqr[0] > slop * slop;
}

bool TouchButton(UiState& state, const FrameContext& ctx, std::string_view target, const char* label,
                 ImVec2 pos, ImVec2 size, const ButtonStyle& style) {
  const std::string id(target);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id.c_str());
  const bool released_on = ImGui::InvisibleButton("##touch", size);
  const bool tap = style.enabled && !WanderedPastSlop(TapSlop(ctx));
  const bool pressed = released_on && tap;
  const bool held = ImGui::IsItemActive() && tap;
  ImGui::PopID();
  if (style.enabled) state.tap_targets.push_back({id, pos, ImVec2(pos.x + size.x, pos.y + size.y)});

  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 bg = held ? ctx.theme.colors.button_pressed : style.background;
  ImU32 fg = style.text;
  if (!style.enabled) {
    bg = (bg & ~IM_COL32_A_MASK) | (IM_COL32(0, 0, 0, 90) & IM_COL32_A_MASK);
    fg = (fg & ~IM_COL32_A_MASK) | (IM_COL32(0, 0, 0, 140) & IM_COL32_A_MASK);
  }
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg, ctx.theme.metrics.rounding);
  const float pad = ctx.theme.metrics.gap * 0.6f;
  const float line_h = style.font->FontSize * 1.25f;
  const std::string_view text(label);
  const float h = MeasureWrapped(style.font, size.x - 2 * pad, text, line_h);
  const float w =
      std::min(style.font->CalcTextSizeA(style.font->FontSize, FLT_MAX, 0.0f, label).x, size.x - 2 * pad);
  // DrawLines already centres each glyph in its taller line box: adding that inset again here put every
  // label a few pixels low.
  const ImVec2 text_pos(pos.x + (size.x - w) * 0.5f, pos.y + (size.y - h) * 0.5f);
  DrawWrapped(dl, style.font, text_pos, size.x - 2 * pad, text, fg, line_h);
  return pressed;
}

float ButtonWidthFor(const char* label, ImFont* font, float padding, float min_width) {
  return std::max(min_width, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label).x + 2 * padding);
}

float DrawBadge(ImDrawList* dl, ImVec2 pos, const char* text, ImFont* font, ImU32 bg, ImU32 fg, float height,
                float padding) {
  const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text);
  const float w = ts.x + 2 * padding;
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), bg, height * 0.2f);
  dl->AddText(font, font->FontSize, ImVec2(pos.x + padding, pos.y + (height - ts.y) * 0.5f), fg, text);
  return w;
}

std::vector<LineSpan> WrapText(const DisplayText& text, ImFont* font, float width) {
  return BreakLines(std::u32string_view(text.codepoints.data(), text.codepoints.size()), width,
                    [font](char32_t cp) { return font->GetCharAdvance(static_cast<ImWchar>(cp)); });
}

float DrawLines(ImDrawList* dl, ImFont* font, ImVec2 pos, const DisplayText& text,
                const std::vector<LineSpan>& lines, ImU32 color, float line_height, float clip_min_y,
                float clip_max_y) {
  // The glyph sits in the middle of the taller line box, so extra spacing is shared above and below.
  const float inset = (line_height - font->FontSize) * 0.5f;
  float y = pos.y;
  for (const LineSpan& line : lines) {
    if (y + line_height >= clip_min_y && y <= clip_max_y && line.end > line.begin) {
      const char* b = text.utf8.data() + text.byte_offsets[line.begin];
      const char* e = text.utf8.data() + text.byte_offsets[line.end];
      dl->AddText(font, font->FontSize, ImVec2(pos.x, y + inset), color, b, e);
    }
    y += line_height;
  }
  return y - pos.y;
}

float DrawWrapped(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, std::string_view display_utf8,
                  ImU32 color, float line_height) {
  const DisplayText text = MakeDisplayText(display_utf8);
  return DrawLines(dl, font, pos, text, WrapText(text, font, width), color, line_height);
}

float MeasureWrapped(ImFont* font, float width, std::string_view display_utf8, float line_height) {
  const DisplayText text = MakeDisplayText(display_utf8);
  return static_cast<float>(WrapText(text, font, width).size()) * line_height;
}

void DrawEllipsized(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, std::string_view display_utf8,
                    ImU32 color) {
  const DisplayText text = MakeDisplayText(display_utf8);
  const float ellipsis = font->GetCharAdvance(0x2026);
  float w = 0.0f;
  std::size_t fit = 0;
  for (; fit < text.codepoints.size(); ++fit) {
    const float a = font->GetCharAdvance(static_cast<ImWchar>(text.codepoints[fit]));
    if (w + a > width) break;
    w += a;
  }
  if (fit == text.codepoints.size()) {
    dl->AddText(font, font->FontSize, pos, color, text.utf8.c_str());
    return;
  }
  while (fit > 0 && w + ellipsis > width)
    w -= font->GetCharAdvance(static_cast<ImWchar>(text.codepoints[--fit]));
  std::string cut = text.utf8.substr(0, text.byte_offsets[fit]);
  AppendUtf8(cut, 0x2026);
  dl->AddText(font, font->FontSize, pos, color, cut.c_str());
}

void BeginTouchScroll(const char* id, ImVec2 pos, ImVec2 size, TouchScroll& scroll, const FrameContext& ctx,
                      FrameOutput& out, std::optional<ImVec2>* tap) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImRect rect(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  PointerSample sample;
  sample.down = io.MouseDown[0];
  sample.x = io.MousePos.x;
  sample.y = io.MousePos.y;
  sample.time = ImGui::GetTime();
  sample.inside = rect.Contains(io.MousePos) && !ImGui::IsAnyItemActive();
  const float before = scroll.offset;
  const bool physics_before = scroll.pressed || scroll.velocity != 0.0f;
  const ScrollStep step = UpdateTouchScroll(scroll, sample, scroll.max_offset, TapSlop(ctx), io.DeltaTime);
  if (step.tap) *tap = ImVec2(step.tap->x, step.tap->y);
  if (step.moving) out.wants_next_frame = true;
  // Only steer ImGui's scroll while a finger or inertia moves it, so the mouse wheel keeps working.
  if (!scroll.placed || physics_before || scroll.pressed || scroll.offset != before)
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, scroll.offset));
  scroll.placed = true;
  ImGui::SetCursorScreenPos(pos);
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoNav);
}

void EndTouchScroll(TouchScroll& scroll) {
  // Remember where ImGui ended up (the wheel may have moved it) and how far it can go, for the next frame.
  scroll.max_offset = ImGui::GetScrollMaxY();
  if (!scroll.pressed && scroll.velocity == 0.0f) scroll.offset = ImGui::GetScrollY();
  ImGui::EndChild();
}

}  // namespace ck::ui

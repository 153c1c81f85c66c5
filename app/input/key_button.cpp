// TouchKey: one key of the keyboard or number pad: a tap target with a visible pressed state, no hover.
#include "app/input/key_button.h"

#include <string>

namespace ck::input {

bool TouchKey(std::string_view name, const char* label, ImVec2 pos, ImVec2 size, KeyLook look,
              const KeyboardStyle& style, ImFont* font, KeyRects* rects) {
  ImGui::SetCursorScreenPos(pos);
  const std::string id(name);
  // An invisible button plus our own drawing: no hover colour (a touchscreen leaves the "mouse" where the
  // last finger was, which would keep a key lit), and labels are never parsed for ImGui's "##" ids.
  const bool released_on = ImGui::InvisibleButton(id.c_str(), size);
  // ImGui keeps the farthest the pointer got from where it pressed, until the next press.
  const bool wandered = ImGui::GetIO().MouseDragMaxDistanceSqr[0] > style.tap_slop * style.tap_slop;
  const bool usable = look != KeyLook::Disabled && !wandered;
  const bool tapped = released_on && usable;
  const bool pressed = ImGui::IsItemActive() && usable;
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  if (rects != nullptr) rects->Record(name, KeyRect{pos.x, pos.y, max.x, max.y});

  ImU32 fill = style.key_color;
  ImU32 text = style.key_text_color;
  if (look == KeyLook::Action) {
    fill = pressed ? style.action_key_pressed_color : style.action_key_color;
    text = style.action_key_text_color;
  } else if (look == KeyLook::Disabled) {
    text = style.disabled_text_color;
  } else if (pressed) {
    fill = style.key_pressed_color;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, max, fill, style.rounding);
  if (label != nullptr && label[0] != '\0') {
    ImFont* used = font != nullptr ? font : ImGui::GetFont();
    const float font_size = used->FontSize;
    const ImVec2 text_size = used->CalcTextSizeA(font_size, size.x, 0.0f, label);
    const ImVec2 at(pos.x + (size.x - text_size.x) * 0.5f, pos.y + (size.y - text_size.y) * 0.5f);
    const ImVec4 clip(pos.x, pos.y, max.x, max.y);
    draw->AddText(used, font_size, at, text, label, nullptr, 0.0f, &clip);
  }
  return tapped;
}

void DrawPageArrow(ImVec2 pos, ImVec2 size, ImGuiDir direction, ImU32 color) {
  // Drawn as a triangle, not a glyph, so it shows in any font.
  const float half = size.y * 0.22f;
  const ImVec2 c(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (direction == ImGuiDir_Left) {
    draw->AddTriangleFilled(ImVec2(c.x - half, c.y), ImVec2(c.x + half, c.y - half),
                            ImVec2(c.x + half, c.y + half), color);
  } else {
    draw->AddTriangleFilled(ImVec2(c.x + half, c.y), ImVec2(c.x - half, c.y + half),
                            ImVec2(c.x - half, c.y - half), color);
  }
}

}  // namespace ck::input

// TouchKey: one key of the keyboard or number pad: a tap target with a visible pressed state, no hover.
#pragma once

#include <imgui.h>

#include <string_view>

#include "app/input/key_rects.h"
#include "app/input/keyboard_style.h"

namespace ck::input {

enum class KeyLook { Normal, Action, Disabled };

// Draws a key at `pos` (screen coordinates) and records its rect under `name`. True on a tap (press and
// release on the key, the finger staying within style.tap_slop), never for a disabled key. `name` doubles as
// the ImGui id, so it must be unique in the window.
bool TouchKey(std::string_view name, const char* label, ImVec2 pos, ImVec2 size, KeyLook look,
              const KeyboardStyle& style, ImFont* font, KeyRects* rects);

// A ◀ or ▶ over a key drawn by TouchKey.
void DrawPageArrow(ImVec2 pos, ImVec2 size, ImGuiDir direction, ImU32 color);

}  // namespace ck::input

// Category icons drawn as shapes (no image files, no font glyphs), keyed by the service's "icon" field.
#pragma once

#include <imgui.h>

#include <string_view>

namespace ck::ui {

// Draws the icon centred on `center`, about `size` pixels across. Unknown keys get a plain disc.
void DrawServiceIcon(ImDrawList* dl, std::string_view icon, ImVec2 center, float size, ImU32 color);

}  // namespace ck::ui

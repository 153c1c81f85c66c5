// Screenshot mode: every screen rendered to a PNG file, for review and for the docs, then exit.
#pragma once

#include <filesystem>

#include "app/platform/render_session.h"

namespace ck::platform {

// Writes home.png, notice_board.png, notice_detail.png (an urgent notice, else the first), coming_soon.png,
// home_en.png, notice_board_en.png, home_large.png, notice_board_large.png, notice_detail_large.png.
// Returns 0 when all were written.
int WriteScreenshots(GLFWwindow* window, RenderSession& session, ui::KioskController& controller,
                     const std::filesystem::path& out_dir);

}  // namespace ck::platform

// Screenshot mode: every screen rendered to a PNG file, for review and for the docs, then exit.
#pragma once

#include <GLFW/glfw3.h>

#include <filesystem>
#include <string>

#include "app/input/pinyin_state.h"
#include "app/platform/render_session.h"

namespace ck::platform {

// What the feedback screenshots need besides the kiosk's own controller.
struct ScreenshotInputs {
  const ui::TranslationSet* translations = nullptr;
  input::PinyinInput* pinyin = nullptr;  // null: no pinyin shots
  std::string share_base_url;            // for the receipt's QR code
  std::filesystem::path demo_file;       // the demo community (its activities); empty: no activity shots
};

// Writes home, the notice board, detail, search and coming-soon screens (some in English and large text), the
// idle countdown, and — from a scratch database in a temporary folder, so no test report ever reaches the
// kiosk's own outbox — every report step, the receipt (offline), and a ticket's status and rating.
// Beside the pictures, text_sizes.json holds for each file the character size every text style was drawn
// at (ui/shell/drawn_text.h; the same numbers the test hook gives window tests). Returns 0 when all were
// written.
int WriteScreenshots(GLFWwindow* window, RenderSession& session, ui::KioskController& controller,
                     const std::filesystem::path& out_dir, const ScreenshotInputs& inputs);

// --- shared by screenshot.cpp and screenshot_feedback.cpp ---
// Renders a few frames at `now` and saves the last (and its text sizes, for text_sizes.json); prints the
// path. False when the file was not written.
bool CaptureScreen(GLFWwindow* window, RenderSession& session, ui::KioskController& controller,
                   protocol::UnixSeconds now, const std::filesystem::path& file);
// Types `letters` on the controller's keyboard and chooses the candidate `wanted` when the engine offers
// it on the first page; false otherwise.
bool TypePinyin(ui::KioskController& controller, const std::string& letters, const std::string& wanted,
                protocol::UnixSeconds now);
// Activity screens from a scratch kiosk holding the demo activities of `demo_file`; counts failures.
int WriteActivityScreenshots(GLFWwindow* window, RenderSession& session, const std::filesystem::path& out_dir,
                             const ScreenshotInputs& inputs, const std::filesystem::path& demo_file);
// Feedback screens from a scratch kiosk; counts failures.
int WriteFeedbackScreenshots(GLFWwindow* window, RenderSession& session, const std::filesystem::path& out_dir,
                             const ScreenshotInputs& inputs);

}  // namespace ck::platform

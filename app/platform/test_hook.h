// TestHook (CK_TEST_HOOK_DIR): the running kiosk tells window tests what it shows each time it settles.
//
// Tests that drive the real window with X events (tests/app/platform) need to know where the named tap
// targets are (they move with large text and English) and what a tap did. Whenever the main loop is about
// to sleep after drawing, the hook writes, atomically (temporary file, then rename):
//   DIR/screen.png  the last frame drawn (read back before its swap: the hook never draws frames of its own,
//                   which would let ImGui see input the loop has not fed it yet)
//   DIR/state.json  {"settle": n, "screen": "ReportWhat", "screen_off": false, "targets": [{"name", "x0", "y0", "x1", "y1"}],
//                    "shown": {field: value}, "report": {...}, "keyboard": {...}, "open_notice": id,
//                    "text": {"min_px", "styles": {style: {"min_px", "max_px", "glyphs"}}}}
//                   where "text" is the character size each text style was really drawn at in the last
//                   frame (ui/shell/drawn_text.h), so a test can hold every screen to DESIGN.md's sizes
// `settle` counts up, `frames` counts frames drawn, and `buttons` counts the mouse button events GLFW
// delivered, so a test that sent n presses and releases waits for a settle with buttons >= n: the loop then
// went idle after seeing them all.
// Unset (every real kiosk), the hook does nothing and costs nothing.
#pragma once

#include <GLFW/glfw3.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <vector>

#include "app/platform/render_session.h"
#include "app/ui/shell/drawn_text.h"

namespace ck::platform {

// The "text" object of state.json (also written beside the screenshot set).
nlohmann::json DrawnTextJson(const ui::DrawnText& text);

class TestHook {
 public:
  // The hook CK_TEST_HOOK_DIR asks for, or nullopt. CK_TEST_HOOK_PIXELS=0 leaves out screen.png (a
  // full-screen read-back and PNG: ~15 MB a memory benchmark must not count as the kiosk's).
  static std::optional<TestHook> FromEnvironment();

  // Counts the window's mouse button events (chaining to the callback installed before, ImGui's or ours).
  // Call after every other callback is installed.
  void Attach(GLFWwindow* window);
  // GL thread, after a frame is rendered and before it is swapped: keeps its pixels and the sizes its text
  // was drawn at.
  void Rendered(GLFWwindow* window, const ui::KioskFonts& fonts);
  // GL thread, after a black frame of the screen-off hours (screen_off.h) and before its swap.
  void RenderedBlack(GLFWwindow* window);
  // GL thread, when the loop is about to sleep: writes screen.png and state.json. `screen_off`: the frame
  // was black; state.json then says "screen_off": true and lists no targets (nothing can be pressed).
  void Settled(const ui::KioskController& controller, bool screen_off = false);

 private:
  TestHook(std::filesystem::path dir, bool pixels) : dir_(std::move(dir)), pixels_wanted_(pixels) {}
  void ReadBack(GLFWwindow* window);  // the back buffer into pixels_
  std::filesystem::path dir_;
  bool pixels_wanted_ = true;
  long settle_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<unsigned char> pixels_;  // RGB, bottom row first (GL's order)
  ui::DrawnText text_;
};

}  // namespace ck::platform

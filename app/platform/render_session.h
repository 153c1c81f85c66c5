// RenderSession: the kiosk's UI on an OpenGL window — fonts kept in step with the text in use, one frame
// rendered on demand. Shared by the interactive loop and screenshot mode.
#pragma once

#include <GLFW/glfw3.h>

#include "app/platform/pointer_queue.h"
#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/shell/font_atlas.h"
#include "app/ui/shell/theme.h"

namespace ck::platform {

class RenderSession {
 public:
  RenderSession(ui::KioskController& controller, ui::FontFace face, bool add_common_chinese);
  ~RenderSession();
  RenderSession(const RenderSession&) = delete;
  RenderSession& operator=(const RenderSession&) = delete;

  // No GL, any thread, before ImGui exists: bakes `needs` into `atlas` for a display `height` pixels high.
  // Start-up bakes only the home screen's glyphs this way, in parallel with the GL driver's start.
  bool BuildFonts(ImFontAtlas& atlas, float height, const ui::GlyphNeeds& needs);
  void SetWindow(GLFWwindow* window) { window_ = window; }
  // The interactive loop's input: each frame takes one step of it, through the controller's tap guard.
  // Without one (screenshot mode), ImGui's backend reads the pointer as it is.
  void SetPointerQueue(PointerQueue* queue) { pointer_ = queue; }
  // Presses that began at or before `clock` (glfwGetTime) are dropped with their release: the touch that
  // woke a black screen (screen_off.h) must not also press what is drawn under it.
  void RefusePressesUntil(double clock) { refuse_presses_until_ = clock; }
  // Draws another controller from now on (screenshot mode's scratch kiosk); its fonts are rebuilt.
  void UseController(ui::KioskController& controller) {
    controller_ = &controller;
    built_ = false;
  }

  // GL thread, between frames: uploads a freshly built atlas, and rebuilds it when the text size mode or the
  // display changed or new characters appeared. `allow_partial`: keep a start-up atlas for one more frame
  // even if it lacks glyphs of other screens. Returns false (and logs) if the atlas could not be built.
  bool EnsureFonts(bool allow_partial = false);
  // NewFrame → screens → Render → GL draw. Does not swap; returns what the frame asked for.
  ui::FrameOutput RenderFrame(protocol::UnixSeconds now);
  // The fonts the last frame drew with (to read its text sizes back: ui/shell/drawn_text.h).
  const ui::KioskFonts& fonts() const { return fonts_; }

 private:
  float DisplayHeight() const;

  GLFWwindow* window_ = nullptr;
  PointerQueue* pointer_ = nullptr;
  ui::KioskController* controller_;
  ui::FontFace face_;
  bool add_common_chinese_;
  ui::KioskFontAtlas atlas_;
  ui::KioskFonts fonts_;
  ui::Theme theme_;
  bool built_ = false;
  bool built_large_ = false;
  float built_height_ = 0.0f;
  unsigned int texture_ = 0;
  double refuse_presses_until_ = -1.0;
};

}  // namespace ck::platform

// RenderSession: the kiosk's UI on an OpenGL window — fonts kept in step with the text in use, one frame
// rendered on demand. Shared by the interactive loop and screenshot mode.
#pragma once

#include <GLFW/glfw3.h>

#include "app/ui/font_atlas.h"
#include "app/ui/kiosk_controller.h"
#include "app/ui/theme.h"

namespace ck::platform {

class RenderSession {
 public:
  RenderSession(GLFWwindow* window, ui::KioskController& controller, ui::FontFace face,
                bool add_common_chinese);
  ~RenderSession();
  RenderSession(const RenderSession&) = delete;
  RenderSession& operator=(const RenderSession&) = delete;

  // Between frames: rebuilds the atlas when the text size mode changed or new characters appeared.
  // Returns false (and logs) if the atlas could not be built.
  bool EnsureFonts();
  // NewFrame → screens → Render → GL draw. Does not swap; returns what the frame asked for.
  ui::FrameOutput RenderFrame(protocol::UnixSeconds now);

 private:
  GLFWwindow* window_;
  ui::KioskController& controller_;
  ui::FontFace face_;
  bool add_common_chinese_;
  ui::KioskFontAtlas atlas_;
  ui::KioskFonts fonts_;
  ui::Theme theme_;
  bool built_ = false;
  bool built_large_ = false;
  float built_height_ = 0.0f;
  unsigned int texture_ = 0;
};

}  // namespace ck::platform

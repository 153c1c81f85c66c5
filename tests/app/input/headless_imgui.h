// HeadlessImGui: an ImGui context with no window and no GPU, driven by taps at recorded key rects.
#pragma once

#include <imgui.h>

#include <functional>
#include <string_view>

#include "app/input/key_rects.h"

namespace ck::input {

// 1920×1080 with the default font baked to RGBA (no GL): enough for layout and hit-testing.
class HeadlessImGui {
 public:
  HeadlessImGui();
  ~HeadlessImGui();
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  // One frame: a full-screen window in which `draw` runs.
  void Frame(const std::function<void()>& draw);
  // Press on one frame, release on the next, at the centre of the rect recorded as `name`; false when
  // no such key was drawn. `draw` runs on both frames, as the screen would.
  bool Tap(const KeyRects& rects, std::string_view name, const std::function<void()>& draw);

 private:
  ImGuiContext* context_;
};

}  // namespace ck::input

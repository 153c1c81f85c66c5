// TouchScroll: drag-to-scroll with inertia, and telling a tap from a drag. Pure state, driven by samples,
// so it is tested without ImGui; widgets.cpp connects it to an ImGui child window.
#pragma once

#include <optional>

namespace ck::ui {

struct PointerSample {
  bool down = false;
  float x = 0.0f;
  float y = 0.0f;
  double time = 0.0;    // seconds
  bool inside = false;  // over the scroll region (only a press inside starts anything)
};

struct TapPoint {
  float x;
  float y;
};

struct TouchScroll {
  float offset = 0.0f;    // scroll position, 0..max
  float velocity = 0.0f;  // px/s; positive moves the content up (offset grows)
  bool pressed = false;
  bool dragging = false;
  bool press_stopped_glide = false;  // this press caught a gliding list: it stops it and is not a tap
  float press_x = 0.0f, press_y = 0.0f;
  float offset_at_press = 0.0f;
  float last_y = 0.0f;
  double last_time = 0.0;
  double last_move_time = 0.0;
  float max_offset = 0.0f;  // as far as the content allows, learnt from the last frame
  // False on a fresh TouchScroll{}: the next frame moves ImGui's list to `offset` (the top), so assigning
  // TouchScroll{} is how a screen opens its list at the top; ImGui would otherwise keep the old position.
  bool placed = false;
};

struct ScrollStep {
  std::optional<TapPoint> tap;  // a press and release that did not move beyond the slop
  bool moving = false;          // inertia still running: the caller must request another frame
};

// `slop`: how far a finger may wander and still tap (≈ 12 px at 1080p). `dt`: seconds since the last call.
ScrollStep UpdateTouchScroll(TouchScroll& s, const PointerSample& p, float max_offset, float slop, float dt);

// Decay time constant of the inertia, seconds (a flick of 2,000 px/s glides about 650 px).
inline constexpr float kInertiaTimeConstant = 0.325f;
// Below this speed (px/s) inertia stops.
inline constexpr float kInertiaStopSpeed = 20.0f;

}  // namespace ck::ui

// Drag, release, glide: the scroll physics of touch lists.
#include "app/ui/shell/touch_scroll.h"

#include <algorithm>
#include <cmath>

namespace ck::ui {

ScrollStep UpdateTouchScroll(TouchScroll& s, const PointerSample& p, float max_offset, float slop, float dt) {
  ScrollStep step;
  max_offset = std::max(0.0f, max_offset);
  if (p.down && !s.pressed) {
    if (!p.inside) return step;  // a press that began elsewhere (a button) is not ours
    s.pressed = true;
    s.dragging = false;
    // Touching a gliding list stops it, as on a phone, and that touch opens nothing: the resident aimed at
    // a row that was still moving under the finger.
    s.press_stopped_glide = s.velocity != 0.0f;
    s.velocity = 0.0f;
    s.press_x = p.x;
    s.press_y = p.y;
    s.offset_at_press = s.offset;
    s.last_y = p.y;
    s.last_time = s.last_move_time = p.time;
    return step;
  }
  if (p.down && s.pressed) {
    if (!s.dragging && (std::fabs(p.y - s.press_y) > slop || std::fabs(p.x - s.press_x) > slop))
      s.dragging = true;
    if (s.dragging) {
      s.offset = std::clamp(s.offset_at_press + (s.press_y - p.y), 0.0f, max_offset);
      const double elapsed = p.time - s.last_time;
      if (elapsed > 1e-4 && p.y != s.last_y) {
        const float instant = static_cast<float>((s.last_y - p.y) / elapsed);
        s.velocity = 0.7f * instant + 0.3f * s.velocity;  // smooths the jitter of touch samples
        s.last_move_time = p.time;
      }
      s.last_y = p.y;
      s.last_time = p.time;
    }
    return step;
  }
  if (!p.down && s.pressed) {
    s.pressed = false;
    if (!s.dragging) {
      s.velocity = 0.0f;
      if (s.press_stopped_glide) return step;
      if (p.inside || (std::fabs(p.y - s.press_y) <= slop && std::fabs(p.x - s.press_x) <= slop))
        step.tap = TapPoint{s.press_x, s.press_y};
      return step;
    }
    s.dragging = false;
    // A finger that stopped before lifting means "stay here", not "glide".
    if (p.time - s.last_move_time > 0.1) s.velocity = 0.0f;
  }
  if (s.velocity != 0.0f && dt > 0.0f) {
    s.offset += s.velocity * dt;
    s.velocity *= std::exp(-dt / kInertiaTimeConstant);
    if (s.offset <= 0.0f || s.offset >= max_offset) {
      s.offset = std::clamp(s.offset, 0.0f, max_offset);
      s.velocity = 0.0f;
    }
    if (std::fabs(s.velocity) < kInertiaStopSpeed) s.velocity = 0.0f;
  }
  step.moving = s.velocity != 0.0f;
  return step;
}

}  // namespace ck::ui

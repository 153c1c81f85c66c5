// DrawOnScreenKeyboard: the keyboard widget: candidate bar with paging over the keys of the current mode.
#pragma once

#include <optional>

#include "app/input/key_rects.h"
#include "app/input/keyboard_model.h"
#include "app/input/keyboard_style.h"

namespace ck::input {

// Draws at the cursor, as wide as the available region (up to style.max_width), and returns the action
// of the key tapped this frame, if any. The frame only reads the model; the caller applies the action:
//   if (auto tap = DrawOnScreenKeyboard(model, style, tr, &rects)) model.Apply(*tap);
// Keys are recorded in `rects` (may be null) as "key:a", "key:backspace", "cand:0", "cand:next", ….
std::optional<KeyAction> DrawOnScreenKeyboard(const KeyboardModel& model, const KeyboardStyle& style,
                                              const TranslateFn& translate, KeyRects* rects);

// Height the widget takes, so a screen can lay out the rest above it.
float OnScreenKeyboardHeight(const KeyboardModel& model, const KeyboardStyle& style);

}  // namespace ck::input

// KeyboardStyle: sizes, fonts and colours of the keyboard and number pad, chosen by the caller.
#pragma once

#include <imgui.h>

#include <functional>

namespace ck::input {

// Word labels come through this, keyed as in keyboard_layout.h / number_pad_model.h.
using TranslateFn = std::function<const char*(const char* key)>;

struct KeyboardStyle {
  // DESIGN.md: touch targets of at least 72 px at 1080p; 84 leaves margin for a finger's slip.
  float key_height = 84.0f;
  float key_gap = 10.0f;
  float max_width = 1800.0f;  // the keyboard fills the available width up to this
  float rounding = 8.0f;
  float candidate_height = 88.0f;
  float candidate_min_width = 96.0f;
  float candidate_padding = 28.0f;
  float pad_key_width = 150.0f;    // number pad, digits
  float ticket_key_width = 96.0f;  // number pad, ticket alphabet: 8 columns
  // A finger that wanders farther than this between press and release is dragging, not typing: the key
  // lets go without firing.
  float tap_slop = 12.0f;

  // A line above the candidates showing the letters being composed. Off when the screen shows them in its
  // own field (the kiosk's search and report text do), which leaves that height to the screen.
  bool preedit_line = true;

  ImFont* key_font = nullptr;        // nullptr: the current font
  ImFont* candidate_font = nullptr;  // must cover the Hanzi the engine offers
  // A candidate with a character the candidate font cannot draw (rare Hanzi outside the baked ranges,
  // anything past U+FFFF with Debian's 16-bit ImWchar) is left out of the bar rather than shown as a
  // tofu box. Only a test drawing Hanzi with ImGui's default (Latin) font turns this off.
  bool hide_undrawable_candidates = true;

  // Dark on light and white on blue: both above 4.5:1. The pressed colour differs clearly from the
  // resting one, because on a touchscreen the press is the only feedback there is.
  ImU32 key_color = IM_COL32(0xEE, 0xEF, 0xF2, 0xFF);
  ImU32 key_pressed_color = IM_COL32(0x9C, 0xB8, 0xE6, 0xFF);
  ImU32 key_text_color = IM_COL32(0x16, 0x18, 0x1D, 0xFF);
  ImU32 action_key_color = IM_COL32(0x0B, 0x5C, 0xB8, 0xFF);
  ImU32 action_key_pressed_color = IM_COL32(0x07, 0x3B, 0x78, 0xFF);
  ImU32 action_key_text_color = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
  ImU32 disabled_text_color = IM_COL32(0x70, 0x74, 0x7C, 0xFF);
  ImU32 bar_color = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);

  // Large-text mode: every size grows together so targets and text keep their proportion.
  KeyboardStyle Scaled(float factor) const {
    KeyboardStyle s = *this;
    for (float* v : {&s.key_height, &s.key_gap, &s.rounding, &s.candidate_height, &s.candidate_min_width,
                     &s.candidate_padding, &s.pad_key_width, &s.ticket_key_width, &s.tap_slop}) {
      *v *= factor;
    }
    return s;
  }
};

}  // namespace ck::input

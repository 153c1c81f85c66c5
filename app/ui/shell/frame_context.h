// FrameContext: the read-only inputs of one frame, and FrameOutput: what the frame asks for.
#pragma once

#include <vector>

#include "app/input/keyboard_model.h"
#include "app/input/number_pad_model.h"
#include "app/ui/controller/ui_action.h"
#include "app/ui/controller/view_model.h"
#include "app/ui/maintenance/maintenance_panel.h"
#include "app/ui/shell/font_atlas.h"
#include "app/ui/shell/theme.h"
#include "app/ui/text/translations.h"

namespace ck::ui {

// The keyboard and number pad the current screen shows (null when none): read-only during the frame, the
// controller applies their keys between frames.
struct InputModels {
  const input::KeyboardModel* keyboard = nullptr;
  const input::NumberPadModel* pad = nullptr;
};

struct FrameContext {
  const KioskViewModel& vm;
  const Translations& tr;
  const Theme& theme;
  const KioskFonts& fonts;
  protocol::UnixSeconds now;  // wall clock, for the clock and dates
  double time;                // monotonic seconds, for toasts
  InputModels input;
  double idle_countdown_left = 0.0;  // seconds, while the "still there?" overlay shows
  bool form_in_progress = false;     // leaving now would throw away what the resident typed or chose
  // The maintenance panel and what it shows (null: no panel on this kiosk).
  const maintenance::MaintenancePanel* panel = nullptr;
  const maintenance::PanelFacts* panel_facts = nullptr;
};

struct FrameOutput {
  std::vector<UiAction> actions;
  bool wants_next_frame = false;  // an animation (inertia) is running
};

}  // namespace ck::ui

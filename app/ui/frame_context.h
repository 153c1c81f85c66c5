// FrameContext: the read-only inputs of one frame, and FrameOutput: what the frame asks for.
#pragma once

#include <vector>

#include "app/ui/font_atlas.h"
#include "app/ui/theme.h"
#include "app/ui/translations.h"
#include "app/ui/ui_action.h"
#include "app/ui/view_model.h"

namespace ck::ui {

struct FrameContext {
  const KioskViewModel& vm;
  const Translations& tr;
  const Theme& theme;
  const KioskFonts& fonts;
  protocol::UnixSeconds now;  // wall clock, for the clock and dates
  double time;                // monotonic seconds, for toasts
};

struct FrameOutput {
  std::vector<UiAction> actions;
  bool wants_next_frame = false;  // an animation (inertia) is running
};

}  // namespace ck::ui

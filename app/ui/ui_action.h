// UiAction: what a tap asked for. Frame code returns actions; the controller carries them out between frames.
#pragma once

#include <string>

#include "app/ui/ui_state.h"

namespace ck::ui {

enum class ActionKind {
  GoHome,
  GoBack,
  OpenBoard,
  OpenComingSoon,  // feature
  OpenNotice,      // argument: notice id
  SelectCategory,  // argument: category code, empty for all
  ToggleLanguage,
  ToggleLargeText,
};

struct UiAction {
  ActionKind kind;
  std::string argument;
  Feature feature = Feature::Activities;
};

}  // namespace ck::ui

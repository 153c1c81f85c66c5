// UiAction: what a tap asked for. Frame code returns actions; the controller carries them out between frames.
#pragma once

#include <cstdint>
#include <string>

#include "app/input/keyboard_layout.h"
#include "app/input/number_pad_model.h"
#include "app/ui/controller/ui_state.h"

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
  OpenSearch,
  OpenReport,
  OpenTrack,
  GoToScreen,        // screen: a report step the review's "change" buttons go back to
  ReportKind,        // argument: "complaint" | "suggestion"
  ReportService,     // argument: service code
  ReportWhereField,  // argument: "building" | "unit" | "floor"
  ReportArea,        // argument: common area code
  ReportPhrase,      // index: quick phrase, toggled
  ReportOpenKeyboard,
  ReportAnonymous,
  ReportLeavePhone,
  ReportNext,  // the step's "next" button
  ReportSubmit,
  TrackRate,         // open the rating screen
  RateScore,         // index: 1..5
  RateQuickComment,  // argument: code, toggled
  RateSubmit,
  KeyboardKey,   // key
  NumberPadKey,  // pad
  IdleContinue,
  SearchOpenKeyboard,  // a tap on the search field
  DiscardForm,         // "discard" in the 首页 confirmation: wipe the form, go home
  KeepForm,            // "keep editing" in the 首页 confirmation
  // Activities (kiosk_controller_activities.cpp).
  OpenActivities,     // the 社区活动 tile
  ActivityMonthStep,  // index: -1 or +1 (arrows, a horizontal swipe); 0: back to this month
  ActivitySelectDay,  // argument: "YYYY-MM-DD"
  ActivityOpenDay,    // large text: the selected day's list on its own screen
  OpenActivity,       // argument: activity id, when: the occurrence's original_start
  SignupStart,        // from the detail
  SignupPeople,       // index: 1..4
  SignupNext,         // the step's "next" button
  SignupSubmit,
  SignupOpenKeyboard,
  SignupCancel,       // 查询进度: cancel the sign-up shown
  // The maintenance panel (app/ui/maintenance).
  MaintenanceHold,        // index 1: a press began on the top bar's title area; 0: it ended or left
  MaintenanceSyncNow,
  MaintenanceScreenTest,
  MaintenanceCorner,      // index: 0..3, a corner of the screen test
  MaintenanceBack,        // from the screen test to the panel
  MaintenanceRestart,
  MaintenanceClose,
};

struct UiAction {
  ActionKind kind;
  std::string argument;
  Feature feature = Feature::Activities;
  int index = 0;
  Screen screen = Screen::Home;
  input::KeyAction key{};
  input::NumberPadAction pad{};
  std::int64_t when = 0;  // OpenActivity: the occurrence
};

}  // namespace ck::ui

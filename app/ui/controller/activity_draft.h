// ActivityState and SignupDraft: the plain data behind the calendar, the activity detail and the sign-up
// steps. The sign-up draft is wiped whole (assigning {}) when the resident leaves or walks away.
#pragma once

#include <chrono>
#include <string>

#include "app/ui/shell/touch_scroll.h"
#include "sync/protocol/utc_time.h"

namespace ck::ui {

struct ActivityState {
  std::chrono::year_month month{};         // the month shown; set when the calendar opens
  std::chrono::year_month_day selected{};  // the day whose agenda shows beside the grid
  TouchScroll grid_scroll;                 // large text: the weeks scroll when they do not fit
  TouchScroll agenda_scroll;
  TouchScroll detail_scroll;
  std::string open_id;                    // the activity on the detail screen
  protocol::UnixSeconds open_occurrence = 0;  // its occurrence's original_start
};

struct SignupDraft {
  std::string name;   // from the keyboard
  std::string phone;  // digits
  int people = 0;     // 1..4, 0: not chosen yet
  bool keyboard_open = true;
  std::string error_key;  // why the last "next" or submit failed (translation key), empty when none
};

// 查询进度 for a sign-up code: the cancel request under way and what became of it.
struct SignupTrackState {
  bool cancelling = false;
  std::string message_key;  // offline, failed
};

}  // namespace ck::ui

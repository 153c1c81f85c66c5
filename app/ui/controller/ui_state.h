// UiState: what the resident is looking at (screen, tab, scroll positions, toggles). Owned by the controller,
// changed by frame code only through its own scroll/tap bookkeeping; navigation goes through UiAction.
#pragma once

#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

#include "app/ui/controller/activity_draft.h"
#include "app/ui/controller/report_draft.h"
#include "app/ui/shell/touch_scroll.h"
#include "app/ui/text/line_breaker.h"
#include "app/ui/text/translations.h"

namespace ck::ui {

enum class Screen {
  Home,
  NoticeBoard,
  NoticeDetail,
  NoticeSearch,
  ComingSoon,
  // 我要反映, one screen per step.
  ReportKind,
  ReportCategory,
  ReportWhere,
  ReportWhat,
  ReportContact,
  ReportReview,
  ReportReceipt,
  // 查询进度.
  TrackCode,
  TrackStatus,
  TrackRate,
  TrackThanks,
  // 社区活动: the month, a day's list (large text), the detail, the sign-up steps and its receipt.
  ActivityMonth,
  ActivityDay,
  ActivityDetail,
  SignupName,
  SignupPhone,
  SignupPeople,
  SignupReview,
  SignupReceipt,
  // 查询进度 for a sign-up code.
  TrackSignup,
};
// The home tiles whose screens come with later issues.
enum class Feature { Activities, Feedback, Track };

// A named place a finger can tap, recorded every frame so tests (and screenshots) can find it.
struct TapTarget {
  std::string name;
  ImVec2 min;
  ImVec2 max;
  ImVec2 Center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

// The detail body's lines, kept until the text, the width or the font changes.
struct WrappedBody {
  std::string notice_id;
  float width = 0.0f;
  float font_size = 0.0f;
  std::vector<LineSpan> lines;
};

struct UiState {
  Screen screen = Screen::Home;
  Screen detail_return = Screen::NoticeBoard;  // where Back goes from a notice
  Feature coming_soon = Feature::Activities;
  Language language = Language::Chinese;
  bool large_text = false;

  std::string board_category;   // empty: all categories
  std::vector<int> board_rows;  // indices into KioskViewModel::notices for the current tab
  TouchScroll board_scroll;
  TouchScroll detail_scroll;
  std::string open_notice_id;
  WrappedBody wrapped_body;

  std::string toast_key;     // a short message (translation key) shown until toast_until
  double toast_until = 0.0;  // seconds, same clock as FrameContext::time

  ReportDraft report;
  TrackState track;
  SearchState search;
  TouchScroll track_scroll;
  TouchScroll search_scroll;
  ActivityState activities;
  SignupDraft signup;
  SignupTrackState signup_track;

  // Idle privacy: the last touch, and since when the "still there?" countdown shows (< 0: hidden).
  double last_input_time = 0.0;
  double idle_since = -1.0;
  // 首页 tapped in the middle of a report: "discard what you entered?" shows until answered.
  bool confirm_discard = false;
  // When each top-bar toggle last flipped: the second tap of a double tap on it is ignored.
  double language_toggled_at = -1e9;
  double large_text_toggled_at = -1e9;

  std::vector<TapTarget> tap_targets;  // rebuilt by every frame
  // The values of form fields as drawn this frame, by name ("review.contact" → "138****1234"): what the
  // resident saw, for tests and screenshots to check. Rebuilt by every frame.
  std::vector<std::pair<std::string, std::string>> shown_fields;

  const std::string* FindShown(std::string_view name) const {
    for (const auto& [n, v] : shown_fields)
      if (n == name) return &v;
    return nullptr;
  }
  const TapTarget* FindTarget(std::string_view name) const {
    for (const TapTarget& t : tap_targets)
      if (t.name == name) return &t;
    return nullptr;
  }
};

}  // namespace ck::ui

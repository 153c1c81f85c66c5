// ReportDraft, TrackState, SearchState: the plain data behind the report, track and search screens. Wiped
// whole (assigning {}) when the resident leaves or walks away.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/open311.h"

namespace ck::ui {

enum class WhereField { Building, Unit, Floor };

// The common areas offered on the "where" step, as translation-key suffixes ("area.<code>").
inline constexpr const char* kCommonAreas[] = {"elevator", "corridor", "garage", "gate",
                                               "green",    "garbage",  "other"};

struct ReportDraft {
  std::optional<protocol::FeedbackKind> kind;
  std::string service_code;
  std::string building, unit, floor;  // digits, any may be empty
  std::string common_area;            // a kCommonAreas code; set instead of building/unit/floor
  WhereField where_field = WhereField::Building;
  // Indices, in the order tapped, into the phrases shown for this kind (the category's complaint phrases,
  // or its suggestion phrases): they are cleared whenever the kind or the category changes.
  std::vector<int> phrases;
  std::string free_text;     // what the keyboard produced
  bool keyboard_open = false;
  bool leave_phone = false;  // anonymous is the default
  std::string phone;         // digits
  std::string error_key;     // review: why the last submit failed (translation key), empty when none

  bool HasPlace() const { return !common_area.empty() || !building.empty(); }
  bool HasWhat() const { return !phrases.empty() || !free_text.empty(); }
};

struct TrackState {
  std::string message_key;   // typo, searching, offline, not found, wait
  int wait_seconds = 0;      // for the wait message: how long until the next lookup
  std::string pending_code;  // canonical code of a lookup under way
  std::string code;          // the ticket shown on the status screen
  int score = 0;             // rating being given, 0: none yet
  std::string quick_comment;
  bool reopened = false;  // the saved rating sends the ticket back to the platform
  std::string error_key;
};

struct SearchState {
  std::string query;     // as last searched
  double due_at = -1.0;  // when the typed query should be searched (debounced); < 0: nothing to do
  bool keyboard_open = true;  // 完成 hides it so the results get the screen; a tap on the field brings it back
};

}  // namespace ck::ui

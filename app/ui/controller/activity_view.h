// The activity screens' view model: the month grid with its marks, the agenda lines beside it, the open
// activity, the sign-up receipt and a sign-up found by code. Prepared between frames (kiosk_controller_
// activities.cpp); frame code only reads it. All text is display text (display_text.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/ui/shell/qr_matrix.h"
#include "app/ui/text/display_text.h"
#include "sync/protocol/activity_signup.h"

namespace ck::ui {

// One occurrence in a list (the agenda, the upcoming list, the home strip).
struct ActivityRowView {
  std::string activity_id;
  protocol::UnixSeconds original_start = 0;  // names the occurrence
  protocol::UnixSeconds start = 0;
  protocol::UnixSeconds end = 0;
  std::string title;  // display text
  std::string place;  // display text
  std::vector<protocol::Publisher> organisers;
  bool all_day = false;
  bool cancelled = false;  // this occurrence, or the whole activity
  int capacity = 0;        // 0: no sign-up
  int places_left = 0;
};

struct CalendarCellView {
  std::chrono::year_month_day date;
  int day = 1;
  bool in_month = false;
  bool is_today = false;
  std::string label;  // lunar day, festival or solar term (display text); may be empty (English)
  bool label_is_festival = false;
  int count = 0;  // occurrences touching the day (cancelled ones not counted)
};

// A line of the list beside the grid: headings and rows share one height so the list is clipped cheaply.
struct AgendaLine {
  enum class Kind { DayHeading, UpcomingHeading, DateHeading, Row, Empty };
  Kind kind = Kind::Row;
  std::chrono::year_month_day date;  // DayHeading, DateHeading
  int row = -1;                      // Row: index into ActivityMonthView::rows
  std::string_view empty_key;        // Empty: what to say
};

struct ActivityMonthView {
  std::chrono::year_month month;
  std::chrono::year_month_day today;
  std::chrono::year_month_day selected;
  bool english = false;  // the language the labels were made in
  bool lunar_ok = true;  // false: ICU had no Chinese calendar; cells show the date only
  std::vector<CalendarCellView> cells;  // whole weeks, Monday first
  std::vector<ActivityRowView> rows;
  std::vector<AgendaLine> lines;
  int occurrences_in_month = 0;
};

struct ActivityDetailView {
  ActivityRowView row;
  DisplayText description;
  std::string eligibility;    // display text; empty: everyone
  std::string cancel_reason;  // display text (the occurrence's, else the activity's)
  int signed_up = 0;
  int waitlisted = 0;
  protocol::UnixSeconds signup_closes_at = 0;
  bool signup_open = false;
  std::string share_url;  // <public>/activities/<id>; empty: no QR code
  QrMatrix qr;
};

// The receipt after a sign-up, and a sign-up found by code on 查询进度: the same facts.
struct SignupView {
  std::string code;
  std::string share_url;  // <public>/signups/<code>; empty: no QR code
  QrMatrix qr;
  std::string activity_title;  // display text; empty when the activity is not on this kiosk
  protocol::UnixSeconds occurrence_start = 0;
  bool all_day = false;
  int people = 1;
  std::string masked_phone;
  bool made_here = false;
  bool delivered = false;  // the hub has it (its answer is `state`)
  bool rejected = false;   // the hub refused the delivery itself (4xx)
  protocol::SignupState state = protocol::SignupState::Pending;
  int waitlist_position = 0;
  protocol::SignupRefusal refusal = protocol::SignupRefusal::None;
};

// "2026-12-05": a day's tap target suffix ("activity.day.2026-12-05") and ActivitySelectDay's argument.
std::string CalendarDateArgument(std::chrono::year_month_day d);

}  // namespace ck::ui

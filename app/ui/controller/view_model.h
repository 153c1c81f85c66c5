// KioskViewModel: everything the screens draw, prepared between frames. Frame code only reads it.
//
// All text here is display text (see display_text.h): already safe for ImGui's 16-bit glyphs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/ui/controller/activity_view.h"
#include "app/ui/shell/qr_matrix.h"
#include "app/ui/text/display_text.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/open311.h"

namespace ck::ui {

struct NoticeRowView {
  std::string id;
  std::string title;  // display text
  protocol::Publisher publisher = protocol::Publisher::ResidentsCommittee;
  std::string category;
  protocol::Priority priority = protocol::Priority::Normal;
  bool pinned = false;
  protocol::UnixSeconds published_at = 0;
  std::optional<protocol::UnixSeconds> expires_at;
};

struct NoticeDetailView {
  NoticeRowView summary;
  DisplayText body;
  std::string audience;   // display text; "all" is translated at draw time
  std::string share_url;  // empty: no QR code
  QrMatrix qr;
};

struct SyncIndicatorView {
  bool hub_configured = false;
  std::optional<protocol::UnixSeconds> last_success_at;
  bool offline = false;             // the last attempt failed
  std::int64_t outbox_pending = 0;  // reports and ratings not yet delivered
  std::int64_t outbox_refused = 0;  // ... and those the platform refused, kept here: staff must look
};

// A feedback category as the report screens show it (display text).
struct ServiceView {
  std::string code;
  std::string name, name_en;
  std::string icon;
  std::vector<std::string> phrases, phrases_en;  // phrases_en may be shorter: fall back to Chinese
  // What a suggestion (提建议) about the category offers instead: the platform's suggestion phrases, or the
  // kiosk's general set (translations "suggestion.phrase.<code>") when the platform sends none.
  std::vector<std::string> suggestion_phrases, suggestion_phrases_en;
};

enum class DeliveryView { Pending, Delivered, Rejected };

struct ReceiptView {
  std::string ticket_code;  // "3K7M-XQ9R-4TWBR"
  std::string share_url;    // <public base>/t/<code>; empty: no QR code
  QrMatrix qr;
  DeliveryView delivery = DeliveryView::Pending;
};

// One ticket on the track screen (display text).
struct TicketStatusView {
  std::string ticket_code;
  std::string service_name;
  std::string service_name_en;  // from the services list (Open311 extension "name_en"); empty: not known
  std::string service_code;
  std::string address;
  std::string description;
  protocol::UnixSeconds submitted_at = 0;
  DeliveryView delivery = DeliveryView::Pending;
  std::optional<protocol::ServiceRequestStatus> status;  // strings already display text
  DisplayText reply;
  std::optional<int> my_rating;
  bool can_rate = false;  // resolved or closed, and not yet rated here
};

struct KioskViewModel {
  std::string community_name;           // display text; empty: the translated default
  std::string community_name_en;        // display text; empty: community_name in English too
  std::vector<NoticeRowView> notices;   // every live notice, board order
  std::vector<std::string> categories;  // categories in use, board tab order
  std::vector<NoticeRowView> urgent;    // newest first
  SyncIndicatorView sync;
  std::optional<NoticeDetailView> detail;  // the open notice, when the detail screen shows one
  std::vector<ServiceView> services;       // the report's categories
  std::optional<ReceiptView> receipt;      // the report just submitted
  std::optional<TicketStatusView> ticket;  // the ticket on the track screens
  std::vector<NoticeRowView> search_results;
  // Activities (kiosk_controller_activities.cpp).
  std::vector<ActivityRowView> home_activities;  // today's (and tomorrow's after 18:00), for home
  bool home_activities_tomorrow = false;         // the strip also holds tomorrow's
  std::optional<ActivityMonthView> month;        // while the calendar screens show
  std::optional<ActivityDetailView> activity;    // the open activity
  std::optional<SignupView> signup;              // the receipt, or a sign-up found by code
  protocol::UnixSeconds loaded_at = 0;
  std::optional<protocol::UnixSeconds> next_time_boundary;
};

}  // namespace ck::ui

// KioskViewModel: everything the screens draw, prepared between frames. Frame code only reads it.
//
// All text here is display text (see display_text.h): already safe for ImGui's 16-bit glyphs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/ui/display_text.h"
#include "app/ui/qr_matrix.h"
#include "sync/protocol/notice.h"

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
  bool offline = false;  // the last attempt failed
};

struct KioskViewModel {
  std::string community_name;           // display text; empty: the translated default
  std::string community_name_en;        // display text; empty: community_name in English too
  std::vector<NoticeRowView> notices;   // every live notice, board order
  std::vector<std::string> categories;  // categories in use, board tab order
  std::vector<NoticeRowView> urgent;    // newest first
  SyncIndicatorView sync;
  std::optional<NoticeDetailView> detail;  // the open notice, when the detail screen shows one
  protocol::UnixSeconds loaded_at = 0;
  std::optional<protocol::UnixSeconds> next_time_boundary;
};

}  // namespace ck::ui

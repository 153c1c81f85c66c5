// TicketTimeline: the steps of a ticket as the resident reads them, from the kiosk's own facts (submitted
// here, delivered) and the hub's history. No ImGui: the status screen draws it, tests check it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/ui/controller/view_model.h"
#include "sync/protocol/open311.h"

namespace ck::ui {

enum class TimelineStep { Submitted, Delivered, Status, Reply, Update };

struct TimelineRow {
  TimelineStep step = TimelineStep::Status;
  protocol::RequestStatus status = protocol::RequestStatus::Submitted;  // for TimelineStep::Status
  std::optional<protocol::UnixSeconds> at;
  std::optional<protocol::Agency> agency;
  std::string note;  // display text
};

// Oldest first. The hub records a reply as an event that keeps the request's status (its note is the reply
// text), so such an event is a reply, not a second "assigned"; 督办 and 改派 notes, which also keep the
// status, stay updates. Delivery takes the time the hub first recorded the request.
std::vector<TimelineRow> BuildTicketTimeline(const TicketStatusView& ticket);

// The reply to show: the current one, or after a re-open (which clears it on the hub) the last one given,
// so the resident still sees what was answered. Empty when there has been none.
std::string LatestReply(const TicketStatusView& ticket);

}  // namespace ck::ui

// Reading the hub's history into the resident's timeline.
#include "app/ui/track/ticket_timeline.h"

#include <string_view>

namespace ck::ui {
namespace {

// The hub's notes for a 督办 and a 改派 (sync/hub/rules/request_editor.cpp): events that keep the status
// but are not replies.
bool IsSupervisionOrRedispatch(std::string_view note) {
  return note.starts_with("督办：") || note.starts_with("改派：");
}

bool IsReply(const protocol::StatusEvent& e, const protocol::StatusEvent* previous) {
  // A hub that sends kinds says which entries are replies (an extension asked is not one).
  if (e.kind != protocol::EventKind::Status) return e.kind == protocol::EventKind::Reply;
  return previous != nullptr && previous->status == e.status && !e.note.empty() &&
         !IsSupervisionOrRedispatch(e.note);
}

}  // namespace

std::vector<TimelineRow> BuildTicketTimeline(const TicketStatusView& t) {
  std::vector<TimelineRow> rows;
  const std::vector<protocol::StatusEvent>* history = t.status ? &t.status->history : nullptr;
  std::size_t first = 0;
  std::optional<protocol::UnixSeconds> hub_received;
  if (history != nullptr && !history->empty()) hub_received = history->front().at;
  if (history != nullptr && !history->empty() &&
      history->front().status == protocol::RequestStatus::Submitted)
    first = 1;  // the hub's "submitted" is the kiosk's delivery
  TimelineRow submitted;
  submitted.step = TimelineStep::Submitted;
  if (t.submitted_at != 0) submitted.at = t.submitted_at;
  rows.push_back(submitted);
  if (t.delivery == DeliveryView::Delivered || t.status) {
    TimelineRow delivered;
    delivered.step = TimelineStep::Delivered;
    delivered.at = hub_received;
    rows.push_back(delivered);
  }
  if (history == nullptr) return rows;
  for (std::size_t i = first; i < history->size(); ++i) {
    const protocol::StatusEvent& e = (*history)[i];
    const protocol::StatusEvent* previous = i > 0 ? &(*history)[i - 1] : nullptr;
    TimelineRow row;
    row.status = e.status;
    row.at = e.at;
    row.agency = e.agency;
    row.note = e.note;
    if (IsReply(e, previous))
      row.step = TimelineStep::Reply;
    else if (previous != nullptr && previous->status == e.status)
      row.step = TimelineStep::Update;
    else
      row.step = TimelineStep::Status;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string LatestReply(const TicketStatusView& t) {
  if (!t.reply.utf8.empty()) return t.reply.utf8;
  if (!t.status) return {};
  const auto& h = t.status->history;
  for (std::size_t i = h.size(); i-- > 1;)
    if (IsReply(h[i], &h[i - 1])) return h[i].note;
  return {};
}

}  // namespace ck::ui

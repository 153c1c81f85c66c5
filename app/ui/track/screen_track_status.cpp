// Track, step 2: one ticket — who owns it, what was promised and replied, and its timeline (dates in the
// kiosk's zone), scrolled by dragging. Resolved or closed tickets offer the rating.
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"
#include "app/ui/track/ticket_timeline.h"

namespace ck::ui {
namespace {

std::string TimelineLabel(const TimelineRow& row, const FrameContext& ctx) {
  switch (row.step) {
    case TimelineStep::Submitted:
      return ctx.tr.Get(keys::StatusKey(protocol::RequestStatusCode(protocol::RequestStatus::Submitted)));
    case TimelineStep::Delivered:
      return ctx.tr.Get(keys::kStatusDelivered);
    case TimelineStep::Reply:
      return ctx.tr.Get(keys::kStatusReplied);
    case TimelineStep::Update:
      return ctx.tr.Get(keys::kStatusUpdate);
    case TimelineStep::Status:
      break;
  }
  return ctx.tr.Get(keys::StatusKey(protocol::RequestStatusCode(row.status)));
}

// Under a step: the agency, and the note (a reply's text is in the 答复 box above, not repeated here).
std::string TimelineDetail(const TimelineRow& row, const FrameContext& ctx) {
  std::string detail;
  if (row.agency) detail = ctx.tr.Get(keys::AgencyKey(*row.agency));
  if (row.step != TimelineStep::Reply && !row.note.empty())
    detail += (detail.empty() ? "" : ctx.tr.Get(keys::kListSeparator)) + row.note;
  return detail;
}

}  // namespace

void DrawTrackStatusScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.ticket) return;
  const TicketStatusView& t = *ctx.vm.ticket;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  const float top = area.Min.y + m.padding * 0.5f;
  const std::optional<protocol::ServiceRequestStatus>& s = t.status;

  // The rating button (or the rating given) sits below the scrolled part, always in reach.
  const float bar_h = m.touch_min * 1.2f;
  const bool has_bar = t.can_rate || t.my_rating.has_value();
  const float bottom = has_bar ? area.Max.y - m.padding - bar_h - m.gap : area.Max.y;
  if (t.can_rate) {
    const char* rate = ctx.tr(keys::kTrackRate);
    const float w = ButtonWidthFor(rate, ctx.fonts.heading, m.padding * 2, 420.0f * m.scale);
    if (TouchButton(state, ctx, "track.rate", rate, ImVec2(x1 - w, bottom + m.gap), ImVec2(w, bar_h),
                    ButtonStyle{c.pinned, c.pinned_text, ctx.fonts.heading}))
      out.actions.push_back({ActionKind::TrackRate, {}});
  } else if (t.my_rating) {
    const std::string rated =
        FormatPattern(ctx.tr.Get(keys::kTrackRated), {{"score", std::to_string(*t.my_rating)}});
    ImFont* tf = ctx.fonts.title;
    ImGui::GetWindowDrawList()->AddText(
        tf, tf->FontSize, ImVec2(x0, bottom + m.gap + (bar_h - tf->FontSize) * 0.5f), c.text, rated.c_str());
  }

  std::optional<ImVec2> tap;
  BeginTouchScroll("##ticket", ImVec2(x0, top), ImVec2(x1 - x0, bottom - top), state.track_scroll, ctx, out,
                   &tap);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize - m.gap;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  float y = start.y + m.gap * 0.5f;
  ImFont* hf = ctx.fonts.heading;
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  const float tlh = tf->FontSize * 1.35f, blh = bf->FontSize * m.line_spacing;

  // Heading: the code and the category, the current status as a badge.
  const bool refused = !s && t.delivery == DeliveryView::Rejected;
  const std::string status_word = ctx.tr.Get(
      s ? keys::StatusKey(protocol::RequestStatusCode(s->status))
        : (t.delivery == DeliveryView::Delivered ? std::string(keys::kStatusDelivered)
           : refused                             ? std::string(keys::kTrackNotDelivered)
                     : keys::StatusKey(protocol::RequestStatusCode(protocol::RequestStatus::Submitted))));
  const bool done = s && protocol::IsOpen311Closed(s->status);
  const float badge_w = DrawBadge(dl, ImVec2(start.x, y), status_word.c_str(), tf,
                                  done      ? c.pinned
                                  : refused ? c.urgent
                                            : c.important,
                                  done      ? c.pinned_text
                                  : refused ? c.urgent_text
                                            : c.important_text,
                                  tlh, m.gap * 0.6f);
  const bool english = state.language == Language::English && !t.service_name_en.empty();
  const std::string heading =
      t.ticket_code + ctx.tr.Get(keys::kListSeparator) + (english ? t.service_name_en : t.service_name);
  DrawEllipsized(dl, hf, ImVec2(start.x + badge_w + m.gap, y + (tlh - hf->FontSize) * 0.5f),
                 w - badge_w - m.gap, heading, c.text);
  state.shown_fields.emplace_back("ticket.status", status_word);
  state.shown_fields.emplace_back("ticket.heading", heading);
  y += std::max(tlh, hf->FontSize * 1.3f) + m.gap;
  // The platform refused it: the kiosk keeps it, and the resident must hear so here, with whom to ask.
  if (refused) {
    const std::string ask = FormatPattern(ctx.tr.Get(keys::kTrackNotDeliveredAsk), {{"code", t.ticket_code}});
    y += DrawWrapped(dl, tf, ImVec2(start.x, y), w, ask, c.text, tlh) + m.gap;
    state.shown_fields.emplace_back("ticket.not_delivered", ask);
  }

  // Facts: where, owner, promised date.
  const float label_col =
      std::max(170.0f * m.scale * (state.large_text ? 1.4f : 1.0f),
               bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, ctx.tr(keys::kTrackWhere)).x + m.gap);
  auto fact = [&](std::string_view label_key, const std::string& value, const char* shown_name) {
    dl->AddText(bf, bf->FontSize, ImVec2(start.x, y + (tlh - bf->FontSize) * 0.5f), c.text_muted,
                ctx.tr(label_key));
    y +=
        std::max(tlh, DrawWrapped(dl, tf, ImVec2(start.x + label_col, y), w - label_col, value, c.text, tlh));
    state.shown_fields.emplace_back(shown_name, value);
  };
  if (!t.address.empty()) fact(keys::kTrackWhere, t.address, "ticket.where");
  std::string owner = ctx.tr.Get(keys::kTrackOwnerNone);
  if (s && (s->agency || !s->agency_responsible.empty())) {
    owner = s->agency ? ctx.tr.Get(keys::AgencyKey(*s->agency)) : std::string();
    if (!s->agency_responsible.empty())
      owner += (owner.empty() ? "" : ctx.tr.Get(keys::kListSeparator)) + s->agency_responsible;
  }
  // The last step a 退单 and the ticket still open: say it is being re-assigned, not "street office".
  if (s && !s->history.empty() && s->history.back().kind == protocol::EventKind::Return &&
      !protocol::IsOpen311Closed(s->status))
    owner = ctx.tr.Get(keys::kTrackOwnerReassigning);
  fact(keys::kTrackOwner, owner, "ticket.owner");
  if (s && s->expected_at) {
    const std::string promised =
        FormatPattern(ctx.tr.Get(keys::kTrackPromised),
                      {{"date", FormatLocal(keys::kFormatDate, *s->expected_at, ctx.tr)}});
    const float ph =
        DrawWrapped(dl, tf, ImVec2(start.x + label_col, y), w - label_col, promised, c.text, tlh);
    state.shown_fields.emplace_back("ticket.promised", promised);
    y += ph;
  }
  y += m.gap;

  // The reply, broken for Chinese, on a white card: what the resident came back for, so it is drawn at the
  // facts' size, never smaller. After a re-open the last reply still shows.
  dl->AddText(tf, tf->FontSize, ImVec2(start.x, y), c.text, ctx.tr(keys::kTrackReply));
  y += tlh;
  const float card_pad = m.gap;
  const DisplayText reply = MakeDisplayText(LatestReply(t));
  if (reply.codepoints.empty()) {
    dl->AddText(tf, tf->FontSize, ImVec2(start.x + card_pad, y), c.text_muted, ctx.tr(keys::kTrackNoReply));
    y += tlh + m.gap;
  } else {
    const auto lines = WrapText(reply, tf, w - 2 * card_pad);
    const float h = static_cast<float>(lines.size()) * tlh + 2 * card_pad;
    dl->AddRectFilled(ImVec2(start.x, y), ImVec2(start.x + w, y + h), c.row, m.rounding);
    DrawLines(dl, tf, ImVec2(start.x + card_pad, y + card_pad), reply, lines, c.text, tlh);
    state.shown_fields.emplace_back("ticket.reply", reply.utf8);
    y += h + m.gap;
  }

  // The timeline: a dot per step on a vertical line, newest last.
  dl->AddText(tf, tf->FontSize, ImVec2(start.x, y), c.text, ctx.tr(keys::kTrackProgress));
  y += tlh;
  const std::vector<TimelineRow> rows = BuildTicketTimeline(t);
  const float dot_x = start.x + m.gap;
  const float text_x = start.x + m.gap * 3;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TimelineRow& row = rows[i];
    const float row_top = y;
    std::string line = TimelineLabel(row, ctx);
    if (row.at)
      line += ctx.tr.Get(keys::kListSeparator) + FormatLocal(keys::kFormatDateTime, *row.at, ctx.tr);
    dl->AddText(tf, tf->FontSize, ImVec2(text_x, y + (tlh - tf->FontSize) * 0.5f), c.text, line.c_str());
    state.shown_fields.emplace_back("ticket.timeline." + std::to_string(i), line);
    y += tlh;
    const std::string detail = TimelineDetail(row, ctx);
    if (!detail.empty())
      y += DrawWrapped(dl, bf, ImVec2(text_x, y), w - (text_x - start.x), detail, c.text_muted, blh);
    const bool last = i + 1 == rows.size();
    dl->AddCircleFilled(ImVec2(dot_x, row_top + tlh * 0.5f), 9.0f * m.scale, last ? c.button : c.divider);
    if (!last)
      dl->AddLine(ImVec2(dot_x, row_top + tlh * 0.5f), ImVec2(dot_x, y + m.gap * 0.5f + tlh * 0.5f),
                  c.divider, 3.0f * m.scale);
    y += m.gap * 0.5f;
  }
  state.shown_fields.emplace_back("ticket.timeline_rows", std::to_string(rows.size()));
  y += m.padding;
  ImGui::Dummy(ImVec2(w, y - start.y));
  (void)tap;
  EndTouchScroll(state.track_scroll);
}

}  // namespace ck::ui

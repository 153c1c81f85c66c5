// An activity: its title, when (one-off, all day, several days), where, who organises it (one party or
// several jointly), who may join, places left and the sign-up deadline, the description, a cancellation
// with its reason, and a QR code to the hub's public page; the sign-up button under the code.
#include <cmath>
#include <string>

#include "app/ui/activities/activity_text.h"
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/activity_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

void DrawActivityDetailScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.activity) return;
  const ActivityDetailView& d = *ctx.vm.activity;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const bool has_qr = d.qr.size > 0;
  const float side_w = std::round((state.large_text ? 440.0f : 400.0f) * m.scale);
  const float x0 = area.Min.x + m.padding;
  const float x1 = area.Max.x - m.padding - side_w - m.padding;
  const float top = area.Min.y + m.padding * 0.5f;
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  ImFont* hf = ctx.fonts.heading;

  // Right column: the sign-up button (or why there is none), then the QR code and its caption.
  {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float sx = area.Max.x - m.padding - side_w;
    float sy = top + m.padding * 0.5f;
    const ActivityRowView& r = d.row;
    const float bh = m.touch_min * 1.3f;
    if (d.signup_open) {
      const char* label = ctx.tr(r.places_left > 0 ? keys::kActivitySignupButton : keys::kActivityWaitlistButton);
      if (TouchButton(state, ctx, "activity.signup", label, ImVec2(sx, sy), ImVec2(side_w, bh),
                      ButtonStyle{c.button, c.button_text, hf}))
        out.actions.push_back({ActionKind::SignupStart, {}});
      sy += bh + m.gap;
    } else if (!r.cancelled) {
      const std::string why =
          ctx.tr.Get(r.capacity == 0 ? keys::kActivityJustCome : keys::kActivitySignupClosed);
      const float h = MeasureWrapped(tf, side_w - 2 * m.gap, why, tf->FontSize * 1.35f) + m.gap;
      dl->AddRectFilled(ImVec2(sx, sy), ImVec2(sx + side_w, sy + h), c.tab, m.rounding);
      DrawWrapped(dl, tf, ImVec2(sx + m.gap, sy + m.gap * 0.5f), side_w - 2 * m.gap, why, c.text,
                  tf->FontSize * 1.35f);
      state.shown_fields.emplace_back("activity.signup_state", why);
      sy += h + m.gap;
    }
    if (has_qr) {
      const float qr_side = std::min(side_w, area.Max.y - sy - m.padding - bf->FontSize * m.line_spacing * 2);
      if (qr_side > 120.0f * m.scale) {
        const float qx = sx + (side_w - qr_side) * 0.5f;
        DrawQrCode(dl, d.qr, ImVec2(qx, sy), qr_side, c);
        dl->AddRect(ImVec2(qx, sy), ImVec2(qx + qr_side, sy + qr_side), c.divider, 0.0f, 0, 2.0f * m.scale);
        DrawWrapped(dl, bf, ImVec2(sx, sy + qr_side + m.gap * 0.5f), side_w, ctx.tr.Get(keys::kActivityQrCaption),
                    c.text, bf->FontSize * m.line_spacing);
        state.shown_fields.emplace_back("activity.qr", d.share_url);
      }
    }
  }

  // Left column: one scrolled block of title, the cancellation, facts and description.
  std::optional<ImVec2> tap;
  BeginTouchScroll("##activity_detail", ImVec2(x0, top), ImVec2(x1 - x0, area.Max.y - top),
                   state.activities.detail_scroll, ctx, out, &tap);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize - m.gap;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float clip_top = ImGui::GetWindowPos().y, clip_bottom = clip_top + ImGui::GetWindowSize().y;
  float y = start.y + m.padding * 0.5f;
  y += DrawWrapped(dl, hf, ImVec2(start.x, y), w, d.row.title, c.text, hf->FontSize * 1.3f) + m.gap;
  state.shown_fields.emplace_back("activity.title", d.row.title);

  if (d.row.cancelled) {
    const std::string reason = d.cancel_reason.empty()
                                   ? ctx.tr.Get(keys::kActivityCancelled)
                                   : FormatPattern(ctx.tr.Get(keys::kActivityCancelledReason), {{"reason", d.cancel_reason}});
    const float lh = tf->FontSize * 1.35f;
    const float h = MeasureWrapped(tf, w - 2 * m.gap, reason, lh) + m.gap;
    dl->AddRectFilled(ImVec2(start.x, y), ImVec2(start.x + w, y + h), c.urgent, m.rounding);
    DrawWrapped(dl, tf, ImVec2(start.x + m.gap, y + m.gap * 0.5f), w - 2 * m.gap, reason, c.urgent_text, lh);
    state.shown_fields.emplace_back("activity.cancelled", reason);
    y += h + m.gap;
  }

  // Facts, one per line: "label  value".
  const float fact_h = tf->FontSize * 1.4f;
  auto fact = [&](const char* name, std::string_view label_key, const std::string& value) {
    const char* label = ctx.tr(label_key);
    const float lw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, label).x + m.gap;
    const float label_col = std::max(lw, 150.0f * m.scale * (state.large_text ? 1.4f : 1.0f));
    dl->AddText(bf, bf->FontSize, ImVec2(start.x, y + (fact_h - bf->FontSize) * 0.5f), c.text_muted, label);
    y += std::max(fact_h, DrawWrapped(dl, tf, ImVec2(start.x + label_col, y), w - label_col, value, c.text, fact_h));
    state.shown_fields.emplace_back(std::string("activity.") + name, value);
  };
  fact("when", keys::kActivityWhen, OccurrenceWhen(d.row, ctx.tr, /*with_date=*/true));
  fact("where", keys::kActivityWhere, d.row.place);
  fact("organiser", keys::kActivityOrganiser, OrganisersText(d.row, ctx.tr));
  fact("who", keys::kActivityWho, d.eligibility.empty() ? ctx.tr.Get(keys::kActivityEveryone) : d.eligibility);
  if (d.row.capacity > 0) {
    std::string places = FormatPattern(ctx.tr.Get(keys::kActivityPlacesValue),
                                       {{"capacity", std::to_string(d.row.capacity)},
                                        {"left", std::to_string(d.row.places_left)}});
    if (d.waitlisted > 0)
      places += ctx.tr.Get(keys::kListSeparator) +
                FormatPattern(ctx.tr.Get(keys::kActivityWaitlistValue), {{"count", std::to_string(d.waitlisted)}});
    fact("places", keys::kActivityPlaces, places);
    fact("deadline", keys::kActivityDeadline, FormatLocal(keys::kFormatDateTime, d.signup_closes_at, ctx.tr));
  } else {
    fact("places", keys::kActivityPlaces, ctx.tr.Get(keys::kActivityJustCome));
  }
  y += m.gap * 0.5f;
  dl->AddLine(ImVec2(start.x, y), ImVec2(start.x + w, y), c.divider, 2.0f * m.scale);
  y += m.gap;
  if (!d.description.utf8.empty()) {
    const auto lines = WrapText(d.description, bf, w);  // a few hundred characters: cheap enough per frame
    y += DrawLines(dl, bf, ImVec2(start.x, y), d.description, lines, c.text, bf->FontSize * m.line_spacing,
                   clip_top, clip_bottom);
  }
  y += m.padding;
  ImGui::Dummy(ImVec2(w, y - start.y));
  (void)tap;
  EndTouchScroll(state.activities.detail_scroll);
}

}  // namespace ck::ui

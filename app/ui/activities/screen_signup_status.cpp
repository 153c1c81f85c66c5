// A sign-up's code and what became of it: the receipt right after signing up (the code large, a QR code to
// the hub's page, "待确认" until the hub answers, then the answer in place), and the same facts when the code
// is typed on 查询进度, with 取消报名 (online only; the screen says so when offline).
#include <cmath>
#include <string>

#include "app/ui/activities/activity_text.h"
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/activity_keys.h"
#include "app/ui/text/feedback_keys.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {

void DrawSignupStatusScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.signup) return;
  const SignupView& s = *ctx.vm.signup;
  const bool receipt = state.screen == Screen::SignupReceipt;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool has_qr = s.qr.size > 0;
  const float qr_side = has_qr ? std::round((state.large_text ? 400.0f : 380.0f) * m.scale) : 0.0f;
  const float x0 = area.Min.x + m.padding * 2;
  const float x1 = area.Max.x - m.padding * 2 - (has_qr ? qr_side + m.padding * 2 : 0.0f);
  float y = area.Min.y + m.padding;
  y = DrawQuestion(ctx, ImRect(ImVec2(x0 - m.padding, y), ImVec2(x1 + m.padding, area.Max.y)), y,
                   ctx.tr.Get(receipt ? keys::kSignupReceiptTitle : keys::kSignupStatusTitle)) +
      m.gap;

  // The code on a white card, as on a report's receipt.
  ImFont* cf = ctx.fonts.clock;
  const float code_w = DrawTicketCode(dl, ctx, s.code, ImVec2(0, 0), c.text, /*measure_only=*/true);
  const float card_h = cf->FontSize * 1.3f;
  const float card_w = std::min(x1 - x0, code_w + m.padding * 2);
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + card_w, y + card_h), c.row, m.rounding);
  dl->AddRect(ImVec2(x0, y), ImVec2(x0 + card_w, y + card_h), c.divider, m.rounding, 0, 2.0f * m.scale);
  DrawTicketCode(dl, ctx, s.code, ImVec2(x0 + (card_w - code_w) * 0.5f, y + (card_h - cf->FontSize) * 0.5f), c.text);
  state.shown_fields.emplace_back("signup.code", s.code);
  y += card_h + m.gap;

  // What it is for: the activity, when, how many people, the masked phone.
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  const float lh = tf->FontSize * 1.35f;
  if (!s.activity_title.empty()) {
    const std::string line = s.activity_title + ctx.tr.Get(keys::kListSeparator) +
                       FormatLocal(s.all_day ? keys::kFormatDate : keys::kFormatDateTime, s.occurrence_start, ctx.tr);
    y += DrawWrapped(dl, tf, ImVec2(x0, y), x1 - x0, line, c.text, lh);
  }
  std::string details = ctx.tr.Get(keys::kSignupReviewPeople) + " " +
                        FormatPattern(ctx.tr.Get(keys::kSignupPeopleValue), {{"n", std::to_string(s.people)}});
  if (!s.masked_phone.empty())
    details += ctx.tr.Get(keys::kListSeparator) + ctx.tr.Get(keys::kSignupReviewPhone) + " " + s.masked_phone;
  y += DrawWrapped(dl, bf, ImVec2(x0, y), x1 - x0, details, c.text_muted, bf->FontSize * m.line_spacing) + m.gap;
  state.shown_fields.emplace_back("signup.details", details);

  // The answer in a coloured band: 待确认 (orange) until the hub answers, green when confirmed, red refused.
  const std::string answer = SignupStateText(s, ctx.vm.sync.hub_configured, ctx.tr);
  ImU32 band = c.important, band_text = c.important_text;
  if (s.delivered || !s.made_here) {
    switch (s.state) {
      case protocol::SignupState::Confirmed:
        band = c.pinned, band_text = c.pinned_text;
        break;
      case protocol::SignupState::Refused:
      case protocol::SignupState::Cancelled:
        band = c.urgent, band_text = c.urgent_text;
        break;
      default:
        break;
    }
  } else if (s.rejected) {
    band = c.urgent, band_text = c.urgent_text;
  }
  const float bh = MeasureWrapped(tf, x1 - x0 - 2 * m.gap, answer, lh) + m.gap;
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + bh), band, m.rounding);
  DrawWrapped(dl, tf, ImVec2(x0 + m.gap, y + m.gap * 0.5f), x1 - x0 - 2 * m.gap, answer, band_text, lh);
  state.shown_fields.emplace_back("signup.state", answer);
  y += bh + m.gap;
  if (receipt)
    y += DrawWrapped(dl, bf, ImVec2(x0, y), x1 - x0, ctx.tr.Get(keys::kSignupReceiptHint), c.text_muted,
                     bf->FontSize * m.line_spacing) +
         m.gap;

  if (has_qr) {
    const float qx = area.Max.x - m.padding * 2 - qr_side;
    const float qy = area.Min.y + m.padding * 2;
    DrawQrCode(dl, s.qr, ImVec2(qx, qy), qr_side, c);
    dl->AddRect(ImVec2(qx, qy), ImVec2(qx + qr_side, qy + qr_side), c.divider, 0.0f, 0, 2.0f * m.scale);
    DrawWrapped(dl, bf, ImVec2(qx, qy + qr_side + m.gap), qr_side, ctx.tr.Get(keys::kSignupReceiptQrCaption), c.text,
                bf->FontSize * m.line_spacing);
    state.shown_fields.emplace_back("signup.qr", s.share_url);
  }

  const float dh = m.touch_min * 1.3f;
  if (receipt) {
    const char* done = ctx.tr(keys::kReceiptDone);
    const float dw = ButtonWidthFor(done, ctx.fonts.heading, m.padding * 2, 360.0f * m.scale);
    if (TouchButton(state, ctx, "signup.done", done, ImVec2(x0, std::max(y, area.Max.y - m.padding - dh)),
                    ImVec2(dw, dh), ButtonStyle{c.button, c.button_text, ctx.fonts.heading}))
      out.actions.push_back({ActionKind::GoHome, {}});
    return;
  }
  // 查询进度: cancel while it can still be cancelled; a message band says what happened or why not.
  const std::string& message = state.signup_track.message_key;
  if (!message.empty()) {
    y += DrawMessage(dl, ctx, ImVec2(x0, y), x1 - x0, ctx.tr.Get(message),
                     message != keys::kSignupCancelling) +
         m.gap;
    state.shown_fields.emplace_back("signup.message", ctx.tr.Get(message));
  }
  const bool can_cancel = (s.delivered || !s.made_here) && (s.state == protocol::SignupState::Confirmed ||
                                                            s.state == protocol::SignupState::Waitlisted ||
                                                            s.state == protocol::SignupState::Pending);
  if (can_cancel && !state.signup_track.cancelling) {
    const char* label = ctx.tr(keys::kSignupCancelButton);
    const float cw = ButtonWidthFor(label, ctx.fonts.heading, m.padding * 2, 360.0f * m.scale);
    if (TouchButton(state, ctx, "signup.cancel", label, ImVec2(x0, std::max(y, area.Max.y - m.padding - dh)),
                    ImVec2(cw, dh), ButtonStyle{c.urgent, c.urgent_text, ctx.fonts.heading}))
      out.actions.push_back({ActionKind::SignupCancel, {}});
  }
}

// Home: today's activities (tomorrow's too after 18:00) under the urgent banner; a tap opens one.
float DrawHomeActivities(UiState& state, const FrameContext& ctx, FrameOutput& out, ImVec2 pos, float width,
                         float max_height) {
  const auto& rows = ctx.vm.home_activities;
  if (rows.empty()) return 0.0f;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  const float row_h = std::max(m.touch_min, tf->FontSize * 1.8f);
  const float label_h = bf->FontSize * 1.4f;
  // As many rows as fit in two columns, never pushing the tiles below their touch size.
  const int fit = static_cast<int>((max_height - label_h) / (row_h + m.gap * 0.5f)) * 2;
  if (fit <= 0) return 0.0f;
  const std::string label =
      ctx.tr.Get(ctx.vm.home_activities_tomorrow ? keys::kActivityHomeTomorrow : keys::kActivityHomeToday);
  const std::string heading = ctx.vm.home_activities_tomorrow
                                  ? ctx.tr.Get(keys::kActivityHomeToday) + ctx.tr.Get(keys::kListSeparator) + label
                                  : label;
  dl->AddText(bf, bf->FontSize, pos, c.text_muted, heading.c_str());
  const int shown = std::min<int>(fit, static_cast<int>(rows.size()));
  const int per_column = (shown + 1) / 2;
  const float col_w = shown > 1 ? (width - m.gap) * 0.5f : width;
  float bottom = pos.y + label_h;
  for (int i = 0; i < shown; ++i) {
    const ActivityRowView& r = rows[static_cast<std::size_t>(i)];
    const int col = shown > 1 ? i / per_column : 0, row = shown > 1 ? i % per_column : i;
    const ImVec2 p(pos.x + col * (col_w + m.gap), pos.y + label_h + row * (row_h + m.gap * 0.5f));
    const std::string target = "home.activity." + std::to_string(i);
    const std::string empty;
    if (TouchButton(state, ctx, target, empty.c_str(), p, ImVec2(col_w, row_h), ButtonStyle{c.row, c.text, tf})) {
      UiAction a{ActionKind::OpenActivity, r.activity_id};
      a.when = r.original_start;
      out.actions.push_back(a);
    }
    dl->AddRect(p, ImVec2(p.x + col_w, p.y + row_h), c.divider, m.rounding, 0, 2.0f * m.scale);
    const bool tomorrow = LocalDate(r.start) != LocalDate(ctx.now);
    std::string when = OccurrenceWhen(r, ctx.tr, false);
    if (tomorrow) when = FormatLocal(keys::kFormatHomeDate, r.start, ctx.tr) + " " + when;
    const float when_w = std::min(col_w * 0.45f, tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, when.c_str()).x);
    const float ty = p.y + (row_h - tf->FontSize) * 0.5f;
    DrawEllipsized(dl, tf, ImVec2(p.x + m.gap, ty), when_w, when, r.cancelled ? c.urgent : c.button);
    const float title_x = p.x + m.gap * 2 + when_w;
    std::string title = r.title;
    if (r.cancelled) title = ctx.tr.Get(keys::kActivityCancelled) + ctx.tr.Get(keys::kListSeparator) + title;
    DrawEllipsized(dl, tf, ImVec2(title_x, ty), p.x + col_w - m.gap - title_x, title, c.row_text);
    state.shown_fields.emplace_back(target, title);
    bottom = std::max(bottom, p.y + row_h);
  }
  return bottom - pos.y;
}

}  // namespace ck::ui

// The receipt: the ticket code huge, a QR code to the hub's public status page, and whether the report has
// reached the platform yet ("saved — will be delivered" while offline; it changes live when sync delivers).
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

void DrawReportReceiptScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.receipt) return;
  const ReceiptView& rc = *ctx.vm.receipt;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool has_qr = rc.qr.size > 0;
  const float qr_side = has_qr ? std::round((state.large_text ? 400.0f : 380.0f) * m.scale) : 0.0f;
  const float x0 = area.Min.x + m.padding * 2;
  const float x1 = area.Max.x - m.padding * 2 - (has_qr ? qr_side + m.padding * 2 : 0.0f);
  float y = area.Min.y + m.padding;

  y = DrawQuestion(ctx, ImRect(ImVec2(x0 - m.padding, y), ImVec2(x1 + m.padding, area.Max.y)), y,
                   ctx.tr.Get(keys::kReceiptTitle)) +
      m.gap;
  // The code on a white card, so it reads like a printed slip.
  ImFont* cf = ctx.fonts.clock;
  const float code_w = DrawTicketCode(dl, ctx, rc.ticket_code, ImVec2(0, 0), c.text, /*measure_only=*/true);
  const float card_h = cf->FontSize * 1.3f;
  const float card_w = std::min(x1 - x0, code_w + m.padding * 2);
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + card_w, y + card_h), c.row, m.rounding);
  dl->AddRect(ImVec2(x0, y), ImVec2(x0 + card_w, y + card_h), c.divider, m.rounding, 0, 2.0f * m.scale);
  DrawTicketCode(dl, ctx, rc.ticket_code,
                 ImVec2(x0 + (card_w - code_w) * 0.5f, y + (card_h - cf->FontSize) * 0.5f), c.text);
  state.shown_fields.emplace_back("receipt.code", rc.ticket_code);
  y += card_h + m.padding;

  // Without a hub configured nothing will ever send it: do not promise delivery, say whom to ask.
  std::string_view delivery_key = ctx.vm.sync.hub_configured ? keys::kReceiptPending : keys::kReceiptLocalOnly;
  ImU32 band = c.important, band_text = c.important_text;
  if (rc.delivery == DeliveryView::Delivered) {
    delivery_key = keys::kReceiptDelivered;
    band = c.pinned;
    band_text = c.pinned_text;
  } else if (rc.delivery == DeliveryView::Rejected) {
    delivery_key = keys::kReceiptRejected;
    band = c.urgent;
    band_text = c.urgent_text;
  }
  ImFont* tf = ctx.fonts.title;
  const float lh = tf->FontSize * 1.35f;
  const float bh = MeasureWrapped(tf, x1 - x0 - 2 * m.gap, ctx.tr.Get(delivery_key), lh) + m.gap;
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + bh), band, m.rounding);
  DrawWrapped(dl, tf, ImVec2(x0 + m.gap, y + m.gap * 0.5f), x1 - x0 - 2 * m.gap, ctx.tr.Get(delivery_key),
              band_text, lh);
  state.shown_fields.emplace_back("receipt.delivery", ctx.tr.Get(delivery_key));
  y += bh + m.gap;
  ImFont* bf = ctx.fonts.body;
  y += DrawWrapped(dl, bf, ImVec2(x0, y), x1 - x0, ctx.tr.Get(keys::kReceiptHint), c.text_muted,
                   bf->FontSize * m.line_spacing) +
       m.gap;

  if (has_qr) {
    const float qx = area.Max.x - m.padding * 2 - qr_side;
    const float qy = area.Min.y + m.padding * 2;
    DrawQrCode(dl, rc.qr, ImVec2(qx, qy), qr_side, c);
    dl->AddRect(ImVec2(qx, qy), ImVec2(qx + qr_side, qy + qr_side), c.divider, 0.0f, 0, 2.0f * m.scale);
    // Body size: the caption fits under the code in one or two whole lines in both languages and sizes.
    DrawWrapped(dl, bf, ImVec2(qx, qy + qr_side + m.gap), qr_side, ctx.tr.Get(keys::kReceiptQrCaption),
                c.text, bf->FontSize * m.line_spacing);
  }
  const char* done = ctx.tr(keys::kReceiptDone);
  const float dw = ButtonWidthFor(done, ctx.fonts.heading, m.padding * 2, 360.0f * m.scale);
  const float dh = m.touch_min * 1.3f;
  if (TouchButton(state, ctx, "receipt.done", done, ImVec2(x0, std::max(y, area.Max.y - m.padding - dh)),
                  ImVec2(dw, dh), ButtonStyle{c.button, c.button_text, ctx.fonts.heading}))
    out.actions.push_back({ActionKind::GoHome, {}});
}

}  // namespace ck::ui

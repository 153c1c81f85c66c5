// Notice detail: the whole notice, wrapped for Chinese and scrolled by dragging, and a QR code to take it
// home.
#include <string>

#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
void DrawNoticeDetailScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  if (!ctx.vm.detail) return;  // the controller goes back to the board when a notice disappears
  const NoticeDetailView& d = *ctx.vm.detail;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  const bool has_qr = d.qr.size > 0;
  const float qr_col = has_qr ? std::round((state.large_text ? 440.0f : 400.0f) * m.scale) : 0.0f;
  const float x0 = area.Min.x + m.padding;
  const float x1 = area.Max.x - m.padding - (has_qr ? qr_col + m.padding : 0.0f);
  const float top = area.Min.y + m.padding * 0.5f;

  // Right column: the QR code and its caption.
  if (has_qr) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float qx = area.Max.x - m.padding - qr_col;
    const float qy = top + m.padding;
    DrawQrCode(dl, d.qr, ImVec2(qx, qy), qr_col, c);
    dl->AddRect(ImVec2(qx, qy), ImVec2(qx + qr_col, qy + qr_col), c.divider, 0.0f, 0, 2.0f * m.scale);
    DrawWrapped(dl, ctx.fonts.title, ImVec2(qx, qy + qr_col + m.gap), qr_col,
                ctx.tr.Get(keys::kDetailQrCaption), c.text, ctx.fonts.title->FontSize * 1.35f);
  }

  // Left column: one scrolled block of title, facts and body.
  std::optional<ImVec2> tap;
  BeginTouchScroll("##detail", ImVec2(x0, top), ImVec2(x1 - x0, area.Max.y - top), state.detail_scroll, ctx,
                   out, &tap);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize - m.gap;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float clip_top = ImGui::GetWindowPos().y, clip_bottom = clip_top + ImGui::GetWindowSize().y;
  float y = start.y + m.padding * 0.5f;

  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  const float badge_h = tf->FontSize * 1.2f;
  if (DrawNoticeBadges(dl, ImVec2(start.x, y), d.summary, ctx, badge_h) > 0) y += badge_h + m.gap;
  y += DrawWrapped(dl, tf, ImVec2(start.x, y), w, d.summary.title, c.text, tf->FontSize * 1.35f) + m.gap;

  // Facts, one per line: "label  value". Labels are muted, values full contrast.
  const float fact_h = bf->FontSize * m.line_spacing;
  auto fact = [&](std::string_view label_key, const std::string& value) {
    const char* label = ctx.tr(label_key);
    const float lw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, label).x + m.gap;
    const float label_col = std::max(lw, 170.0f * m.scale * (state.large_text ? 1.4f : 1.0f));
    dl->AddText(bf, bf->FontSize, ImVec2(start.x, y + (fact_h - bf->FontSize) * 0.5f), c.text_muted, label);
    y += std::max(fact_h,
                  DrawWrapped(dl, bf, ImVec2(start.x + label_col, y), w - label_col, value, c.text, fact_h));
  };
  fact(keys::kDetailPublisher, ctx.tr.Get(keys::PublisherKey(d.summary.publisher)));
  fact(keys::kDetailCategory, ctx.tr.Get(keys::CategoryKey(d.summary.category)));
  fact(keys::kDetailPublished, FormatLocal(keys::kFormatDateTime, d.summary.published_at, ctx.tr));
  fact(keys::kDetailExpires, d.summary.expires_at
                                 ? FormatLocal(keys::kFormatDateTime, *d.summary.expires_at, ctx.tr)
                                 : ctx.tr.Get(keys::kDetailNeverExpires));
  fact(keys::kDetailAudience,
       d.audience.empty() || d.audience == "all" ? ctx.tr.Get(keys::kAudienceAll) : d.audience);
  y += m.gap * 0.5f;
  dl->AddLine(ImVec2(start.x, y), ImVec2(start.x + w, y), c.divider, 2.0f * m.scale);
  y += m.gap;

  // The body: broken once per (notice, width, font) and kept, since breaking 20,000 characters is not free.
  WrappedBody& wb = state.wrapped_body;
  if (wb.notice_id != d.summary.id || wb.width != w || wb.font_size != bf->FontSize) {
    wb.notice_id = d.summary.id;
    wb.width = w;
    wb.font_size = bf->FontSize;
    wb.lines = WrapText(d.body, bf, w);
  }
  y += DrawLines(dl, bf, ImVec2(start.x, y), d.body, wb.lines, c.text, bf->FontSize * m.line_spacing,
                 clip_top, clip_bottom);
  y += m.padding;
  ImGui::Dummy(ImVec2(w, y - start.y));
  (void)tap;  // taps on the text do nothing: there is nothing to open inside a notice yet
  EndTouchScroll(state.detail_scroll);
}

}  // namespace ck::ui

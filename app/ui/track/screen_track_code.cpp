// Track, step 1: the ticket code on the number pad (ticket alphabet). The check character catches a typo
// before any lookup; a code from another kiosk is looked up on the hub ("searching…", then the answer).
#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/feedback_keys.h"
#include "sync/protocol/ticket_code.h"

namespace ck::ui {

void DrawTrackCodeScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding, x1 = area.Max.x - m.padding;
  float y =
      DrawQuestion(ctx, area, area.Min.y + m.padding * 0.75f, ctx.tr.Get(keys::kTrackCodeQuestion)) + m.gap;

  // The code as typed, "XXXX-XXXX-XXXXX", with the places still to fill shown as underscores.
  std::string typed = ctx.input.pad != nullptr ? ctx.input.pad->text() : std::string();
  std::string shown;
  for (std::size_t i = 0; i < protocol::kTicketSymbols; ++i) {
    if (i == 4 || i == 8) shown += '-';
    shown += i < typed.size() ? typed[i] : kEmptyCodePlace;
  }
  ImFont* cf = ctx.fonts.clock;
  const float code_w = DrawTicketCode(dl, ctx, shown, ImVec2(0, 0), c.text, true);
  const ImVec2 pad = PadSize(state, ctx);
  const float col_w = std::max(pad.x, code_w + m.padding * 2);
  const float cx = x0 + (x1 - x0 - col_w) * 0.5f;
  const float card_h = cf->FontSize + m.gap;  // FontSize is already the line height, with its margins
  dl->AddRectFilled(ImVec2(cx, y), ImVec2(cx + col_w, y + card_h), c.row, m.rounding);
  dl->AddRect(ImVec2(cx, y), ImVec2(cx + col_w, y + card_h), c.button, m.rounding, 0, 4.0f * m.scale);
  DrawTicketCode(dl, ctx, shown, ImVec2(cx + (col_w - code_w) * 0.5f, y + (card_h - cf->FontSize) * 0.5f),
                 c.text);
  state.shown_fields.emplace_back("track.code", typed);
  y += card_h + m.gap;
  // The message's place is kept whether or not a message shows, as tall as the longest one: the pad must
  // not jump when "typo" appears or goes, or the next taps land where a key used to be.
  float reserved = 0.0f;
  for (std::string_view key : {keys::kTrackCodeTypo, keys::kTrackCodeSearching, keys::kTrackCodeOffline,
                               keys::kTrackCodeNotFound, keys::kTrackCodeWait}) {
    const std::string longest = FormatPattern(ctx.tr.Get(key), {{"s", "600"}});
    reserved = std::max(reserved, MessageHeight(ctx, col_w, longest));
  }
  if (!state.track.message_key.empty()) {
    const bool error = state.track.message_key != keys::kTrackCodeSearching;
    const std::string message =
        FormatPattern(ctx.tr.Get(state.track.message_key), {{"s", std::to_string(state.track.wait_seconds)}});
    state.shown_fields.emplace_back("track.message", message);
    DrawMessage(dl, ctx, ImVec2(cx, y), col_w, message, error);
  }
  y += reserved + m.gap;
  DrawPad(state, ctx, out, ImVec2(cx + (col_w - pad.x) * 0.5f, std::min(y, area.Max.y - m.gap - pad.y)));
}

}  // namespace ck::ui

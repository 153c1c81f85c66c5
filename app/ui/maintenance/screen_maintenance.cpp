// The maintenance panel's screens, over everything else: the PIN pad (with the wrong-PIN and lock-out
// messages in a reserved line, so the pad never moves), the facts with their three actions, and the screen
// test. Plain functions over MaintenancePanel and PanelFacts; taps become actions.
#include "app/ui/maintenance/screen_maintenance.h"

#include <cstdio>

#include "app/ui/shell/flow_widgets.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

using maintenance::Stage;

void BeginCover(const char* id, ImU32 background) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
}

void Push(FrameOutput& out, ActionKind kind, int index = 0) {
  UiAction a{kind, {}};
  a.index = index;
  out.actions.push_back(a);
}

float CentredText(ImDrawList* dl, ImFont* font, float y, const std::string& text, ImU32 color) {
  const float w = ImGui::GetIO().DisplaySize.x;
  const float tw = std::min(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str()).x, w);
  DrawEllipsized(dl, font, ImVec2((w - tw) * 0.5f, y), w, text, color);
  return font->FontSize * 1.3f;
}

void DrawPinPad(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const maintenance::MaintenancePanel& panel = *ctx.panel;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  BeginCover("##maintenance_pin", c.background);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  float y = m.padding;
  y += CentredText(dl, ctx.fonts.heading, y, ctx.tr.Get(keys::kMaintenancePinTitle), c.text) + m.gap;
  // The typed digits as eight places, filled as typed (drawn, not glyphs: no font needed, nothing moves).
  const float r = ctx.fonts.heading->FontSize * 0.25f;
  const float step = r * 3.0f;
  const float x0 = (size.x - step * (maintenance::kMaxPinDigits - 1)) * 0.5f;
  for (std::size_t i = 0; i < maintenance::kMaxPinDigits; ++i) {
    const ImVec2 centre(x0 + step * static_cast<float>(i), y + r * 1.5f);
    if (i < panel.PendingPin().size())
      dl->AddCircleFilled(centre, r, c.text);
    else
      dl->AddCircle(centre, r, c.text_muted, 0, 2.0f * m.scale);
  }
  state.shown_fields.push_back({"maintenance.pin", std::string(panel.PendingPin().size(), '*')});
  y += r * 3.0f + m.gap;
  // One reserved line for the message: wrong PIN, the lock-out wait, no PIN yet.
  std::string message;
  const std::int64_t wait = panel.LockSecondsLeft(ctx.now);
  const bool checking = panel.checking_pin();
  if (checking)
    message = ctx.tr.Get(keys::kMaintenancePinChecking);
  else if (wait > 0)
    message = FormatPattern(ctx.tr.Get(keys::kMaintenancePinLocked), {{"seconds", std::to_string(wait)}});
  else if (panel.no_pin_set())
    message = ctx.tr.Get(keys::kMaintenancePinUnset);
  else if (panel.wrong_pin_shown())
    message = ctx.tr.Get(keys::kMaintenancePinWrong);
  state.shown_fields.push_back({"maintenance.message", message});
  if (!message.empty()) CentredText(dl, ctx.fonts.title, y, message, checking ? c.text_muted : c.urgent);
  y += ctx.fonts.title->FontSize * 1.3f + m.gap;
  FrameContext pad_ctx = ctx;
  pad_ctx.input.pad = &panel.pad();
  pad_ctx.input.keyboard = nullptr;
  const ImVec2 pad = PadSize(state, pad_ctx);
  DrawPad(state, pad_ctx, out, ImVec2((size.x - pad.x) * 0.5f, y));
  y += pad.y + m.gap;
  const char* close = ctx.tr(keys::kMaintenanceClose);
  const float bw = ButtonWidthFor(close, ctx.fonts.title, m.gap, 240.0f * m.scale);
  if (TouchButton(state, ctx, "maintenance.close", close, ImVec2(size.x - m.padding - bw, m.padding),
                  ImVec2(bw, m.touch_min), ButtonStyle{c.tab, c.tab_text, ctx.fonts.title}))
    Push(out, ActionKind::MaintenanceClose);
  const std::string hint = FormatPattern(ctx.tr.Get(keys::kMaintenanceAutoClose),
                                         {{"seconds", std::to_string(static_cast<int>(maintenance::kAutoCloseSeconds))}});
  CentredText(dl, ctx.fonts.body, std::min(y, size.y - ctx.fonts.body->FontSize * 1.5f), hint, c.text_muted);
  ImGui::End();
}

std::string AgeText(const maintenance::PanelFacts& facts, const FrameContext& ctx) {
  if (!facts.last_success_at) return ctx.tr.Get(keys::kMaintenanceNever);
  const std::int64_t age = maintenance::SyncAgeSeconds(facts, ctx.now);
  return FormatPattern(ctx.tr.Get(keys::kMaintenanceAge),
                       {{"time", FormatLocal(keys::kFormatDateTime, *facts.last_success_at, ctx.tr)},
                        {"minutes", std::to_string(age / 60)}});
}

void DrawFacts(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const maintenance::PanelFacts& f = *ctx.panel_facts;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  BeginCover("##maintenance_facts", c.background);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImFont* hf = ctx.fonts.heading;
  ImFont* tf = ctx.fonts.title;
  ImFont* bf = ctx.fonts.body;
  dl->AddText(hf, hf->FontSize, ImVec2(m.padding, m.padding), c.text, ctx.tr(keys::kMaintenanceTitle));
  const char* close = ctx.tr(keys::kMaintenanceClose);
  const float cw = ButtonWidthFor(close, tf, m.gap, 240.0f * m.scale);
  if (TouchButton(state, ctx, "maintenance.close", close, ImVec2(size.x - m.padding - cw, m.padding),
                  ImVec2(cw, m.touch_min), ButtonStyle{c.tab, c.tab_text, tf}))
    Push(out, ActionKind::MaintenanceClose);

  std::string disk = ctx.tr.Get(keys::kMaintenanceUnknown);
  if (f.free_disk_bytes)
    disk = FormatPattern(ctx.tr.Get(keys::kMaintenanceDiskValue),
                         {{"mb", std::to_string(*f.free_disk_bytes / (1024 * 1024))}});
  const std::string error = ctx.tr.Get(maintenance::PlainErrorKey(f.last_error));
  const std::pair<std::string_view, std::string> rows[] = {
      {keys::kMaintenanceHub, f.hub_url.empty() ? ctx.tr.Get(keys::kMaintenanceHubNone) : f.hub_url},
      {keys::kMaintenanceDevice, f.device_id.empty() ? ctx.tr.Get(keys::kMaintenanceUnknown) : f.device_id},
      {keys::kMaintenanceVersion, f.version},
      {keys::kMaintenanceLastSync, AgeText(f, ctx)},
      {keys::kMaintenanceOutbox, std::to_string(f.outbox_pending)},
      {keys::kMaintenanceRefused, std::to_string(f.outbox_refused)},
      {keys::kMaintenanceError, error},
      {keys::kMaintenanceDisk, disk},
  };
  // Two columns: the label, then its value; the raw error text, if any, on its own line under its row.
  float label_w = 0.0f;
  for (const auto& [key, value] : rows)
    label_w = std::max(label_w, bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, ctx.tr(key)).x);
  const float x_value = m.padding + label_w + m.gap * 2;
  const float line = bf->FontSize * 1.4f;
  float y = m.padding + std::max(hf->FontSize * 1.3f, m.touch_min) + m.gap;
  for (const auto& [key, value] : rows) {
    dl->AddText(bf, bf->FontSize, ImVec2(m.padding, y), c.text_muted, ctx.tr(key));
    DrawEllipsized(dl, bf, ImVec2(x_value, y), size.x - x_value - m.padding, value, c.text);
    state.shown_fields.push_back({std::string(key), value});
    y += line;
    if (key == keys::kMaintenanceError && !f.last_error.empty()) {
      DrawEllipsized(dl, bf, ImVec2(x_value, y), size.x - x_value - m.padding, f.last_error, c.text_muted);
      y += line;
    }
  }
  // The actions in one row at the bottom, big.
  const float bh = m.touch_min * 1.3f;
  const float by = std::max(y + m.gap, size.y - m.padding - bh);
  const float bw = (size.x - 2 * m.padding - 2 * m.gap) / 3.0f;
  if (TouchButton(state, ctx, "maintenance.sync_now", ctx.tr(keys::kMaintenanceSyncNow), ImVec2(m.padding, by),
                  ImVec2(bw, bh), ButtonStyle{c.button, c.button_text, tf}))
    Push(out, ActionKind::MaintenanceSyncNow);
  if (TouchButton(state, ctx, "maintenance.screen_test", ctx.tr(keys::kMaintenanceScreenTest),
                  ImVec2(m.padding + bw + m.gap, by), ImVec2(bw, bh), ButtonStyle{c.button, c.button_text, tf}))
    Push(out, ActionKind::MaintenanceScreenTest);
  if (TouchButton(state, ctx, "maintenance.restart", ctx.tr(keys::kMaintenanceRestart),
                  ImVec2(m.padding + 2 * (bw + m.gap), by), ImVec2(bw, bh), ButtonStyle{c.urgent, c.urgent_text, tf}))
    Push(out, ActionKind::MaintenanceRestart);
  ImGui::End();
}

void DrawScreenTest(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  BeginCover("##maintenance_screen_test", IM_COL32(0, 0, 0, 255));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  // Colour bars: white, yellow, cyan, green, magenta, red, blue, black (the classic order).
  const ImU32 bars[] = {IM_COL32(255, 255, 255, 255), IM_COL32(255, 255, 0, 255), IM_COL32(0, 255, 255, 255),
                        IM_COL32(0, 255, 0, 255),     IM_COL32(255, 0, 255, 255), IM_COL32(255, 0, 0, 255),
                        IM_COL32(0, 0, 255, 255),     IM_COL32(0, 0, 0, 255)};
  const float bar_w = size.x / 8.0f;
  for (int i = 0; i < 8; ++i)
    dl->AddRectFilled(ImVec2(bar_w * i, 0), ImVec2(bar_w * (i + 1), size.y), bars[i]);
  // A corner square a finger must reach: the glass's edges are where touch panels fail first.
  const float side = m.touch_min * 1.5f;
  const ImVec2 corners[4] = {ImVec2(0, 0), ImVec2(size.x - side, 0), ImVec2(0, size.y - side),
                             ImVec2(size.x - side, size.y - side)};
  for (int i = 0; i < 4; ++i) {
    const bool done = ctx.panel->corner_tapped(i);
    const std::string name = "maintenance.corner." + std::to_string(i);
    if (TouchButton(state, ctx, name, "", corners[i], ImVec2(side, side),
                    ButtonStyle{done ? IM_COL32(0, 150, 60, 255) : IM_COL32(90, 90, 90, 255),
                                IM_COL32(255, 255, 255, 255), ctx.fonts.heading}))
      Push(out, ActionKind::MaintenanceCorner, i);
  }
  // The hint and the way back in a dark box in the middle.
  ImFont* tf = ctx.fonts.title;
  const std::string hint = ctx.tr.Get(keys::kMaintenanceScreenTestHint);
  const float hw = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, hint.c_str()).x;
  const float box_w = std::min(size.x - 2 * side - 2 * m.gap, hw + 2 * m.padding);
  const float bh = m.touch_min * 1.2f;
  const float box_h = tf->FontSize * 1.4f + m.gap + bh + 2 * m.padding;
  const ImVec2 p((size.x - box_w) * 0.5f, (size.y - box_h) * 0.5f);
  dl->AddRectFilled(p, ImVec2(p.x + box_w, p.y + box_h), c.toast, m.rounding);
  DrawEllipsized(dl, tf, ImVec2(p.x + m.padding, p.y + m.padding), box_w - 2 * m.padding, hint, c.toast_text);
  const char* back = ctx.tr(keys::kMaintenanceBack);
  const float bw = ButtonWidthFor(back, tf, m.gap, 300.0f * m.scale);
  if (TouchButton(state, ctx, "maintenance.back", back,
                  ImVec2(p.x + (box_w - bw) * 0.5f, p.y + m.padding + tf->FontSize * 1.4f + m.gap), ImVec2(bw, bh),
                  ButtonStyle{c.button, c.button_text, tf}))
    Push(out, ActionKind::MaintenanceBack);
  ImGui::End();
}

}  // namespace

void DrawMaintenanceHoldPrompt(const FrameContext& ctx, const ImRect& area) {
  if (ctx.panel == nullptr) return;
  const float progress = ctx.panel->HoldProgress(ctx.time);
  // Quiet for the first second: a resident's long tap shows nothing at all.
  if (progress < 1.0f / static_cast<float>(maintenance::kHoldSeconds)) return;
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  ImFont* bf = ctx.fonts.body;
  const std::string text = ctx.tr.Get(keys::kMaintenanceHoldPrompt);
  const float tw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
  const float w = std::max(tw + 2 * m.gap, area.GetWidth() * 0.6f);
  const ImVec2 p(area.GetCenter().x - w * 0.5f, area.Max.y + m.gap);
  const float h = bf->FontSize * 1.4f + m.gap * 1.5f;
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), c.toast, m.rounding);
  dl->AddText(bf, bf->FontSize, ImVec2(p.x + (w - tw) * 0.5f, p.y + m.gap * 0.5f), c.toast_text, text.c_str());
  dl->AddRectFilled(ImVec2(p.x, p.y + h - m.gap * 0.4f), ImVec2(p.x + w * progress, p.y + h), c.button);
}

void DrawMaintenanceOverlay(UiState& state, const FrameContext& ctx, FrameOutput& out) {
  if (ctx.panel == nullptr || ctx.panel_facts == nullptr) return;
  switch (ctx.panel->stage()) {
    case Stage::Closed:
      return;
    case Stage::Pin:
      DrawPinPad(state, ctx, out);
      return;
    case Stage::Facts:
      DrawFacts(state, ctx, out);
      return;
    case Stage::ScreenTest:
      DrawScreenTest(state, ctx, out);
      return;
  }
}

}  // namespace ck::ui

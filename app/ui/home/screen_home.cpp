// Home: the community's name, date and clock, a red banner for urgent notices, and the four large tiles.
#include <string>

#include "app/ui/shell/screens.h"
#include "app/ui/shell/widgets.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"

namespace ck::ui {
namespace {

struct Tile {
  std::string_view target;
  std::string_view label_key;
  std::string_view hint_key;
  UiAction action;
};

}  // namespace

void DrawHomeScreen(UiState& state, const FrameContext& ctx, FrameOutput& out, const ImRect& area) {
  const ThemeMetrics& m = ctx.theme.metrics;
  const ThemeColors& c = ctx.theme.colors;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = area.Min.x + m.padding;
  const float x1 = area.Max.x - m.padding;
  float y = area.Min.y + m.padding;

  // Header: name and date on the left, the clock on the right.
  const std::string clock = FormatLocal(keys::kFormatTime, ctx.now, ctx.tr);
  ImFont* cf = ctx.fonts.clock;
  const ImVec2 clock_size = cf->CalcTextSizeA(cf->FontSize, FLT_MAX, 0.0f, clock.c_str());
  const float header_h =
      std::max(clock_size.y, ctx.fonts.heading->FontSize * 1.3f + ctx.fonts.title->FontSize * 1.4f);
  dl->AddText(cf, cf->FontSize, ImVec2(x1 - clock_size.x, y + (header_h - clock_size.y) * 0.5f), c.text,
              clock.c_str());
  const bool english = state.language == Language::English && !ctx.vm.community_name_en.empty();
  const std::string& configured = english ? ctx.vm.community_name_en : ctx.vm.community_name;
  const std::string& name = configured.empty() ? ctx.tr.Get(keys::kCommunityDefaultName) : configured;
  const float text_w = x1 - x0 - clock_size.x - m.gap;
  DrawEllipsized(dl, ctx.fonts.heading, ImVec2(x0, y), text_w, name, c.text);
  const std::string date = FormatLocal(keys::kFormatHomeDate, ctx.now, ctx.tr);
  DrawEllipsized(dl, ctx.fonts.title, ImVec2(x0, y + ctx.fonts.heading->FontSize * 1.3f), text_w, date,
                 c.text_muted);
  y += header_h + m.gap;

  // Urgent banner: the newest urgent notice; a tap opens it.
  if (!ctx.vm.urgent.empty()) {
    const NoticeRowView& first = ctx.vm.urgent.front();
    ImFont* tf = ctx.fonts.title;
    const float banner_h = std::max(m.touch_min, tf->FontSize * 2.2f);
    const ImVec2 pos(x0, y), size(x1 - x0, banner_h);
    const std::string target = "home.urgent";
    const std::string label;
    if (TouchButton(state, ctx, target, label.c_str(), pos, size, ButtonStyle{c.urgent, c.urgent_text, tf}))
      out.actions.push_back({ActionKind::OpenNotice, first.id});
    const float pad = m.gap;
    const char* tag = ctx.tr(keys::kHomeUrgentLabel);
    const float tag_h = tf->FontSize * 1.5f;
    const float tag_w = DrawBadge(dl, ImVec2(x0 + pad, y + (banner_h - tag_h) * 0.5f), tag, tf, c.urgent_text,
                                  c.urgent, tag_h, pad * 0.6f);
    float right = x1 - pad;
    if (ctx.vm.urgent.size() > 1) {
      const std::string more = FormatPattern(ctx.tr.Get(keys::kHomeUrgentMore),
                                             {{"count", std::to_string(ctx.vm.urgent.size() - 1)}});
      ImFont* bf = ctx.fonts.body;
      const float mw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.0f, more.c_str()).x;
      right -= mw;
      dl->AddText(bf, bf->FontSize, ImVec2(right, y + (banner_h - bf->FontSize) * 0.5f), c.urgent_text,
                  more.c_str());
      right -= pad * 2;
    }
    const float title_x = x0 + pad + tag_w + pad;
    DrawEllipsized(dl, tf, ImVec2(title_x, y + (banner_h - tf->FontSize) * 0.5f), right - title_x,
                   first.title, c.urgent_text);
    y += banner_h + m.gap;
  }

  // Today's activities (and tomorrow's after 18:00): what is on, also while the kiosk waits for someone.
  // The tiles keep at least this much of the screen.
  const float tiles_min_h = 2 * 170.0f * m.scale + m.gap;
  const float strip_h =
      DrawHomeActivities(state, ctx, out, ImVec2(x0, y), x1 - x0, area.Max.y - m.padding - y - tiles_min_h - m.gap);
  if (strip_h > 0) y += strip_h + m.gap;

  // Tiles: a 2×2 grid filling the rest of the screen.
  const Tile tiles[] = {
      {"home.tile.notices", keys::kHomeTileNotices, keys::kHomeTileNoticesHint, {ActionKind::OpenBoard, {}}},
      {"home.tile.activities",
       keys::kHomeTileActivities,
       keys::kHomeTileActivitiesHint,
       {ActionKind::OpenActivities, {}}},
      {"home.tile.feedback",
       keys::kHomeTileFeedback,
       keys::kHomeTileFeedbackHint,
       {ActionKind::OpenReport, {}}},
      {"home.tile.track", keys::kHomeTileTrack, keys::kHomeTileTrackHint, {ActionKind::OpenTrack, {}}},
  };
  const float grid_h = area.Max.y - m.padding - y;
  const float tile_w = (x1 - x0 - m.gap) * 0.5f;
  const float tile_h = (grid_h - m.gap) * 0.5f;
  for (int i = 0; i < 4; ++i) {
    const Tile& t = tiles[i];
    const ImVec2 pos(x0 + (i % 2) * (tile_w + m.gap), y + (i / 2) * (tile_h + m.gap));
    const std::string empty;
    if (TouchButton(state, ctx, t.target, empty.c_str(), pos, ImVec2(tile_w, tile_h),
                    ButtonStyle{c.tile, c.tile_text, ctx.fonts.heading}))
      out.actions.push_back(t.action);
    // Label and hint, centred as a block.
    ImFont* lf = ctx.fonts.heading;
    ImFont* hf = ctx.fonts.body;
    const float inner = tile_w - 2 * m.padding;
    const float lh = lf->FontSize * 1.3f, hh = hf->FontSize * m.line_spacing;
    const float label_h = MeasureWrapped(lf, inner, ctx.tr.Get(t.label_key), lh);
    const float hint_h = MeasureWrapped(hf, inner, ctx.tr.Get(t.hint_key), hh);
    float ty = pos.y + (tile_h - label_h - m.gap - hint_h) * 0.5f;
    ty +=
        DrawWrapped(dl, lf, ImVec2(pos.x + m.padding, ty), inner, ctx.tr.Get(t.label_key), c.tile_text, lh) +
        m.gap;
    DrawWrapped(dl, hf, ImVec2(pos.x + m.padding, ty), inner, ctx.tr.Get(t.hint_key), c.tile_hint, hh);
  }
}

}  // namespace ck::ui

// The theme keeps DESIGN.md's rules: contrast ≥ 4.5:1, targets ≥ 72 px, body ≥ 28/40 px, spacing ≥ 1.3.
#include "app/ui/shell/theme.h"

#include <gtest/gtest.h>

namespace ck::ui {
namespace {

TEST(ThemeTest, TextContrastIsAtLeastFourAndAHalf) {
  for (bool large : {false, true}) {
    const ThemeColors c = MakeTheme(large, 1080).colors;
    const std::pair<ImU32, ImU32> pairs[] = {
        {c.text, c.background},    {c.text_muted, c.background},
        {c.text_muted, c.row},     {c.top_bar_text, c.top_bar},
        {c.button_text, c.button}, {c.button_text, c.button_pressed},
        {c.tile_text, c.tile},     {c.tile_hint, c.tile},
        {c.tab_text, c.tab},       {c.tab_selected_text, c.tab_selected},
        {c.row_text, c.row},       {c.urgent_text, c.urgent},
        {c.urgent, c.urgent_text}, {c.important_text, c.important},
        {c.pinned_text, c.pinned}, {c.toast_text, c.toast},
    };
    for (const auto& [fg, bg] : pairs)
      EXPECT_GE(ContrastRatio(fg, bg), 4.5f) << std::hex << fg << " on " << bg;
  }
}

TEST(ThemeTest, ContrastRatioMatchesWcagExamples) {
  EXPECT_NEAR(ContrastRatio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)), 21.0f, 0.01f);
  EXPECT_NEAR(ContrastRatio(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)), 4.48f, 0.02f);
}

TEST(ThemeTest, SizesMeetTheLobbyRules) {
  const Theme normal = MakeTheme(false, 1080), large = MakeTheme(true, 1080);
  EXPECT_GE(normal.metrics.touch_min, 72.0f);
  EXPECT_GE(large.metrics.touch_min, 72.0f);
  EXPECT_GE(normal.fonts.body, 28.0f);
  EXPECT_GE(large.fonts.body, 40.0f);
  EXPECT_GT(normal.fonts.title, normal.fonts.body);
  EXPECT_GE(normal.metrics.line_spacing, 1.3f);
  EXPECT_GE(MakeTheme(false, 2160).metrics.touch_min, 144.0f);  // scales with the display
}

}  // namespace
}  // namespace ck::ui

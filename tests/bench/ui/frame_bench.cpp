// CPU cost of the notice board with 10,000 notices, headless (NewFrame → screens → Render), plus the
// between-frame work that goes with it: reloading the view model and building the font atlas.
// Prints medians of 5 runs; no GPU involved, so this is the UI's own cost.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/text/local_time.h"
#include "fill_notices.h"

namespace {

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  using namespace ck;
  ui::SetProcessTimeZone("Asia/Shanghai");
  const auto dir =
      std::filesystem::temp_directory_path() / ("ck-bench-ui-" + std::to_string(std::random_device{}()));
  auto db = store::KioskDatabase::Open(dir / "kiosk.db");
  if (!db) return 1;
  const auto now = protocol::NowUtc();
  const int filled = bench::FillNotices(
      **db, std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "demo" / "community.json", 10000, now);
  auto translations = ui::LoadTranslationSet(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "i18n");
  auto face = ui::FindCjkFont();
  if (filled != 10000 || !translations || !face) {
    std::fprintf(stderr, "setup failed\n");
    return 1;
  }
  ui::StoreNoticeSource source(**db);
  ui::KioskController controller(source, *translations, {});

  std::vector<double> reload;
  for (int i = 0; i < 5; ++i) {
    const double t0 = CpuMs();
    controller.Reload(now);
    reload.push_back(CpuMs() - t0);
  }

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60.0f;
  ui::KioskFontAtlas atlas;
  const ui::Theme theme = ui::MakeTheme(false, 1080);
  ui::KioskFonts fonts;
  std::vector<double> atlas_ms, atlas_common_ms;
  std::size_t bytes = 0, bytes_common = 0, glyphs = 0, glyphs_common = 0;
  for (int i = 0; i < 5; ++i) {
    auto common = atlas.Build(*io.Fonts, *face, theme.fonts, controller.AllGlyphs(), true);
    atlas_common_ms.push_back(atlas.report().build_ms);
    bytes_common = atlas.report().alpha8_bytes;
    glyphs_common = atlas.report().glyphs;
    auto built = atlas.Build(*io.Fonts, *face, theme.fonts, controller.AllGlyphs(), false);
    atlas_ms.push_back(atlas.report().build_ms);
    bytes = atlas.report().alpha8_bytes;
    glyphs = atlas.report().glyphs;
    fonts = built.value();
  }
  ui::ApplyTheme(theme, ImGui::GetStyle());
  controller.Handle({{ui::ActionKind::OpenBoard, {}}}, now, 0.0);

  // Warm up (first frames create windows and measure the clipper), then 5 runs of 200 frames, scrolled
  // to the middle of the list so the clipper is exercised away from the top.
  for (int i = 0; i < 5; ++i) {
    ImGui::NewFrame();
    controller.DrawFrame(theme, fonts, now, 0.0);
    ImGui::Render();
  }
  controller.state().board_scroll.offset = 500000.0f;
  controller.state().board_scroll.velocity = 1.0f;  // makes the widget push the offset into ImGui once
  std::vector<double> per_frame_us;
  std::size_t vertices = 0;
  for (int run = 0; run < 5; ++run) {
    const double t0 = CpuMs();
    for (int f = 0; f < 200; ++f) {
      ImGui::NewFrame();
      controller.DrawFrame(theme, fonts, now, 0.0);
      ImGui::Render();
    }
    per_frame_us.push_back((CpuMs() - t0) * 1000.0 / 200.0);
    vertices = static_cast<std::size_t>(ImGui::GetDrawData()->TotalVtxCount);
  }
  std::printf("notice board, 10,000 notices, 1920x1080, headless ImGui %s\n", IMGUI_VERSION);
  std::printf("  rows on the board                 %zu\n", controller.state().board_rows.size());
  std::printf("  CPU per frame (median of 5x200)   %.3f ms\n", Median(per_frame_us) / 1000.0);
  std::printf("  vertices per frame                %zu (scrolled to %.0f px)\n", vertices,
              static_cast<double>(controller.state().board_scroll.offset));
  std::printf("  view-model reload (median of 5)   %.1f ms\n", Median(reload));
  std::printf("  first atlas build in the process  %.1f ms (FreeType and font file warm-up)\n",
              atlas_common_ms[0]);
  std::printf("  font atlas, glyphs in use         %.1f ms, %zu glyphs, %zu KiB (R8)\n", Median(atlas_ms),
              glyphs, bytes / 1024);
  std::printf("  font atlas, + 2,500 common hanzi  %.1f ms, %zu glyphs, %zu KiB (R8)\n",
              Median(atlas_common_ms), glyphs_common, bytes_common / 1024);
  ImGui::DestroyContext();
  db->reset();
  std::filesystem::remove_all(dir);
  return 0;
}

// CPU cost of the month view with 2,000 occurrences in the month, headless (NewFrame → screens → Render),
// the between-frame rebuild of the month (range query, marks, lists) and what ICU's Chinese calendar costs
// when the calendar first opens (time and resident memory). Prints medians of 5 runs; asserts nothing.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "app/store/activity_repository.h"
#include "app/store/transaction.h"
#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/text/local_time.h"
#include "sync/protocol/ids.h"

namespace {

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double WallMs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

long ResidentKiB() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * 4;
}

}  // namespace

int main() {
  using namespace ck;
  using std::chrono::days;
  using std::chrono::sys_days;
  ui::SetProcessTimeZone("Asia/Shanghai");
  const auto dir =
      std::filesystem::temp_directory_path() / ("ck-bench-cal-" + std::to_string(std::random_device{}()));
  auto db = store::KioskDatabase::Open(dir / "kiosk.db");
  auto translations = ui::LoadTranslationSet(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "i18n");
  auto face = ui::FindCjkFont();
  if (!db || !translations || !face) {
    std::fprintf(stderr, "setup failed\n");
    return 1;
  }
  const auto now = protocol::NowUtc();
  const auto today = ui::LocalDate(now);
  const auto month = today.year() / today.month();
  const int month_days = static_cast<int>(static_cast<unsigned>((month / std::chrono::last).day()));
  // 2,000 occurrences in this month: 100 activities, 20 occurrences each, spread over the month's days.
  {
    store::ActivityRepository repo(**db);
    store::Transaction tx(**db, store::Durability::Relaxed);
    int made = 0;
    for (int a = 0; a < 100; ++a) {
      protocol::Activity act;
      act.id = protocol::NewUuid();
      act.organisers = {a % 2 ? protocol::Publisher::StreetOffice : protocol::Publisher::ResidentsCommittee};
      act.title = "社区活动第" + std::to_string(a + 1) + "项：健康讲座与志愿服务";
      act.place = "社区活动中心" + std::to_string(a % 5 + 1) + "楼";
      act.capacity = a % 3 == 0 ? 0 : 30;
      for (int o = 0; o < 20; ++o, ++made) {
        const int day = (a + o * 3) % month_days;
        const auto midnight = ui::LocalDayStart(std::chrono::year_month_day(sys_days(month / 1) + days(day)));
        const protocol::UnixSeconds start = midnight + (7 + (a % 12)) * 3600 + o;  // distinct original_start
        act.occurrences.push_back({start, start, start + 3600, false, "", a % 30, 0});
      }
      std::sort(act.occurrences.begin(), act.occurrences.end(),
                [](const auto& x, const auto& y) { return x.original_start < y.original_start; });
      if (!repo.Upsert(act)) return 1;
    }
    if (!tx.Commit()) return 1;
    std::printf("occurrences stored in %d-%02u: %d\n", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()), made);
  }

  ui::StoreNoticeSource source(**db);
  ui::StoreActivitySource activities(**db);
  ui::KioskController controller(source, *translations, {}, ui::KioskServices{nullptr, nullptr, nullptr, nullptr, &activities});
  controller.Reload(now);

  // The first opening makes ICU's Chinese calendar: its cost in time and resident memory.
  const long rss_before = ResidentKiB();
  const double w0 = WallMs();
  controller.Handle({{ui::ActionKind::OpenActivities, {}}}, now, 0.0);
  const double first_open_ms = WallMs() - w0;
  const long rss_after = ResidentKiB();

  std::vector<double> rebuild;
  for (int i = 0; i < 5; ++i) {
    const double t0 = CpuMs();
    controller.Reload(now);  // what a sync that changed places left costs while the calendar shows
    rebuild.push_back(CpuMs() - t0);
  }

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60.0f;
  ui::KioskFontAtlas atlas;
  const ui::Theme theme = ui::MakeTheme(false, 1080);
  auto built = atlas.Build(*io.Fonts, *face, theme.fonts, controller.NeededGlyphs(), false);
  if (!built) return 1;
  const ui::KioskFonts fonts = built.value();
  ui::ApplyTheme(theme, ImGui::GetStyle());

  for (int i = 0; i < 5; ++i) {
    ImGui::NewFrame();
    controller.DrawFrame(theme, fonts, now, 0.0);
    ImGui::Render();
  }
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
  const auto& month_view = *controller.view_model().month;
  std::printf("month view, 1920x1080, headless ImGui %s\n", IMGUI_VERSION);
  std::printf("  occurrences in the month (shown)  %d, list lines %zu\n", month_view.occurrences_in_month,
              month_view.lines.size());
  std::printf("  CPU per frame (median of 5x200)   %.3f ms (goal < 2 ms)\n", Median(per_frame_us) / 1000.0);
  std::printf("  vertices per frame                %zu\n", vertices);
  std::printf("  month rebuild (median of 5)       %.1f ms CPU (between frames, on data change)\n", Median(rebuild));
  std::printf("  first opening (ICU calendar made) %.1f ms wall, RSS +%ld KiB\n", first_open_ms, rss_after - rss_before);
  ImGui::DestroyContext();
  db->reset();
  std::filesystem::remove_all(dir);
  return 0;
}

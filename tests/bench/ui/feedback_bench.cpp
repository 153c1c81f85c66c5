// Feedback budgets, headless: tap on "submit" → receipt drawn (the store's fsync'd transaction included), and
// the on-screen keyboard's cost (a keystroke with the real pinyin engine, a frame with the keyboard open).
// Prints medians; figures are printed, never asserted. The database is a real file in $TMPDIR, so the
// fsync is the disk's.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "app/input/pinyin_engine.h"
#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/text/local_time.h"

namespace {

using namespace ck;

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}
double WallMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Kiosk {
  ui::KioskController& controller;
  ui::KioskFontAtlas atlas;
  ui::FontFace face;
  ui::KioskFonts fonts;
  ui::Theme theme = ui::MakeTheme(false, 1080);
  double time = 0.0;

  void EnsureFonts() {
    const ui::GlyphNeeds needs = controller.NeededGlyphs();
    if (fonts.body != nullptr && atlas.Holds(needs)) return;
    auto built = atlas.Build(*ImGui::GetIO().Fonts, face, theme.fonts, needs, false);
    fonts = built.value();
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&px, &w, &h);
  }
  ui::FrameOutput Frame(protocol::UnixSeconds now) {
    ImGui::NewFrame();
    ui::FrameOutput out = controller.DrawFrame(theme, fonts, now, time);
    ImGui::Render();
    time += 1.0 / 60.0;
    return out;
  }
  void Act(std::vector<ui::UiAction> actions, protocol::UnixSeconds now) {
    controller.Handle(actions, now, time);
  }
};

ui::UiAction Pad(char c) {
  ui::UiAction a{ui::ActionKind::NumberPadKey, {}};
  a.pad = c == '\n' ? input::NumberPadAction::Of(input::NumberPadAction::Kind::Confirm)
                    : input::NumberPadAction::Symbol(c);
  return a;
}
ui::UiAction Key(input::KeyAction k) {
  ui::UiAction a{ui::ActionKind::KeyboardKey, {}};
  a.key = k;
  return a;
}

}  // namespace

int main() {
  ui::SetProcessTimeZone("Asia/Shanghai");
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ck-bench-feedback-" + std::to_string(std::random_device{}()));
  auto db = store::KioskDatabase::Open(dir / "kiosk.db");
  auto translations = ui::LoadTranslationSet(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "i18n");
  auto face = ui::FindCjkFont();
  auto pinyin = input::PinyinEngine::Open(input::DefaultRimeDeployedDir());
  if (!db || !translations || !face || !pinyin) {
    std::fprintf(stderr, "setup failed\n");
    return 1;
  }
  ui::StoreNoticeSource notices(**db);
  ui::StoreFeedbackSource feedback(**db);
  ui::KioskControllerOptions options;
  options.share_base_url = "https://hub.example";
  ui::KioskController controller(notices, *translations, options,
                                 ui::KioskServices{&feedback, nullptr, pinyin->get()});
  const auto now = protocol::NowUtc();
  controller.Reload(now);
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60.0f;
  Kiosk k{controller, {}, face.value(), {}};
  ui::ApplyTheme(k.theme, ImGui::GetStyle());

  // --- submit → receipt -------------------------------------------------------------------------------
  std::vector<double> to_receipt, submit_only;
  for (int run = 0; run < 9; ++run) {
    using ui::ActionKind;
    k.Act({{ActionKind::OpenReport, {}},
           {ActionKind::ReportKind, "complaint"},
           {ActionKind::ReportService, "sanitation"},
           Pad('3'),
           Pad('\n'),
           Pad('2'),
           Pad('\n'),
           Pad('5'),
           Pad('\n')},
          now);
    ui::UiAction phrase{ActionKind::ReportPhrase, {}};
    k.Act({phrase, {ActionKind::ReportNext, {}}, {ActionKind::ReportLeavePhone, {}}}, now);
    for (char c : std::string("13812341234\n")) k.Act({Pad(c)}, now);
    k.EnsureFonts();
    k.Frame(now);  // the review screen, as the resident sees it before tapping
    const double t0 = WallMs();
    k.Act({{ActionKind::ReportSubmit, {}}}, now);  // Submit: one fsync'd transaction
    const double t1 = WallMs();
    k.EnsureFonts();  // a no-op unless the receipt brought new glyphs
    k.Frame(now);     // the receipt drawn
    const double t2 = WallMs();
    if (controller.state().screen != ui::Screen::ReportReceipt) {
      std::fprintf(stderr, "submit failed\n");
      return 1;
    }
    submit_only.push_back(t1 - t0);
    to_receipt.push_back(t2 - t0);
  }
  std::printf(
      "tap submit -> receipt frame (wall, fsync included): median %.2f ms (submit alone %.2f ms), %zu runs\n",
      Median(to_receipt), Median(submit_only), to_receipt.size());

  // --- keyboard ------------------------------------------------------------------------------------------
  using ui::ActionKind;
  k.Act({{ActionKind::OpenReport, {}},
         {ActionKind::ReportKind, "complaint"},
         {ActionKind::ReportService, "sanitation"},
         {ActionKind::ReportArea, "elevator"},
         {ActionKind::ReportOpenKeyboard, {}}},
        now);
  const double atlas0 = WallMs();
  k.EnsureFonts();  // the common characters join the atlas when the keyboard opens
  const double atlas_ms = WallMs() - atlas0;
  const ui::AtlasReport& r = k.atlas.report();
  std::printf(
      "keyboard atlas (common simplified at body size): %dx%d, %zu glyphs, %.0f KiB, built in %.1f ms\n",
      r.width, r.height, r.glyphs, static_cast<double>(r.alpha8_bytes) / 1024.0, atlas_ms);
  std::vector<double> keystroke, frame;
  for (int run = 0; run < 9; ++run) {
    for (char c : std::string("shequ")) {
      const double t0 = CpuMs();
      k.Act({Key(input::KeyAction::Char(c))}, now);
      k.EnsureFonts();
      k.Frame(now);
      keystroke.push_back(CpuMs() - t0);
    }
    for (int i = 0; i < 10; ++i) {
      const double t0 = CpuMs();
      k.Frame(now);
      frame.push_back(CpuMs() - t0);
    }
    for (int i = 0; i < 5; ++i) k.Act({Key(input::KeyAction::Of(input::KeyAction::Kind::Backspace))}, now);
  }
  std::printf("keystroke -> candidate bar drawn (CPU, rime + frame): median %.2f ms over %zu keystrokes\n",
              Median(keystroke), keystroke.size());
  std::printf(
      "frame with the keyboard and candidates open (CPU): median %.2f ms over %zu frames, %zu tap targets\n",
      Median(frame), frame.size(), controller.state().tap_targets.size());
  ImGui::DestroyContext();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

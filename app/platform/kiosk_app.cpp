// RunKiosk: opens the kiosk's window (or renders screenshots) and runs the event-driven main loop.
//
// The loop renders only when something changed: input, the clock's next minute, a notice's publication or
// expiry time, a toast ending, the sync thread's wake-up (glfwPostEmptyEvent), or a running animation.
// Pointer input goes through a PointerQueue: one press or release per frame, and the loop does not sleep
// while the queue holds any, so a quick tap's release is never left unseen until the next touch.
// Everything that reads the store or rebuilds fonts happens here, between frames, never in frame code.
// In the screen-off hours (screen_off.h) the loop draws black, seldom, until a touch wakes it.
#include "app/platform/kiosk_app.h"

#include <GL/gl.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/input/lazy_pinyin_input.h"
#include "app/input/pinyin_engine.h"
#include "app/platform/assets_dir.h"
#include "app/platform/private_display.h"
#include "app/platform/render_session.h"
#include "app/platform/screen_off.h"
#include "app/platform/screenshot.h"
#include "app/platform/service_watchdog.h"
#include "app/platform/maintenance_backend.h"
#include "app/platform/sync_wiring.h"
#include "app/platform/test_hook.h"
#include "app/store/demo_community.h"
#include "app/store/kiosk_database.h"
#include "app/ui/controller/notice_source.h"
#include "app/ui/text/local_time.h"
#include "app/ui/text/text_keys.h"
#include "sync/protocol/journal_log.h"

namespace ck::platform {
namespace {

// Inertia and other animations: frames at most this often, even without vsync (Xvfb has none).
constexpr double kAnimationFrameSeconds = 1.0 / 60.0;
// After any wake-up: ImGui settles a changed layout (child windows, list clipper) over two frames.
constexpr int kFramesPerWake = 2;

bool HaveDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* wl = std::getenv("WAYLAND_DISPLAY");
  return (x != nullptr && *x != '\0') || (wl != nullptr && *wl != '\0');
}

// One string field of the demo file: "public_base_url" (where its QR codes point when no hub is
// configured) or "community_name_en". Empty when absent.
std::string DemoField(const std::filesystem::path& demo_file, const char* field) {
  std::ifstream in(demo_file);
  const auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object()) {
    if (auto it = doc.find(field); it != doc.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

// For tests/bench/ui: CK_BENCH_FIRST_FRAME=1 prints CLOCK_MONOTONIC at the first presented frame and exits.
bool BenchFirstFrame() {
  const char* v = std::getenv("CK_BENCH_FIRST_FRAME");
  return v != nullptr && std::string(v) == "1";
}

// With CK_BENCH_FIRST_FRAME=1, where start-up time goes (stderr).
void Phase(const char* name) {
  if (!BenchFirstFrame()) return;
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  std::fprintf(stderr, "phase %-12s rss %ld KiB at %lld\n", name, resident * 4,
               static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
}

void ReportFirstFrame() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  std::printf("first-frame-monotonic-ns %lld\n",
              static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
  std::fflush(stdout);
}

// The size the window will have: the launch size, or the primary monitor's mode when fullscreen.
std::pair<int, int> WindowSize(const KioskLaunch& launch, bool hidden) {
  if (!hidden && !launch.windowed) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr)
      return {mode->width, mode->height};
  }
  return {launch.width, launch.height};
}

GLFWwindow* OpenWindow(const KioskLaunch& launch, bool hidden) {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, hidden ? GLFW_FALSE : GLFW_TRUE);
  if (hidden || launch.windowed)
    return glfwCreateWindow(launch.width, launch.height, "community-kiosk", nullptr, nullptr);
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
  if (mode == nullptr)
    return glfwCreateWindow(launch.width, launch.height, "community-kiosk", nullptr, nullptr);
  glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
  return glfwCreateWindow(mode->width, mode->height, "community-kiosk", monitor, nullptr);
}

// The screen-off hours' frame: black, nothing else (no ImGui frame: the UI's state stays as it was).
void DrawBlack(GLFWwindow* window) {
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

int RunLoop(GLFWwindow* window, RenderSession& session, ui::KioskController& controller, PointerQueue& pointer,
            TestHook* hook, ServiceWatchdog& watchdog, const StoreMaintenanceBackend* maintenance,
            ScreenOffSchedule& screen_off) {
  int frames_due = kFramesPerWake;
  bool drawn_since_settle = false;
  bool first = true;
  bool dark_shown = false;  // a black frame is on screen
  const bool bench = BenchFirstFrame();
  while (!glfwWindowShouldClose(window)) {
    // Only a turning main loop pings: a frame stuck in the store, the GL driver or a deadlock stops it.
    watchdog.Ping();
    const protocol::UnixSeconds now = protocol::NowUtc();
    if (!first && screen_off.Dark(now, glfwGetTime())) {
      // Screen-off hours. A finger wakes the screen: that press reaches nothing, the next ones do.
      const bool had_input = pointer.pending();
      if (pointer.TakeWakePress()) {
        const double clock = glfwGetTime();
        screen_off.NoteTouch(clock);
        session.RefusePressesUntil(clock);
        frames_due = kFramesPerWake;
        dark_shown = false;
        continue;
      }
      // Store reads and the idle rule go on, unseen; their next frame comes with the light.
      controller.RefreshIfStale(now);
      controller.Tick(now, ImGui::GetTime());
      DrawBlack(window);
      if (hook != nullptr) hook->RenderedBlack(window);
      glfwSwapBuffers(window);
      if (hook != nullptr && (!dark_shown || had_input)) hook->Settled(controller, /*screen_off=*/true);
      dark_shown = true;
      glfwWaitEventsTimeout(std::clamp(
          std::min({ScreenOffSchedule::kDarkFrameSeconds, watchdog.MaxWaitSeconds(),
                    screen_off.SecondsUntilChange(protocol::NowUtc(), glfwGetTime()) + 0.02}),
          0.02, ScreenOffSchedule::kDarkFrameSeconds));
      frames_due = kFramesPerWake;
      continue;
    }
    if (pointer.pending()) screen_off.NoteTouch(glfwGetTime());
    if (controller.RefreshIfStale(now)) frames_due = std::max(frames_due, 1);
    // Idle countdown, debounced search, ticket lookups: store reads happen here, not in the frame.
    if (controller.Tick(now, ImGui::GetTime())) frames_due = std::max(frames_due, 1);
    session.EnsureFonts(/*allow_partial=*/first);  // the start-up atlas serves the first frame
    bool animating = false;
    if (frames_due > 0) {
      const ui::FrameOutput out = session.RenderFrame(now);
      if (hook != nullptr) hook->Rendered(window, session.fonts());
      drawn_since_settle = true;
      glfwSwapBuffers(window);
      controller.NotePresented(glfwGetTime());  // the touch guard times presses from here
      if (first) {
        first = false;
        watchdog.Ready();
        if (bench) {
          ReportFirstFrame();
          return 0;
        }
      }
      --frames_due;
      if (!out.actions.empty()) {
        controller.Handle(out.actions, now, ImGui::GetTime());
        frames_due = std::max(frames_due, 1);  // show the screen the tap asked for
        // The panel's restart: its audit line is committed; the unit (Restart=always) starts us again.
        if (maintenance != nullptr && maintenance->restart_requested()) return ui::maintenance::kRestartExitCode;
      }
      animating = out.wants_next_frame;
    }
    if (pointer.pending()) frames_due = std::max(frames_due, 1);  // a press or release not yet seen
    if (animating && frames_due == 0) {
      glfwWaitEventsTimeout(kAnimationFrameSeconds);
      frames_due = std::max(frames_due, 1);
    } else if (frames_due > 0) {
      glfwPollEvents();
    } else {
      if (hook != nullptr && drawn_since_settle) hook->Settled(controller);
      drawn_since_settle = false;
      // Idle: sleep until input, the sync thread, or the next moment the screen must change (the screen-off
      // hours included). A little past the boundary so the minute has really turned when we wake.
      glfwWaitEventsTimeout(std::min(
          {controller.SecondsUntilNextWake(protocol::NowUtc(), ImGui::GetTime()) + 0.02, watchdog.MaxWaitSeconds(),
           screen_off.SecondsUntilChange(protocol::NowUtc(), glfwGetTime()) + 0.02}));
      frames_due = kFramesPerWake;
    }
  }
  return 0;
}

}  // namespace

int RunKiosk(const KioskLaunch& launch) {
  std::optional<std::filesystem::path> screenshot_dir = launch.screenshot_dir;
  std::optional<PrivateDisplay> private_display;
  if (!HaveDisplay()) {
    if (!screenshot_dir) screenshot_dir = std::filesystem::path("screenshots");
    log::Info("no display: writing screenshots to %s",
              screenshot_dir->is_relative() ? ("./" + screenshot_dir->string()).c_str() : screenshot_dir->c_str());
    private_display.emplace(launch.width, launch.height);
    if (!private_display->started()) {
      log::Error("community-kiosk: cannot draw without a display, and could not start a private Xvfb; install "
                 "it (apt-get install xvfb xauth libgl1-mesa-dri) or run: xvfb-run -a -s '-screen 0 %dx%dx24' "
                 "community-kiosk --screenshot DIR",
                 launch.width, launch.height);
      return 1;
    }
  }

  const core::KioskConfig& config = launch.config;
  if (!ui::SetProcessTimeZone(config.time_zone))
    log::Error("community-kiosk: unknown time zone \"%s\", showing UTC", config.time_zone.c_str());
  const auto assets = FindAssetsDir();
  if (!assets) {
    log::Error("community-kiosk: assets not found (looked next to the program and in /usr/share)");
    return 1;
  }
  auto translations = ui::LoadTranslationSet(*assets / "i18n");
  if (!translations) {
    log::Error("community-kiosk: %s", translations.error().c_str());
    return 1;
  }
  Phase("translations");

  if (!glfwInit()) {
    log::Error("community-kiosk: GLFW could not start (is DISPLAY right?)");
    return 1;
  }
  const float display_height = static_cast<float>(WindowSize(launch, screenshot_dir.has_value()).second);

  // Start-up runs two ways at once: this thread starts the GL driver (Mesa's takes ~200 ms), a worker
  // opens the store, reads the notices and bakes the home screen's glyphs. They share nothing until join.
  const std::filesystem::path db_file = config.data_dir / "kiosk.db";
  std::unique_ptr<store::KioskDatabase> db;
  std::unique_ptr<ui::StoreNoticeSource> source;
  std::unique_ptr<ui::StoreFeedbackSource> feedback;
  std::unique_ptr<ui::StoreActivitySource> activities;
  std::unique_ptr<input::LazyPinyinInput> pinyin;
  std::unique_ptr<EngineSyncControl> sync_control;
  if (!config.hub_url.empty()) sync_control = std::make_unique<EngineSyncControl>();
  std::unique_ptr<StoreMaintenanceBackend> maintenance;
  std::unique_ptr<ui::KioskController> controller;
  std::unique_ptr<RenderSession> session;
  auto atlas = std::make_unique<ImFontAtlas>();
  std::string share_base_url;
  std::string error;
  std::thread worker([&] {
    auto face = ui::FindCjkFont();
    if (!face) {
      error = face.error() + "; install the Chinese fonts: apt-get install fonts-noto-cjk";
      return;
    }
    auto opened = store::KioskDatabase::Open(db_file);
    if (!opened) {
      error = db_file.string() + ": " + opened.error();
      return;
    }
    db = std::move(opened).value();
    ui::KioskControllerOptions options;
    options.community_name = config.community_name;
    options.share_base_url = !config.public_base_url.empty() ? config.public_base_url : config.hub_url;
    options.hub_configured = !config.hub_url.empty();
    options.language = config.language == "en" ? ui::Language::English : ui::Language::Chinese;
    options.large_text = launch.large_text;
    options.kiosk_number = config.kiosk_number;
    if (launch.demo) {
      const auto demo_file = *assets / "demo" / "community.json";
      auto demo = store::ImportDemoCommunity(*db, demo_file, protocol::NowUtc());
      if (!demo) {
        error = "demo: " + demo.error();
        return;
      }
      if (options.community_name.empty()) options.community_name = demo->community_name;
      if (options.share_base_url.empty()) options.share_base_url = DemoField(demo_file, "public_base_url");
      if (config.community_name.empty())
        options.community_name_en = DemoField(demo_file, "community_name_en");
    }
    share_base_url = options.share_base_url;
    source = std::make_unique<ui::StoreNoticeSource>(*db);
    feedback = std::make_unique<ui::StoreFeedbackSource>(*db);
    activities = std::make_unique<ui::StoreActivitySource>(*db);
    // The schema was deployed at build or install time; it is opened on the first keystroke (an idle kiosk
    // need not hold librime's dictionaries). Without it the keyboard passes letters through as typed.
    pinyin = std::make_unique<input::LazyPinyinInput>([log_dir = config.data_dir / "logs"] {
      return input::PinyinEngine::Open(input::DefaultRimeDeployedDir(), log_dir);
    });
    Phase("pinyin");
    maintenance = std::make_unique<StoreMaintenanceBackend>(*db, config, sync_control.get());
    controller = std::make_unique<ui::KioskController>(
        *source, *translations, options,
        ui::KioskServices{feedback.get(), sync_control.get(), pinyin.get(), maintenance.get(), activities.get()});
    controller->Reload(protocol::NowUtc());
    Phase("reload");
    session = std::make_unique<RenderSession>(*controller, face.value(), /*add_common_chinese=*/false);
    if (!session->BuildFonts(*atlas, display_height, controller->HomeGlyphs())) error = "no font atlas";
    Phase("fonts");
  });
  GLFWwindow* window = OpenWindow(launch, screenshot_dir.has_value());
  if (window != nullptr) glfwMakeContextCurrent(window);
  Phase("window");
  worker.join();
  if (window == nullptr || !error.empty()) {
    if (window == nullptr)
      log::Error("community-kiosk: no OpenGL 3.3 window (Mesa: libgl1-mesa-dri)");
    if (!error.empty()) log::Error("community-kiosk: %s", error.c_str());
    if (window != nullptr) glfwDestroyWindow(window);
    glfwTerminate();
    return 1;
  }
  glfwSwapInterval(1);
  if (!screenshot_dir && !launch.windowed) glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext(atlas.get());     // the atlas stays ours: ImGui does not delete a shared one
  ImGui::GetIO().IniFilename = nullptr;  // nothing to remember between runs: every start is the same kiosk
  ImGui::GetIO().LogFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  {
    // The backend uploads the atlas as RGBA when it creates its objects. Let it do that with a throwaway
    // default atlas (a few KB), not ours: ours goes up as R8 without a transient 4-byte-per-pixel copy.
    ImFontAtlas throwaway;
    ImGui::GetIO().Fonts = &throwaway;
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui::GetIO().Fonts = atlas.get();
  }
  Phase("imgui-gl");
  session->SetWindow(window);

  int rc = 0;
  if (screenshot_dir) {
    rc = WriteScreenshots(window, *session, *controller, *screenshot_dir,
                          ScreenshotInputs{&*translations, pinyin.get(), share_base_url, *assets / "demo" / "community.json"});
  } else if (!session->EnsureFonts(/*allow_partial=*/true)) {
    rc = 1;
  } else {
    auto sync = StartSyncEngine(config, db_file, [] { glfwPostEmptyEvent(); });
    if (sync_control) sync_control->Attach(sync.get());
    PointerQueue pointer;
    pointer.Install(window);
    session->SetPointerQueue(&pointer);
    std::optional<TestHook> hook = TestHook::FromEnvironment();
    if (hook) hook->Attach(window);
    ServiceWatchdog watchdog;
    ScreenOffSchedule screen_off(config.screen_off);
    rc = RunLoop(window, *session, *controller, pointer, hook ? &*hook : nullptr, watchdog, maintenance.get(),
                 screen_off);
    session->SetPointerQueue(nullptr);
    pointer.Uninstall();
    if (sync_control) sync_control->Attach(nullptr);
    if (sync) sync->Stop();
  }
  session.reset();
  controller.reset();  // holds the pinyin engine's session, closed next
  pinyin.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return rc;
}

}  // namespace ck::platform

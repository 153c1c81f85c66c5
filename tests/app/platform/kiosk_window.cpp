// KioskWindow: one kiosk process on a private Xvfb, xdotool for the finger, the test hook for the eyes.
#include "tests/app/platform/kiosk_window.h"

#include <gtest/gtest.h>
#include <stb_image.h>  // implementation in libstb (linked through the imgui pkg-config module)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace ck::platform::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const auto p = std::filesystem::path(dir) / name;
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  }
  return {};
}

std::string Seconds(int ms) {
  return std::to_string(ms / 1000) + "." + std::to_string(1000 + ms % 1000).substr(1);
}

// How long the kiosk must stay settled before its state counts as final: longer than any gap between the
// X events of one xdotool command, so a settle between a motion and the press that follows is not taken.
constexpr double kQuietSeconds = 0.35;

}  // namespace

std::string TapStyle::Describe() const {
  return click ? std::string("click") : "press " + std::to_string(hold_ms) + " ms";
}

const std::vector<TapStyle>& AllTapStyles() {
  static const std::vector<TapStyle> styles = {{true, 0},   {false, 0},   {false, 10},
                                               {false, 50}, {false, 150}, {false, 800}};
  return styles;
}

KioskWindow::KioskWindow(const std::vector<std::string>& extra_args) {
  const std::string xvfb = FindProgram("Xvfb");
  xdotool_ = FindProgram("xdotool");
  const auto kiosk = std::filesystem::path(CK_BINARY_DIR) / "app" / "community-kiosk";
  if (xvfb.empty() || xdotool_.empty() || !std::filesystem::exists(kiosk)) {
    why_ = "needs Xvfb, xdotool and the community-kiosk binary";
    return;
  }
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("ck-tap-test-" + std::to_string(rd()));
  data_dir_ = dir_ / "data";
  hook_dir_ = dir_ / "hook";
  std::filesystem::create_directories(data_dir_);
  // A private X server: parallel tests never share a pointer. -displayfd prints the display it chose.
  // CK_TEST_XVFB_DISPLAYS=71-79 keeps to a range instead (a machine shared with others who pick theirs).
  int first = -1, last = -1;
  if (const char* range = std::getenv("CK_TEST_XVFB_DISPLAYS"))
    std::sscanf(range, "%d-%d", &first, &last);
  for (int n = first; first >= 0 && n <= last && display_.empty(); ++n) {
    if (std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock")) continue;
    display_ = ":" + std::to_string(n);
  }
  std::vector<std::string> xvfb_argv{xvfb, "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"};
  if (!display_.empty()) xvfb_argv.insert(xvfb_argv.begin() + 1, display_);
  xvfb_ = std::make_unique<e2e::ChildProcess>(xvfb_argv, dir_ / "xvfb.out");
  const auto line = xvfb_->WaitForLine("", std::chrono::seconds(20));
  if (!line) {
    why_ = "Xvfb did not start";
    return;
  }
  display_ = ":" + std::string(line->substr(0, line->find_first_of("\r\n")));
  ::setenv("DISPLAY", display_.c_str(), 1);
  ::setenv("CK_TEST_HOOK_DIR", hook_dir_.c_str(), 1);
  std::vector<std::string> argv{kiosk.string(), "--data-dir", data_dir_.string(), "--demo"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  kiosk_ = std::make_unique<e2e::ChildProcess>(argv, dir_ / "kiosk.out");
  ::unsetenv("CK_TEST_HOOK_DIR");
  if (!WaitSettled(0, 0, 30.0)) {
    why_ = "the kiosk never drew its first frame";
    return;
  }
  // The pointer starts in the middle of the screen, over a tile: park it on the empty top bar centre.
  ready_ = Xdo({"mousemove", "960", "5"}, 0);
  if (!ready_) why_ = "the kiosk did not settle after the first motion";
}

KioskWindow::~KioskWindow() {
  if (kiosk_) kiosk_->Stop(SIGTERM);
  if (xvfb_) xvfb_->Stop(SIGTERM);
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

bool KioskWindow::ReadState() {
  std::ifstream in(hook_dir_ / "state.json");
  if (!in) return false;
  auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return false;
  state_ = std::move(doc);
  return true;
}

bool KioskWindow::WaitSettled(long after, long buttons, double timeout_s) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<int>(timeout_s * 1000));
  long seen = -1;
  auto seen_at = Clock::now();
  while (Clock::now() < deadline) {
    if (ReadState()) {
      const long settle = state_.value("settle", 0L);
      if (settle > after && buttons > 0 && state_.value("buttons", 0L) >= buttons) return true;
      if (settle != seen) {
        seen = settle;
        seen_at = Clock::now();
      } else if (settle > after && buttons == 0 &&
                 Clock::now() - seen_at > std::chrono::milliseconds(static_cast<int>(kQuietSeconds * 1000))) {
        return true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

bool KioskWindow::Xdo(const std::vector<std::string>& args, int buttons) {
  const long before = state_.value("settle", 0L);
  const long buttons_before = state_.value("buttons", 0L);
  std::vector<std::string> argv{xdotool_};
  argv.insert(argv.end(), args.begin(), args.end());
  const e2e::CommandResult r = e2e::RunCommand(argv, dir_, std::chrono::seconds(20));
  if (r.exit_code != 0) {
    ADD_FAILURE() << "xdotool failed: " << r.out;
    return false;
  }
  const auto view = [this] {
    // Everything KioskController::ViewKey holds: a change of any is a new view for the touch guard.
    return screen() + (state_["report"].value("keyboard_open", false) ? "+keyboard" : "") +
           (state_.value("idle_overlay", false) ? "+idle" : "") +
           (state_.value("confirm_discard", false) ? "+confirm" : "") + "+panel" +
           std::to_string(state_.value("maintenance_stage", 0));
  };
  const std::string view_before = view();
  if (!WaitSettled(before, buttons > 0 ? buttons_before + buttons : 0, 15.0)) return false;
  // A resident looks at a new screen before tapping it; the kiosk ignores taps quicker than that
  // (KioskController::kTapSettleSeconds, the double-tap guard). So does this finger.
  if (view() != view_before) std::this_thread::sleep_for(std::chrono::milliseconds(400));
  return true;
}

std::optional<Rect> KioskWindow::Target(const std::string& name) const {
  for (const auto& t : state_.value("targets", nlohmann::json::array())) {
    if (t.value("name", "") == name)
      return Rect{t.value("x0", 0.0f), t.value("y0", 0.0f), t.value("x1", 0.0f), t.value("y1", 0.0f)};
  }
  return std::nullopt;
}

bool KioskWindow::WaitForTarget(const std::string& name, double timeout_s) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<int>(timeout_s * 1000));
  while (!Target(name)) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ReadState();
  }
  return true;
}

std::vector<std::string> KioskWindow::TargetsStartingWith(const std::string& prefix) const {
  std::vector<std::string> names;
  for (const auto& t : state_.value("targets", nlohmann::json::array())) {
    const std::string name = t.value("name", "");
    if (name.rfind(prefix, 0) == 0) names.push_back(name);
  }
  return names;
}

std::string KioskWindow::TargetAt(const std::string& prefix, float x, float y) const {
  for (const std::string& name : TargetsStartingWith(prefix))
    if (Target(name)->Contains(x, y)) return name;
  return {};
}

bool KioskWindow::TapAt(float x, float y, const TapStyle& style) {
  std::vector<std::string> args{"mousemove", std::to_string(static_cast<int>(x)),
                                std::to_string(static_cast<int>(y))};
  if (style.click) {
    args.insert(args.end(), {"click", "1"});
  } else {
    args.insert(args.end(), {"mousedown", "1"});
    if (style.hold_ms > 0) args.insert(args.end(), {"sleep", Seconds(style.hold_ms)});
    args.insert(args.end(), {"mouseup", "1"});
  }
  const bool ok = Xdo(args, 2);
  if (std::getenv("CK_TAP_TEST_TRACE") != nullptr) {  // CK_TAP_TEST_TRACE=1: every tap and where it led
    std::fprintf(stderr, "tap %.0f,%.0f %s -> %s settle %ld\n", x, y, style.Describe().c_str(),
                 screen().c_str(), state_.value("settle", 0L));
  }
  return ok;
}

bool KioskWindow::Tap(const std::string& target, const TapStyle& style) {
  const auto r = Target(target);
  if (!r) {
    ADD_FAILURE() << "no target " << target << " on " << screen();
    return false;
  }
  return TapAt(r->cx(), r->cy(), style);
}

bool KioskWindow::Drag(float x, float y, float dx, float dy, int steps) {
  std::vector<std::string> args{"mousemove", std::to_string(static_cast<int>(x)),
                                std::to_string(static_cast<int>(y)), "mousedown", "1"};
  for (int i = 1; i <= steps; ++i) {
    const float f = static_cast<float>(i) / static_cast<float>(steps);
    args.insert(args.end(), {"sleep", "0.02", "mousemove", std::to_string(static_cast<int>(x + dx * f)),
                             std::to_string(static_cast<int>(y + dy * f))});
  }
  args.insert(args.end(), {"sleep", "0.02", "mouseup", "1"});
  return Xdo(args, 2);
}

Rgb KioskWindow::Pixel(int x, int y) const {
  int w = 0, h = 0, n = 0;
  const std::string file = (hook_dir_ / "screen.png").string();
  unsigned char* data = stbi_load(file.c_str(), &w, &h, &n, 3);
  Rgb px{-1, -1, -1};
  if (data != nullptr && x >= 0 && y >= 0 && x < w && y < h) {
    const unsigned char* p = data + (static_cast<std::size_t>(y) * w + x) * 3;
    px = Rgb{p[0], p[1], p[2]};
  }
  stbi_image_free(data);
  return px;
}

void KioskWindow::KeepScreenshot(const std::string& name) const {
  const auto out = std::filesystem::path(CK_BINARY_DIR) / "tap-screens";
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  std::filesystem::copy_file(hook_dir_ / "screen.png", out / (name + ".png"),
                             std::filesystem::copy_options::overwrite_existing, ec);
}

bool OpenSanitationReport(KioskWindow& k) {
  return k.Tap("home.tile.feedback", kSlowTap) && k.screen() == "ReportKind" &&
         k.Tap("report.kind.complaint", kSlowTap) && k.screen() == "ReportCategory" &&
         k.Tap("report.service.sanitation", kSlowTap) && k.screen() == "ReportWhere";
}

}  // namespace ck::platform::testing

// KioskWindow: the real community-kiosk on its own Xvfb, driven with real X events (xdotool) and read back
// through the kiosk's test hook (CK_TEST_HOOK_DIR: named targets, state, last frame;
// app/platform/test_hook.h).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/child_process.h"

namespace ck::platform::testing {

// How a finger taps: xdotool's `click` (press and release sent together), or a press held `hold_ms`.
struct TapStyle {
  bool click = false;
  int hold_ms = 0;
  std::string Describe() const;
};
// click, then holds of 0, 10, 50, 150 and 800 ms: every tap length a lobby touchscreen delivers.
const std::vector<TapStyle>& AllTapStyles();
inline const TapStyle kSlowTap{false, 150};

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float cx() const { return (x0 + x1) * 0.5f; }
  float cy() const { return (y0 + y1) * 0.5f; }
  bool Contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

struct Rgb {
  int r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

class KioskWindow {
 public:
  // Starts Xvfb and the kiosk (demo community, a temporary data dir, `extra_args` such as --large-text) and
  // waits for its first settled frame.
  explicit KioskWindow(const std::vector<std::string>& extra_args = {});
  ~KioskWindow();
  bool ready() const { return ready_; }
  const std::string& why_not_ready() const { return why_; }

  // The state the kiosk wrote when it last settled (see test_hook.h).
  const nlohmann::json& state() const { return state_; }
  std::string screen() const { return state_.value("screen", ""); }
  std::optional<Rect> Target(const std::string& name) const;
  // Waits (bounded) until the kiosk settles with target `name` on screen: for answers that come from a
  // worker thread after the tap settled (the PIN check). False when it never appeared.
  bool WaitForTarget(const std::string& name, double timeout_s);
  // The first target whose name starts with `prefix` and contains (x, y), or "".
  std::string TargetAt(const std::string& prefix, float x, float y) const;
  std::vector<std::string> TargetsStartingWith(const std::string& prefix) const;

  // Runs xdotool with `args` (against the kiosk's display), then waits until the kiosk went idle after
  // receiving all `buttons` mouse button events the command sends (or, with none, stayed settled for a
  // while). False when the kiosk never settled so.
  bool Xdo(const std::vector<std::string>& args, int buttons);
  // Taps the centre of a named target; false (with a gtest failure) when there is no such target.
  bool Tap(const std::string& target, const TapStyle& style);
  bool TapAt(float x, float y, const TapStyle& style);
  // Presses at (x, y), moves to (x + dx, y + dy) in `steps` motion events, releases.
  bool Drag(float x, float y, float dx, float dy, int steps);

  // A pixel of the last settled frame (screen coordinates).
  Rgb Pixel(int x, int y) const;
  // Keeps a copy of the last settled frame as tap-screens/NAME.png in the build tree (for people to look at).
  void KeepScreenshot(const std::string& name) const;

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  bool WaitSettled(long after, long buttons, double timeout_s);
  bool ReadState();

  std::filesystem::path dir_, data_dir_, hook_dir_;
  std::unique_ptr<e2e::ChildProcess> xvfb_, kiosk_;
  std::string display_;
  std::string xdotool_;
  nlohmann::json state_;
  bool ready_ = false;
  std::string why_;
};

// The report flow's first steps with slow taps (which worked before the fix too): home → complaint →
// the sanitation category, arriving on the "where" step.
bool OpenSanitationReport(KioskWindow& k);

}  // namespace ck::platform::testing

// PointerQueue: the finger's press, move and release events, kept in order and fed to ImGui one state change
// per frame.
//
// Dear ImGui 1.86 has no input queue: its GLFW backend reads the button's state when a frame starts, so a
// press and release that arrive between two frames (a quick tap: touch panels send both at once) become one
// frame of "down", and the release is only seen at the next event — the next touch, elsewhere. The kiosk's
// loop sleeps between events, which made that a lost tap and a control left drawn pressed. This queue takes
// the window's mouse button and cursor callbacks instead and gives ImGui, frame by frame, each press and
// each release at the position where it happened; the loop keeps drawing until the queue is empty.
#pragma once

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <deque>
#include <functional>

namespace ck::platform {

struct PointerEvent {
  enum class Kind { Move, Press, Release } kind = Kind::Move;
  int button = 0;
  float x = 0.0f, y = 0.0f;
  double time = 0.0;  // glfwGetTime() when GLFW delivered it
};

class PointerQueue {
 public:
  // Whether a press that began at `time` may reach the UI (see KioskController::AcceptsPressAt); a press
  // refused is dropped with everything up to its release, and `on_dropped` hears of it.
  using PressFilter = std::function<bool(double time)>;

  // Takes over `window`'s mouse button and cursor position callbacks (after ImGui_ImplGlfw_InitForOpenGL,
  // whose button callback is replaced: this queue owns the buttons now). One queue per process.
  void Install(GLFWwindow* window);
  // Gives the callbacks back (before ImGui_ImplGlfw_Shutdown).
  void Uninstall();

  // Between ImGui_ImplGlfw_NewFrame and ImGui::NewFrame: overrides the position and buttons the backend
  // read with the next step of the queue. A step is the moves up to the next press or release, or one press
  // or release; moves while a button is down never share a frame with its release, so a drag is always
  // seen as a drag before the finger lifts.
  void Feed(ImGuiIO& io, const PressFilter& accept, const std::function<void()>& on_dropped);
  bool pending() const { return !events_.empty(); }
  // While the screen is black (screen_off.h): whether a finger came down. Moves and releases seen alone
  // are dropped (nothing will feed them); a press stays queued, with what follows it.
  bool TakeWakePress();

  // For the callbacks and tests.
  void Push(const PointerEvent& e) { events_.push_back(e); }
  float last_x() const { return last_x_; }
  float last_y() const { return last_y_; }
  void SetLast(float x, float y) {
    last_x_ = x;
    last_y_ = y;
  }

 private:
  static constexpr int kButtons = 3;
  std::deque<PointerEvent> events_;
  float last_x_ = -FLT_MAX, last_y_ = -FLT_MAX;  // where the pointer is, as the callbacks last heard
  float fed_x_ = -FLT_MAX, fed_y_ = -FLT_MAX;    // where ImGui was told it is
  bool fed_down_[kButtons] = {};
  bool dropping_[kButtons] = {};  // a refused press: its release is dropped too
  GLFWwindow* window_ = nullptr;
};

}  // namespace ck::platform

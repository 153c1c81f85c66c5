// PointerQueue: GLFW's pointer callbacks into a queue, and the queue into ImGui one step per frame.
#include "app/platform/pointer_queue.h"

namespace ck::platform {
namespace {

PointerQueue* g_queue = nullptr;           // GLFW callbacks carry no context; the kiosk has one window
GLFWcursorposfun g_chained_pos = nullptr;  // a cursor callback installed before (ImGui 1.86 installs none)

void OnCursorPos(GLFWwindow* window, double x, double y) {
  if (g_chained_pos != nullptr) g_chained_pos(window, x, y);
  if (g_queue == nullptr) return;
  g_queue->SetLast(static_cast<float>(x), static_cast<float>(y));
  g_queue->Push({PointerEvent::Kind::Move, 0, static_cast<float>(x), static_cast<float>(y), glfwGetTime()});
}

// GLFW reports a button without a position: it is where the last motion left the pointer.
void OnMouseButton(GLFWwindow* /*window*/, int button, int action, int /*mods*/) {
  if (g_queue == nullptr || (action != GLFW_PRESS && action != GLFW_RELEASE)) return;
  g_queue->Push({action == GLFW_PRESS ? PointerEvent::Kind::Press : PointerEvent::Kind::Release, button,
                 g_queue->last_x(), g_queue->last_y(), glfwGetTime()});
}

}  // namespace

void PointerQueue::Install(GLFWwindow* window) {
  g_queue = this;
  window_ = window;
  double x = 0.0, y = 0.0;
  glfwGetCursorPos(window, &x, &y);
  SetLast(static_cast<float>(x), static_cast<float>(y));
  glfwSetMouseButtonCallback(window, OnMouseButton);
  g_chained_pos = glfwSetCursorPosCallback(window, OnCursorPos);
}

void PointerQueue::Uninstall() {
  if (window_ == nullptr) return;
  glfwSetMouseButtonCallback(window_, nullptr);
  glfwSetCursorPosCallback(window_, g_chained_pos);
  g_chained_pos = nullptr;
  g_queue = nullptr;
  window_ = nullptr;
}

void PointerQueue::Feed(ImGuiIO& io, const PressFilter& accept, const std::function<void()>& on_dropped) {
  bool moved_while_down = false;
  while (!events_.empty()) {
    const PointerEvent e = events_.front();
    const int b = e.button;
    if (e.kind == PointerEvent::Kind::Move) {
      fed_x_ = e.x;
      fed_y_ = e.y;
      for (bool d : fed_down_) moved_while_down = moved_while_down || d;
      events_.pop_front();
      continue;
    }
    if (b < 0 || b >= kButtons) {  // side buttons: the kiosk has no use for them
      events_.pop_front();
      continue;
    }
    if (e.kind == PointerEvent::Kind::Press) {
      if (fed_down_[b] || dropping_[b]) {  // a press without a release between: nothing new
        events_.pop_front();
        continue;
      }
      if (accept && !accept(e.time)) {
        dropping_[b] = true;
        events_.pop_front();
        if (on_dropped) on_dropped();
        continue;
      }
      fed_x_ = e.x;
      fed_y_ = e.y;
      fed_down_[b] = true;
      events_.pop_front();
      break;  // one state change per frame
    }
    // Release.
    if (dropping_[b]) {
      dropping_[b] = false;
      events_.pop_front();
      continue;
    }
    if (!fed_down_[b]) {
      events_.pop_front();
      continue;
    }
    if (moved_while_down) break;  // let ImGui see where the finger went before it lifts
    fed_x_ = e.x;
    fed_y_ = e.y;
    fed_down_[b] = false;
    events_.pop_front();
    break;
  }
  io.MousePos = ImVec2(fed_x_, fed_y_);
  for (int i = 0; i < kButtons; ++i) io.MouseDown[i] = fed_down_[i];
  for (int i = kButtons; i < IM_ARRAYSIZE(io.MouseDown); ++i) io.MouseDown[i] = false;
}

bool PointerQueue::TakeWakePress() {
  for (const PointerEvent& e : events_)
    if (e.kind == PointerEvent::Kind::Press) return true;
  events_.clear();
  return false;
}

}  // namespace ck::platform

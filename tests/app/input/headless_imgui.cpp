// HeadlessImGui: an ImGui context with no window and no GPU, driven by taps at recorded key rects.
#include "headless_imgui.h"

namespace ck::input {

HeadlessImGui::HeadlessImGui() : context_(ImGui::CreateContext()) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1920.0f, 1080.0f);
  io.DeltaTime = 1.0f / 60.0f;
  io.IniFilename = nullptr;
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas; nothing is uploaded
  io.Fonts->SetTexID(nullptr);
}

HeadlessImGui::~HeadlessImGui() {
  ImGui::DestroyContext(context_);
}

void HeadlessImGui::Frame(const std::function<void()>& draw) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("screen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  draw();
  ImGui::End();
  ImGui::Render();
}

bool HeadlessImGui::Tap(const KeyRects& rects, std::string_view name, const std::function<void()>& draw) {
  const KeyRect* rect = rects.Find(name);
  if (rect == nullptr) return false;
  const ImVec2 at(rect->center_x(), rect->center_y());
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  io.MouseDown[0] = true;
  Frame(draw);
  io.MouseDown[0] = false;
  Frame(draw);
  return true;
}

}  // namespace ck::input

// TestHook: the settled kiosk's targets, state and picture written for window tests (CK_TEST_HOOK_DIR).
#include "app/platform/test_hook.h"

#include <cstdlib>
#include <fstream>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include <GL/gl.h>
#include <stb_image_write.h>  // implementation in libstb

namespace ck::platform {
namespace {

GLFWmousebuttonfun g_chained_button = nullptr;
long g_buttons = 0;  // GLFW delivers events on the GL thread: no lock needed
long g_frames = 0;   // frames rendered, for measuring an idle kiosk

void CountButton(GLFWwindow* window, int button, int action, int mods) {
  ++g_buttons;
  if (g_chained_button != nullptr) g_chained_button(window, button, action, mods);
}

const char* ScreenName(ui::Screen s) {
  switch (s) {
    case ui::Screen::Home:
      return "Home";
    case ui::Screen::NoticeBoard:
      return "NoticeBoard";
    case ui::Screen::NoticeDetail:
      return "NoticeDetail";
    case ui::Screen::NoticeSearch:
      return "NoticeSearch";
    case ui::Screen::ComingSoon:
      return "ComingSoon";
    case ui::Screen::ReportKind:
      return "ReportKind";
    case ui::Screen::ReportCategory:
      return "ReportCategory";
    case ui::Screen::ReportWhere:
      return "ReportWhere";
    case ui::Screen::ReportWhat:
      return "ReportWhat";
    case ui::Screen::ReportContact:
      return "ReportContact";
    case ui::Screen::ReportReview:
      return "ReportReview";
    case ui::Screen::ReportReceipt:
      return "ReportReceipt";
    case ui::Screen::TrackCode:
      return "TrackCode";
    case ui::Screen::TrackStatus:
      return "TrackStatus";
    case ui::Screen::TrackRate:
      return "TrackRate";
    case ui::Screen::TrackThanks:
      return "TrackThanks";
    case ui::Screen::TrackSignup:
      return "TrackSignup";
    case ui::Screen::ActivityMonth:
      return "ActivityMonth";
    case ui::Screen::ActivityDay:
      return "ActivityDay";
    case ui::Screen::ActivityDetail:
      return "ActivityDetail";
    case ui::Screen::SignupName:
      return "SignupName";
    case ui::Screen::SignupPhone:
      return "SignupPhone";
    case ui::Screen::SignupPeople:
      return "SignupPeople";
    case ui::Screen::SignupReview:
      return "SignupReview";
    case ui::Screen::SignupReceipt:
      return "SignupReceipt";
  }
  return "?";
}

}  // namespace

nlohmann::json DrawnTextJson(const ui::DrawnText& text) {
  nlohmann::json styles = nlohmann::json::object();
  for (const ui::DrawnTextStyle& s : text.styles)
    styles[s.style] = {{"min_px", s.min_px}, {"max_px", s.max_px}, {"glyphs", s.glyphs}};
  return {{"min_px", text.min_px}, {"styles", std::move(styles)}};
}

namespace {

nlohmann::json StateJson(const ui::KioskController& controller, long settle, const ui::DrawnText& text,
                         bool screen_off) {
  const ui::UiState& st = controller.state();
  nlohmann::json targets = nlohmann::json::array();
  if (!screen_off)
    for (const ui::TapTarget& t : st.tap_targets)
    targets.push_back({{"name", t.name}, {"x0", t.min.x}, {"y0", t.min.y}, {"x1", t.max.x}, {"y1", t.max.y}});
  nlohmann::json shown = nlohmann::json::object();
  for (const auto& [name, value] : st.shown_fields) shown[name] = value;
  const ui::ReportDraft& r = st.report;
  const input::KeyboardState& kb = controller.keyboard().state();
  return {{"settle", settle},
          {"buttons", g_buttons},
          {"frames", g_frames},
          {"screen", ScreenName(st.screen)},
          {"screen_off", screen_off},
          {"idle_overlay", st.idle_since >= 0.0},
          {"confirm_discard", st.confirm_discard},
          {"maintenance_stage", static_cast<int>(controller.panel().stage())},
          {"large_text", st.large_text},
          {"english", st.language == ui::Language::English},
          {"text", DrawnTextJson(text)},
          {"open_notice", st.open_notice_id},
          {"targets", std::move(targets)},
          {"shown", std::move(shown)},
          {"report",
           {{"service", r.service_code},
            {"building", r.building},
            {"unit", r.unit},
            {"floor", r.floor},
            {"area", r.common_area},
            {"phrases", r.phrases},
            {"free_text", r.free_text},
            {"keyboard_open", r.keyboard_open}}},
          {"keyboard",
           {{"text", kb.text}, {"preedit", kb.pinyin.preedit}, {"candidates", kb.pinyin.candidates}}}};
}

}  // namespace

std::optional<TestHook> TestHook::FromEnvironment() {
  const char* dir = std::getenv("CK_TEST_HOOK_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  const char* pixels = std::getenv("CK_TEST_HOOK_PIXELS");
  return TestHook(dir, pixels == nullptr || std::string_view(pixels) != "0");
}

void TestHook::Attach(GLFWwindow* window) {
  g_chained_button = glfwSetMouseButtonCallback(window, CountButton);
}

void TestHook::Rendered(GLFWwindow* window, const ui::KioskFonts& fonts) {
  text_ = ui::MeasureDrawnText(ImGui::GetDrawData(), fonts);
  ReadBack(window);
}

void TestHook::RenderedBlack(GLFWwindow* window) {
  text_ = {};
  ReadBack(window);
}

void TestHook::ReadBack(GLFWwindow* window) {
  ++g_frames;
  if (!pixels_wanted_) return;
  glfwGetFramebufferSize(window, &width_, &height_);
  pixels_.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width_, height_, GL_RGB, GL_UNSIGNED_BYTE, pixels_.data());
}

void TestHook::Settled(const ui::KioskController& controller, bool screen_off) {
  ++settle_;
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (!pixels_.empty()) {
    const auto png_tmp = dir_ / "screen.png.tmp";
    stbi_flip_vertically_on_write(1);      // GL's origin is bottom-left
    stbi_write_png_compression_level = 1;  // a test waits for this file: fast beats small
    if (stbi_write_png(png_tmp.c_str(), width_, height_, 3, pixels_.data(), width_ * 3) != 0)
      std::filesystem::rename(png_tmp, dir_ / "screen.png", ec);
  }
  const auto json_tmp = dir_ / "state.json.tmp";
  {
    std::ofstream out(json_tmp, std::ios::trunc);
    out << StateJson(controller, settle_, text_, screen_off).dump();
  }
  std::filesystem::rename(json_tmp, dir_ / "state.json", ec);
}

}  // namespace ck::platform

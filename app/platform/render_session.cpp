// Font upkeep and one rendered frame.
#include "app/platform/render_session.h"

#include <GL/gl.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdio>

#include "app/platform/font_texture.h"

namespace ck::platform {

RenderSession::RenderSession(GLFWwindow* window, ui::KioskController& controller, ui::FontFace face,
                             bool add_common_chinese)
    : window_(window),
      controller_(controller),
      face_(std::move(face)),
      add_common_chinese_(add_common_chinese) {}

RenderSession::~RenderSession() {
  DestroyFontTexture(*ImGui::GetIO().Fonts, texture_);
}

bool RenderSession::EnsureFonts() {
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(window_, &fb_w, &fb_h);
  const float height = fb_h > 0 ? static_cast<float>(fb_h) : 1080.0f;
  const bool large = controller_.state().large_text;
  const ui::GlyphNeeds& needs = controller_.NeededGlyphs();
  const bool glyphs_ok = built_ && atlas_.body_glyphs().ContainsAll(needs.body) &&
                         atlas_.title_glyphs().ContainsAll(needs.title) &&
                         atlas_.heading_glyphs().ContainsAll(needs.heading);
  if (glyphs_ok && built_large_ == large && built_height_ == height) return true;

  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  DestroyFontTexture(atlas, texture_);
  texture_ = 0;
  theme_ = ui::MakeTheme(large, height);
  auto fonts = atlas_.Build(atlas, face_, theme_.fonts, needs, add_common_chinese_);
  if (!fonts) {
    std::fprintf(stderr, "community-kiosk: %s\n", fonts.error().c_str());
    built_ = false;
    return false;
  }
  fonts_ = fonts.value();
  texture_ = UploadFontTexture(atlas);
  ui::ApplyTheme(theme_, ImGui::GetStyle());
  built_ = true;
  built_large_ = large;
  built_height_ = height;
  const ui::AtlasReport& r = atlas_.report();
  std::fprintf(stderr,
               "community-kiosk: font atlas %dx%d, %zu glyphs, %.1f KiB (R8 texture), built in %.1f ms\n",
               r.width, r.height, r.glyphs, static_cast<double>(r.alpha8_bytes) / 1024.0, r.build_ms);
  return true;
}

ui::FrameOutput RenderSession::RenderFrame(protocol::UnixSeconds now) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ui::FrameOutput out = controller_.DrawFrame(theme_, fonts_, now, ImGui::GetTime());
  ImGui::Render();
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(window_, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(theme_.colors.background);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return out;
}

}  // namespace ck::platform

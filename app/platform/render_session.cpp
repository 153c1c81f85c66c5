// Font upkeep and one rendered frame.
#include "app/platform/render_session.h"

#include <GL/gl.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <malloc.h>

#include <cstdio>

#include "app/platform/font_texture.h"
#include "sync/protocol/journal_log.h"

namespace ck::platform {

RenderSession::RenderSession(ui::KioskController& controller, ui::FontFace face, bool add_common_chinese)
    : controller_(&controller), face_(std::move(face)), add_common_chinese_(add_common_chinese) {}

RenderSession::~RenderSession() {
  if (texture_ != 0) DestroyFontTexture(*ImGui::GetIO().Fonts, texture_);
}

float RenderSession::DisplayHeight() const {
  int fb_w = 0, fb_h = 0;
  if (window_ != nullptr) glfwGetFramebufferSize(window_, &fb_w, &fb_h);
  return fb_h > 0 ? static_cast<float>(fb_h) : 1080.0f;
}

bool RenderSession::BuildFonts(ImFontAtlas& atlas, float height, const ui::GlyphNeeds& needs) {
  const bool large = controller_->state().large_text;
  theme_ = ui::MakeTheme(large, height);
  auto fonts = atlas_.Build(atlas, face_, theme_.fonts, needs, add_common_chinese_);
  if (!fonts) {
    log::Error("community-kiosk: %s", fonts.error().c_str());
    built_ = false;
    return false;
  }
  fonts_ = fonts.value();
  built_ = true;
  built_large_ = large;
  built_height_ = height;
  const ui::AtlasReport& r = atlas_.report();
  log::Info("community-kiosk: font atlas %dx%d, %zu glyphs, %.1f KiB (R8 texture), built in %.1f ms", r.width,
            r.height, r.glyphs, static_cast<double>(r.alpha8_bytes) / 1024.0, r.build_ms);
  return true;
}

bool RenderSession::EnsureFonts(bool allow_partial) {
  const float height = DisplayHeight();
  const ui::GlyphNeeds needs = controller_->NeededGlyphs();
  const bool glyphs_ok = atlas_.Holds(needs);
  const bool current = built_ && built_large_ == controller_->state().large_text && built_height_ == height &&
                       (glyphs_ok || allow_partial);
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (!current) {
    if (texture_ != 0) DestroyFontTexture(atlas, texture_);
    texture_ = 0;
    if (!BuildFonts(atlas, height, needs)) return false;
  }
  if (texture_ == 0) {
    texture_ = UploadFontTexture(atlas);
    ui::ApplyTheme(theme_, ImGui::GetStyle());
    // Baking leaves megabytes of freed glyph buffers in malloc's arenas (the start-up worker's included);
    // hand them back, since an idle kiosk's footprint is a budget.
    malloc_trim(0);
  }
  return true;
}

ui::FrameOutput RenderSession::RenderFrame(protocol::UnixSeconds now) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (pointer_ != nullptr) {
    pointer_->Feed(
        ImGui::GetIO(),
        [this](double time) { return time > refuse_presses_until_ && controller_->AcceptsPressAt(time); },
        [this] { controller_->NoteTouch(ImGui::GetTime()); });
  }
  ImGui::NewFrame();
  ui::FrameOutput out = controller_->DrawFrame(theme_, fonts_, now, ImGui::GetTime());
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

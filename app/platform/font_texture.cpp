// GL_R8 font texture with an alpha swizzle.
#include "app/platform/font_texture.h"

#include <GL/gl.h>
#include <GL/glext.h>

#include <cstdint>

namespace ck::platform {

unsigned int UploadFontTexture(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
  GLint last_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  GLuint texture = 0;
  glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
  atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)));
  atlas.ClearTexData();  // the GPU holds it now; TexReady stays set, so ImGui still sees a built atlas
  return texture;
}

void DestroyFontTexture(ImFontAtlas& atlas, unsigned int texture) {
  if (texture != 0) {
    const GLuint t = texture;
    glDeleteTextures(1, &t);
  }
  atlas.SetTexID(nullptr);
}

}  // namespace ck::platform

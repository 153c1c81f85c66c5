// Uploading the font atlas to OpenGL as a one-channel texture (a quarter of ImGui's default RGBA upload).
#pragma once

#include <imgui.h>

namespace ck::platform {

// Uploads the built atlas's alpha as GL_R8, swizzled to (1,1,1,a) so ImGui's shader needs no change,
// sets it as the atlas's TexID and frees the CPU copy. Returns the texture name.
unsigned int UploadFontTexture(ImFontAtlas& atlas);
void DestroyFontTexture(ImFontAtlas& atlas, unsigned int texture);

}  // namespace ck::platform

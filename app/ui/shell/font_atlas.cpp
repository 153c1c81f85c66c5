// Finding the CJK font and baking the atlas with FreeType.
#include "app/ui/shell/font_atlas.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>

namespace ck::ui {

Result<FontFace> FindCjkFont() {
  static constexpr const char* kFamily = "Noto Sans CJK SC";
  if (!FcInit()) return Result<FontFace>::Fail("fontconfig could not start");
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(kFamily));
  FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (match == nullptr) return Result<FontFace>::Fail(std::string("fontconfig found no font for ") + kFamily);
  FcChar8* file = nullptr;
  FcChar8* family = nullptr;
  int index = 0;
  FontFace face;
  const bool has_file = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch;
  FcPatternGetInteger(match, FC_INDEX, 0, &index);
  // A fallback match (DejaVu…) would draw every Chinese character as tofu: refuse it.
  bool right_family = false;
  for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &family) == FcResultMatch; ++i) {
    if (std::strcmp(reinterpret_cast<const char*>(family), kFamily) == 0) right_family = true;
  }
  if (has_file) face.path = reinterpret_cast<const char*>(file);
  face.index = index;
  FcPatternDestroy(match);
  if (!has_file || !right_family)
    return Result<FontFace>::Fail(std::string(kFamily) + " is not installed (Debian: fonts-noto-cjk)");
  return Result<FontFace>::Ok(face);
}

namespace {

// The face's character size per unit of line height (units_per_EM / (ascender − descender)): imgui_freetype
// asks FreeType for a "real dimension" size, which makes ascender − descender equal to ImGui's font size.
float EmPerLineHeight(const void* data, std::size_t size, int face_index) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) return 1.0f;
  float ratio = 1.0f;
  FT_Face face = nullptr;
  if (FT_New_Memory_Face(library, static_cast<const FT_Byte*>(data), static_cast<FT_Long>(size), face_index,
                         &face) == 0) {
    const int line = face->ascender - face->descender;
    if (line > 0 && face->units_per_EM > 0) ratio = static_cast<float>(face->units_per_EM) / line;
    FT_Done_Face(face);
  }
  FT_Done_FreeType(library);
  return ratio;
}

}  // namespace

KioskFontAtlas::~KioskFontAtlas() {
  Unmap();
}

// The .ttc is about 20 MB; a read-only mapping keeps only the pages FreeType touches resident, and one
// mapping serves all four sizes (AddFontFromFileTTF would load a private copy per size).
bool KioskFontAtlas::MapFile(const std::string& path) {
  if (data_ != nullptr && mapped_path_ == path) return true;
  Unmap();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return false;
  }
  void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return false;
  data_ = p;
  size_ = static_cast<std::size_t>(st.st_size);
  mapped_path_ = path;
  return true;
}

void KioskFontAtlas::Unmap() {
  if (data_ != nullptr) ::munmap(data_, size_);
  data_ = nullptr;
  size_ = 0;
  mapped_path_.clear();
}

Result<KioskFonts> KioskFontAtlas::Build(ImFontAtlas& atlas, const FontFace& face, const FontSizes& sizes,
                                         const GlyphNeeds& needs, bool add_common_chinese) {
  const auto start = std::chrono::steady_clock::now();
  if (!MapFile(face.path)) return Result<KioskFonts>::Fail("cannot map font file " + face.path);

  heading_glyphs_ = GlyphSet::Basic();
  heading_glyphs_.AddAll(needs.heading);
  title_glyphs_ = GlyphSet::Basic();
  title_glyphs_.AddAll(needs.title);
  body_glyphs_ = GlyphSet::BasicWithCjkPunctuation();
  body_glyphs_.AddAll(needs.body);
  if (add_common_chinese) body_glyphs_.AddImGuiRanges(atlas.GetGlyphRangesChineseSimplifiedCommon());
  ranges_heading_ = heading_glyphs_.ToRanges();
  ranges_title_ = title_glyphs_.ToRanges();
  ranges_body_ = body_glyphs_.ToRanges();
  clock_glyphs_ = GlyphSet();
  clock_glyphs_.AddRange('0', ':');  // digits and the colon are contiguous in ASCII
  clock_glyphs_.AddAll(needs.clock);
  ranges_clock_ = clock_glyphs_.ToRanges();

  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
  atlas.TexGlyphPadding = 1;

  auto add = [&](float size, const std::vector<ImWchar>& ranges, unsigned extra_flags) {
    ImFontConfig cfg;
    cfg.FontData = data_;
    cfg.FontDataSize = static_cast<int>(size_);
    // ImGui copies font data it does not own (19 MB, once per size). Claim ownership so it does not copy,
    // then hand it back below so it never frees our mapping: FreeType reads the mapping in place.
    cfg.FontDataOwnedByAtlas = true;
    cfg.FontNo = face.index;
    cfg.SizePixels = size;
    cfg.GlyphRanges = ranges.data();
    cfg.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting | extra_flags;
    cfg.OversampleH = cfg.OversampleV = 1;
    std::snprintf(cfg.Name, sizeof cfg.Name, "NotoSansCJKSC %.0fpx", size);
    ImFont* font = atlas.AddFont(&cfg);
    atlas.ConfigData.back().FontDataOwnedByAtlas = false;
    return font;
  };
  KioskFonts fonts;
  fonts.em_per_font_size = EmPerLineHeight(data_, size_, face.index);
  // Whole line-height pixels (imgui_freetype sizes in whole pixels), rounded up so no style ends up below
  // its character size.
  auto line = [&](float em) { return std::ceil(em / fonts.em_per_font_size - 0.01f); };
  fonts.body = add(line(sizes.body), ranges_body_, 0);  // first font = ImGui's default font
  fonts.title = add(line(sizes.title), ranges_title_, ImGuiFreeTypeBuilderFlags_Bold);
  fonts.heading = add(line(sizes.heading), ranges_heading_, ImGuiFreeTypeBuilderFlags_Bold);
  fonts.clock = add(line(sizes.clock), ranges_clock_, 0);
  if (!atlas.Build()) return Result<KioskFonts>::Fail("FreeType could not build the font atlas");

  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
  report_.width = w;
  report_.height = h;
  report_.alpha8_bytes = static_cast<std::size_t>(w) * h;
  report_.glyphs = 0;
  for (ImFont* f : atlas.Fonts) report_.glyphs += static_cast<std::size_t>(f->Glyphs.Size);
  // FreeType is done with the file until the next Build(), which maps it again: unmapping drops the
  // pages it touched (about 8 MB) from the kiosk's footprint. ImGui keeps the stale pointer but reads it
  // only while building, and never frees it (FontDataOwnedByAtlas is false).
  Unmap();
  report_.build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Result<KioskFonts>::Ok(fonts);
}

}  // namespace ck::ui

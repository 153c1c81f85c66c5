// The kiosk's font atlas: Noto Sans CJK SC (found through fontconfig), rasterised by FreeType, holding only
// the glyphs in use at each size. Rebuilt between frames when new text needs new glyphs.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/ui/shell/glyph_set.h"
#include "app/ui/shell/theme.h"
#include "sync/protocol/result.h"

namespace ck::ui {

struct FontFace {
  std::string path;
  int index = 0;  // face within a .ttc collection (ImFontConfig::FontNo)
};

// Asks fontconfig for "Noto Sans CJK SC" and checks it really matched (fontconfig always answers something).
Result<FontFace> FindCjkFont();

// Which glyphs each size needs. Headings are tiles and titles of screens; titles are notice titles; body is
// everything. The clock size holds digits and the colon, plus `clock` (the ticket alphabet on the receipt
// and track screens, which show the code that large).
struct GlyphNeeds {
  GlyphSet heading;
  GlyphSet title;
  GlyphSet body;
  GlyphSet clock;
};

struct KioskFonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* heading = nullptr;
  ImFont* clock = nullptr;
  // ImGui's font size is the face's line height (ascender + descender), not its character size: for Noto
  // Sans CJK a character is 1/1.448 of it. The atlas asks FreeType for the line height that gives the
  // theme's character sizes; this converts back (character px = FontSize × em_per_font_size).
  float em_per_font_size = 1.0f;
};

struct AtlasReport {
  int width = 0;
  int height = 0;
  std::size_t alpha8_bytes = 0;  // the atlas as FreeType made it; the GPU copy is the same size (R8 texture)
  std::size_t glyphs = 0;
  double build_ms = 0.0;
};

// Owns the font file mapping and the glyph ranges, which ImGui reads during every Build().
class KioskFontAtlas {
 public:
  KioskFontAtlas() = default;
  ~KioskFontAtlas();
  KioskFontAtlas(const KioskFontAtlas&) = delete;
  KioskFontAtlas& operator=(const KioskFontAtlas&) = delete;

  // Clears `atlas` and builds the four fonts into it (FreeType, alpha8), each at the character size `sizes`
  // gives (see KioskFonts::em_per_font_size). `add_common_chinese` adds ImGui's
  // 2,500 common simplified characters at the body size (about 10 MB more atlas; off by default).
  Result<KioskFonts> Build(ImFontAtlas& atlas, const FontFace& face, const FontSizes& sizes,
                           const GlyphNeeds& needs, bool add_common_chinese);
  const AtlasReport& report() const { return report_; }
  // What the last Build() holds at body size.
  const GlyphSet& body_glyphs() const { return body_glyphs_; }
  const GlyphSet& title_glyphs() const { return title_glyphs_; }
  const GlyphSet& heading_glyphs() const { return heading_glyphs_; }
  // True when the last Build() holds every glyph of `needs` at every size.
  bool Holds(const GlyphNeeds& needs) const {
    return body_glyphs_.ContainsAll(needs.body) && title_glyphs_.ContainsAll(needs.title) &&
           heading_glyphs_.ContainsAll(needs.heading) && clock_glyphs_.ContainsAll(needs.clock);
  }

 private:
  bool MapFile(const std::string& path);
  void Unmap();

  std::string mapped_path_;
  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::vector<ImWchar> ranges_heading_, ranges_title_, ranges_body_, ranges_clock_;
  GlyphSet body_glyphs_, title_glyphs_, heading_glyphs_, clock_glyphs_;
  AtlasReport report_;
};

}  // namespace ck::ui

// GlyphSet: which BMP code points a font must hold, and ImGui glyph ranges made from it.
#pragma once

#include <imgui.h>

#include <bitset>
#include <string_view>
#include <vector>

namespace ck::ui {

class GlyphSet {
 public:
  void Add(char32_t cp) {
    if (cp > 0 && cp <= 0xFFFF) bits_.set(cp);
  }
  void AddRange(char32_t first, char32_t last) {
    for (char32_t c = first; c <= last; ++c) Add(c);
  }
  // Adds every code point of already-converted display text (display_text.h).
  void AddUtf8(std::string_view display_utf8);
  void AddImGuiRanges(const ImWchar* ranges);
  void AddAll(const GlyphSet& other) { bits_ |= other.bits_; }
  bool Contains(char32_t cp) const { return cp <= 0xFFFF && bits_.test(cp); }
  bool ContainsAll(const GlyphSet& other) const { return (other.bits_ & ~bits_).none(); }
  std::size_t Count() const { return bits_.count(); }
  // Zero-terminated pairs of inclusive ranges, as ImFontConfig::GlyphRanges wants.
  std::vector<ImWchar> ToRanges() const;

  // What any text may need before it is known: digits, space, the substitute 〓, "…" (ellipsis of cut
  // titles), U+FFFD, and Chinese sentence punctuation (，。？！：；（）“” …). Every other glyph comes from the text in use.
  static GlyphSet Basic();
  // Basic plus ASCII and CJK symbols and punctuation (U+3000–303F), for the body size.
  static GlyphSet BasicWithCjkPunctuation();

 private:
  std::bitset<0x10000> bits_;
};

}  // namespace ck::ui

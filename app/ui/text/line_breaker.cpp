// Greedy line filling over unbreakable units (CJK character, Latin word, space), glued by kinsoku rules.
#include "app/ui/text/line_breaker.h"

#include <algorithm>
#include <string_view>

namespace ck::ui {
namespace {

constexpr std::u32string_view kNoLineStart =
    U"，。、；：？！）」』】》〉〕〗〙〛］｝…‥·・％‰℃ー～々〃”’,.;:?!)]}%";
constexpr std::u32string_view kNoLineEnd = U"（「『【《〈〔〖〘〚［｛“‘([{￥$";

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == 0x3000 || cp == 0xA0;
}

enum class UnitKind { Word, Space, Newline };

// A stretch of code points that never breaks inside (unless a Word alone overflows a line).
struct Unit {
  std::size_t begin;
  std::size_t end;
  UnitKind kind;
};

std::vector<Unit> SplitUnits(std::u32string_view text) {
  std::vector<Unit> units;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = text[i];
    if (cp == '\n') {
      units.push_back({i, i + 1, UnitKind::Newline});
      ++i;
    } else if (IsSpace(cp)) {
      std::size_t j = i + 1;
      while (j < text.size() && IsSpace(text[j])) ++j;
      units.push_back({i, j, UnitKind::Space});
      i = j;
    } else if (IsCjk(cp)) {
      units.push_back({i, i + 1, UnitKind::Word});
      ++i;
    } else {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '\n' && !IsSpace(text[j]) && !IsCjk(text[j])) ++j;
      units.push_back({i, j, UnitKind::Word});
      i = j;
    }
  }
  return units;
}

// Kinsoku: closing punctuation joins the unit before it, opening punctuation joins the unit after it.
std::vector<Unit> GlueKinsoku(std::u32string_view text, const std::vector<Unit>& units) {
  std::vector<Unit> glued;
  glued.reserve(units.size());
  bool glue_next = false;  // the previous unit ends with opening punctuation
  for (const Unit& u : units) {
    const bool word = u.kind == UnitKind::Word;
    const bool prev_word = !glued.empty() && glued.back().kind == UnitKind::Word;
    if (word && prev_word && (glue_next || IsNoLineStart(text[u.begin]))) {
      glued.back().end = u.end;
    } else {
      glued.push_back(u);
    }
    glue_next = word && IsNoLineEnd(text[u.end - 1]);
  }
  return glued;
}

}  // namespace

bool IsCjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) ||    // radicals, CJK punctuation, kana, unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // compatibility ideographs
         (cp >= 0xFE30 && cp <= 0xFE4F) ||    // compatibility forms
         (cp >= 0xFF00 && cp <= 0xFFEF) ||    // full-width forms (，！（ ）)
         (cp >= 0x20000 && cp <= 0x3FFFF) ||  // extension B and beyond
         cp == 0x2026 || cp == 0x2014 || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

bool IsNoLineStart(char32_t cp) {
  return kNoLineStart.find(cp) != std::u32string_view::npos;
}
bool IsNoLineEnd(char32_t cp) {
  return kNoLineEnd.find(cp) != std::u32string_view::npos;
}

std::vector<LineSpan> BreakLines(std::u32string_view text, float max_width, const AdvanceFunction& advance) {
  std::vector<LineSpan> lines;
  const std::vector<Unit> units = GlueKinsoku(text, SplitUnits(text));
  auto width_of = [&](std::size_t b, std::size_t e) {
    float w = 0.0f;
    for (std::size_t k = b; k < e; ++k) w += advance(text[k]);
    return w;
  };

  LineSpan line{0, 0, 0.0f};
  bool line_has_word = false;
  float pending_space = 0.0f;  // a space only counts once a word follows it on the same line
  auto finish_line = [&](std::size_t next_begin) {
    lines.push_back(line);
    line = LineSpan{next_begin, next_begin, 0.0f};
    line_has_word = false;
    pending_space = 0.0f;
  };

  for (const Unit& u : units) {
    if (u.kind == UnitKind::Newline) {
      finish_line(u.end);
      continue;
    }
    if (u.kind == UnitKind::Space) {
      if (line_has_word) {
        pending_space += width_of(u.begin, u.end);
      } else if (line.begin == u.begin) {
        line.begin = line.end = u.end;  // leading spaces of a wrapped line are dropped
      }
      continue;
    }
    const float w = width_of(u.begin, u.end);
    if (line_has_word && line.width + pending_space + w > max_width) {
      finish_line(u.begin);
    }
    if (!line_has_word && w > max_width) {
      // A single unit wider than the line (a long URL): break it by character, keeping one per line at least.
      std::size_t k = u.begin;
      while (k < u.end) {
        float lw = 0.0f;
        std::size_t start = k;
        while (k < u.end && (k == start || lw + advance(text[k]) <= max_width)) lw += advance(text[k++]);
        // Even inside a forced split, prefer a place kinsoku allows (a glued "（乙）" wider than the line).
        while (k < u.end && k > start + 1 && (IsNoLineStart(text[k]) || IsNoLineEnd(text[k - 1])))
          lw -= advance(text[--k]);
        line = LineSpan{start, k, lw};
        line_has_word = true;
        if (k < u.end) finish_line(k);
      }
      continue;
    }
    line.width += pending_space + w;
    pending_space = 0.0f;
    line.end = u.end;
    line_has_word = true;
  }
  if (line_has_word || lines.empty()) lines.push_back(line);  // a final "\n" adds no phantom line
  return lines;
}

}  // namespace ck::ui

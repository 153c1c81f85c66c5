// DrawOnScreenKeyboard: the keyboard widget: candidate bar with paging over the keys of the current mode.
#include "app/input/on_screen_keyboard.h"

#include <algorithm>
#include <string>
#include <vector>

#include <imgui_internal.h>  // ImTextCharFromUtf8
#include "app/input/key_button.h"

namespace ck::input {
namespace {

constexpr float kRowUnits = 10.0f;  // a full row is ten letter keys wide
constexpr int kMaxCandidateSlots = 10;

float PreeditLineHeight(const KeyboardStyle& style) {
  if (!style.preedit_line) return 0.0f;
  ImFont* font = style.candidate_font != nullptr ? style.candidate_font : ImGui::GetFont();
  return font->FontSize + style.key_gap;
}

bool FontCanDraw(const ImFont* font, const std::string& text) {
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    const int bytes = ImTextCharFromUtf8(&c, p, end);
    if (bytes <= 0) return false;
    p += bytes;
    if (c > 0xFFFF || font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) return false;
  }
  return true;
}

// ---- candidate bar --------------------------------------------------------------------------------
// Always the same height, composing or not, so the keys never move under a resident's finger.
void DrawCandidateBar(const PinyinState& pinyin, ImVec2 origin, float width, const KeyboardStyle& style,
                      KeyRects* rects, std::optional<KeyAction>& tapped) {
  ImFont* font = style.candidate_font != nullptr ? style.candidate_font : ImGui::GetFont();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = PreeditLineHeight(style);
  if (pinyin.composing() && style.preedit_line) {
    draw->AddText(font, font->FontSize, ImVec2(origin.x + style.key_gap, origin.y), style.key_text_color,
                  pinyin.preedit.c_str());
  }
  const ImVec2 bar(origin.x, origin.y + line);
  const float h = style.candidate_height;
  draw->AddRectFilled(bar, ImVec2(bar.x + width, bar.y + h), style.bar_color, style.rounding);

  const ImVec2 page_size(std::max(h, style.candidate_min_width), h);
  const bool can_prev = pinyin.composing() && pinyin.page > 0;
  const bool can_next = pinyin.composing() && !pinyin.is_last_page;
  const ImVec2 prev_pos = bar;
  const ImVec2 next_pos(bar.x + width - page_size.x, bar.y);
  if (TouchKey("cand:prev", nullptr, prev_pos, page_size, can_prev ? KeyLook::Normal : KeyLook::Disabled,
               style, font, rects)) {
    tapped = KeyAction::Of(KeyAction::Kind::PrevPage);
  }
  DrawPageArrow(prev_pos, page_size, ImGuiDir_Left,
                can_prev ? style.key_text_color : style.disabled_text_color);
  if (TouchKey("cand:next", nullptr, next_pos, page_size, can_next ? KeyLook::Normal : KeyLook::Disabled,
               style, font, rects)) {
    tapped = KeyAction::Of(KeyAction::Kind::NextPage);
  }
  DrawPageArrow(next_pos, page_size, ImGuiDir_Right,
                can_next ? style.key_text_color : style.disabled_text_color);

  // Candidates between the arrows, each as wide as its text needs plus padding. When a page of long
  // phrases is too wide, the padding shrinks first (never below a third); a candidate that still does
  // not fit is left off this page rather than drawn clipped, and typing another letter narrows the list.
  std::vector<int> shown;
  std::vector<float> text_widths;
  const int count = std::min(static_cast<int>(pinyin.candidates.size()), kMaxCandidateSlots);
  for (int i = 0; i < count; ++i) {
    const std::string& candidate = pinyin.candidates[static_cast<size_t>(i)];
    // Skipping keeps the index: "cand:i" always means the engine's i-th candidate on this page.
    if (style.hide_undrawable_candidates && !FontCanDraw(font, candidate)) continue;
    shown.push_back(i);
    text_widths.push_back(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, candidate.c_str()).x);
  }
  const float start = prev_pos.x + page_size.x + style.key_gap;
  const float room = next_pos.x - style.key_gap - start;
  float text_total = 0.0f;
  for (float w : text_widths) text_total += w;
  const float slots = static_cast<float>(shown.size());
  float padding = style.candidate_padding;
  if (slots > 0.0f) {
    const float fitting = (room - text_total - (slots - 1.0f) * style.key_gap) / (2.0f * slots);
    padding = std::clamp(fitting, style.candidate_padding / 3.0f, style.candidate_padding);
  }

  std::vector<bool> drawn(kMaxCandidateSlots, false);
  float x = start;
  for (size_t k = 0; k < shown.size(); ++k) {
    const int i = shown[k];
    const float w = std::max(style.candidate_min_width, text_widths[k] + 2.0f * padding);
    if (x + w > start + room) break;
    const std::string name = "cand:" + std::to_string(i);
    const char* text = pinyin.candidates[static_cast<size_t>(i)].c_str();
    if (TouchKey(name, text, ImVec2(x, bar.y), ImVec2(w, h), KeyLook::Normal, style, font, rects)) {
      tapped = KeyAction::Candidate(i);
    }
    x += w + style.key_gap;
    drawn[static_cast<size_t>(i)] = true;
  }
  // Keys of a previous page must not stay tappable in a test's registry.
  if (rects != nullptr) {
    for (int i = 0; i < kMaxCandidateSlots; ++i) {
      if (!drawn[static_cast<size_t>(i)]) rects->Erase("cand:" + std::to_string(i));
    }
  }
}

}  // namespace

float OnScreenKeyboardHeight(const KeyboardModel& model, const KeyboardStyle& style) {
  const float rows = static_cast<float>(model.rows().size());
  const float bar =
      model.chinese_available() ? PreeditLineHeight(style) + style.candidate_height + style.key_gap : 0.0f;
  return bar + rows * style.key_height + (rows - 1.0f) * style.key_gap;
}

std::optional<KeyAction> DrawOnScreenKeyboard(const KeyboardModel& model, const KeyboardStyle& style,
                                              const TranslateFn& translate, KeyRects* rects) {
  std::optional<KeyAction> tapped;
  const float width = std::min(ImGui::GetContentRegionAvail().x, style.max_width);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::PushID("on_screen_keyboard");

  float y = origin.y;
  if (model.chinese_available()) {
    DrawCandidateBar(model.state().pinyin, origin, width, style, rects, tapped);
    y += PreeditLineHeight(style) + style.candidate_height + style.key_gap;
  }

  // Every row shares one unit width, so equal keys are equal across rows; short rows are centred.
  const float unit = (width - (kRowUnits - 1.0f) * style.key_gap) / kRowUnits;
  ImFont* font = style.key_font;
  for (const KeyRow& row : model.rows()) {
    float row_width = 0.0f;
    for (const KeySpec& key : row) row_width += key.width * unit + (key.width - 1.0f) * style.key_gap;
    row_width += static_cast<float>(row.size() - 1) * style.key_gap;
    float x = origin.x + (width - row_width) * 0.5f;
    for (const KeySpec& key : row) {
      const float w = key.width * unit + (key.width - 1.0f) * style.key_gap;
      const char* label = key.label_key != nullptr ? translate(key.label_key) : key.label.c_str();
      const bool is_action = key.action.kind == KeyAction::Kind::Confirm;
      if (TouchKey(key.name, label, ImVec2(x, y), ImVec2(w, style.key_height),
                   is_action ? KeyLook::Action : KeyLook::Normal, style, font, rects)) {
        tapped = key.action;
      }
      x += w + style.key_gap;
    }
    y += style.key_height + style.key_gap;
  }

  ImGui::PopID();
  // Tell the window how much room the widget took.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, y - origin.y - style.key_gap));
  return tapped;
}

}  // namespace ck::input

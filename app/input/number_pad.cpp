// DrawNumberPad: the number pad widget: digits (building, floor, phone) or the ticket-code alphabet.
#include "app/input/number_pad.h"

#include <algorithm>

#include "app/input/key_button.h"

namespace ck::input {

std::optional<NumberPadAction> DrawNumberPad(const NumberPadModel& model, const KeyboardStyle& style,
                                             const TranslateFn& translate, KeyRects* rects) {
  std::optional<NumberPadAction> tapped;
  const std::vector<PadRow>& rows = model.rows();
  // The widest row decides the unit; a narrow window shrinks keys, but never below the 72 px minimum.
  float row_units = 0.0f;
  for (const PadRow& row : rows) {
    float units = 0.0f;
    for (const PadKey& key : row) units += key.width;
    row_units = std::max(row_units, units);
  }
  const float wanted = model.kind() == NumberPadKind::Digits ? style.pad_key_width : style.ticket_key_width;
  const float fit = (ImGui::GetContentRegionAvail().x - (row_units - 1.0f) * style.key_gap) / row_units;
  const float unit = std::max(std::min(wanted, fit), 72.0f);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::PushID("number_pad");
  float y = origin.y;
  float width = 0.0f;
  for (const PadRow& row : rows) {
    float x = origin.x;
    for (const PadKey& key : row) {
      const float w = key.width * unit + (key.width - 1.0f) * style.key_gap;
      const char* label = key.label_key != nullptr ? translate(key.label_key) : key.label.c_str();
      const bool is_confirm = key.action.kind == NumberPadAction::Kind::Confirm;
      if (TouchKey(key.name, label, ImVec2(x, y), ImVec2(w, style.key_height),
                   is_confirm ? KeyLook::Action : KeyLook::Normal, style, style.key_font, rects)) {
        tapped = key.action;
      }
      x += w + style.key_gap;
    }
    width = std::max(width, x - origin.x - style.key_gap);
    y += style.key_height + style.key_gap;
  }
  ImGui::PopID();
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, y - origin.y - style.key_gap));
  return tapped;
}

}  // namespace ck::input

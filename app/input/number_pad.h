// DrawNumberPad: the number pad widget: digits (building, floor, phone) or the ticket-code alphabet.
#pragma once

#include <optional>

#include "app/input/key_rects.h"
#include "app/input/keyboard_style.h"
#include "app/input/number_pad_model.h"

namespace ck::input {

// Draws at the cursor and returns the action of the key tapped this frame, if any; the caller applies
// it (model.Apply). Keys are recorded in `rects` (may be null) as "pad:7", "pad:K", "pad:confirm", ….
std::optional<NumberPadAction> DrawNumberPad(const NumberPadModel& model, const KeyboardStyle& style,
                                             const TranslateFn& translate, KeyRects* rects);

}  // namespace ck::input

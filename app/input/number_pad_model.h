// NumberPadModel: the number pad as a plain state machine: digits (building, floor, phone) or ticket codes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/ticket_code.h"

namespace ck::input {

enum class NumberPadKind {
  Digits,      // 0–9: building / unit / floor, phone numbers
  TicketCode,  // the ticket alphabet of sync/protocol/ticket_code.h, no 0/O/1/I
};

struct NumberPadAction {
  enum class Kind { Symbol, Backspace, Clear, Confirm };
  Kind kind = Kind::Symbol;
  char symbol = 0;

  static NumberPadAction Of(Kind kind) { return {kind, 0}; }
  static NumberPadAction Symbol(char c) { return {Kind::Symbol, c}; }
  bool operator==(const NumberPadAction&) const = default;
};

struct PadKey {
  NumberPadAction action;
  std::string name;                 // "pad:7", "pad:K", "pad:backspace"
  std::string label;                // shown as is
  const char* label_key = nullptr;  // a word, through the caller's translation lookup
  float width = 1.0f;               // in symbol-key widths
};
using PadRow = std::vector<PadKey>;

struct NumberPadState {
  std::string text;  // symbols only, no dash: the caller formats "XXXX-XXXX-XXXXX"
  bool full = false;
  bool confirmed = false;  // true only in the state returned for an accepted Confirm
  // Ticket codes: Confirm on a code whose length or check character is wrong. The caller says so.
  bool rejected = false;
};

class NumberPadModel {
 public:
  NumberPadModel(NumberPadKind kind, std::size_t max_length, std::string initial_text = {});
  // Eight symbols: seven of payload and the check character.
  static NumberPadModel ForTicketCode() {
    return NumberPadModel(NumberPadKind::TicketCode, protocol::kTicketSymbols);
  }

  const NumberPadState& Apply(const NumberPadAction& action);

  NumberPadKind kind() const { return kind_; }
  std::size_t max_length() const { return max_length_; }
  const NumberPadState& state() const { return state_; }
  const std::string& text() const { return state_.text; }
  std::string_view symbols() const;
  const std::vector<PadRow>& rows() const;
  void Reset() { state_ = {}; }

 private:
  NumberPadKind kind_;
  std::size_t max_length_;
  NumberPadState state_;
};

inline constexpr const char* kLabelPadBackspace = "keyboard.backspace";
inline constexpr const char* kLabelPadClear = "number_pad.clear";
inline constexpr const char* kLabelPadConfirm = "keyboard.confirm";

}  // namespace ck::input

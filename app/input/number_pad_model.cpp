// NumberPadModel: the number pad as a plain state machine: digits (building, floor, phone) or ticket codes.
#include "app/input/number_pad_model.h"

#include <cctype>

#include "sync/protocol/ticket_code.h"

namespace ck::input {
namespace {

constexpr std::string_view kDigits = "0123456789";
using Kind = NumberPadAction::Kind;

PadKey SymbolKey(char c, float width = 1.0f) {
  return PadKey{NumberPadAction::Symbol(c), std::string("pad:") + c, std::string(1, c), nullptr, width};
}

PadKey WordKey(Kind kind, const char* name, const char* label_key, float width) {
  return PadKey{NumberPadAction::Of(kind), name, {}, label_key, width};
}

// Phone layout (1 2 3 on top), as on every phone a resident has used.
std::vector<PadRow> DigitRows() {
  std::vector<PadRow> rows;
  for (std::string_view row : {"123", "456", "789"}) {
    PadRow keys;
    for (char c : row) keys.push_back(SymbolKey(c));
    rows.push_back(std::move(keys));
  }
  rows.push_back({WordKey(Kind::Clear, "pad:clear", kLabelPadClear, 1.0f), SymbolKey('0'),
                  WordKey(Kind::Backspace, "pad:backspace", kLabelPadBackspace, 1.0f)});
  rows.push_back({WordKey(Kind::Confirm, "pad:confirm", kLabelPadConfirm, 3.0f)});
  return rows;
}

// The 32 symbols in alphabet order, eight to a row, so a resident finds a letter where they expect it.
std::vector<PadRow> TicketRows() {
  std::vector<PadRow> rows;
  constexpr std::size_t kColumns = 8;
  const std::string_view alphabet = protocol::kTicketAlphabet;
  for (std::size_t start = 0; start < alphabet.size(); start += kColumns) {
    PadRow keys;
    for (char c : alphabet.substr(start, kColumns)) keys.push_back(SymbolKey(c));
    rows.push_back(std::move(keys));
  }
  rows.push_back({WordKey(Kind::Clear, "pad:clear", kLabelPadClear, 2.0f),
                  WordKey(Kind::Backspace, "pad:backspace", kLabelPadBackspace, 2.0f),
                  WordKey(Kind::Confirm, "pad:confirm", kLabelPadConfirm, 4.0f)});
  return rows;
}

}  // namespace

NumberPadModel::NumberPadModel(NumberPadKind kind, std::size_t max_length, std::string initial_text)
    : kind_(kind), max_length_(max_length) {
  for (char c : initial_text) Apply(NumberPadAction::Symbol(c));
}

std::string_view NumberPadModel::symbols() const {
  return kind_ == NumberPadKind::Digits ? kDigits : protocol::kTicketAlphabet;
}

const std::vector<PadRow>& NumberPadModel::rows() const {
  static const std::vector<PadRow> digits = DigitRows();
  static const std::vector<PadRow> ticket = TicketRows();
  return kind_ == NumberPadKind::Digits ? digits : ticket;
}

const NumberPadState& NumberPadModel::Apply(const NumberPadAction& action) {
  state_.confirmed = false;
  state_.rejected = false;
  switch (action.kind) {
    case Kind::Symbol: {
      // Codes read off a receipt may be typed in lower case by a hardware keyboard; the pad sends capitals.
      const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(action.symbol)));
      if (state_.text.size() < max_length_ && symbols().find(c) != std::string_view::npos) {
        state_.text += c;
      }
      break;
    }
    case Kind::Backspace:
      if (!state_.text.empty()) state_.text.pop_back();  // symbols are ASCII: a byte is a code point
      break;
    case Kind::Clear:
      state_.text.clear();
      break;
    case Kind::Confirm:
      if (kind_ == NumberPadKind::TicketCode && !protocol::ParseTicketCode(state_.text).has_value()) {
        state_.rejected = true;
      } else {
        state_.confirmed = true;
      }
      break;
  }
  state_.full = state_.text.size() >= max_length_;
  return state_;
}

}  // namespace ck::input

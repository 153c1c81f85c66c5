// CheckText (text_checks.h).
#include "sync/hub/rules/text_checks.h"

#include "sync/protocol/utf8.h"

namespace ck::hub {

namespace {

// C0 controls and DEL (C1 controls are two bytes in UTF-8 and rare enough to let through as text).
bool HasControl(std::string_view text, bool allow_line_breaks) {
  for (unsigned char c : text) {
    if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> CheckLine(std::string_view field, std::string_view text, std::size_t max_cp,
                                     bool required) {
  if (protocol::IsValidUtf8(text) && HasControl(text, false)) return std::string(field) + ": control characters";
  return CheckText(field, text, max_cp, required);
}

std::string PhoneDigits(std::string_view typed) {
  std::string out;
  for (char c : typed)
    if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') out += c;
  return out;
}

std::optional<std::string> CheckDisplayName(std::string_view text) {
  return CheckLine("display_name", text, kMaxDisplayNameCodepoints, true);
}

std::optional<std::string> CheckText(std::string_view field, std::string_view text, std::size_t max_cp,
                                     bool required) {
  const std::string f(field);
  if (!protocol::IsValidUtf8(text)) return f + ": not valid UTF-8";
  if (HasControl(text, true)) return f + ": control characters";
  if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos) return f + ": required";
  if (protocol::CountCodepoints(text) > max_cp)
    return f + ": too long (at most " + std::to_string(max_cp) + " characters)";
  return std::nullopt;
}

}  // namespace ck::hub

// The one check for text people type (names, replies, notes, reasons, templates): valid UTF-8, present
// when required (blank is missing), and at most a number of code points. The rules, the console and the
// CLI all ask here, so the same text gets the same answer everywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ck::hub {

// A 常用回复's title (its body is a reply: kMaxReplyCodepoints, request_editor.h).
inline constexpr std::size_t kMaxTemplateTitleCodepoints = 50;

// A display name: what residents and kiosks see of a staff member after the party ("张经理").
inline constexpr std::size_t kMaxDisplayNameCodepoints = 20;

// nullopt when `text` passes; else "<field>: not valid UTF-8" | "<field>: control characters" |
// "<field>: required" | "<field>: too long (at most N characters)". Text may hold line breaks and tabs
// but no other control character (NUL would cut it short in C strings; the rest travel in the feed).
std::optional<std::string> CheckText(std::string_view field, std::string_view text, std::size_t max_cp,
                                     bool required);
// The same for one line (titles, names): no control character at all, line breaks included.
std::optional<std::string> CheckLine(std::string_view field, std::string_view text, std::size_t max_cp,
                                     bool required);
// A display name: one line, 1–kMaxDisplayNameCodepoints characters.
std::optional<std::string> CheckDisplayName(std::string_view text);

// A phone number as a clerk types it ("021-6666 8888", "(021) 66668888", "138 1234 5678") reduced to the
// digits the protocol stores; what is not a digit, a space, '-', '.' or a bracket is kept, so the
// protocol's own check refuses it with its usual message.
std::string PhoneDigits(std::string_view typed);

}  // namespace ck::hub

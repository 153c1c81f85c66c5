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

// nullopt when `text` passes; else "<field>: not valid UTF-8" | "<field>: required" |
// "<field>: too long (at most N characters)".
std::optional<std::string> CheckText(std::string_view field, std::string_view text, std::size_t max_cp,
                                     bool required);

}  // namespace ck::hub

// UTF-8 checks for everything that crosses the wire: text must be valid and within its size limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sync/protocol/result.h"

namespace ck::protocol {

bool IsValidUtf8(std::string_view text);
// Number of Unicode code points; only meaningful for valid UTF-8.
std::size_t CountCodepoints(std::string_view text);
// The first max_cp code points of `text`, and "…" when anything was cut: for a table column or an audit
// detail. Never splits a code point.
std::string ClipCodepoints(std::string_view text, std::size_t max_cp);

// A wire text field: valid UTF-8 of min_cp..max_cp code points; the error names the field.
Status CheckTextField(std::string_view field, const std::string& text, std::size_t min_cp, std::size_t max_cp);

}  // namespace ck::protocol

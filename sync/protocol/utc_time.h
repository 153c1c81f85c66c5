// Times on the wire are RFC 3339 UTC ("2026-11-26T08:00:00Z"); in memory and in SQLite, Unix seconds UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ck::protocol {

using UnixSeconds = std::int64_t;

UnixSeconds NowUtc();
std::string FormatUtc(UnixSeconds t);
// Accepts "YYYY-MM-DDTHH:MM:SSZ" and numeric offsets ("+08:00"); fractional seconds are ignored. A time
// whose UTC year is not 0000..9999 is refused: FormatUtc could not write it back in four digits.
std::optional<UnixSeconds> ParseUtc(std::string_view text);

}  // namespace ck::protocol

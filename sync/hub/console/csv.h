// The console's CSV exports (三率, an activity's sign-ups): one field encoder, so every file a clerk opens in
// a spreadsheet is quoted the same way. Files start with a UTF-8 BOM (kCsvBom) so the spreadsheet reads the
// Chinese, and end their lines with CRLF (RFC 4180).
#pragma once

#include <string>
#include <string_view>

namespace ck::hub::console {

inline constexpr std::string_view kCsvBom = "\xEF\xBB\xBF";

// One field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string CsvField(std::string_view v);
// A field someone typed (a resident's name, a reason): as CsvField, and one that starts like a formula
// (=, +, -, @, a tab or a carriage return) gets a leading apostrophe, so a spreadsheet shows it as text
// instead of running it.
std::string CsvTextField(std::string_view v);

}  // namespace ck::hub::console

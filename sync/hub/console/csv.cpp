// CSV fields for the console's exports.
#include "sync/hub/console/csv.h"

namespace ck::hub::console {

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string CsvTextField(std::string_view v) {
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos)
    return CsvField("'" + std::string(v));
  return CsvField(v);
}

}  // namespace ck::hub::console

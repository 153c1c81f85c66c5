// The console's escaping: the hub's one HTML escaper (pages/html_frame) and a URL encoder.
#include "sync/protocol/utf8.h"
#include "sync/hub/console/html.h"

#include "sync/hub/pages/html_frame.h"

namespace ck::hub::console {

std::string Esc(std::string_view text) {
  return HtmlEscape(text);
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace ck::hub::console

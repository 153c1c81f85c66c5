// The console's ONE escaping point: every value a page writes into HTML goes through Esc (element text
// and quoted attributes alike) or, inside a URL query, through UrlEncode and then Esc. Pages never
// concatenate user text into HTML any other way.
#pragma once

#include <string>
#include <string_view>

namespace ck::hub::console {

// &, <, >, ", ' become entities; NUL is dropped. Safe in element content and in "…" or '…' attributes.
std::string Esc(std::string_view text);
// Percent-encodes everything but unreserved characters (RFC 3986), for query values in links.
std::string UrlEncode(std::string_view text);

}  // namespace ck::hub::console

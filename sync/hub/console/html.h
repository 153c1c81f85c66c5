// The console's ONE escaping point: the templates' escaper (template_render.cpp) is Esc, for element text
// and quoted attributes alike; a URL query value goes through UrlEncode in the view model and then Esc in
// the template. Pages never write HTML themselves.
#pragma once

#include <string>
#include <string_view>

namespace ck::hub::console {

// &, <, >, ", ' become entities; NUL is dropped. Safe in element content and in "…" or '…' attributes.
std::string Esc(std::string_view text);
// Percent-encodes everything but unreserved characters (RFC 3986), for query values in links.
std::string UrlEncode(std::string_view text);

}  // namespace ck::hub::console

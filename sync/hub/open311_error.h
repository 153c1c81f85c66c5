// Open311 GeoReport v2 error bodies: [{"code":400,"description":"…"}], the hub's one error shape.
#pragma once

#include <string>
#include <string_view>

namespace ck::hub {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

// Never throws: invalid UTF-8 in the description (it may echo client input) is replaced, not rejected.
std::string Open311ErrorBody(int code, std::string_view description);

}  // namespace ck::hub

// A QR code as inline SVG (libqrencode), for pages the hub renders itself: no image files, no scripts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ck::hub {

// An <svg> of `size_px` square with a 4-module quiet zone, error correction M, black on white; `label`
// becomes its accessible name (escaped). Nullopt when the text is too long to encode.
std::optional<std::string> QrSvg(std::string_view text, int size_px, std::string_view label);

}  // namespace ck::hub

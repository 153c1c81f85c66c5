// QR → SVG: one path of unit squares over a viewBox in modules, so it scales crisply when printed.
#include "sync/hub/pages/qr_svg.h"

#include <qrencode.h>

#include <memory>

#include "sync/hub/pages/html_frame.h"

namespace ck::hub {

std::optional<std::string> QrSvg(std::string_view text, int size_px, std::string_view label) {
  std::string data(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) return std::nullopt;
  const int n = qr->width, quiet = 4, total = n + 2 * quiet;
  std::string path;
  path.reserve(static_cast<std::size_t>(n * n) * 6);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr->data[y * n + x] & 1)  // bit 0: a dark module
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + std::to_string(size_px) +
                    "\" height=\"" + std::to_string(size_px) + "\" viewBox=\"0 0 " + std::to_string(total) + " " +
                    std::to_string(total) + "\" shape-rendering=\"crispEdges\" aria-label=\"" + HtmlEscape(label) +
                    "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path +
                    "\"/></svg>";
  return svg;
}

}  // namespace ck::hub

// QrMatrix: a QR code as a square of dark/light modules, made once (libqrencode) and drawn as rectangles.
#pragma once

#include <string>
#include <vector>

namespace ck::ui {

struct QrMatrix {
  int size = 0;            // modules per side; 0 when there is no code
  std::vector<bool> dark;  // row-major, size * size
  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// Medium error correction: survives a smudged screen. Empty matrix if the text cannot be encoded.
QrMatrix EncodeQr(const std::string& text);

}  // namespace ck::ui

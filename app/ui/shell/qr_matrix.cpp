// QR encoding through libqrencode.
#include "app/ui/shell/qr_matrix.h"

#include <qrencode.h>

namespace ck::ui {

QrMatrix EncodeQr(const std::string& text) {
  QrMatrix m;
  if (text.empty()) return m;
  QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
  if (code == nullptr) return m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
  QRcode_free(code);
  return m;
}

}  // namespace ck::ui

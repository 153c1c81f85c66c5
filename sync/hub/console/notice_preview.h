// A notice drawn the way the kiosk's detail screen draws it (top bar, badges, title, labelled facts, the
// body in paragraphs, the QR column), as an HTML fragment for the compose page and its live refresh.
#pragma once

#include <string>

#include "sync/hub/console/text.h"
#include "sync/protocol/notice.h"

namespace ck::hub::console {

std::string KioskPreview(Lang lang, const protocol::Notice& n);

}  // namespace ck::hub::console

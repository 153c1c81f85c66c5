// A notice drawn the way the kiosk's detail screen draws it (top bar, badges, title, labelled facts, the
// body in paragraphs, the QR column): templates/notice_preview.mustache, for the compose page (a partial)
// and its live refresh (a fragment).
#pragma once

#include <string>

#include "sync/hub/console/template_render.h"
#include "sync/hub/console/text.h"
#include "sync/protocol/notice.h"

namespace ck::hub::console {

View KioskPreviewView(Lang lang, const protocol::Notice& n);
// The fragment alone.
std::string KioskPreview(Lang lang, const protocol::Notice& n);

}  // namespace ck::hub::console

// The public notice page (GET /notices/{id}): what a resident sees after scanning a kiosk's QR code.
// Pure functions from a record to HTML, so escaping and wording are tested without a server.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/pages/html_frame.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

// 200 for a published notice (marked 已过期 once expired), 410 for a withdrawn one, 404 for one that does
// not exist or is not yet published (scheduled notices are not public before their time).
HtmlPage RenderNoticePage(const std::optional<NoticeRecord>& record, protocol::UnixSeconds now);
HtmlPage RenderNotFoundPage();

}  // namespace ck::hub

// The public status page of one ticket (GET /t/{ticket_code}): what a resident opens from the receipt's
// QR code. Shows the category, what was reported, the owner, the promised date, the reply, the rating and
// the timeline; never the phone number. Pure functions, so wording and escaping are tested without a server.
#pragma once

#include "sync/hub/pages/html_frame.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

HtmlPage RenderTicketPage(const RequestRecord& record);
// 404 for a code whose check character (or shape) is wrong: almost always a typo, so say so.
HtmlPage RenderMistypedTicketPage();
// 404 for a well-formed code the hub does not know (yet: a kiosk may still be offline with it).
HtmlPage RenderUnknownTicketPage();
// 429 once this address has looked up too many unknown codes: when to try again, in minutes.
HtmlPage RenderThrottledTicketPage(int retry_after_seconds);

}  // namespace ck::hub
